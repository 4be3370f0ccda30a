// The rules for grants: made from a pool, released tranche by tranche, expired, clawed back.

#include "ledger/domain/rulesupport.h"

namespace ledger::rules {

Result<Outcome> grantCreated(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "application", "pool", "tranches", "expires_at" });
    const std::string grantId = c.r.id("grant");
    const std::string appId = c.r.id("application");
    const std::string poolId = c.r.id("pool");
    const int64_t expiresAt = c.r.time("expires_at");
    const json::Array *trancheList = c.r.array("tranches", 24);
    READ_OK();
    auto app = lookup(c.s.applications, appId, "application");
    CHECK(app);
    auto pool = lookup(c.s.pools, poolId, "pool");
    CHECK(pool);
    Application &a = *app.value();
    Pool &p = *pool.value();

    auto existing = c.s.grants.find(grantId);
    const bool activating = c.approved && existing != c.s.grants.end()
        && existing->second.status == GrantStatus::PendingApproval && a.grant == grantId;
    if (existing != c.s.grants.end() && !activating)
        return reject("already_exists", QStringLiteral("The grant \"%1\" already exists.").arg(q(grantId)));
    if (a.stage != Stage::Approved)
        return reject("not_approved",
            QStringLiteral("The application \"%1\" is %2; grants are made only from "
                           "approved applications.")
                .arg(q(appId), QLatin1String(stageName(a.stage).data())));
    if (!a.grant.empty() && !activating)
        return reject("already_granted",
            QStringLiteral("The application \"%1\" already has the grant \"%2\".").arg(q(appId), q(a.grant)));
    if (p.closed)
        return reject("pool_closed", QStringLiteral("The pool \"%1\" is closed.").arg(q(poolId)));
    if (p.programme != a.programme)
        return reject(
            "pool_mismatch", QStringLiteral("The pool \"%1\" funds another programme.").arg(q(poolId)));
    if (p.resource != a.resource)
        return reject("resource_mismatch",
            QStringLiteral("The pool holds %1 but the application asks for %2.")
                .arg(q(p.resource), q(a.resource)));
    if (expiresAt <= c.at())
        return reject("expired", QStringLiteral("The grant would expire before it starts."));
    if (expiresAt > p.validUntil)
        return reject("beyond_pool_validity",
            QStringLiteral("The grant would outlive its pool, valid until %1.")
                .arg(units::formatTime(p.validUntil)));
    if (trancheList->empty())
        return reject("invalid_body", QStringLiteral("A grant has at least one tranche."));
    std::vector<Tranche> tranches;
    int64_t total = 0;
    int64_t previousRelease = 0;
    for (const json::Value &item : *trancheList) {
        BodyReader tr(item);
        Tranche t;
        if (item.isObject()) {
            tr.only({ "amount", "release_at" });
            t.amount = tr.amount("amount");
            t.releaseAt = tr.time("release_at");
        }
        if (!item.isObject() || !tr.ok())
            return reject(
                "invalid_body", QStringLiteral("Each tranche is {\"amount\" > 0, \"release_at\"}."));
        if (t.releaseAt < previousRelease)
            return reject("invalid_body", QStringLiteral("Tranches are listed in order of release."));
        if (t.releaseAt >= expiresAt)
            return reject(
                "invalid_body", QStringLiteral("Every tranche must be released before the grant expires."));
        if (!checkedAdd(total, t.amount, total))
            return reject("overflow", QStringLiteral("The tranches add up to more than can be counted."));
        previousRelease = t.releaseAt;
        tranches.push_back(t);
    }
    const int64_t poolBalance = c.s.balance(poolAccount(poolId), p.resource);
    if (total > poolBalance)
        return reject("insufficient_balance",
            QStringLiteral("The pool \"%1\" has %2 GPU-hours left; the grant needs %3.")
                .arg(q(poolId), gpuHours(poolBalance), gpuHours(total)));
    const Programme &programme = c.s.programmes.at(a.programme);
    Grant &g = c.s.grants[grantId];
    g.id = grantId;
    g.application = appId;
    g.startup = a.startup;
    g.pool = poolId;
    g.resource = p.resource;
    g.amount = total;
    g.tranches = std::move(tranches);
    g.expiresAt = expiresAt;
    a.grant = grantId;
    markApplication(c, appId);
    markGrant(c, grantId);
    if (!c.approved && needsApproval(programme, total)) {
        g.createdAt = c.at();
        g.status = GrantStatus::PendingApproval;
        return defer(c, programme);
    }
    if (!activating)
        g.createdAt = c.at();
    g.status = GrantStatus::Active;
    g.unreleased = 0;
    g.available = 0;
    for (Tranche &t : g.tranches) {
        t.released = t.releaseAt <= c.at();
        (t.released ? g.available : g.unreleased) += t.amount;
    }
    transfer(c, poolAccount(poolId), grantAccount(grantId), p.resource, total, grantId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

Result<Outcome> trancheReleased(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "tranche" });
    const std::string id = c.r.id("grant");
    const int64_t index = c.r.integer("tranche", 0, 23);
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (index >= int64_t(g.tranches.size()))
        return reject("unknown_object",
            QStringLiteral("The grant \"%1\" has %2 tranches.").arg(q(id)).arg(g.tranches.size()));
    Tranche &t = g.tranches[size_t(index)];
    if (t.released)
        return reject("already_released",
            QStringLiteral("Tranche %1 of \"%2\" is already released.").arg(index).arg(q(id)));
    if (c.at() < t.releaseAt)
        return reject("not_yet",
            QStringLiteral("Tranche %1 of \"%2\" cannot be released before its release date.")
                .arg(index)
                .arg(q(id)));
    if (c.at() >= g.expiresAt)
        return reject("expired", QStringLiteral("The grant \"%1\" has passed its expiry.").arg(q(id)));
    const int64_t amount = t.amount; // a partial clawback has already taken its share off the tranche
    t.released = true;
    g.unreleased -= amount;
    g.available += amount;
    markGrant(c, id);
    return Outcome::Applied;
}

