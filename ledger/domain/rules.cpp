#include "ledger/domain/rules.h"

#include "ledger/domain/rulesupport.h"

#include <algorithm>
#include <unordered_map>

// The engine's entry points, the checks every entry goes through and the table of handlers; the handlers
// themselves are in rules_<family>.cpp.

namespace ledger {

namespace rules {

namespace {

constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;

const std::unordered_map<std::string, Handler> &handlers()
{
    static const std::unordered_map<std::string, Handler> table = {
        { "alliance.genesis", genesis },
        { "member.enrolled", memberEnrolled },
        { "member.revoked", memberRevoked },
        { "registry.appointed", registryAppointed },
        { "programme.created", programmeCreated },
        { "sponsor.registered", sponsorRegistered },
        { "pool.pledged", poolPledged },
        { "pool.closed", poolClosed },
        { "startup.registered", startupRegistered },
        { "application.submitted", applicationSubmitted },
        { "application.assigned", applicationAssigned },
        { "application.reviewed", applicationReviewed },
        { "application.decided", applicationDecided },
        { "application.withdrawn", applicationWithdrawn },
        { "grant.created", grantCreated },
        { "grant.tranche_released", trancheReleased },
        { "usage.recorded", usageRecorded },
        { "credits.expired", creditsExpired },
        { "grant.clawed_back", clawedBack },
        { "approval", approval },
        { "pending.cancelled", pendingCancelled },
    };
    return table;
}

} // namespace

Result<Outcome> dispatch(Ctx &c)
{
    const auto &table = handlers();
    auto h = table.find(c.e.type);
    if (h == table.end())
        return reject("unknown_type",
            QStringLiteral("\"%1\" is not an entry type this ledger knows.").arg(q(c.e.type)));
    return h->second(c);
}

namespace {

// What every entry but the genesis goes through before its handler: clock, author, key, revocation.
// `usage` set: the entry is a usage record given field by field (Rules::applyUsage).
Result<Outcome> applyChecked(
    State &state, const Entry &entry, const EntryContext &ctx, const UsageFields *usage)
{
    if (entry.createdAt > ctx.at + kMaxClockSkewMs)
        return reject("clock_skew",
            QStringLiteral("The entry was created in the future (more than five minutes "
                           "ahead of the sequencer); check the computer's clock."));
    Ctx c { state, entry, ctx, BodyReader(entry.body) };
    if (!usage && entry.type == "alliance.genesis") {
        auto r = genesis(c);
        if (r) {
            state.size = ctx.seq + 1;
            state.lastAt = ctx.at;
        }
        return r;
    }
    if (state.allianceId.empty())
        return reject(
            "genesis_required", QStringLiteral("The first entry of a ledger must be alliance.genesis."));
    auto member = state.members.find(entry.author);
    if (member == state.members.end())
        return reject("unknown_author",
            QStringLiteral("The key %1 is not enrolled in this alliance.").arg(q(entry.author)));
    if (member->second.publicKey != ctx.authorKey)
        return reject("bad_signature",
            QStringLiteral("The signing key does not match the enrolled key %1.").arg(q(entry.author)));
    if (member->second.revoked)
        return reject("revoked_member",
            QStringLiteral("The key %1 (%2) has been revoked.").arg(q(entry.author), q(member->second.name)));
    c.author = &member->second;
    Result<Outcome> r = Outcome::Applied;
    if (usage) {
        // usageRecorded's steps, with the body already read.
        auto allowed = requireRole(c, { Role::Admin, Role::ProgrammeManager });
        r = allowed ? recordUsage(c, *usage) : Result<Outcome>(allowed.error());
    } else {
        r = dispatch(c);
    }
    if (r) {
        state.size = ctx.seq + 1;
        state.lastAt = ctx.at;
    }
    return r;
}

} // namespace

} // namespace rules

const std::vector<std::string> &Rules::entryTypes()
{
    static const std::vector<std::string> types = [] {
        std::vector<std::string> t;
        for (const auto &kv : rules::handlers())
            t.push_back(kv.first);
        std::sort(t.begin(), t.end());
        return t;
    }();
    return types;
}

Result<Outcome> Rules::apply(State &state, const Entry &entry, const EntryContext &ctx)
{
    return rules::applyChecked(state, entry, ctx, nullptr);
}

Result<Outcome> Rules::applyUsage(
    State &state, const Entry &header, const UsageFields &body, const EntryContext &ctx)
{
    return rules::applyChecked(state, header, ctx, &body);
}

} // namespace ledger
