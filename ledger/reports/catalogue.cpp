#include "ledger/reports/reports.h"

namespace ledger::reports {

const std::vector<ReportInfo> &catalogue()
{
    const QString all = QStringLiteral("startup,sponsor,from,to");
    static const std::vector<ReportInfo> list {
        { QStringLiteral("statement"),
            QStringLiteral(
                "A startup's statement: opening balance, every movement, closing balance per resource, "
                "with expiry dates (--startup; --from, --to)"),
            true, { QStringLiteral("startup"), QStringLiteral("from"), QStringLiteral("to") },
            QStringLiteral("A statement covers all of one startup's grants, whichever sponsor's pool they "
                           "come from; `report utilisation --sponsor` shows a sponsor's side.") },
        { QStringLiteral("utilisation"),
            QStringLiteral(
                "Sponsor utilisation: pledged, granted, used, expired, clawed back per pool and startup "
                "(--sponsor to narrow; --from, --to)"),
            false, { QStringLiteral("sponsor"), QStringLiteral("from"), QStringLiteral("to") },
            QStringLiteral("Utilisation is per sponsor's pools; for one startup use `report statement "
                           "--startup`.") },
        { QStringLiteral("pipeline"),
            QStringLiteral("Programme pipeline: applications by stage, decision times and scores "
                           "(--startup; --from, --to: submitted in the period)"),
            false, { QStringLiteral("startup"), QStringLiteral("from"), QStringLiteral("to") },
            QStringLiteral("Applications belong to programmes, not to sponsors: there is no --sponsor "
                           "here.") },
        { QStringLiteral("expiring"),
            QStringLiteral("Credits expiring in the next N days (--days, default 30; --startup, --sponsor)"),
            false, { QStringLiteral("startup"), QStringLiteral("sponsor"), QStringLiteral("days") },
            QStringLiteral("It looks forward from now (--days), so --from and --to do not apply.") },
        { QStringLiteral("forecast"),
            QStringLiteral(
                "When each grant runs out at its recent rate, and which credits will expire unused "
                "(--startup, --sponsor)"),
            false, { QStringLiteral("startup"), QStringLiteral("sponsor") },
            QStringLiteral("It looks forward from now at the last 90 days' usage, so --from, --to and "
                           "--days do not apply.") },
        { QStringLiteral("journal"),
            QStringLiteral("Every movement as a plain-text-accounting journal for ledger and hledger "
                           "(--format journal only; --startup, --sponsor, --from, --to)"),
            false, all.split(QLatin1Char(',')), {} },
    };
    return list;
}

const ReportInfo *findReport(const QString &name)
{
    for (const ReportInfo &info : catalogue())
        if (info.name == name)
            return &info;
    return nullptr;
}

Result<void> checkApplies(const ReportInfo &info, const ReportOptions &options)
{
    const std::pair<const char *, bool> set[]
        = { { "startup", !options.startup.isEmpty() }, { "sponsor", !options.sponsor.isEmpty() },
              { "from", options.from.has_value() }, { "to", options.to.has_value() } };
    for (const auto &[option, isSet] : set)
        if (isSet && !info.takes.contains(QLatin1String(option)))
            return makeError("invalid_argument",
                QStringLiteral("The %1 report does not take --%2. %3")
                    .arg(info.name, QLatin1String(option), info.refusals));
    return {};
}

Result<Report> buildReport(
    store::LedgerStore &store, const QString &name, const ReportOptions &options, const ProgressFn &progress)
{
    if (options.from && options.to && *options.from >= *options.to)
        return makeError(
            "invalid_argument", QStringLiteral("The period is empty: --from must be before --to."));
    if (const ReportInfo *info = findReport(name))
        LEDGER_TRY(checkApplies(*info, options));
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
