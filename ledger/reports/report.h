#pragma once
// A report as data: one table of typed cells, a few summary lines and an optional bar chart, plus where it
// was drawn from (alliance, period, checkpoint). Every renderer (CSV, XLSX, PDF) takes this one shape, so a
// report is computed once and rendered any way. Amounts stay int64 milli-GPU-hours until a renderer
// formats them; dates stay ms since the epoch (UTC).

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace ledger::reports {

enum class CellType { Empty, Text, Amount, Date, Integer };

struct Cell
{
    CellType type = CellType::Empty;
    int64_t number = 0; // Amount: milli-GPU-hours; Date: ms since the epoch; Integer: the value
    QString text; // Text only

    static Cell empty() { return {}; }
    static Cell of(QString s) { return Cell { CellType::Text, 0, std::move(s) }; }
    static Cell amount(int64_t milli) { return Cell { CellType::Amount, milli, {} }; }
    static Cell date(int64_t ms) { return Cell { CellType::Date, ms, {} }; }
    static Cell integer(int64_t n) { return Cell { CellType::Integer, n, {} }; }
};

struct Column
{
    QString title;
    CellType type = CellType::Text; // what its cells hold (an Empty cell may appear in any column)
};

// One bar per label, in milli-GPU-hours (amountBars) or plain counts.
struct Chart
{
    QString title;
    bool amountBars = true;
    std::vector<std::pair<QString, int64_t>> bars;
};

struct Report
{
    QString name; // "statement", as `report --list` shows it
    QString title; // "Statement of Acme AI (st-1)"
    QString allianceName;
    QString allianceId;
    std::optional<int64_t> from; // the period, ms; absent = from the beginning
    std::optional<int64_t> to; // absent = to the end of the log
    int64_t generatedAt = 0;
    int64_t checkpointSize = 0; // the tree size of the latest checkpoint (0: none)
    QString checkpointRoot; // base64 of its root hash
    int64_t logSize = 0;
    std::vector<std::pair<QString, QString>> summary; // label, value: shown above the table
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::optional<Chart> chart;
};

// What a report is about. Unset options mean "all".
struct ReportOptions
{
    QString startup;
    QString sponsor;
    std::optional<int64_t> from; // ms, inclusive
    std::optional<int64_t> to; // ms, exclusive
    int64_t now = 0; // "now" for expiry and forecasts (ms)
    int64_t days = 30; // horizon of the expiring report
    int64_t usageWindowDays = 90; // the forecast's "recent usage"
};

// progress(done, total): return false to cancel (the call then fails with "cancelled"). Called from the
// thread that runs the report, every few thousand rows; total may be 0 when unknown.
using ProgressFn = std::function<bool(int64_t done, int64_t total)>;

// Period text for headers: "2026-01-01 to 2026-03-31", "from the beginning to 2026-03-31", ...
QString periodText(const std::optional<int64_t> &from, const std::optional<int64_t> &to);

// A cell as plain text (amounts "1,234.500", dates "2026-06-30"), for CSV and PDF.
QString cellText(const Cell &cell);

} // namespace ledger::reports
