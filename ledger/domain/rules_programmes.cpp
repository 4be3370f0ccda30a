// The rules for where credits come from: programmes, sponsors, and the pools sponsors pledge and close.

#include "ledger/domain/rulesupport.h"

namespace ledger::rules {

Result<Outcome> programmeCreated(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "programme", "name", "opens_at", "closes_at", "rubric", "approval_threshold",
        "approvals_required" });
    Programme p;
    p.id = c.r.id("programme");
    p.name = c.r.text("name");
    p.opensAt = c.r.time("opens_at");
    p.closesAt = c.r.time("closes_at");
    p.approvalThreshold = c.r.integer("approval_threshold", 0, json::kMaxSafeInteger);
    p.approvalsRequired = c.r.integer("approvals_required", 1, 10);
    const json::Array *rubric = c.r.array("rubric", 20);
    READ_OK();
    if (c.s.programmes.count(p.id))
        return reject("already_exists", QStringLiteral("The programme \"%1\" already exists.").arg(q(p.id)));
    if (p.opensAt >= p.closesAt)
        return reject("invalid_body", QStringLiteral("A call must open before it closes."));
    if (rubric->empty())
        return reject("invalid_body", QStringLiteral("The rubric needs at least one criterion."));
    for (const json::Value &item : *rubric) {
        BodyReader cr(item);
        Criterion crit;
        crit.id = item.isObject() ? cr.id("id") : std::string();
        crit.max = item.isObject() ? cr.integer("max", 1, 100) : 0;
        cr.only({ "id", "max" });
        if (!item.isObject() || !cr.ok())
            return reject(
                "invalid_body", QStringLiteral("Each rubric criterion is {\"id\", \"max\" 1..100}."));
        if (std::any_of(
                p.rubric.begin(), p.rubric.end(), [&](const Criterion &x) { return x.id == crit.id; }))
            return reject("invalid_body", QStringLiteral("The rubric names \"%1\" twice.").arg(q(crit.id)));
        p.rubric.push_back(crit);
    }
    const std::string id = p.id;
    c.s.programmes[id] = std::move(p);
    if (c.s.trackDirty)
        c.s.dirty.programmes.insert(id);
    return Outcome::Applied;
}

Result<Outcome> sponsorRegistered(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "sponsor", "name", "kind" });
    Sponsor sp;
    sp.id = c.r.id("sponsor");
    sp.name = c.r.text("name");
    sp.kind = c.r.oneOf("kind", { "government", "vc", "cloud", "corporate" });
    READ_OK();
    if (c.s.sponsors.count(sp.id))
        return reject("already_exists", QStringLiteral("The sponsor \"%1\" already exists.").arg(q(sp.id)));
    const std::string id = sp.id;
    c.s.sponsors[id] = std::move(sp);
    if (c.s.trackDirty)
        c.s.dirty.sponsors.insert(id);
    return Outcome::Applied;
}

Result<Outcome> poolPledged(Ctx &c)
{
    c.r.only({ "pool", "sponsor", "programme", "resource", "amount", "valid_until" });
    const std::string poolId = c.r.id("pool");
    const std::string sponsorId = c.r.id("sponsor");
    const std::string programmeId = c.r.id("programme");
    const std::string resource = c.r.resource("resource");
    const int64_t amount = c.r.amount("amount");
    const int64_t validUntil = c.r.time("valid_until");
    READ_OK();
    if (!isBoundTo(c, Role::Sponsor, sponsorId))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    CHECK(lookup(c.s.sponsors, sponsorId, "sponsor"));
    auto programme = lookup(c.s.programmes, programmeId, "programme");
    CHECK(programme);
    if (validUntil <= c.at())
        return reject("expired", QStringLiteral("A pool must be valid after the time it is pledged."));
    auto existing = c.s.pools.find(poolId);
    if (existing != c.s.pools.end()) {
        const Pool &p = existing->second;
        if (p.sponsor != sponsorId || p.programme != programmeId || p.resource != resource)
            return reject("pool_mismatch",
                QStringLiteral("The pool \"%1\" belongs to another sponsor, programme or "
                               "resource; a top-up must name the same ones.")
                    .arg(q(poolId)));
        if (p.closed)
            return reject("pool_closed", QStringLiteral("The pool \"%1\" is closed.").arg(q(poolId)));
        if (validUntil < p.validUntil)
            return reject("invalid_body",
                QStringLiteral("A top-up cannot shorten the validity of pool \"%1\" (valid "
                               "until %2).")
                    .arg(q(poolId), units::formatTime(p.validUntil)));
    }
    int64_t newPledged = 0;
    const int64_t before = existing == c.s.pools.end() ? 0 : existing->second.pledged;
    int64_t sponsorAfter = 0;
    if (!checkedAdd(before, amount, newPledged)
        || !checkedAdd(c.s.balance(sponsorAccount(sponsorId), resource), -amount, sponsorAfter))
        return reject("overflow", QStringLiteral("The pledge would overflow the pool's total."));
    if (!c.approved && needsApproval(*programme.value(), amount))
        return defer(c, *programme.value());

    Pool &p = c.s.pools[poolId];
    p.id = poolId;
    p.sponsor = sponsorId;
    p.programme = programmeId;
    p.resource = resource;
    p.pledged = newPledged;
    p.validUntil = std::max(p.validUntil, validUntil);
    transfer(c, sponsorAccount(sponsorId), poolAccount(poolId), resource, amount);
    if (c.s.trackDirty)
        c.s.dirty.pools.insert(poolId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

Result<Outcome> poolClosed(Ctx &c)
{
    c.r.only({ "pool", "reason" });
    const std::string poolId = c.r.id("pool");
    c.r.text("reason", 500);
    READ_OK();
    auto pool = lookup(c.s.pools, poolId, "pool");
    CHECK(pool);
    Pool &p = *pool.value();
    if (!isBoundTo(c, Role::Sponsor, p.sponsor))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    if (p.closed)
        return reject("pool_closed", QStringLiteral("The pool \"%1\" is already closed.").arg(q(poolId)));
    const int64_t remaining = c.s.balance(poolAccount(poolId), p.resource);
    const Programme &programme = c.s.programmes.at(p.programme);
    if (!c.approved && needsApproval(programme, remaining))
        return defer(c, programme);
    p.closed = true;
    if (remaining > 0)
        transfer(c, poolAccount(poolId), sponsorAccount(p.sponsor), p.resource, remaining);
    if (c.s.trackDirty)
        c.s.dirty.pools.insert(poolId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

} // namespace ledger::rules
