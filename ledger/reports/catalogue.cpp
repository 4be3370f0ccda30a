#include "ledger/reports/reports.h"

namespace ledger::reports {

const std::vector<ReportInfo> &catalogue()
{
    static const std::vector<ReportInfo> list {
        { QStringLiteral("statement"),
            QStringLiteral(
                "A startup's statement: opening balance, every movement, closing balance per resource, "
                "with expiry dates (--startup)"),
            true },
        { QStringLiteral("utilisation"),
            QStringLiteral(
                "Sponsor utilisation: pledged, granted, used, expired, clawed back per pool and startup "
                "(--sponsor to narrow)"),
            false },
        { QStringLiteral("pipeline"),
            QStringLiteral("Programme pipeline: applications by stage, decision times and scores"), false },
        { QStringLiteral("expiring"),
            QStringLiteral("Credits expiring in the next N days (--days, default 30)"), false },
        { QStringLiteral("forecast"),
            QStringLiteral(
                "When each grant runs out at its recent rate, and which credits will expire unused"),
            false },
        { QStringLiteral("journal"),
            QStringLiteral("Every movement as a plain-text-accounting journal for ledger and hledger "
                           "(--format journal only)"),
            false },
    };
    return list;
}

Result<Report> buildReport(
    store::LedgerStore &store, const QString &name, const ReportOptions &options, const ProgressFn &progress)
{
    if (options.from && options.to && *options.from >= *options.to)
        return makeError(
            "invalid_argument", QStringLiteral("The period is empty: --from must be before --to."));
    if (name == QLatin1String("statement"))
        return startupStatement(store, options, progress);
    if (name == QLatin1String("utilisation"))
        return sponsorUtilisation(store, options, progress);
    if (name == QLatin1String("pipeline"))
        return programmePipeline(store, options, progress);
    if (name == QLatin1String("expiring"))
        return expiringCredits(store, options, progress);
    if (name == QLatin1String("forecast"))
        return runOutForecast(store, options, progress);
    return makeError("unknown_report",
        QStringLiteral("There is no report \"%1\" as a table; see `alliancectl report --list`.").arg(name));
}

} // namespace ledger::reports
