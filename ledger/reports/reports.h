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

#include <vector>

namespace ledger::reports {

struct ReportInfo
{
    QString name;
    QString description;
    bool needsStartup = false;
};

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
