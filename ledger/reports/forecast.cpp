// Credits expiring in the next N days, and the run-out forecast of every active grant.

#include "ledger/reports/forecast.h"

#include "ledger/codec/json.h"
#include "ledger/domain/units.h"
#include "ledger/reports/reportcommon.h"
#include "ledger/reports/reports.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ledger::reports {

using namespace detail;

__extension__ using Int128 = __int128; // exact products of amounts and milliseconds

ForecastResult forecastGrant(const ForecastInput &in)
{
    ForecastResult out;
    auto tranches = in.tranches;
    std::sort(tranches.begin(), tranches.end());
    const Int128 used = in.usedInWindow;
    const Int128 window = in.windowMs > 0 ? in.windowMs : 1;
    out.dailyRate = int64_t(used * kDayMs / window);
    Int128 avail = in.available;
    int64_t t = in.now;
    // Consumes at the rate from t to `until` (or until the credit is gone); notes the first run-out.
    auto consume = [&](int64_t until) {
        if (until <= t)
            return;
        if (used <= 0) {
            t = until;
            return;
        }
        const Int128 need = used * (until - t) / window;
        if (need >= avail) {
            const int64_t empty = t + int64_t(avail * window / used);
            if (!out.runsOutAt && empty < in.expiresAt)
                out.runsOutAt = empty;
            avail = 0;
        } else {
            avail -= need;
        }
        t = until;
    };
    for (const auto &[releaseAt, amount] : tranches) {
        if (releaseAt >= in.expiresAt)
            continue; // never released before expiry: expires unused
        consume(std::max(releaseAt, in.now));
        avail += amount;
    }
    consume(in.expiresAt);
    int64_t neverReleased = 0;
    for (const auto &[releaseAt, amount] : tranches)
        if (releaseAt >= in.expiresAt)
            neverReleased += amount;
    out.unusedAtExpiry = int64_t(avail) + neverReleased;
    return out;
}

namespace {

struct GrantLine
{
    std::string id, startup, pool, sponsor, resource;
    int64_t expiresAt = 0, unreleased = 0, available = 0;
    std::vector<std::pair<int64_t, int64_t>> pending; // unreleased tranches
};

Result<std::vector<GrantLine>> activeGrants(store::LedgerStore &store, const ReportOptions &options)
{
    auto st = store.db().prepare(
        "SELECT g.id, g.startup, g.pool, p.sponsor, g.resource, g.expires_at, g.unreleased, g.available, "
        "g.tranches FROM grants g JOIN pools p ON p.id = g.pool WHERE g.status = 'active' AND "
        "g.unreleased + g.available > 0 AND (?1 = '' OR g.startup = ?1) AND (?2 = '' OR p.sponsor = ?2) "
        "ORDER BY g.expires_at, g.id");
    if (!st)
        return st.error();
    st->bind(1, options.startup).bind(2, options.sponsor);
    std::vector<GrantLine> out;
    LEDGER_TRY(eachRow(*st, [&](const sql::Statement &row) {
        GrantLine g;
        g.id = std::string(row.textView(0));
        g.startup = std::string(row.textView(1));
        g.pool = std::string(row.textView(2));
        g.sponsor = std::string(row.textView(3));
        g.resource = std::string(row.textView(4));
        g.expiresAt = row.int64(5);
        g.unreleased = row.int64(6);
        g.available = row.int64(7);
        if (auto tr = json::parse(row.textView(8)); tr && tr->isArray()) {
            for (const auto &t : tr->toArray()) {
                const json::Value *released = t.find("released");
                const json::Value *amount = t.find("amount");
                const json::Value *at = t.find("release_at");
                if (released && released->isBool() && !released->toBool() && amount && at)
                    g.pending.push_back({ at->toInt(), amount->toInt() });
            }
        }
        out.push_back(std::move(g));
    }));
    return out;
}

// Usage per grant in [begin, end), by the period each usage record covers — not when it was recorded, so a
// month imported late counts in its own month instead of looking like a burst today. A record whose period
// straddles an edge of the window counts pro rata (exactly, in integers). A usage's period ends before it is
// recorded (the rules refuse it otherwise), so only records sequenced from `begin` to `end` (inclusive: "now"
// includes what was recorded at this instant) can overlap the window.
Result<std::unordered_map<std::string, int64_t>> usageInWindow(
    store::LedgerStore &store, int64_t begin, int64_t end)
{
    std::unordered_map<std::string, int64_t> used;
    auto st = store.db().prepare(
        "SELECT m.grant_id, m.amount, l.entry FROM movements m JOIN log l ON l.seq = m.seq WHERE "
        "m.to_account = 'consumed' AND l.type = 'usage.recorded' AND m.at >= ?1 AND m.at <= ?2");
    if (!st)
        return st.error();
    st->bind(1, begin).bind(2, end);
    for (;;) {
        auto more = st->step();
        if (!more)
            return more.error();
        if (!more.value())
            break;
        const int64_t amount = st->int64(1);
        const QByteArrayView bytes = st->blobView(2);
        auto entry = json::parse(std::string_view(bytes.data(), size_t(bytes.size())));
        const json::Value *body = entry ? entry->find("body") : nullptr;
        const json::Value *ps = body ? body->find("period_start") : nullptr;
        const json::Value *pe = body ? body->find("period_end") : nullptr;
        if (!ps || !pe || !ps->isInt() || !pe->isInt() || pe->toInt() <= ps->toInt())
            return makeError("store_corrupt",
                QStringLiteral("A usage record of grant %1 has no valid period.")
                    .arg(q(std::string(st->textView(0)))));
        const int64_t from = std::max(ps->toInt(), begin), to = std::min(pe->toInt(), end);
        if (to <= from)
            continue;
        used[std::string(st->textView(0))]
            += int64_t(Int128(amount) * (to - from) / (pe->toInt() - ps->toInt()));
    }
    return used;
}

} // namespace

