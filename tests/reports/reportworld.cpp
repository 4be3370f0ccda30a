#include "reportworld.h"

#include <QTest>

using namespace testsupport;
using ledger::Outcome;

namespace reporttest {

ReportWorld build(LedgerFixture &fx)
{
    ReportWorld rw;
    const World &w = fx.buildStandard();
    const int64_t t0 = fx.clock.nowMs();
    // g-1: 300 h to st-1 in two tranches; g-2: 800 h to st-2, above the threshold, so pm2 approves it.
    fx.mustRecord(w.pm, "grant.created",
        bodies::grant(
            "g-1", w.application, w.pool, { { 200'000, t0 }, { 100'000, t0 + 30 * kDay } }, t0 + 180 * kDay));
    fx.standardApplication("app-2", w.startup2, 800'000);
    fx.standardGrant("g-2", "app-2", { { 800'000, t0 } }, t0 + 200 * kDay);
    fx.clock.advance(10 * kDay);
    fx.mustRecord(w.pm, "usage.recorded",
        bodies::usage("g-1", "nc/2026-01a/st-1", w.resource, 50'500, t0, t0 + 10 * kDay));
    fx.mustRecord(w.pm, "usage.recorded",
        bodies::usage("g-2", "nc/2026-01a/st-2", w.resource, 100'000, t0, t0 + 10 * kDay));
    // A second resource, from the second sponsor: a short grant to st-1 that expires.
    fx.pool(rw.pool2, w.sponsor2, w.programme, rw.resource2, 1'000'000, t0 + 300 * kDay, w.pm, { w.pm2 });
    fx.mustRecord(w.pm, "application.submitted",
        bodies::application("app-3", w.startup, w.programme, rw.resource2, 100'000, "H100 fine-tuning"));
    fx.mustRecord(w.pm, "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer) }));
    fx.mustRecord(w.reviewer, "application.reviewed",
        bodies::review("app-3", { { "team", 9 }, { "market", 8 }, { "tech", 18 } }));
    fx.mustRecord(w.pm, "application.decided", bodies::decide("app-3"));
    fx.mustRecord(w.pm, "grant.created",
        bodies::grant(
            "g-3", "app-3", rw.pool2, { { 100'000, fx.clock.nowMs() } }, fx.clock.nowMs() + 20 * kDay));
    fx.clock.advance(5 * kDay);
    fx.mustRecord(w.pm, "usage.recorded",
        bodies::usage(
            "g-3", "kt/2026-01/st-1", rw.resource2, 12'345, fx.clock.nowMs() - 5 * kDay, fx.clock.nowMs()));
    // An application whose title a spreadsheet would run as a formula, with Korean text and a quote.
    fx.mustRecord(w.founder2, "application.submitted",
        bodies::application("app-4", w.startup2, w.programme, w.resource, 50'000,
            "=HYPERLINK(\"http://x\",\"서울 \"\"AI\"\"\")"));
    fx.clock.advance(20 * kDay); // day 35: g-3 is past its expiry
    fx.mustRecord(w.pm, "credits.expired", bodies::expire("g-3"));
    fx.mustRecord(w.pm, "grant.tranche_released", bodies::release("g-1", 1));
    fx.mustRecord(w.pm, "usage.recorded",
        bodies::usage("g-1", "nc/2026-02/st-1", w.resource, 30'000, t0 + 30 * kDay, t0 + 35 * kDay));
    fx.clock.advance(35 * kDay); // day 70
    fx.mustRecord(w.pm, "grant.clawed_back", bodies::clawback("g-2", 50'000));
    rw.end = fx.clock.nowMs();
    return rw;
}

} // namespace reporttest
