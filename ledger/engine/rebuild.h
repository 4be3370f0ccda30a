#pragma once
// `rebuild`: throws the projections away and derives them again from the log, in one transaction. Entry
// signatures are not checked here (that is `verify`); the rules are, and a violation stops the rebuild with
// nothing changed.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <functional>

namespace ledger {

struct RebuildReport
{
    int64_t entries = 0;
};

Result<RebuildReport> rebuildProjections(
    store::LedgerStore &store, const std::function<bool(int64_t done, int64_t total)> &progress = {});

} // namespace ledger
