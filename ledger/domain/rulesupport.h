#pragma once
// Private to the rules engine (ledger/domain/rules*.cpp): the handler context, the helpers the handlers share
// and the handlers themselves. The hot helpers are inline so a usage record, the bulk of a large log, makes
// no extra calls for them.

#include "ledger/domain/bodyreader.h"
#include "ledger/domain/rules.h"
#include "ledger/domain/units.h"

#include <string>
#include <string_view>

namespace ledger::rules {

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

inline QString gpuHours(int64_t milli)
{
    return units::formatAmount(milli);
}

inline Error reject(const char *code, QString message)
{
    return makeError(code, std::move(message));
}

struct Ctx
{
    State &s;
    const Entry &e;
    const EntryContext &ec;
    BodyReader r;
    const Member *author = nullptr;
    bool approved = false; // running a deferred entry whose approvals are complete
    int64_t at() const { return ec.at; }
};

using Handler = Result<Outcome> (*)(Ctx &);

// ---- helpers shared by the handlers -------------------------------------------------------------------

inline Result<void> requireRole(Ctx &c, std::initializer_list<Role> roles)
{
    if (c.approved)
        return {}; // the proposer was authorised when the entry was first sequenced
    for (Role r : roles) {
        if (c.author->role == r)
            return {};
    }
    return reject("not_authorised",
        QStringLiteral("A member with the role %1 may not record %2.")
            .arg(QLatin1String(roleName(c.author->role).data()), q(c.e.type)));
}

inline bool isBoundTo(const Ctx &c, Role role, const std::string &object)
{
    if (c.approved)
        return true;
    if (c.author->role != role)
        return false;
    return role == Role::Startup ? c.author->startup == object : c.author->sponsor == object;
}

inline bool checkedAdd(int64_t a, int64_t b, int64_t &out)
{
    return !__builtin_add_overflow(a, b, &out);
}

// A scratch string per thread for keys that are only looked up: after the first few entries, building one
// allocates nothing (a usage record, the bulk of a large log, then allocates only what it stores).
inline std::string &scratchKey(std::string_view a, std::string_view b)
{
    thread_local std::string key;
    key.assign(a).append(1, '\n').append(b);
    return key;
}

inline void markBalance(State &s, std::string_view account, std::string_view resource)
{
    if (!s.trackDirty || !s.trackDirtyRows)
        return;
    const std::string &key = scratchKey(account, resource);
    if (!s.dirty.balances.count(key))
        s.dirty.balances.insert(key);
}

inline int64_t &balanceOf(State &s, std::string_view account, std::string_view resource)
{
    auto it = s.balances.find(std::pair(account, resource));
    if (it == s.balances.end())
        it = s.balances.emplace(std::pair(std::string(account), std::string(resource)), 0).first;
    return it->second;
}

// Moves credit between two accounts; the caller has checked every bound.
inline void transfer(Ctx &c, std::string_view from, std::string_view to, const std::string &resource,
    int64_t amount, const std::string &grant = {})
{
    balanceOf(c.s, from, resource) -= amount;
    balanceOf(c.s, to, resource) += amount;
    markBalance(c.s, from, resource);
    markBalance(c.s, to, resource);
    if (c.s.trackDirty)
        c.s.dirty.movements.push_back(
            Movement { c.ec.seq, c.ec.at, std::string(from), std::string(to), resource, amount, grant });
}

template<typename Map>
Result<typename Map::mapped_type *> lookup(Map &map, const std::string &id, const char *what)
{
    auto it = map.find(id);
    if (it == map.end())
        return reject(
            "unknown_object", QStringLiteral("There is no %1 \"%2\".").arg(QLatin1String(what), q(id)));
    return &it->second;
}

// Names a changed row for the projections (flushState).
inline void markApplication(Ctx &c, const std::string &id)
{
    if (c.s.trackDirty)
        c.s.dirty.applications.insert(id);
}

inline void markGrant(Ctx &c, const std::string &id)
{
    if (c.s.trackDirty && c.s.trackDirtyRows)
        c.s.dirty.grants.insert(id);
}

// The grant `id` if its credits may still move (tranches, usage, expiry, clawback); else why not.
inline Result<Grant *> activeGrant(Ctx &c, const std::string &id)
{
    auto grant = lookup(c.s.grants, id, "grant");
    if (!grant)
        return grant.error();
    Grant *g = grant.value();
    switch (g->status) {
    case GrantStatus::Active:
        return g;
    case GrantStatus::PendingApproval:
        return reject("pending_approval",
            QStringLiteral("The grant \"%1\" is still waiting for approvals.").arg(q(id)));
    case GrantStatus::Expired:
        return reject("expired", QStringLiteral("The credits of grant \"%1\" have expired.").arg(q(id)));
    case GrantStatus::ClawedBack:
        return reject("clawed_back", QStringLiteral("The grant \"%1\" has been clawed back.").arg(q(id)));
    case GrantStatus::Cancelled:
        return reject(
            "cancelled", QStringLiteral("The grant \"%1\" was cancelled before it was approved.").arg(q(id)));
    }
    return reject("invalid_transition", QStringLiteral("The grant \"%1\" is not active.").arg(q(id)));
}

// The handlers, one per entry type (dispatch() picks one by the entry's type). Each checks everything before
// it changes the state.
// rules_members.cpp
Result<Outcome> genesis(Ctx &c);
Result<Outcome> memberEnrolled(Ctx &c);
Result<Outcome> memberRevoked(Ctx &c);
Result<Outcome> registryAppointed(Ctx &c);
// rules_programmes.cpp
Result<Outcome> programmeCreated(Ctx &c);
Result<Outcome> sponsorRegistered(Ctx &c);
Result<Outcome> poolPledged(Ctx &c);
Result<Outcome> poolClosed(Ctx &c);
// rules_applications.cpp
Result<Outcome> startupRegistered(Ctx &c);
Result<Outcome> applicationSubmitted(Ctx &c);
Result<Outcome> applicationAssigned(Ctx &c);
Result<Outcome> applicationReviewed(Ctx &c);
Result<Outcome> applicationDecided(Ctx &c);
Result<Outcome> applicationWithdrawn(Ctx &c);
// rules_grants.cpp
Result<Outcome> grantCreated(Ctx &c);
Result<Outcome> trancheReleased(Ctx &c);
Result<Outcome> creditsExpired(Ctx &c);
Result<Outcome> clawedBack(Ctx &c);
// rules_usage.cpp
Result<Outcome> usageRecorded(Ctx &c);
// The checks and effects of a usage record, on fields already read (by usageRecorded or by a replay's
// readUsageRecord).
Result<Outcome> recordUsage(Ctx &c, const UsageFields &b);
// rules_approvals.cpp
Result<Outcome> approval(Ctx &c);
Result<Outcome> pendingCancelled(Ctx &c);
bool needsApproval(const Programme &p, int64_t amount);
// Parks the entry until enough approvals arrive (approval() then runs it).
Outcome defer(Ctx &c, const Programme &p);

// rules.cpp: runs the handler for c.e.type (approval() runs a deferred entry through it).
Result<Outcome> dispatch(Ctx &c);

} // namespace ledger::rules

// Used only inside the handlers: return the reader's or the expression's error.
#define READ_OK()                                                                                            \
    do {                                                                                                     \
        if (!c.r.ok())                                                                                       \
            return c.r.error();                                                                              \
    } while (0)

#define CHECK(expr)                                                                                          \
    do {                                                                                                     \
        auto _res = (expr);                                                                                  \
        if (!_res)                                                                                           \
            return _res.error();                                                                             \
    } while (0)
