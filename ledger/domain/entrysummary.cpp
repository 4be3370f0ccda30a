#include "ledger/domain/entrysummary.h"

#include "ledger/domain/units.h"

#include "ledger/domain/brn.h"

#include <QCoreApplication>
#include <QStringList>

namespace ledger {

using namespace units;

namespace {

using ledger::json::Value;

QString s(const Value &body, const char *key, qsizetype maxChars = 80)
{
    const Value *v = body.find(key);
    if (!v || !v->isString())
        return QStringLiteral("?");
    QString text = v->toQString().simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

int64_t n(const Value &body, const char *key)
{
    const Value *v = body.find(key);
    return v && v->isInt() ? v->toInt() : 0;
}

// Translated in context "EntrySummary" (QT_TRANSLATE_NOOP marks each text for lupdate, which scans this file
// with ui/): the desktop shows entries in its language; without a translator (the CLI) the English source is
// the text.
QString words(const char *source)
{
    return QCoreApplication::translate("EntrySummary", source);
}

QString amount(const Value &body, const char *key = "amount")
{
    return words(QT_TRANSLATE_NOOP("EntrySummary", "%1 GPU-hours")).arg(formatAmount(n(body, key)));
}

QString decision(const Value &body)
{
    const QString d = s(body, "decision");
    if (d == u"approved")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "approved"));
    if (d == u"rejected")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "rejected"));
    if (d == u"waitlisted")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "waitlisted"));
    return d;
}

QString date(const Value &body, const char *key)
{
    return formatTime(n(body, key));
}

} // namespace

