#pragma once
// The demo alliance's world: the actors, programmes, sponsors, pools, startups and applications it plans,
// the grants it simulates beside the rules engine, and the events and entries it schedules. Internal to
// ledger/demo.

#include "ledger/demo/demosupport.h"

namespace ledger::demo::detail {

struct Actor
{
    crypto::PrivateKey key;
    std::string id; // key id
    std::string name;
    std::string role;
    std::string startup;
    std::string sponsor;
    std::string publicKey; // base64
};

struct ProgrammeDef
{
    std::string id;
    std::string shortId; // prefix of its application ids
    std::string name;
    int openDay = 0;
    int closeDay = 0;
    std::vector<std::pair<const char *, int>> rubric;
    int64_t threshold = 0;
    int approvals = 1;
    int64_t minAsk = 0; // GPU-hours
    int64_t maxAsk = 0;
    int64_t askStep = 50;
    int minMonths = 3;
    int maxMonths = 12;
    int weight = 0; // per mille of first applications
    std::vector<int> pools;
};

struct SponsorDef
{
    std::string id;
    std::string name;
    std::string kind;
    int actor = -1;
};

struct PoolDef
{
    std::string id;
    int programme = 0;
    int sponsor = 0;
    std::string resource;
    std::string provider;
    int64_t planned = 0; // the grants the plan will make from it
    int64_t pledge = 0;
    int64_t validUntil = 0;
    std::string pendingTarget;
};

struct StartupDef
{
    std::string id;
    std::string name;
    std::string brn;
    std::string sector;
    int actor = -1;
    int registerDay = 0;
};

enum class Plan { Approve, Reject, Waitlist };
enum class FollowUp { None, Approve, Reject, Withdraw };

struct AppDef
{
    std::string id;
    int startup = 0;
    int programme = 0;
    int pool = 0;
    int64_t amount = 0;
    std::string title;
    std::string summary;
    bool attachment = false;
    Plan plan = Plan::Reject;
    FollowUp followUp = FollowUp::None;
    bool withdrawEarly = false;
    int submitDay = 0;
    int pm = 0;
    int quality = 50; // 0..100, drives the scores
    int order = 0; // planning order, for a stable sort

    std::vector<int> reviewers;
    int pendingReviews = 0;
    bool conflictDeclared = false;
    bool closed = false; // withdrawn or finally decided: nothing more happens to it
};

enum class GState { Pending, Active, Expired, ClawedBack };

struct TrancheSim
{
    int64_t amount = 0;
    int64_t releaseAt = 0;
    bool released = false;
};

// The generator's own account of a grant, so that it can choose usage amounts for a whole batch before the
// batch is sequenced. It follows the rules engine exactly and is compared with it at the end.
struct GrantSim
{
    std::string id;
    int app = 0;
    int pool = 0;
    int pm = 0;
    int64_t amount = 0;
    int months = 0;
    std::vector<TrancheSim> tranches;
    int64_t expiresAt = 0;
    GState state = GState::Pending;
    int64_t activatedAt = 0;
    int64_t available = 0;
    int64_t unreleased = 0;
    int64_t usedThrough = 0; // usage recorded up to (excluding) this time
    int burn = 1000; // per mille of the even monthly pace
    bool overdraw = false; // one usage import will exceed the released credits
    bool clawback = false;
    bool frozen = false; // a clawback waits for approval: no usage meanwhile
    std::string clawCode;
    int64_t clawAmount = 0; // 0: everything left
    std::string pendingTarget; // entry id (hex) waiting for approval
    int64_t balance() const { return available + unreleased; }
};

enum class Ev {
    Setup,
    Pledge,
    ApprovePool,
    TopUp,
    RegisterStartup,
    Submit,
    Withdraw,
    Assign,
    Review,
    Replace,
    Decide,
    FollowUp,
    CreateGrant,
    ApproveGrant,
    Release,
    MonthlyUsage,
    Expire,
    Clawback,
    ApproveClawback,
    ClosePool,
};

struct Event
{
    Ev kind;
    int a = 0;
    int b = 0;
    int c = 0;
};

enum class Expect { Applied, Pending, Approved, Overdraw };
enum class Sink { None, Pool, Grant };

struct Item
{
    Entry entry;
    int actor = 0;
    Expect expect = Expect::Applied;
    Sink sink = Sink::None;
    int index = -1;
    SignedEntry signedEntry;
};

} // namespace ledger::demo::detail