Result<Outcome> creditsExpired(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant" });
    const std::string id = c.r.id("grant");
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (c.at() < g.expiresAt)
        return reject("not_yet",
            QStringLiteral("The credits of \"%1\" do not expire before %2.")
                .arg(q(id), units::formatTime(g.expiresAt)));
    const int64_t remaining = g.balance();
    g.expired += remaining;
    g.unreleased = 0;
    g.available = 0;
    g.status = GrantStatus::Expired;
    if (remaining > 0)
        transfer(c, grantAccount(id), kExpiredAccount, g.resource, remaining, id);
    markGrant(c, id);
    return Outcome::Applied;
}

Result<Outcome> clawedBack(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "amount", "reason_code", "reason" });
    const std::string id = c.r.id("grant");
    int64_t amount = c.r.optionalAmount("amount");
    c.r.oneOf(
        "reason_code", { "misuse", "terms_breach", "company_dissolved", "inactive", "duplicate", "other" });
    c.r.text("reason", 2000);
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    const int64_t balance = g.balance();
    if (balance == 0)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" has nothing left to claw back.").arg(q(id)));
    if (amount == 0)
        amount = balance;
    if (amount > balance)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" holds %2 GPU-hours; cannot claw back %3.")
                .arg(q(id), gpuHours(balance), gpuHours(amount)));
    const Pool &p = c.s.pools.at(g.pool);
    const Programme &programme = c.s.programmes.at(p.programme);
    if (!c.approved && needsApproval(programme, amount))
        return defer(c, programme);
    const int64_t fromUnreleased = std::min(amount, g.unreleased);
    g.unreleased -= fromUnreleased;
    // What is clawed back from unreleased credit comes off the last tranches, so each tranche still says
    // exactly what its release will make available.
    int64_t toTake = fromUnreleased;
    for (auto t = g.tranches.rbegin(); t != g.tranches.rend() && toTake > 0; ++t) {
        if (t->released)
            continue;
        const int64_t take = std::min(toTake, t->amount);
        t->amount -= take;
        toTake -= take;
    }
    g.available -= amount - fromUnreleased;
    g.clawedBack += amount;
    if (g.balance() == 0)
        g.status = GrantStatus::ClawedBack;
    // A closed pool has handed its credit back to the sponsor; what is clawed back follows it there.
    transfer(c, grantAccount(id), p.closed ? sponsorAccount(p.sponsor) : poolAccount(p.id), g.resource,
        amount, id);
    markGrant(c, id);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

} // namespace ledger::rules
