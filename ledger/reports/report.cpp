#include "ledger/reports/report.h"

#include "ledger/domain/units.h"
#include "ledger/queries/balances.h"
#include "ledger/reports/reportcommon.h"

namespace ledger::reports {

QString periodText(const std::optional<int64_t> &from, const std::optional<int64_t> &to)
{
    if (!from && !to)
        return QStringLiteral("the whole ledger");
    const QString a = from ? units::formatTime(*from) : QStringLiteral("the beginning");
    const QString b = to ? QStringLiteral("before ") + units::formatTime(*to) : QStringLiteral("the end");
    return QStringLiteral("from %1 to %2").arg(a, b);
}

QString cellText(const Cell &cell)
{
    switch (cell.type) {
    case CellType::Empty:
        return {};
    case CellType::Text:
        return cell.text;
    case CellType::Amount:
        return units::formatAmount(cell.number);
    case CellType::Date:
        return units::formatTime(cell.number);
    case CellType::Integer:
        return QString::number(cell.number);
    }
    return {};
}

namespace detail {

Error cancelled()
{
    return makeError("cancelled", QStringLiteral("The report was cancelled."));
}

Result<void> fillHeader(store::LedgerStore &store, const ReportOptions &options, Report &report)
{
    auto info = queries::ledgerInfo(store);
    if (!info)
        return info.error();
    report.allianceName = q(info->allianceName);
    report.allianceId = q(info->allianceId);
    report.logSize = info->logSize;
    report.from = options.from;
    report.to = options.to;
    report.generatedAt = options.now;
    auto cp = store.latestCheckpoint();
    if (!cp)
        return cp.error();
    if (cp.value()) {
        report.checkpointSize = cp.value()->treeSize;
        report.checkpointRoot = QString::fromLatin1(cp.value()->root.toBase64());
    }
    return {};
}

// An unknown --startup or --sponsor is an error (unknown_object), never an empty report.
Result<void> checkFilters(store::LedgerStore &store, const ReportOptions &options)
{
    auto check = [&](const char *sqlText, const QString &id, const char *what) -> Result<void> {
        if (id.isEmpty())
            return {};
        auto st = store.db().cached(sqlText);
        if (!st)
            return st.error();
        sql::ResetGuard g(*st.value());
        st.value()->bind(1, id);
        auto row = st.value()->step();
        if (!row)
            return row.error();
        if (!row.value())
            return makeError(
                "unknown_object", QStringLiteral("There is no %1 \"%2\".").arg(QLatin1String(what), id));
        return {};
    };
    LEDGER_TRY(check("SELECT 1 FROM startups WHERE id = ?1", options.startup, "startup"));
    LEDGER_TRY(check("SELECT 1 FROM sponsors WHERE id = ?1", options.sponsor, "sponsor"));
    return {};
}

} // namespace detail

} // namespace ledger::reports
