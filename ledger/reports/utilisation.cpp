// Sponsor utilisation: per pool, and per startup within each pool, what was pledged, granted, used,
// expired and clawed back in the period, and what the grants still hold at its end. Computed from the
// movements table in one grouped scan, so a period is as cheap as the whole ledger.

#include "ledger/domain/state.h"
#include "ledger/domain/units.h"
#include "ledger/queries/balances.h"
#include "ledger/reports/reportcommon.h"
#include "ledger/reports/reports.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace ledger::reports {

using namespace detail;

namespace {

struct Figures
{
    int64_t pledged = 0, returned = 0, granted = 0, used = 0, expired = 0, clawedBack = 0, held = 0;
};

struct GrantKey
{
    std::string pool, startup;
};

} // namespace

Result<Report> sponsorUtilisation(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress)
{
    Report r;
    LEDGER_TRY(fillHeader(store, options, r));
    r.name = QStringLiteral("utilisation");
    auto pools = queries::pools(store);
    if (!pools)
        return pools.error();
    const std::string sponsorFilter = options.sponsor.toStdString();
    if (!sponsorFilter.empty()) {
        const bool known = std::any_of(
            pools->begin(), pools->end(), [&](const auto &p) { return p.sponsor == sponsorFilter; });
        auto sp = store.db().cached("SELECT 1 FROM sponsors WHERE id = ?1");
        if (!sp)
            return sp.error();
        sql::ResetGuard g(*sp.value());
        sp.value()->bind(1, sponsorFilter);
        auto row = sp.value()->step();
        if (!row)
            return row.error();
        if (!row.value() && !known)
            return makeError(
                "unknown_object", QStringLiteral("There is no sponsor \"%1\".").arg(options.sponsor));
        r.title = QStringLiteral("Utilisation of the pools of sponsor %1").arg(options.sponsor);
    } else {
        r.title = QStringLiteral("Sponsor utilisation");
    }

    // grant -> (pool, startup), from the grants table.
    std::unordered_map<std::string, GrantKey> grants;
    {
        auto st = store.db().prepare("SELECT id, pool, startup FROM grants");
        if (!st)
            return st.error();
        LEDGER_TRY(eachRow(*st, [&](const sql::Statement &row) {
            grants.emplace(std::string(row.textView(0)),
                GrantKey { std::string(row.textView(1)), std::string(row.textView(2)) });
        }));
    }

    const int64_t from = options.from.value_or(std::numeric_limits<int64_t>::min());
    const int64_t to = options.to.value_or(std::numeric_limits<int64_t>::max());
    auto st = store.db().prepare("SELECT grant_id, from_account, to_account, SUM(CASE WHEN at >= ?1 THEN "
                                 "amount ELSE 0 END), SUM(amount) "
                                 "FROM movements WHERE at < ?2 GROUP BY grant_id, from_account, to_account");
    if (!st)
        return st.error();
    st->bind(1, from).bind(2, to);
    std::map<std::string, Figures> poolTotals;
    std::map<std::pair<std::string, std::string>, Figures> perStartup; // (pool, startup)
    int64_t done = 0;
    LEDGER_TRY(eachRow(*st, [&](const sql::Statement &row) {
        if (!tick(progress, ++done, 0))
            return false;
        const std::string grant(row.textView(0));
        const std::string fromAccount(row.textView(1));
        const std::string toAccount(row.textView(2));
        const int64_t inPeriod = row.int64(3);
        const int64_t cumulative = row.int64(4);
        if (grant.empty()) {
            // sponsor -> pool (pledge) or pool -> sponsor (pool closed)
            if (toAccount.rfind("pool:", 0) == 0)
                poolTotals[toAccount.substr(5)].pledged += inPeriod;
            else if (fromAccount.rfind("pool:", 0) == 0)
                poolTotals[fromAccount.substr(5)].returned += inPeriod;
            return true;
        }
        auto it = grants.find(grant);
        if (it == grants.end())
            return true;
        const std::string account = grantAccount(grant);
        Figures &f = perStartup[{ it->second.pool, it->second.startup }];
        Figures &p = poolTotals[it->second.pool];
        int64_t Figures::*field = &Figures::clawedBack;
        if (toAccount == account)
            field = &Figures::granted;
        else if (toAccount == kConsumedAccount)
            field = &Figures::used;
        else if (toAccount == kExpiredAccount)
            field = &Figures::expired;
        f.*field += inPeriod;
        p.*field += inPeriod;
        const int64_t held = toAccount == account ? cumulative : -cumulative;
        f.held += held;
        p.held += held;
        return true;
    }));

    r.columns = { { QStringLiteral("Sponsor"), CellType::Text }, { QStringLiteral("Pool"), CellType::Text },
        { QStringLiteral("Resource"), CellType::Text }, { QStringLiteral("Startup"), CellType::Text },
        { QStringLiteral("Pledged"), CellType::Amount }, { QStringLiteral("Granted"), CellType::Amount },
        { QStringLiteral("Used"), CellType::Amount }, { QStringLiteral("Expired"), CellType::Amount },
        { QStringLiteral("Clawed back"), CellType::Amount },
        { QStringLiteral("Returned to sponsor"), CellType::Amount },
        { QStringLiteral("Held by grants"), CellType::Amount },
        { QStringLiteral("Valid until"), CellType::Date } };
    Chart chart { QStringLiteral("Used in the period, by pool (GPU-hours)"), true, {} };
    std::map<std::string, Figures> byResource; // totals are never added across resources
    auto amountCells = [](const Figures &f, bool poolRow) {
        return std::vector<Cell> { poolRow ? Cell::amount(f.pledged) : Cell::empty(), Cell::amount(f.granted),
            Cell::amount(f.used), Cell::amount(f.expired), Cell::amount(f.clawedBack),
            poolRow ? Cell::amount(f.returned) : Cell::empty(), Cell::amount(f.held) };
    };
    int pools_ = 0;
    for (const auto &p : pools.value()) {
        if (!sponsorFilter.empty() && p.sponsor != sponsorFilter)
            continue;
        ++pools_;
        const Figures f = poolTotals[p.id];
        std::vector<Cell> row { Cell::of(q(p.sponsor)), Cell::of(q(p.id)), Cell::of(q(p.resource)),
            Cell::of(QStringLiteral("(all startups)")) };
        for (Cell &c : amountCells(f, true))
            row.push_back(std::move(c));
        row.push_back(Cell::date(p.validUntil));
        r.rows.push_back(std::move(row));
        for (auto it = perStartup.lower_bound({ p.id, std::string() });
             it != perStartup.end() && it->first.first == p.id; ++it) {
            std::vector<Cell> srow { Cell::of(q(p.sponsor)), Cell::of(q(p.id)), Cell::of(q(p.resource)),
                Cell::of(q(it->first.second)) };
            for (Cell &c : amountCells(it->second, false))
                srow.push_back(std::move(c));
            srow.push_back(Cell::empty());
            r.rows.push_back(std::move(srow));
        }
        chart.bars.push_back({ q(p.id), f.used });
        Figures &all = byResource[p.resource];
        all.pledged += f.pledged;
        all.granted += f.granted;
        all.used += f.used;
        all.expired += f.expired;
        all.clawedBack += f.clawedBack;
    }
    std::stable_sort(chart.bars.begin(), chart.bars.end(),
        [](const auto &a, const auto &b) { return a.second > b.second; });
    if (chart.bars.size() > 20)
        chart.bars.resize(20);
    r.summary.push_back({ QStringLiteral("Pools"), QString::number(pools_) });
    for (const auto &[resource, all] : byResource)
        r.summary.push_back({ q(resource),
            QStringLiteral("pledged %1, granted %2, used %3, expired %4, clawed back %5 GPU-hours")
                .arg(units::formatAmount(all.pledged), units::formatAmount(all.granted),
                    units::formatAmount(all.used), units::formatAmount(all.expired),
                    units::formatAmount(all.clawedBack)) });
    if (!chart.bars.empty())
        r.chart = std::move(chart);
    return r;
}

} // namespace ledger::reports
