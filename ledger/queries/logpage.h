#pragma once
// Windows of the log for the desktop's ledger explorer: rows [from, from + count) with the entry in words,
// and whether the author's signature verifies. Reads only those rows, so a page costs the same on a
// 1,000,000-entry ledger as on a small one.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace ledger::queries {

struct LogRow
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    std::string type;
    std::string author; // key id
    QByteArray entryId;
    QString summary;
    bool signatureOk = false;
};

Result<std::vector<LogRow>> logPage(store::LedgerStore &store, int64_t from, int64_t count);

struct InclusionProof
{
    int64_t seq = 0;
    int64_t treeSize = 0; // of the checkpoint the proof is against
    QByteArray leafHash;
    QByteArray root; // the checkpoint's root
    QList<QByteArray> path;
    bool verified = false; // the path leads from the leaf to the checkpoint's root
};

// The proof that entry `seq` is in the tree of the latest checkpoint. Error "not_checkpointed" when no
// checkpoint covers it yet. Reads the leaf hashes of the tree: run it off the UI thread.
Result<InclusionProof> inclusionProof(store::LedgerStore &store, int64_t seq);

// Signed entries in the outbox still waiting to be sequenced by the registry.
Result<int64_t> outboxPending(store::LedgerStore &store);

} // namespace ledger::queries
