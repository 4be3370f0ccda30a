#pragma once
// The ledger's movements as a plain-text-accounting journal that `ledger` (3.x) and `hledger` (1.x) both
// read, one transaction per movement, in log order. The accounts are the ledger's own double-entry
// accounts, with the startup put in for the grant side so that sub-totals mean something:
//
//   sponsor:S            pool:P            grant:STARTUP:G            consumed:STARTUP   expired:STARTUP
//
// so `ledger balance` equals `alliancectl balance`: pool:P is the pool's balance, grant:STARTUP is the
// startup's balance (unreleased + available), consumed is the total used. Amounts are exact decimals with
// three places (milli-GPU-hours, never through floating point) in the resource as a quoted commodity:
//   2026-03-31 * (1234) usage on g-17
//       ; seq: 1234
//       consumed:st-9                         12.500 "naver-cloud/b200"
//       grant:st-9:g-17                      -12.500 "naver-cloud/b200"
// With --from, the balances before it open the journal as one "Opening balances" transaction; --startup
// keeps only the movements of that startup's grants; --sponsor only the sponsor's pledges and the movements
// of its pools and of the grants drawn from them (each kept transaction whole, so the journal balances).

#include "ledger/reports/report.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QIODevice>

namespace ledger::reports {

struct JournalStats
{
    int64_t transactions = 0;
};

Result<JournalStats> writeJournal(
    store::LedgerStore &store, const ReportOptions &options, QIODevice &out, const ProgressFn &progress = {});

} // namespace ledger::reports
