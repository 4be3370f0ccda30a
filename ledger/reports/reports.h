#pragma once
// Report data drawn from a ledger file (read-only, the projections and the movements table): the catalogue
// and one entry point. Safe to call from a background thread with its own LedgerStore (a store, like its
// SQLite connection, belongs to one thread); progress() may cancel.
//
// Error codes: unknown_report, unknown_object (no such startup / sponsor), invalid_argument (a report that
// needs --startup without it, an empty period), cancelled, and the store's own.

#include "ledger/reports/report.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QStringList>

#include <vector>

namespace ledger::reports {

struct ReportInfo
{
    QString name;
    QString description;
    bool needsStartup = false;
    // The options of `report --help` this report honours ("startup", "sponsor", "from", "to", "days"); any
    // other is refused with `refusals` saying why, never silently ignored.
    QStringList takes;
    QString refusals; // one sentence: what the options it does not take would mean here
};

// invalid_argument if `options` sets a filter the report does not take (see ReportInfo::takes); --days is
// the caller's to check (it always has a value here).
Result<void> checkApplies(const ReportInfo &info, const ReportOptions &options);
const ReportInfo *findReport(const QString &name);

// Every report, in the order `report --list` shows them.
const std::vector<ReportInfo> &catalogue();

Result<Report> buildReport(store::LedgerStore &store, const QString &name, const ReportOptions &options,
    const ProgressFn &progress = {});

// The individual reports (buildReport dispatches to these).
Result<Report> startupStatement(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress = {});
Result<Report> sponsorUtilisation(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress = {});
Result<Report> programmePipeline(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress = {});
Result<Report> expiringCredits(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress = {});
Result<Report> runOutForecast(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress = {});

} // namespace ledger::reports
