#include "ledger/queries/logpage.h"

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/log/merkle.h"
#include "ledger/queries/querysupport.h"

namespace ledger::queries {

Result<std::vector<LogRow>> logPage(store::LedgerStore &store, int64_t from, int64_t count)
{
    std::vector<LogRow> out;
    out.reserve(size_t(std::max<int64_t>(count, 0)));
    auto scanned = store.scanLog(from, from + count, [&](const store::LogView &v) {
        LogRow row;
        row.seq = v.seq;
        row.sequencedAt = v.sequencedAt;
        row.type = std::string(v.type);
        row.author = std::string(v.author);
        row.entryId = v.entryId.toByteArray();
        auto entry = decodeEntry(v.entry, false);
        row.summary = entry ? summariseEntry(entry.value().type, entry.value().body)
                            : QStringLiteral("(undecodable entry: %1)").arg(entry.error().message);
        auto key = crypto::PublicKey::fromRaw(v.authorKey);
        row.signatureOk = key && key.value().verify(signedMessage(v.type, v.entry), v.sig);
        out.push_back(std::move(row));
        return true;
    });
    if (!scanned)
        return scanned.error();
    return out;
}

Result<InclusionProof> inclusionProof(store::LedgerStore &store, int64_t seq)
{
    auto cp = store.latestCheckpoint();
    if (!cp)
        return cp.error();
    if (!cp.value() || cp.value()->treeSize <= seq)
        return makeError("not_checkpointed",
            QStringLiteral("Entry %1 is not covered by a signed checkpoint yet.").arg(seq));
    auto record = store.readLog(seq);
    if (!record)
        return record.error();
    InclusionProof proof;
    proof.seq = seq;
    proof.treeSize = cp.value()->treeSize;
    proof.leafHash = record.value().leafHash;
    proof.root = cp.value()->root;
    auto source = store.leafSource();
    proof.path = merkle::inclusionProof(*source, quint64(seq), quint64(proof.treeSize));
    proof.verified = merkle::verifyInclusion(
        quint64(seq), quint64(proof.treeSize), proof.leafHash, proof.path, proof.root);
    return proof;
}

Result<int64_t> outboxPending(store::LedgerStore &store)
{
    LQ_STMT(st, "SELECT count(*) FROM outbox WHERE status = 'pending'");
    int64_t n = 0;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { n = s.int64(0); }));
    return n;
}

} // namespace ledger::queries
