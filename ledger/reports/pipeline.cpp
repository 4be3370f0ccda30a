// Programme pipeline: every application submitted in the period with its stage, how long the decision took
// and its review scores; a count per stage on top. Scores and durations are exact fixed-point numbers
// (three decimals, like amounts), never floating point.

#include "ledger/codec/json.h"
#include "ledger/domain/state.h"
#include "ledger/domain/units.h"
#include "ledger/reports/reportcommon.h"
#include "ledger/reports/reports.h"

#include <algorithm>
#include <limits>
#include <map>

namespace ledger::reports {

using namespace detail;

Result<Report> programmePipeline(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress)
{
    LEDGER_TRY(checkFilters(store, options));
    Report r;
    LEDGER_TRY(fillHeader(store, options, r));
    r.name = QStringLiteral("pipeline");
    r.title = QStringLiteral("Programme pipeline");
    auto st = store.db().prepare(
        "SELECT programme, id, startup, title, stage, submitted_at, decided_at, reviews, requested, resource "
        "FROM applications WHERE submitted_at >= ?1 AND submitted_at < ?2 AND (?3 = '' OR startup = ?3) "
        "ORDER BY programme, submitted_at, id");
    if (!st)
        return st.error();
    st->bind(1, options.from.value_or(std::numeric_limits<int64_t>::min()))
        .bind(2, options.to.value_or(std::numeric_limits<int64_t>::max()))
        .bind(3, options.startup);
    r.columns = { { QStringLiteral("Programme"), CellType::Text },
        { QStringLiteral("Application"), CellType::Text }, { QStringLiteral("Startup"), CellType::Text },
        { QStringLiteral("Title"), CellType::Text }, { QStringLiteral("Resource"), CellType::Text },
        { QStringLiteral("Requested"), CellType::Amount }, { QStringLiteral("Stage"), CellType::Text },
        { QStringLiteral("Submitted"), CellType::Date }, { QStringLiteral("Decided"), CellType::Date },
        { QStringLiteral("Days to decision"), CellType::Amount },
        { QStringLiteral("Scored reviews"), CellType::Integer },
        { QStringLiteral("Mean score"), CellType::Amount } };
    std::map<QString, int64_t> byStage;
    std::vector<int64_t> decisionMs;
    int64_t done = 0;
    for (;;) {
        auto more = st->step();
        if (!more)
            return more.error();
        if (!more.value())
            break;
        if (!tick(progress, ++done, 0))
            return cancelled();
        const QString stage = st->text(4);
        const int64_t submitted = st->int64(5);
        const int64_t decided = st->int64(6);
        int64_t scored = 0, total = 0;
        if (auto reviews = json::parse(st->textView(7)); reviews && reviews->isArray()) {
            for (const auto &rv : reviews->toArray()) {
                const json::Value *conflict = rv.find("conflict");
                const json::Value *scores = rv.find("scores");
                if ((conflict && conflict->isBool() && conflict->toBool()) || !scores || !scores->isObject())
                    continue;
                ++scored;
                for (const auto &[crit, score] : scores->toObject())
                    if (score.isInt())
                        total += score.toInt();
            }
        }
        byStage[stage] += 1;
        std::vector<Cell> row { Cell::of(st->text(0)), Cell::of(st->text(1)), Cell::of(st->text(2)),
            Cell::of(st->text(3)), Cell::of(st->text(9)), Cell::amount(st->int64(8)), Cell::of(stage),
            Cell::date(submitted) };
        if (decided > 0) {
            row.push_back(Cell::date(decided));
            row.push_back(Cell::amount((decided - submitted) * 1000 / kDayMs));
            decisionMs.push_back(decided - submitted);
        } else {
            row.push_back(Cell::empty());
            row.push_back(Cell::empty());
        }
        row.push_back(Cell::integer(scored));
        row.push_back(scored ? Cell::amount(total * 1000 / scored) : Cell::empty());
        r.rows.push_back(std::move(row));
    }
    Chart chart { QStringLiteral("Applications by stage"), false, {} };
    for (const auto &[stage, count] : byStage) {
        r.summary.push_back({ QStringLiteral("Stage ") + stage, QString::number(count) });
        chart.bars.push_back({ stage, count });
    }
    r.summary.push_back({ QStringLiteral("Applications"), QString::number(r.rows.size()) });
    if (!decisionMs.empty()) {
        std::sort(decisionMs.begin(), decisionMs.end());
        const int64_t median = decisionMs[decisionMs.size() / 2];
        r.summary.push_back({ QStringLiteral("Median time to decision"),
            QStringLiteral("%1 days").arg(units::formatAmount(median * 1000 / kDayMs)) });
    }
    if (!chart.bars.empty())
        r.chart = std::move(chart);
    return r;
}

} // namespace ledger::reports
