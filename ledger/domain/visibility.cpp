#include "ledger/domain/visibility.h"

namespace ledger {

namespace {

std::string field(const Entry &e, std::string_view key)
{
    const json::Value *v = e.body.find(key);
    return v && v->isString() ? v->toString() : std::string();
}

void addGrant(Concerns &c, const State &s, const std::string &grantId)
{
    const auto g = s.grants.find(grantId);
    if (g == s.grants.end())
        return;
    if (!g->second.startup.empty())
        c.startups.insert(g->second.startup);
    const auto p = s.pools.find(g->second.pool);
    if (p != s.pools.end() && !p->second.sponsor.empty())
        c.sponsors.insert(p->second.sponsor);
}

void addApplication(Concerns &c, const State &s, const std::string &applicationId)
{
    const auto a = s.applications.find(applicationId);
    if (a == s.applications.end())
        return;
    if (!a->second.startup.empty())
        c.startups.insert(a->second.startup);
    if (!a->second.grant.empty())
        addGrant(c, s, a->second.grant);
}

} // namespace

bool isPublicType(std::string_view type)
{
    return type == "alliance.genesis" || type.starts_with("member.") || type == "registry.appointed"
        || type == "programme.created" || type == "sponsor.registered" || type == "pool.pledged"
        || type == "pool.closed";
}

Concerns concernsOf(const Entry &entry, const State &state,
    const std::function<Concerns(const std::string &targetEntryIdHex)> &targetConcerns)
{
    Concerns c;
    const std::string &t = entry.type;
    if (isPublicType(t)) {
        c.isPublic = true;
    } else if (t == "startup.registered") {
        c.startups.insert(field(entry, "startup"));
    } else if (t == "application.submitted") {
        c.startups.insert(field(entry, "startup"));
        addApplication(c, state, field(entry, "application"));
    } else if (t.starts_with("application.")) {
        // Only the application's startup: a grant made later is not what a review is about.
        const auto a = state.applications.find(field(entry, "application"));
        if (a != state.applications.end())
            c.startups.insert(a->second.startup);
    } else if (t == "grant.created") {
        addGrant(c, state, field(entry, "grant"));
        const auto a = state.applications.find(field(entry, "application"));
        if (a != state.applications.end())
            c.startups.insert(a->second.startup);
        const auto p = state.pools.find(field(entry, "pool"));
        if (p != state.pools.end())
            c.sponsors.insert(p->second.sponsor);
    } else if (t.starts_with("grant.") || t == "usage.recorded" || t == "credits.expired") {
        addGrant(c, state, field(entry, "grant"));
    } else if ((t == "approval" || t == "pending.cancelled") && targetConcerns) {
        c = targetConcerns(field(entry, "target"));
    }
    c.startups.erase(std::string());
    c.sponsors.erase(std::string());
    return c;
}

} // namespace ledger
