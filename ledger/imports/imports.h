#pragma once
// Idempotent imports of the files programmes receive: applications from a CSV intake form, and usage from a
// cloud provider's monthly usage CSV. Every row has a stable key (the application id; provider, period,
// startup and GPU class for usage), so importing the same file again, or an overlapping one, records only
// rows not recorded before. Every bad row is reported with its line and reason; a file with bad rows imports
// nothing unless skipBad. Everything the import records is one batch, one SQLite transaction: nothing is
// half-imported. Rows are checked against the rules engine, in file order, on a state that reads the store
// row by row, before anything is stored; the sequencer then signs the batch itself (Sequencer::submitOwn) and
// checks every rule again as it stores it, all-or-nothing unless skipBad.
//
// Usage file columns (header row, any order, case-insensitive): provider, resource (gpu class, or
// provider/gpu-class), startup, period (YYYY-MM, or YYYY-MM-DD for one day), gpu_hours (up to three
// decimals). A row is charged to the startup's active grant of that resource that can take it (the earliest
// to expire first); its usage key is "provider/period/startup/gpu-class".
//
// Applications file columns: application, startup, programme, title, resource, gpu_hours, and optionally
// summary.
//
// Errors (the whole file is refused, nothing recorded): import_invalid (see csvreader.h; a missing column),
// cancelled, and those of the sequencer and the store.

#include "ledger/crypto/ed25519.h"
#include "ledger/engine/session.h"
#include "ledger/reports/report.h"
#include "ledger/result.h"

#include <QByteArrayView>

#include <vector>

namespace ledger::imports {

struct RowProblem
{
    int64_t line = 0;
    QString reason;
};

struct ImportResult
{
    int64_t rows = 0; // data rows in the file
    int64_t recorded = 0; // entries sequenced now
    int64_t alreadyRecorded = 0; // rows whose key was recorded before (re-import, overlap)
    std::vector<RowProblem> problems; // bad rows, by line
    bool applied = false; // false when bad rows stopped the import (nothing recorded)
};

struct ImportOptions
{
    bool skipBad = false; // record the good rows even if some are bad
    bool dryRun = false; // check only
};

Result<ImportResult> importUsage(LedgerSession &session, const crypto::PrivateKey &author,
    QByteArrayView file, const ImportOptions &options, const reports::ProgressFn &progress = {});

Result<ImportResult> importApplications(LedgerSession &session, const crypto::PrivateKey &author,
    QByteArrayView file, const ImportOptions &options, const reports::ProgressFn &progress = {});

} // namespace ledger::imports
