// The navigation of the main window: every page, who may reach it, in order. A page not listed for a role is
// not offered to it (and the rules engine would refuse its actions anyway).
#include "ui/pages/pageregistry.h"

#include "ui/core/portalcontext.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/pages/explorerpage.h"
#include "ui/pages/grantspage.h"
#include "ui/pages/poolspage.h"
#include "ui/pages/reportspage.h"
#include "ui/pages/startuppage.h"
#include "ui/pages/startupspage.h"
#include "ui/pages/syncpage.h"

#include <QCoreApplication>

namespace portal {

namespace {

using ledger::Role;
constexpr Role kAdmin = Role::Admin, kPm = Role::ProgrammeManager, kReviewer = Role::Reviewer,
               kStartup = Role::Startup, kSponsor = Role::Sponsor, kAuditor = Role::Auditor;

struct Entry
{
    const char *key;
    const char *title; // translated in context "Pages"
    const char *icon;
    std::initializer_list<Role> roles; // empty: everyone, even without an identity
    Page *(*make)(PortalContext &);
};

template<typename P> Page *make(PortalContext &ctx)
{
    return new P(ctx);
}

const Entry kPages[] = {
    { "dashboard", QT_TRANSLATE_NOOP("Pages", "Dashboard"), ":/icons/dashboard.svg",
        { kAdmin, kPm, kAuditor }, &make<DashboardPage> },
    { "applications", QT_TRANSLATE_NOOP("Pages", "Applications"), ":/icons/applications.svg",
        { kAdmin, kPm, kAuditor }, &make<PipelinePage> },
    { "reviews", QT_TRANSLATE_NOOP("Pages", "My reviews"), ":/icons/review.svg", { kReviewer },
        &make<ReviewerPage> },
    { "startups", QT_TRANSLATE_NOOP("Pages", "Startups"), ":/icons/startup.svg", { kAdmin, kPm, kAuditor },
        &make<StartupsPage> },
    { "grants", QT_TRANSLATE_NOOP("Pages", "Grants"), ":/icons/grants.svg", { kAdmin, kPm, kAuditor },
        &make<GrantsPage> },
    { "pools", QT_TRANSLATE_NOOP("Pages", "Sponsors and pools"), ":/icons/pools.svg",
        { kAdmin, kPm, kSponsor, kAuditor }, &make<PoolsPage> },
    { "startup", QT_TRANSLATE_NOOP("Pages", "My credits"), ":/icons/startup.svg", { kStartup },
        &make<StartupPage> },
    { "reports", QT_TRANSLATE_NOOP("Pages", "Reports"), ":/icons/reports.svg",
        { kAdmin, kPm, kAuditor, kSponsor, kStartup }, &make<ReportsPage> },
    { "explorer", QT_TRANSLATE_NOOP("Pages", "Ledger explorer"), ":/icons/explorer.svg", {},
        &make<ExplorerPage> },
    { "sync", QT_TRANSLATE_NOOP("Pages", "Sync"), ":/icons/pending.svg", {}, &make<SyncPage> },
};

} // namespace

std::vector<PageSpec> pagesFor(const PortalContext &ctx)
{
    std::vector<PageSpec> out;
    for (const Entry &e : kPages) {
        if (e.roles.size() != 0 && !ctx.hasRole(e.roles))
            continue;
        out.push_back(PageSpec { QString::fromLatin1(e.key), QCoreApplication::translate("Pages", e.title),
            QString::fromLatin1(e.icon), e.make });
    }
    return out;
}

} // namespace portal
