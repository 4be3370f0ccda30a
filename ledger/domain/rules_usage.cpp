// The rule for usage records, the bulk of a large log: credits a grant released are consumed.

#include "ledger/domain/rulesupport.h"

#include <algorithm>

namespace ledger::rules {

// The checks and effects of a usage record, on fields already read (by usageRecorded or by a replay's
// readUsageRecord).
Result<Outcome> recordUsage(Ctx &c, const UsageFields &b)
{
    thread_local std::string id; // the grant id as the maps take it, without an allocation per record
    id.assign(b.grant);
    const int64_t amount = b.amount;
    const int64_t start = b.periodStart;
    const int64_t end = b.periodEnd;
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (start > end)
        return reject("invalid_body", QStringLiteral("The usage period ends before it starts."));
    if (end > c.at())
        return reject("not_yet", QStringLiteral("Usage cannot be recorded for a period that has not ended."));
    if (end < g.createdAt)
        return reject("invalid_body",
            QStringLiteral("The usage period ends before the grant \"%1\" was made.").arg(q(id)));
    if (b.resource != g.resource)
        return reject("resource_mismatch",
            QStringLiteral("The grant \"%1\" holds %2 credits, not %3.")
                .arg(q(id), q(g.resource), q(std::string(b.resource))));
    if (end > g.expiresAt)
        return reject(
            "expired", QStringLiteral("Credits of \"%1\" cannot be used after they expire.").arg(q(id)));
    const std::string &usageKey = scratchKey(id, b.usage);
    const uint64_t usageHash = KeySet::hashOf(usageKey);
    if (c.s.usageSeen(usageKey, usageHash))
        return reject("duplicate_usage",
            QStringLiteral("The usage \"%1\" is already recorded for \"%2\".")
                .arg(q(std::string(b.usage)), q(id)));
    if (amount > g.available)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" has %2 GPU-hours released and unused; "
                           "the usage is %3.")
                .arg(q(id), gpuHours(g.available), gpuHours(amount)));
    g.available -= amount;
    g.consumed += amount;
    if (c.s.trackDirty)
        c.s.dirty.usages.push_back(usageKey);
    c.s.usageKeys.insert(usageKey, usageHash); // the scratch key is reused below
    g.lastUsageAt = std::max(g.lastUsageAt, end);
    transfer(c, grantAccount(id), kConsumedAccount, g.resource, amount, id);
    markGrant(c, id);
    return Outcome::Applied;
}

Result<Outcome> usageRecorded(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "usage", "resource", "amount", "period_start", "period_end" });
    const std::string id = c.r.id("grant");
    const std::string usage = c.r.text("usage", 128);
    const std::string resource = c.r.resource("resource");
    const int64_t amount = c.r.amount("amount");
    const int64_t start = c.r.time("period_start");
    const int64_t end = c.r.time("period_end");
    READ_OK();
    return recordUsage(c, UsageFields { id, usage, resource, amount, start, end });
}

} // namespace ledger::rules
