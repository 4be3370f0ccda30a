// Verbs that move credit: grant, release, use, expire, clawback.

#include "cli.h"
#include "ledger/domain/units.h"

#include "ledger/codec/entry.h"

namespace cli {

namespace {

using ledger::json::Value;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

const ledger::Grant *findGrant(Invocation &inv, const std::string &id)
{
    const ledger::State &s = inv.state();
    auto it = s.grants.find(id);
    return it == s.grants.end() ? nullptr : &it->second;
}

QString grantOwner(Invocation &inv, const ledger::Grant *g)
{
    return g ? QStringLiteral(" of %1").arg(inv.startupName(g->startup)) : QString();
}

int runGrant(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    const std::string grantId
        = inv.isSet(QStringLiteral("grant")) ? inv.id(QStringLiteral("grant"), "grant") : appId;
    const std::string poolId = inv.id(QStringLiteral("pool"), "pool");
    const int64_t expires = inv.time(QStringLiteral("expires"));
    const QStringList trancheArgs = inv.values(QStringLiteral("tranche"));
    if (trancheArgs.isEmpty() == !inv.isSet(QStringLiteral("amount")))
        usageError(
            QStringLiteral("Give the credits either as --amount AMOUNT (released now) or as one or more "
                           "--tranche AMOUNT@DATE."));
    struct T
    {
        int64_t amount;
        int64_t at;
    };
    std::vector<T> tranches;
    if (inv.isSet(QStringLiteral("amount"))) {
        tranches.push_back(T { inv.amount(QStringLiteral("amount")), inv.nowMs() });
    } else {
        for (const QString &t : trancheArgs) {
            const qsizetype at = t.lastIndexOf(QLatin1Char('@'));
            if (at <= 0)
                usageError(
                    QStringLiteral("--tranche \"%1\" must be AMOUNT@DATE, e.g. 600@2026-07-01 or 600@now.")
                        .arg(t));
            auto amount = parseAmount(QStringView(t).left(at));
            if (!amount)
                usageError(QStringLiteral("--tranche: %1").arg(amount.error().message));
            auto when = parseTime(QStringView(t).mid(at + 1), inv.nowMs());
            if (!when)
                usageError(QStringLiteral("--tranche: %1").arg(when.error().message));
            tranches.push_back(T { amount.value(), when.value() });
        }
    }
    if (tranches.size() > 24)
        usageError(QStringLiteral("A grant has at most 24 tranches."));
    int64_t total = 0;
    ledger::json::Array list;
    QStringList shown;
    for (size_t i = 0; i < tranches.size(); ++i) {
        if (i > 0 && tranches[i].at < tranches[i - 1].at)
            usageError(QStringLiteral("List the tranches in the order they are released."));
        if (tranches[i].at >= expires)
            usageError(QStringLiteral("Every tranche must be released before the grant expires (%1).")
                           .arg(formatTime(expires)));
        if (__builtin_add_overflow(total, tranches[i].amount, &total)
            || total > ledger::json::kMaxSafeInteger)
            usageError(QStringLiteral("The tranches add up to more than can be counted."));
        Value item = newObject();
        item.set("amount", Value(tranches[i].amount));
        item.set("release_at", Value(tranches[i].at));
        list.push_back(std::move(item));
        shown << QStringLiteral("%1 %2").arg(formatAmount(tranches[i].amount),
            tranches[i].at <= inv.nowMs() ? QStringLiteral("now")
                                          : QStringLiteral("on %1").arg(formatTime(tranches[i].at)));
    }
    const ledger::State &s = inv.state();
    QString resource = QStringLiteral("credits");
    QString who = QStringLiteral("application %1").arg(q(appId));
    if (auto a = s.applications.find(appId); a != s.applications.end()) {
        resource = q(a->second.resource);
        who = inv.startupName(a->second.startup);
    }
    Value body = newObject();
    body.set("grant", Value(grantId));
    body.set("application", Value(appId));
    body.set("pool", Value(poolId));
    body.set("tranches", Value(std::move(list)));
    body.set("expires_at", Value(expires));
    const QString trancheText = tranches.size() == 1
        ? (tranches[0].at <= inv.nowMs() ? QString()
                                         : QStringLiteral(", released on %1").arg(formatTime(tranches[0].at)))
        : QStringLiteral(" in %1 tranches (%2)").arg(tranches.size()).arg(shown.join(QStringLiteral(", ")));
    return inv.record("grant.created", std::move(body),
        QStringLiteral("Grant %1 GPU-hours of %2 to %3%4, expiring %5, from pool %6 (grant %7)")
            .arg(
                formatAmount(total), resource, who, trancheText, formatTime(expires), q(poolId), q(grantId)));
}

int runRelease(Invocation &inv)
{
    const std::string grantId = inv.id(QStringLiteral("grant"), "grant");
    const ledger::Grant *g = findGrant(inv, grantId);
    int64_t index = -1;
    if (inv.isSet(QStringLiteral("tranche"))) {
        index = inv.integer(QStringLiteral("tranche"), 1, 24) - 1;
    } else if (g) {
        for (size_t i = 0; i < g->tranches.size(); ++i) {
            if (!g->tranches[i].released) {
                index = int64_t(i);
                break;
            }
        }
        if (index < 0)
            usageError(QStringLiteral("Every tranche of grant %1 is already released.").arg(q(grantId)));
    } else {
        usageError(QStringLiteral("Name the tranche with --tranche N (1 = the first)."));
    }
    QString amount;
    if (g && index < int64_t(g->tranches.size()))
        amount = QStringLiteral(" (%1 GPU-hours of %2, due %3)")
                     .arg(formatAmount(g->tranches[size_t(index)].amount), q(g->resource),
                         formatTime(g->tranches[size_t(index)].releaseAt));
    Value body = newObject();
    body.set("grant", Value(grantId));
    body.set("tranche", Value(index));
    return inv.record("grant.tranche_released", std::move(body),
        QStringLiteral("Release tranche %1%2 of grant %3%4")
            .arg(index + 1)
            .arg(amount, q(grantId), grantOwner(inv, g)));
}

int runUse(Invocation &inv)
{
    const std::string grantId = inv.id(QStringLiteral("grant"), "grant");
    const int64_t amount = inv.amount(QStringLiteral("amount"));
    const int64_t to = inv.isSet(QStringLiteral("to")) ? inv.time(QStringLiteral("to")) : inv.nowMs();
    const int64_t from = inv.isSet(QStringLiteral("from")) ? inv.time(QStringLiteral("from")) : to;
    if (from > to)
        usageError(QStringLiteral("--from must not be after --to."));
    // Without --usage the record gets a fresh id, so it can never be mistaken for a repeat of another.
    const std::string usage = inv.isSet(QStringLiteral("usage")) ? inv.text(QStringLiteral("usage"), 128)
                                                                 : "cli-" + ledger::makeNonce().substr(0, 12);
    const ledger::Grant *g = findGrant(inv, grantId);
    std::string resource;
    if (inv.isSet(QStringLiteral("resource"))) {
        auto r = parseResource(inv.value(QStringLiteral("resource")));
        if (!r)
            usageError(QStringLiteral("--resource: %1").arg(r.error().message));
        resource = r.value();
    } else if (g) {
        resource = g->resource;
    } else {
        usageError(QStringLiteral("There is no grant \"%1\" to take the resource from; give --resource.")
                       .arg(q(grantId)));
    }
    Value body = newObject();
    body.set("grant", Value(grantId));
    body.set("usage", Value(usage));
    body.set("resource", Value(resource));
    body.set("amount", Value(amount));
    body.set("period_start", Value(from));
    body.set("period_end", Value(to));
    const QString period = from == to ? QStringLiteral("up to %1").arg(formatTime(to))
                                      : QStringLiteral("%1 to %2").arg(formatTime(from), formatTime(to));
    return inv.record("usage.recorded", std::move(body),
        QStringLiteral("Record use of %1 GPU-hours of %2 from grant %3%4, %5 (usage %6)")
            .arg(formatAmount(amount), q(resource), q(grantId), grantOwner(inv, g), period, q(usage)));
}

int runExpire(Invocation &inv)
{
    const std::string grantId = inv.id(QStringLiteral("grant"), "grant");
    const ledger::Grant *g = findGrant(inv, grantId);
    const QString what = g
        ? QStringLiteral("Expire the remaining %1 GPU-hours of %2 in grant %3%4, which expired %5")
              .arg(formatAmount(g->balance()), q(g->resource), q(grantId), grantOwner(inv, g),
                  formatTime(g->expiresAt))
        : QStringLiteral("Expire the remaining credits of grant %1").arg(q(grantId));
    Value body = newObject();
    body.set("grant", Value(grantId));
    return inv.record("credits.expired", std::move(body), what);
}

int runClawback(Invocation &inv)
{
    const std::string grantId = inv.id(QStringLiteral("grant"), "grant");
    const QString code = inv.required(QStringLiteral("reason-code"));
    const QStringList codes { QStringLiteral("misuse"), QStringLiteral("terms_breach"),
        QStringLiteral("company_dissolved"), QStringLiteral("inactive"), QStringLiteral("duplicate"),
        QStringLiteral("other") };
    if (!codes.contains(code))
        usageError(QStringLiteral("--reason-code must be one of %1; not \"%2\".")
                       .arg(codes.join(QStringLiteral(", ")), code));
    const std::string reason = inv.text(QStringLiteral("reason"), 2000);
    const ledger::Grant *g = findGrant(inv, grantId);
    Value body = newObject();
    body.set("grant", Value(grantId));
    QString amount;
    if (inv.isSet(QStringLiteral("amount"))) {
        const int64_t a = inv.amount(QStringLiteral("amount"));
        body.set("amount", Value(a));
        amount = QStringLiteral("%1 GPU-hours").arg(formatAmount(a));
    } else {
        amount = g ? QStringLiteral("all %1 GPU-hours left").arg(formatAmount(g->balance()))
                   : QStringLiteral("everything left");
    }
    body.set("reason_code", Value(code));
    body.set("reason", Value(reason));
    return inv.record("grant.clawed_back", std::move(body),
        QStringLiteral("Claw back %1 from grant %2%3 (%4): %5")
            .arg(amount, q(grantId), grantOwner(inv, g), code, q(reason)));
}

} // namespace

void addCreditVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("grant"),
        QStringLiteral("Grant credits from a pool to an approved application"),
        QStringLiteral(
            "Records grant.created. Signed by an admin or programme manager. Tranches due now are available "
            "at once; later ones are released with `release`. Above the programme's threshold the grant "
            "waits for approvals."),
        [] {
            return QList<QCommandLineOption> {
                opt("application", "The approved application.", "ID"),
                opt("pool", "The pool the credits come from.", "ID"),
                opt("grant", "The new grant's id (default: the application id).", "ID"),
                opt("amount", "GPU-hours, released now (instead of --tranche).", "AMOUNT"),
                opt("tranche",
                    "GPU-hours released on a date, e.g. 600@2026-07-01 or 600@now (repeatable, in order).",
                    "AMOUNT@DATE"),
                opt("expires", "When the grant's credits expire.", "DATE"),
            };
        },
        runGrant });
    verbs.push_back(Verb { QStringLiteral("release"),
        QStringLiteral("Release a tranche of a grant that is due"),
        QStringLiteral(
            "Records grant.tranche_released. Signed by an admin or programme manager, on or after the "
            "tranche's date."),
        [] {
            return QList<QCommandLineOption> { opt("grant", "The grant id.", "ID"),
                opt("tranche", "Which tranche, 1 = the first (default: the first not yet released).", "N") };
        },
        runRelease });
    verbs.push_back(Verb { QStringLiteral("use"), QStringLiteral("Record usage of a grant's credits"),
        QStringLiteral(
            "Records usage.recorded. Signed by an admin or programme manager. The usage id makes imports "
            "idempotent: the same id is never counted twice for a grant."),
        [] {
            return QList<QCommandLineOption> {
                opt("grant", "The grant id.", "ID"),
                opt("amount", "GPU-hours used.", "AMOUNT"),
                opt("usage",
                    "An id for this usage record, e.g. the cloud invoice line (default: a fresh one).", "ID"),
                opt("from", "Start of the usage period (default: --to).", "DATE"),
                opt("to", "End of the usage period (default: now).", "DATE"),
                opt("resource", "provider/gpu-class (default: the grant's).", "RESOURCE"),
            };
        },
        runUse });
    verbs.push_back(Verb { QStringLiteral("expire"),
        QStringLiteral("Expire what is left of a grant past its expiry"),
        QStringLiteral(
            "Records credits.expired. Signed by an admin or programme manager, once the grant has expired."),
        [] { return QList<QCommandLineOption> { opt("grant", "The grant id.", "ID") }; }, runExpire });
    verbs.push_back(
        Verb { QStringLiteral("clawback"), QStringLiteral("Claw credits back from a grant into its pool"),
            QStringLiteral("Records grant.clawed_back. Signed by an admin or programme manager. Without "
                           "--amount, everything "
                           "the grant still holds is clawed back."),
            [] {
                return QList<QCommandLineOption> {
                    opt("grant", "The grant id.", "ID"),
                    opt("amount", "GPU-hours to claw back (default: all that is left).", "AMOUNT"),
                    opt("reason-code",
                        "misuse, terms_breach, company_dissolved, inactive, duplicate or other.", "CODE"),
                    opt("reason", "The reason in words.", "TEXT"),
                };
            },
            runClawback });
}

} // namespace cli
