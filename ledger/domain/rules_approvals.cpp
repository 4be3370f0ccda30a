// The rules for entries that need several approvals: deferred, approved (then run), cancelled.

#include "ledger/domain/rulesupport.h"

#include <algorithm>

namespace ledger::rules {

bool needsApproval(const Programme &p, int64_t amount)
{
    return p.approvalsRequired > 1 && amount > p.approvalThreshold;
}

Outcome defer(Ctx &c, const Programme &p)
{
    PendingAction a;
    a.target = c.ec.entryId;
    a.type = c.e.type;
    a.author = c.e.author;
    a.body = json::canonical(c.e.body);
    a.approvers.push_back(c.e.author);
    a.required = p.approvalsRequired;
    a.createdAt = c.at();
    c.s.pending[a.target] = std::move(a);
    if (c.s.trackDirty)
        c.s.dirty.pending.insert(c.ec.entryId);
    return Outcome::PendingApproval;
}

Result<Outcome> approval(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "target" });
    const std::string target = c.r.text("target", 64);
    READ_OK();
    auto it = c.s.pending.find(target);
    if (it == c.s.pending.end())
        return reject(
            "unknown_object", QStringLiteral("No entry %1 is waiting for approval.").arg(q(target)));
    PendingAction &pending = it->second;
    if (std::find(pending.approvers.begin(), pending.approvers.end(), c.e.author) != pending.approvers.end())
        return reject("already_approved",
            QStringLiteral("This key has already approved %1; each key counts once.").arg(q(target)));
    if (int64_t(pending.approvers.size()) + 1 < pending.required) {
        pending.approvers.push_back(c.e.author);
        if (c.s.trackDirty)
            c.s.dirty.pending.insert(target);
        return Outcome::Applied;
    }
    // The last approval: the deferred entry takes effect now, at this position, if it still may.
    auto body = json::parse(std::string_view(pending.body.constData(), size_t(pending.body.size())));
    if (!body)
        return body.error();
    Entry deferred;
    deferred.type = pending.type;
    deferred.author = pending.author;
    deferred.body = std::move(body.value());
    const Member &proposer = c.s.members.at(pending.author);
    if (proposer.revoked)
        return reject("revoked_member",
            QStringLiteral("The proposer of %1 (%2) has been revoked since; cancel the "
                           "entry with pending.cancelled.")
                .arg(q(target), q(proposer.name)));
    Ctx inner { c.s, deferred, c.ec, BodyReader(deferred.body), &proposer, true };
    auto result = dispatch(inner);
    if (!result)
        return result.error();
    c.s.pending.erase(it);
    if (c.s.trackDirty) {
        c.s.dirty.pending.erase(target);
        c.s.dirty.pendingRemoved.insert(target);
    }
    return Outcome::ApprovedAndApplied;
}

// Withdraws an entry that waits for approvals; nothing had moved. A reserved grant is marked cancelled so its
// application can be granted again.
Result<Outcome> pendingCancelled(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "target", "reason" });
    const std::string target = c.r.text("target", 64);
    c.r.text("reason", 2000);
    READ_OK();
    auto it = c.s.pending.find(target);
    if (it == c.s.pending.end())
        return reject(
            "unknown_object", QStringLiteral("No entry %1 is waiting for approval.").arg(q(target)));
    if (it->second.type == "grant.created") {
        auto body
            = json::parse(std::string_view(it->second.body.constData(), size_t(it->second.body.size())));
        const json::Value *grantId = body ? body->find("grant") : nullptr;
        auto g = grantId && grantId->isString() ? c.s.grants.find(grantId->toString()) : c.s.grants.end();
        if (g != c.s.grants.end() && g->second.status == GrantStatus::PendingApproval) {
            g->second.status = GrantStatus::Cancelled;
            markGrant(c, g->first);
            auto app = c.s.applications.find(g->second.application);
            if (app != c.s.applications.end() && app->second.grant == g->first) {
                app->second.grant.clear();
                markApplication(c, app->first);
            }
        }
    }
    c.s.pending.erase(it);
    if (c.s.trackDirty) {
        c.s.dirty.pending.erase(target);
        c.s.dirty.pendingRemoved.insert(target);
    }
    return Outcome::Applied;
}

} // namespace ledger::rules
