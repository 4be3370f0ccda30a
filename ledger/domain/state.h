#pragma once
// The alliance as the rules engine sees it at one position of the log: every object an entry can refer
// to, and every account balance. It is derived from the log alone (projections are this state written
// to SQLite), and the rules engine is the only code that changes it.

#include "ledger/domain/roles.h"

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
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
    std::vector<std::string> usages; // usage keys recorded since the last flush
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

    std::unordered_map<std::string, Member> members; // by key id
    std::unordered_map<std::string, Programme> programmes;
    std::unordered_map<std::string, Sponsor> sponsors;
    std::unordered_map<std::string, Pool> pools;
    std::unordered_map<std::string, Startup> startups;
    std::unordered_map<std::string, std::string> startupByBrn;
    std::unordered_map<std::string, Application> applications;
    std::unordered_map<std::string, Grant> grants;
    std::unordered_map<std::string, PendingAction> pending; // by target entry id
    std::map<std::pair<std::string, std::string>, int64_t> balances; // (account, resource) -> milli-GPU-hours

    // Usage records already seen, for idempotent imports ("grant\nusage"). A store keeps them on disk and
    // answers through usageLookup; this set holds those recorded since the state was loaded.
    std::unordered_set<std::string> usageKeys;
    std::function<bool(const std::string &key)> usageLookup;
    bool usageSeen(const std::string &key) const
    {
        return usageKeys.count(key) || (usageLookup && usageLookup(key));
    }

    Dirty dirty;
    bool trackDirty = true;

    int64_t balance(const std::string &account, const std::string &resource) const;
};

// Account names, as they appear in movements and in the balances table.
std::string sponsorAccount(const std::string &id);
std::string poolAccount(const std::string &id);
std::string grantAccount(const std::string &id);
inline const std::string kConsumedAccount = "consumed";
inline const std::string kExpiredAccount = "expired";

} // namespace ledger