Result<Report> expiringCredits(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress)
{
    LEDGER_TRY(checkFilters(store, options));
    if (options.days < 1 || options.days > 3660)
        return makeError("invalid_argument", QStringLiteral("The horizon must be 1 to 3660 days."));
    Report r;
    LEDGER_TRY(fillHeader(store, options, r));
    r.name = QStringLiteral("expiring");
    r.title = QStringLiteral("Credits expiring in the next %1 days").arg(options.days);
    auto grants = activeGrants(store, options);
    if (!grants)
        return grants.error();
    const int64_t horizon = options.now + options.days * kDayMs;
    r.columns = { { QStringLiteral("Grant"), CellType::Text }, { QStringLiteral("Startup"), CellType::Text },
        { QStringLiteral("Sponsor"), CellType::Text }, { QStringLiteral("Pool"), CellType::Text },
        { QStringLiteral("Resource"), CellType::Text }, { QStringLiteral("Expires"), CellType::Date },
        { QStringLiteral("Days left"), CellType::Integer }, { QStringLiteral("Available"), CellType::Amount },
        { QStringLiteral("Unreleased"), CellType::Amount }, { QStringLiteral("Balance"), CellType::Amount } };
    std::map<std::string, int64_t> byResource;
    int64_t done = 0;
    for (const auto &g : grants.value()) {
        if (!tick(progress, ++done, int64_t(grants->size())))
            return cancelled();
        if (g.expiresAt >= horizon)
            continue;
        const int64_t left
            = g.expiresAt <= options.now ? 0 : (g.expiresAt - options.now + kDayMs - 1) / kDayMs;
        r.rows.push_back({ Cell::of(q(g.id)), Cell::of(q(g.startup)), Cell::of(q(g.sponsor)),
            Cell::of(q(g.pool)), Cell::of(q(g.resource)), Cell::date(g.expiresAt), Cell::integer(left),
            Cell::amount(g.available), Cell::amount(g.unreleased),
            Cell::amount(g.available + g.unreleased) });
        byResource[g.resource] += g.available + g.unreleased;
    }
    Chart chart { QStringLiteral("Expiring by resource (GPU-hours)"), true, {} };
    r.summary.push_back(
        { QStringLiteral("Horizon"), QStringLiteral("until %1").arg(units::formatTime(horizon)) });
    r.summary.push_back({ QStringLiteral("Grants"), QString::number(r.rows.size()) });
    for (const auto &[resource, total] : byResource) {
        r.summary.push_back(
            { q(resource), units::formatAmount(total) + QStringLiteral(" GPU-hours expiring") });
        chart.bars.push_back({ q(resource), total });
    }
    if (!chart.bars.empty())
        r.chart = std::move(chart);
    return r;
}

