#pragma once
// Read-only queries over the projection tables for the faces (CLI, desktop): balances of a startup, pool
// utilisation, per-resource summaries, startups and members. Indexed look-ups through the store's cached
// prepared statements; nothing here reads the log, so each answer costs the same on a 1,000,000-entry
// ledger as on a small one (a startup's balance reads its own grant rows only).
//
// Amounts are int64 milli-GPU-hours; times are ms since the epoch, UTC. The answers are what the projections
// say at the end of the log: a grant past its expiry keeps its balance until a credits.expired entry moves
// it (GrantRow::expiresAt tells the caller). Grants waiting for approvals hold no credit and are reported
// apart (`pending`), never in `granted` or `balance`.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ledger::queries {

struct StartupInfo
{
    std::string id;
    std::string name;
    std::string brn; // ten digits
    std::string sector;
};

struct MemberInfo
{
    std::string keyId;
    QByteArray publicKey; // raw 32 bytes
    std::string name;
    std::string role; // as in roleName()
    std::string startup;
    std::string sponsor;
    bool revoked = false;
    int64_t enrolledAt = 0;
};

struct TrancheRow
{
    int64_t amount = 0;
    int64_t releaseAt = 0;
    bool released = false;
};

struct GrantRow
{
    std::string id;
    std::string application;
    std::string startup;
    std::string pool;
    std::string resource;
    std::string status; // pending_approval | active | expired | clawed_back
    int64_t amount = 0; // total of the tranches
    int64_t unreleased = 0;
    int64_t available = 0;
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t expiresAt = 0;
    int64_t createdAt = 0;
    int64_t lastUsageAt = 0;
    std::vector<TrancheRow> tranches;
    int64_t balance() const { return unreleased + available; }
};

// A startup's credits of one resource, summed over its grants.
struct ResourceBalance
{
    std::string resource;
    int64_t granted = 0; // grants in effect (active, expired or clawed back), their full amounts
    int64_t pending = 0; // grants still waiting for approvals
    int64_t unreleased = 0;
    int64_t available = 0;
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t balance = 0; // unreleased + available
    std::optional<int64_t> earliestExpiry; // of an active grant that still holds credit
    std::vector<GrantRow> grants; // by expiry, then id
};

struct StartupBalances
{
    StartupInfo startup;
    std::vector<ResourceBalance> resources; // by resource
};

struct PoolUtilisation
{
    std::string id;
    std::string sponsor;
    std::string programme;
    std::string resource;
    int64_t validUntil = 0;
    bool closed = false;
    int64_t pledged = 0; // total ever pledged
    int64_t balance = 0; // the pool account now
    int64_t granted = 0; // grants in effect drawn from the pool
    int64_t pending = 0; // grants waiting for approvals
    int64_t grantCount = 0;
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t outstanding = 0; // still held by the pool's grants (unreleased + available)
};

// Totals of one resource over the whole alliance.
struct ResourceSummary
{
    std::string resource;
    int64_t pools = 0;
    int64_t pledged = 0;
    int64_t poolBalance = 0; // held by pools, not yet granted
    int64_t startups = 0; // startups holding grants in effect
    int64_t grants = 0;
    int64_t granted = 0;
    int64_t pending = 0;
    int64_t unreleased = 0;
    int64_t available = 0;
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t balance = 0; // held by grants: unreleased + available
};

struct LedgerInfo
{
    std::string allianceId;
    std::string allianceName;
    std::string origin;
    QByteArray rootKey;
    QByteArray checkpointKey;
    std::string registryUrl;
    int64_t logSize = 0; // entries in the log
    int64_t projectionSize = 0; // entries the projections have applied (equal to logSize unless stale)
    int64_t lastSequencedAt = 0;
    int64_t checkpointSize = 0; // tree size of the latest checkpoint (0: none)
    int64_t checkpointSignedAt = 0;
};

Result<LedgerInfo> ledgerInfo(store::LedgerStore &store);

Result<std::optional<StartupInfo>> startup(store::LedgerStore &store, std::string_view id);
// Error "unknown_object" if there is no such startup.
Result<StartupBalances> startupBalances(store::LedgerStore &store, std::string_view startupId);

// Error "unknown_object" if there is no such pool.
Result<PoolUtilisation> poolUtilisation(store::LedgerStore &store, std::string_view poolId);
// Every pool, by id. Reads the grants table once.
Result<std::vector<PoolUtilisation>> pools(store::LedgerStore &store);

// Per resource, over all startups and pools. Reads the grants and pools tables once.
Result<std::vector<ResourceSummary>> summary(store::LedgerStore &store);

// Every member, by role then name; those of one startup (members bound to it).
Result<std::vector<MemberInfo>> members(store::LedgerStore &store);
Result<std::vector<MemberInfo>> startupMembers(store::LedgerStore &store, std::string_view startupId);
Result<std::optional<MemberInfo>> member(store::LedgerStore &store, std::string_view keyId);

} // namespace ledger::queries
