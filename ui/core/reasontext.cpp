#include "ui/core/reasontext.h"

#include <QCoreApplication>

#include <iterator>

namespace portal {

namespace {

struct ReasonSentence
{
    const char *code;
    const char *sentence;
};

// One sentence per reason code of ledger/domain/rules*.cpp and of the registry's refusals; general enough to
// hold for every place the code is used (the engine's sentence, shown in the English UI, names the details).
constexpr ReasonSentence kSentences[] = {
    { "not_authorised", QT_TRANSLATE_NOOP("ReasonText", "Your role may not record this entry.") },
    { "invalid_body",
        QT_TRANSLATE_NOOP("ReasonText", "The entry is incomplete or one of its values is not valid.") },
    { "already_exists",
        QT_TRANSLATE_NOOP("ReasonText", "Something with this id already exists in the ledger.") },
    { "last_admin", QT_TRANSLATE_NOOP("ReasonText", "The last active administrator cannot be revoked.") },
    { "expired",
        QT_TRANSLATE_NOOP("ReasonText", "The credits or the period concerned have already expired.") },
    { "pool_mismatch",
        QT_TRANSLATE_NOOP("ReasonText",
            "The pool belongs to another sponsor, programme or resource than the entry names.") },
    { "pool_closed", QT_TRANSLATE_NOOP("ReasonText", "The pool is closed.") },
    { "overflow", QT_TRANSLATE_NOOP("ReasonText", "The amounts add up to more than the ledger can count.") },
    { "invalid_brn",
        QT_TRANSLATE_NOOP("ReasonText",
            "The business registration number is not valid (ten digits with a correct check digit).") },
    { "duplicate_brn",
        QT_TRANSLATE_NOOP("ReasonText",
            "This business registration number is already registered to another "
            "startup.") },
    { "call_closed", QT_TRANSLATE_NOOP("ReasonText", "The programme's call is not open for applications.") },
    { "invalid_transition",
        QT_TRANSLATE_NOOP(
            "ReasonText", "This is not possible at the current stage of the application or grant.") },
    { "not_a_reviewer", QT_TRANSLATE_NOOP("ReasonText", "The chosen member is not an active reviewer.") },
    { "already_assigned",
        QT_TRANSLATE_NOOP("ReasonText", "The reviewer is already assigned to this application.") },
    { "not_assigned", QT_TRANSLATE_NOOP("ReasonText", "You are not assigned to review this application.") },
    { "conflict_of_interest",
        QT_TRANSLATE_NOOP("ReasonText", "A reviewer who declared a conflict of interest cannot score.") },
    { "already_reviewed", QT_TRANSLATE_NOOP("ReasonText", "You have already reviewed this application.") },
    { "no_reviews", QT_TRANSLATE_NOOP("ReasonText", "The application has no reviews yet.") },
    { "not_approved", QT_TRANSLATE_NOOP("ReasonText", "Grants are made only from approved applications.") },
    { "already_granted", QT_TRANSLATE_NOOP("ReasonText", "The application already has a grant.") },
    { "resource_mismatch",
        QT_TRANSLATE_NOOP("ReasonText", "The resource does not match the one of the pool or grant.") },
    { "beyond_pool_validity", QT_TRANSLATE_NOOP("ReasonText", "The grant would outlive its pool.") },
    { "insufficient_balance",
        QT_TRANSLATE_NOOP("ReasonText", "There is not enough credit for this amount.") },
    { "pending_approval", QT_TRANSLATE_NOOP("ReasonText", "The grant is still waiting for approvals.") },
    { "already_approved",
        QT_TRANSLATE_NOOP("ReasonText", "This key has already approved it; each key counts once.") },
    { "clawed_back", QT_TRANSLATE_NOOP("ReasonText", "The grant has been clawed back.") },
    { "cancelled", QT_TRANSLATE_NOOP("ReasonText", "The grant has been cancelled.") },
    { "unknown_object",
        QT_TRANSLATE_NOOP("ReasonText", "The entry refers to something that is not in the ledger.") },
    { "already_released", QT_TRANSLATE_NOOP("ReasonText", "This tranche is already released.") },
    { "not_yet",
        QT_TRANSLATE_NOOP("ReasonText", "It is too early: the date it depends on has not come yet.") },
    { "duplicate_usage", QT_TRANSLATE_NOOP("ReasonText", "This usage is already recorded.") },
    { "revoked_member", QT_TRANSLATE_NOOP("ReasonText", "The key concerned has been revoked.") },
    { "unknown_author", QT_TRANSLATE_NOOP("ReasonText", "The signing key is not a member of the alliance.") },
    { "unknown_type", QT_TRANSLATE_NOOP("ReasonText", "The ledger does not know this kind of entry.") },
    { "bad_signature", QT_TRANSLATE_NOOP("ReasonText", "The entry's signature does not verify.") },
    { "clock_skew",
        QT_TRANSLATE_NOOP("ReasonText",
            "The entry's time is too far from the registry's clock; check this "
            "computer's clock.") },
    { "genesis_required", QT_TRANSLATE_NOOP("ReasonText", "The ledger must begin with its genesis entry.") },
};

const ReasonSentence *find(const QString &code)
{
    for (const ReasonSentence &r : kSentences)
        if (code == QLatin1String(r.code))
            return &r;
    return nullptr;
}

} // namespace

QStringList reasonCodes()
{
    QStringList out;
    for (const ReasonSentence &r : kSentences)
        out << QLatin1String(r.code);
    return out;
}

QString reasonSentence(const QString &code, const QString &engineSentence)
{
    const ReasonSentence *r = find(code);
    if (!r)
        return engineSentence.isEmpty() ? code : engineSentence;
    const QString translated = QCoreApplication::translate("ReasonText", r->sentence);
    // No translation installed (the English UI): the engine's sentence says the same with the details.
    if (translated == QLatin1String(r->sentence) && !engineSentence.isEmpty())
        return engineSentence;
    return translated;
}

} // namespace portal
