#pragma once
// The alliance as the rules engine sees it at one position of the log: every object an entry can refer
// to, and every account balance. It is derived from the log alone (projections are this state written
// to SQLite), and the rules engine is the only code that changes it.

#include "ledger/domain/keyset.h"
#include "ledger/domain/lazymap.h"
#include "ledger/domain/roles.h"
#include "ledger/result.h"

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ledger {

struct Member
{
    std::string keyId; // hex of the first 16 bytes of SHA-256(public key)
    QByteArray publicKey; // raw 32 bytes
    std::string name;
    Role role = Role::Auditor;
    std::string startup; // for Role::Startup
    std::string sponsor; // for Role::Sponsor
    bool revoked = false;
    int64_t enrolledAt = 0;
};

struct Criterion
{
    std::string id;
    int64_t max = 0;
};

struct Programme
{
    std::string id;
    std::string name;
    int64_t opensAt = 0;
    int64_t closesAt = 0;
    std::vector<Criterion> rubric;
    int64_t approvalThreshold = 0; // amounts above this need approvals
    int64_t approvalsRequired = 1; // k distinct keys, the proposer counting as one
};

struct Sponsor
{
    std::string id;
    std::string name;
    std::string kind; // government | vc | cloud | corporate
};

struct Pool
{
    std::string id;
    std::string sponsor;
    std::string programme;
    std::string resource; // provider/gpu-class
    int64_t pledged = 0; // total ever pledged into the pool
    int64_t validUntil = 0;
    bool closed = false;
};

struct Startup
{
    std::string id;
    std::string name;
    std::string brn; // ten digits
    std::string sector;
};

enum class Stage { Submitted, UnderReview, Approved, Rejected, Waitlisted, Withdrawn };
std::string_view stageName(Stage stage);

struct Review
{
    std::string reviewer; // key id
    bool conflict = false;
    std::vector<std::pair<std::string, int64_t>> scores; // criterion -> score
    std::string comment;
    int64_t at = 0;
};

struct Application
{
    std::string id;
    std::string startup;
    std::string programme;
    std::string title;
    std::string resource;
    int64_t requested = 0;
    Stage stage = Stage::Submitted;
    std::vector<std::string> reviewers; // assigned key ids
    std::vector<Review> reviews;
    std::string decisionReason;
    std::string grant; // the grant made from it, if any
    int64_t submittedAt = 0;
    int64_t decidedAt = 0;
};

struct Tranche
{
    int64_t amount = 0;
    int64_t releaseAt = 0;
    bool released = false;
};

enum class GrantStatus { PendingApproval, Active, Expired, ClawedBack, Cancelled };
std::string_view grantStatusName(GrantStatus status);

struct Grant
{
    std::string id;
    std::string application;
    std::string startup;
    std::string pool;
    std::string resource;
    int64_t amount = 0; // total of the tranches
    std::vector<Tranche> tranches;
    int64_t expiresAt = 0;
    int64_t createdAt = 0;
    GrantStatus status = GrantStatus::PendingApproval;
    // The grant account's balance is unreleased + available.
    int64_t unreleased = 0;
    int64_t available = 0; // released and not yet used, expired or clawed back
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t lastUsageAt = 0;
    int64_t balance() const { return unreleased + available; }
};

// Hashes and compares balance keys (account, resource) given as any pair of string-likes, so the rules look a
// balance up without building a key (a transfer per usage record, a million in a rebuild).
struct BalanceKeyHash
{
    using is_transparent = void;
    template<typename P> size_t operator()(const P &key) const
    {
        const size_t a = std::hash<std::string_view>()(std::string_view(key.first));
        const size_t b = std::hash<std::string_view>()(std::string_view(key.second));
        return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};
struct BalanceKeyEqual
{
    using is_transparent = void;
    template<typename A, typename B> bool operator()(const A &a, const B &b) const
    {
        return std::string_view(a.first) == std::string_view(b.first)
            && std::string_view(a.second) == std::string_view(b.second);
    }
};
using BalanceMap
    = std::unordered_map<std::pair<std::string, std::string>, int64_t, BalanceKeyHash, BalanceKeyEqual>;

// An entry above a programme's approval threshold waits here for k-of-n approvals.
struct PendingAction
{
    std::string target; // entry id, hex
    std::string type;
    std::string author;
    QByteArray body; // canonical JSON of the entry's body
    std::vector<std::string> approvers; // distinct key ids, the author first
    int64_t required = 1;
    int64_t createdAt = 0;
};

// One movement of credit between two accounts, as statements list them.
struct Movement
{
    int64_t seq = 0;
    int64_t at = 0;
    std::string from;
    std::string to;
    std::string resource;
    int64_t amount = 0;
    std::string grant; // the grant involved, if any
};

// Which rows changed since the last flush, so projections are updated in the same transaction.
struct Dirty
{
    std::unordered_set<std::string> members, programmes, sponsors, pools, startups, applications, grants,
        pending, pendingRemoved;
    std::unordered_set<std::string> balances; // "account\nresource"
    std::vector<Movement> movements;
    KeyList usages; // usage keys recorded since the last flush
    bool meta = false;
    void clear()
    {
        members.clear();
        programmes.clear();
        sponsors.clear();
        pools.clear();
        startups.clear();
        applications.clear();
        grants.clear();
        pending.clear();
        pendingRemoved.clear();
        balances.clear();
        movements.clear();
        usages.clear();
        meta = false;
    }
};

struct State
{
    // Alliance identity, set by alliance.genesis.
    std::string allianceId;
    std::string allianceName;
    std::string origin;
    QByteArray rootKey;
    QByteArray checkpointKey; // who signs checkpoints: the root key or an appointed registry's key
    std::string registryUrl;
    int64_t size = 0; // entries applied (next seq)
    int64_t lastAt = 0; // sequenced_at of the last entry

    // The maps that grow with the alliance (a member key per startup, too) may be backed by the store and
    // fetch rows as they are looked up (see LazyMap and store::LoadMode); the others are always whole.
    LazyMap<std::unordered_map<std::string, Member>> members; // by key id
    std::unordered_map<std::string, Programme> programmes;
    std::unordered_map<std::string, Sponsor> sponsors;
    std::unordered_map<std::string, Pool> pools;
    LazyMap<std::unordered_map<std::string, Startup>> startups;
    LazyMap<std::unordered_map<std::string, std::string>> startupByBrn;
    LazyMap<std::unordered_map<std::string, Application>> applications;
    LazyMap<std::unordered_map<std::string, Grant>> grants;
    std::unordered_map<std::string, PendingAction> pending; // by target entry id
    LazyMap<BalanceMap> balances; // (account, resource) -> milli-GPU-hours

    // Usage records already seen, for idempotent imports ("grant\nusage"). A store keeps them on disk and
    // answers through usageLookup; this set holds those recorded since the state was loaded.
    KeySet usageKeys;
    std::function<bool(const std::string &key)> usageLookup;
    bool usageSeen(const std::string &key) const { return usageSeen(key, KeySet::hashOf(key)); }
    bool usageSeen(const std::string &key, uint64_t hash) const
    {
        return usageKeys.contains(key, hash) || (usageLookup && usageLookup(key));
    }

    // The first error met reading rows from the store on demand (the look-ups above cannot return one): a
    // decision taken without the row may be wrong, so whoever applies entries to this state checks it before
    // it commits them.
    std::shared_ptr<std::optional<Error>> sourceError;
    std::optional<Error> takeSourceError()
    {
        std::optional<Error> e;
        if (sourceError)
            std::swap(e, *sourceError);
        return e;
    }

    Dirty dirty;
    bool trackDirty = true;
    // With trackDirty, whether the grants and balances an entry changes are marked too. A bulk replay that
    // writes every row at the end (rebuild: markAllDirty) or none (verify) turns it off: marking is most of
    // the cost of a usage record's replay after the rules themselves.
    bool trackDirtyRows = true;

    // How many rows each on-demand map (members, startups, applications, grants, balances) keeps in memory
    // at most after a flush; 0: no bound. store::loadState(OnDemand) sets kDefaultCacheRows.
    size_t cacheLimit = 0;
    static constexpr size_t kDefaultCacheRows = 20'000;
    // Applies cacheLimit: forgets clean rows (none named in `dirty`) of the on-demand maps beyond it. Does
    // nothing while dirty rows are not tracked (trackDirtyRows false), when it could not tell them apart.
    // References into those maps do not survive it; store::flushState calls it when it is done.
    void trimCache();

    int64_t balance(std::string_view account, std::string_view resource) const;
};

// Account names, as they appear in movements and in the balances table.
std::string sponsorAccount(const std::string &id);
std::string poolAccount(const std::string &id);
std::string grantAccount(const std::string &id);
inline const std::string kConsumedAccount = "consumed";
inline const std::string kExpiredAccount = "expired";

} // namespace ledger
