#include "ledger/engine/statediff.h"

#include <tuple>

namespace ledger {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Each object type reduced to a comparable tuple of its fields.
auto fields(const Member &m)
{
    return std::tie(m.keyId, m.publicKey, m.name, m.role, m.startup, m.sponsor, m.revoked, m.enrolledAt);
}
auto fields(const Programme &p)
{
    return std::make_tuple(
        p.id, p.name, p.opensAt, p.closesAt, p.approvalThreshold, p.approvalsRequired, p.rubric.size());
}
auto fields(const Sponsor &s)
{
    return std::tie(s.id, s.name, s.kind);
}
auto fields(const Pool &p)
{
    return std::tie(p.id, p.sponsor, p.programme, p.resource, p.pledged, p.validUntil, p.closed);
}
auto fields(const Startup &s)
{
    return std::tie(s.id, s.name, s.brn, s.sector);
}
auto fields(const Application &a)
{
    return std::make_tuple(a.id, a.startup, a.programme, a.title, a.resource, a.requested, a.stage,
        a.reviewers, a.reviews.size(), a.decisionReason, a.grant, a.submittedAt, a.decidedAt);
}
auto fields(const Grant &g)
{
    return std::make_tuple(g.id, g.application, g.startup, g.pool, g.resource, g.amount, g.tranches.size(),
        g.expiresAt, g.createdAt, g.status, g.unreleased, g.available, g.consumed, g.expired, g.clawedBack,
        g.lastUsageAt);
}
auto fields(const PendingAction &p)
{
    return std::tie(p.target, p.type, p.author, p.body, p.approvers, p.required, p.createdAt);
}

bool sameDetail(const Programme &a, const Programme &b)
{
    for (size_t i = 0; i < a.rubric.size(); ++i) {
        if (a.rubric[i].id != b.rubric[i].id || a.rubric[i].max != b.rubric[i].max)
            return false;
    }
    return true;
}
bool sameDetail(const Application &a, const Application &b)
{
    for (size_t i = 0; i < a.reviews.size(); ++i) {
        const Review &x = a.reviews[i];
        const Review &y = b.reviews[i];
        if (x.reviewer != y.reviewer || x.conflict != y.conflict || x.scores != y.scores
            || x.comment != y.comment || x.at != y.at)
            return false;
    }
    return true;
}
bool sameDetail(const Grant &a, const Grant &b)
{
    for (size_t i = 0; i < a.tranches.size(); ++i) {
        const Tranche &x = a.tranches[i];
        const Tranche &y = b.tranches[i];
        if (x.amount != y.amount || x.releaseAt != y.releaseAt || x.released != y.released)
            return false;
    }
    return true;
}
template<typename T> bool sameDetail(const T &, const T &)
{
    return true;
}

template<typename Map> QString compareMaps(const char *what, const Map &expected, const Map &actual)
{
    for (const auto &[id, e] : expected) {
        auto it = actual.find(id);
        if (it == actual.end())
            return QStringLiteral("%1 %2 is missing from the projections").arg(QLatin1String(what), q(id));
        if (fields(e) != fields(it->second) || !sameDetail(e, it->second))
            return QStringLiteral("%1 %2 differs from the log").arg(QLatin1String(what), q(id));
    }
    for (const auto &kv : actual) {
        if (!expected.count(kv.first))
            return QStringLiteral("%1 %2 is in the projections but not in the log")
                .arg(QLatin1String(what), q(kv.first));
    }
    return {};
}

} // namespace

QString firstDifference(const State &e, const State &a)
{
    if (e.allianceId != a.allianceId || e.origin != a.origin || e.rootKey != a.rootKey
        || e.checkpointKey != a.checkpointKey || e.registryUrl != a.registryUrl
        || e.allianceName != a.allianceName)
        return QStringLiteral("the alliance identity differs from the log");
    if (e.size != a.size || e.lastAt != a.lastAt)
        return QStringLiteral("the projections cover %1 entries but the log has %2").arg(a.size).arg(e.size);
    QString d;
    if (!(d = compareMaps("member", e.members, a.members)).isEmpty())
        return d;
    if (!(d = compareMaps("programme", e.programmes, a.programmes)).isEmpty())
        return d;
    if (!(d = compareMaps("sponsor", e.sponsors, a.sponsors)).isEmpty())
        return d;
    if (!(d = compareMaps("pool", e.pools, a.pools)).isEmpty())
        return d;
    if (!(d = compareMaps("startup", e.startups, a.startups)).isEmpty())
        return d;
    if (!(d = compareMaps("application", e.applications, a.applications)).isEmpty())
        return d;
    if (!(d = compareMaps("grant", e.grants, a.grants)).isEmpty())
        return d;
    if (!(d = compareMaps("pending approval", e.pending, a.pending)).isEmpty())
        return d;
    for (const auto &[key, amount] : e.balances) {
        if (a.balance(key.first, key.second) != amount)
            return QStringLiteral("the balance of %1 in %2 differs from the log")
                .arg(q(key.first), q(key.second));
    }
    for (const auto &[key, amount] : a.balances) {
        if (e.balance(key.first, key.second) != amount)
            return QStringLiteral("the balance of %1 in %2 differs from the log")
                .arg(q(key.first), q(key.second));
    }
    return {};
}

} // namespace ledger
