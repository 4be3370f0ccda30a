#include "ledger/domain/state.h"

namespace ledger {

std::string_view stageName(Stage stage)
{
    switch (stage) {
    case Stage::Submitted:
        return "submitted";
    case Stage::UnderReview:
        return "under_review";
    case Stage::Approved:
        return "approved";
    case Stage::Rejected:
        return "rejected";
    case Stage::Waitlisted:
        return "waitlisted";
    case Stage::Withdrawn:
        return "withdrawn";
    }
    return "unknown";
}

std::string_view grantStatusName(GrantStatus status)
{
    switch (status) {
    case GrantStatus::PendingApproval:
        return "pending_approval";
    case GrantStatus::Active:
        return "active";
    case GrantStatus::Expired:
        return "expired";
    case GrantStatus::ClawedBack:
        return "clawed_back";
    case GrantStatus::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

int64_t State::balance(std::string_view account, std::string_view resource) const
{
    auto it = balances.find(std::pair(account, resource));
    return it == balances.end() ? 0 : it->second;
}

void State::trimCache()
{
    if (cacheLimit == 0 || !trackDirty || !trackDirtyRows)
        return;
    const Dirty &d = dirty;
    auto cleanIn = [](const std::unordered_set<std::string> &set) {
        return [&set](const auto &row) { return !set.count(row.first); };
    };
    members.evictClean(cacheLimit, cleanIn(d.members));
    startups.evictClean(cacheLimit, cleanIn(d.startups));
    startupByBrn.evictClean(cacheLimit, [&](const auto &row) { return !d.startups.count(row.second); });
    applications.evictClean(cacheLimit, cleanIn(d.applications));
    grants.evictClean(cacheLimit, cleanIn(d.grants));
    std::string key;
    balances.evictClean(cacheLimit, [&](const auto &row) {
        key.assign(row.first.first).append(1, '\n').append(row.first.second); // as Dirty::balances names it
        return !d.balances.count(key);
    });
}

std::string sponsorAccount(const std::string &id)
{
    return "sponsor:" + id;
}
std::string poolAccount(const std::string &id)
{
    return "pool:" + id;
}
std::string grantAccount(const std::string &id)
{
    return "grant:" + id;
}

} // namespace ledger
