#pragma once
// `verify`: proves a ledger file is what its log says. Quick mode recomputes every entry id and leaf hash,
// the Merkle root at every stored checkpoint and each checkpoint's signature. Full mode also checks every
// entry signature (on all cores), replays every entry through the rules engine, checks the double-entry
// invariants, and compares the projections with that replay.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <functional>

namespace ledger {

struct VerifyOptions
{
    bool quick = false;
    // Called now and then with entries done and the total; return false to cancel.
    std::function<bool(int64_t done, int64_t total)> progress;
};

struct VerifyReport
{
    bool ok = true;
    int64_t entries = 0;
    int64_t checkpoints = 0;
    int64_t uncheckpointed = 0; // entries after the latest checkpoint
    // The first defect: the sequence number (or checkpoint tree size) and what is wrong.
    int64_t firstBadSeq = -1;
    QString code; // e.g. "entry_id_mismatch", "bad_signature", "rule_violation", "projection_mismatch"
    QString problem;
};

// An error is an I/O problem (or cancellation); a defect in the ledger is a report with ok == false.
Result<VerifyReport> verifyLedger(store::LedgerStore &store, const VerifyOptions &options = {});

} // namespace ledger
