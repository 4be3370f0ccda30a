#pragma once
// `log export --format jsonl`: everything a third party needs to re-verify the ledger with any Ed25519
// library, in the format of docs/EXPORT-FORMAT.md:
//   FILE            one line per entry: {"author_key","entry","seq","sequenced_at","sig"} (canonical JSON)
//   FILE.checkpoint the latest signed checkpoint note
//   FILE.pub        the alliance root public key, base64 of the raw 32 bytes

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <functional>

namespace ledger {

struct ExportReport
{
    int64_t entries = 0;
    int64_t checkpointSize = 0; // tree size of the exported checkpoint, 0 if none
};

Result<ExportReport> exportJsonl(store::LedgerStore &store, const QString &outPath,
    const std::function<bool(int64_t done, int64_t total)> &progress = {});

} // namespace ledger