QString summariseEntry(const std::string &type, const Value &body)
{
    if (type == "alliance.genesis")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Alliance \"%1\" (%2), origin %3"))
            .arg(s(body, "name"), s(body, "alliance"), s(body, "origin"));
    if (type == "member.enrolled") {
        if (body.find("startup"))
            return words(QT_TRANSLATE_NOOP("EntrySummary", "Enrol %1 as %2 of startup %3"))
                .arg(s(body, "name"), s(body, "role"), s(body, "startup"));
        if (body.find("sponsor"))
            return words(QT_TRANSLATE_NOOP("EntrySummary", "Enrol %1 as %2 of sponsor %3"))
                .arg(s(body, "name"), s(body, "role"), s(body, "sponsor"));
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Enrol %1 as %2"))
            .arg(s(body, "name"), s(body, "role"));
    }
    if (type == "member.revoked")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Revoke key %1: %2"))
            .arg(shortKeyId(s(body, "key_id")), s(body, "reason"));
    if (type == "registry.appointed")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Appoint the registry at %1")).arg(s(body, "url"));
    if (type == "programme.created")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Programme %1 \"%2\", open %3 to %4"))
            .arg(s(body, "programme"), s(body, "name"), date(body, "opens_at"), date(body, "closes_at"));
    if (type == "sponsor.registered")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Sponsor %1 \"%2\" (%3)"))
            .arg(s(body, "sponsor"), s(body, "name"), s(body, "kind"));
    if (type == "pool.pledged")
        return words(
            QT_TRANSLATE_NOOP("EntrySummary", "Pledge %1 of %2 into pool %3 from %4 for %5, valid until %6"))
            .arg(amount(body), s(body, "resource"), s(body, "pool"), s(body, "sponsor"), s(body, "programme"),
                date(body, "valid_until"));
    if (type == "pool.closed")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Close pool %1: %2"))
            .arg(s(body, "pool"), s(body, "reason"));
    if (type == "startup.registered") {
        const auto brn = ledger::normaliseBrn(s(body, "brn").toStdString());
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Startup %1 \"%2\", BRN %3, %4"))
            .arg(s(body, "startup"), s(body, "name"),
                brn ? QString::fromStdString(ledger::formatBrn(*brn)) : s(body, "brn"), s(body, "sector"));
    }
    if (type == "application.submitted")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Application %1 by %2 to %3: %4 of %5, \"%6\""))
            .arg(s(body, "application"), s(body, "startup"), s(body, "programme"), amount(body),
                s(body, "resource"), s(body, "title", 60));
    if (type == "application.assigned") {
        const Value *r = body.find("reviewers");
        const qsizetype count = r && r->isArray() ? qsizetype(r->toArray().size()) : 0;
        // Two sentences rather than a plural suffix: no text is built by concatenation (UI.md).
        if (count == 1)
            return words(QT_TRANSLATE_NOOP("EntrySummary", "Assign 1 reviewer to %1"))
                .arg(s(body, "application"));
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Assign %1 reviewers to %2"))
            .arg(count)
            .arg(s(body, "application"));
    }
    if (type == "application.reviewed") {
        const Value *conflict = body.find("conflict");
        if (conflict && conflict->toBool())
            return words(QT_TRANSLATE_NOOP("EntrySummary", "Review of %1: conflict of interest declared"))
                .arg(s(body, "application"));
        QStringList parts;
        int64_t total = 0;
        if (const Value *scores = body.find("scores"); scores && scores->isObject()) {
            for (const auto &[crit, score] : scores->toObject()) {
                parts << QStringLiteral("%1 %2").arg(QString::fromStdString(crit)).arg(score.toInt());
                total += score.toInt();
            }
        }
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Review of %1: %2 (total %3)"))
            .arg(s(body, "application"), parts.join(QStringLiteral(", ")))
            .arg(total);
    }
    if (type == "application.decided")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Application %1 %2: %3"))
            .arg(s(body, "application"), decision(body), s(body, "reason"));
    if (type == "application.withdrawn")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Application %1 withdrawn: %2"))
            .arg(s(body, "application"), s(body, "reason"));
    if (type == "grant.created") {
        int64_t total = 0;
        qsizetype count = 0;
        if (const Value *t = body.find("tranches"); t && t->isArray()) {
            for (const Value &tr : t->toArray()) {
                total += n(tr, "amount");
                ++count;
            }
        }
        if (count == 1)
            return words(QT_TRANSLATE_NOOP("EntrySummary",
                             "Grant %1: %2 GPU-hours from pool %3 for application %4, 1 tranche, expires %5"))
                .arg(s(body, "grant"), formatAmount(total), s(body, "pool"), s(body, "application"),
                    date(body, "expires_at"));
        return words(QT_TRANSLATE_NOOP("EntrySummary",
                         "Grant %1: %2 GPU-hours from pool %3 for application %4, %5 tranches, expires %6"))
            .arg(s(body, "grant"), formatAmount(total), s(body, "pool"), s(body, "application"))
            .arg(count)
            .arg(date(body, "expires_at"));
    }
    if (type == "grant.tranche_released")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Release tranche %1 of grant %2"))
            .arg(n(body, "tranche") + 1)
            .arg(s(body, "grant"));
    if (type == "usage.recorded")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Use %1 of %2 from grant %3 (%4, %5 to %6)"))
            .arg(amount(body), s(body, "resource"), s(body, "grant"), s(body, "usage", 40),
                date(body, "period_start"), date(body, "period_end"));
    if (type == "credits.expired")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Expire the remaining credits of grant %1"))
            .arg(s(body, "grant"));
    if (type == "grant.clawed_back")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Claw back %1 from grant %2 (%3): %4"))
            .arg(body.find("amount") ? amount(body)
                                     : words(QT_TRANSLATE_NOOP("EntrySummary", "everything left")),
                s(body, "grant"), s(body, "reason_code"), s(body, "reason"));
    if (type == "approval")
        return words(QT_TRANSLATE_NOOP("EntrySummary", "Approve entry %1"))
            .arg(s(body, "target").left(16) + QChar(0x2026));
    return QString::fromStdString(type);
}

} // namespace ledger
