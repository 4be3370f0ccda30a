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

} // namespace detail

} // namespace ledger::reports