Result<Report> runOutForecast(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress)
{
    LEDGER_TRY(checkFilters(store, options));
    Report r;
    LEDGER_TRY(fillHeader(store, options, r));
    r.name = QStringLiteral("forecast");
    r.title = QStringLiteral("Run-out forecast");
    auto grants = activeGrants(store, options);
    if (!grants)
        return grants.error();
    const int64_t windowMs = options.usageWindowDays * kDayMs;
    auto usedByGrant = usageInWindow(store, options.now - windowMs, options.now);
    if (!usedByGrant)
        return usedByGrant.error();
    r.columns = { { QStringLiteral("Grant"), CellType::Text }, { QStringLiteral("Startup"), CellType::Text },
        { QStringLiteral("Resource"), CellType::Text }, { QStringLiteral("Balance"), CellType::Amount },
        { QStringLiteral("Available"), CellType::Amount },
        { QStringLiteral("Used in last %1 days").arg(options.usageWindowDays), CellType::Amount },
        { QStringLiteral("Per day"), CellType::Amount }, { QStringLiteral("Runs out"), CellType::Date },
        { QStringLiteral("Expires"), CellType::Date },
        { QStringLiteral("Will expire unused"), CellType::Amount },
        { QStringLiteral("Outlook"), CellType::Text } };
    Chart chart { QStringLiteral("Credits that will expire unused (GPU-hours)"), true, {} };
    int64_t runOut = 0, wasted = 0;
    int64_t done = 0;
    for (const auto &g : grants.value()) {
        if (!tick(progress, ++done, int64_t(grants->size())))
            return cancelled();
        ForecastInput in;
        in.now = options.now;
        in.available = g.available;
        in.tranches = g.pending;
        in.expiresAt = g.expiresAt;
        auto it = usedByGrant->find(g.id);
        in.usedInWindow = it == usedByGrant->end() ? 0 : it->second;
        in.windowMs = windowMs;
        const ForecastResult f = forecastGrant(in);
        QString outlook;
        if (g.expiresAt <= options.now)
            outlook = QStringLiteral("past expiry");
        else if (in.usedInWindow == 0)
            outlook = QStringLiteral("no recent usage");
        else if (f.runsOutAt)
            outlook = QStringLiteral("runs out before expiry");
        else
            outlook = QStringLiteral("credits will expire unused");
        if (f.runsOutAt)
            ++runOut;
        if (f.unusedAtExpiry > 0) {
            ++wasted;
            chart.bars.push_back({ q(g.id), f.unusedAtExpiry });
        }
        r.rows.push_back({ Cell::of(q(g.id)), Cell::of(q(g.startup)), Cell::of(q(g.resource)),
            Cell::amount(g.available + g.unreleased), Cell::amount(g.available),
            Cell::amount(in.usedInWindow), Cell::amount(f.dailyRate),
            f.runsOutAt ? Cell::date(*f.runsOutAt) : Cell::empty(), Cell::date(g.expiresAt),
            Cell::amount(f.unusedAtExpiry), Cell::of(outlook) });
    }
    std::stable_sort(chart.bars.begin(), chart.bars.end(),
        [](const auto &a, const auto &b) { return a.second > b.second; });
    if (chart.bars.size() > 20)
        chart.bars.resize(20);
    r.summary.push_back({ QStringLiteral("Active grants holding credit"), QString::number(r.rows.size()) });
    r.summary.push_back({ QStringLiteral("Will run out before expiry"), QString::number(runOut) });
    r.summary.push_back({ QStringLiteral("Will leave credit to expire"), QString::number(wasted) });
    r.summary.push_back(
        { QStringLiteral("Recent usage window"), QStringLiteral("%1 days").arg(options.usageWindowDays) });
    if (!chart.bars.empty())
        r.chart = std::move(chart);
    return r;
}

} // namespace ledger::reports
