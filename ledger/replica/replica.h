#pragma once
// A replica of a registry's log on a member's machine. The registry is the sequencer; a replica only applies
// what the registry already sequenced (with its seq and sequenced_at), after checking every signature and
// running the same rules engine, and keeps the checkpoint it last verified.
//
// Two kinds, chosen by the member's role (SYNC-PROTOCOL.md "Who reads what"):
// - Full (admins, programme managers, reviewers, auditors): the whole log, contiguous. Each page is
//   appended to the Merkle frontier; a page that stops short of the target checkpoint is accepted only with
//   a consistency proof from the new local root to the target root, and the last page only if the local
//   root equals the target's. So nothing is ever stored that the signed log does not contain.
// - Filtered (startup and sponsor members): only the entries the member may see, each accepted only with
//   an inclusion proof against the target checkpoint. The rules run on this partial view for the member's
//   own balances; an entry whose rules cannot be judged without entries it may not see is still kept (its
//   proof shows the registry sequenced it) and counted as unprojected.
//
// Every page is one SQLite transaction: log rows, projections, frontier, outbox receipts, the resume position
// and (for the last page) the verified checkpoint land together, so an interrupted pull resumes at
// position() with nothing half-applied.
//
// Error codes: not_bound, replica_out_of_order (a page that does not start where the replica stopped or
// is not in order), replica_bad_entry (a signature or entry that does not verify), replica_rule_violation
// (a full replica's rules refuse an entry the registry sequenced), proof_invalid (an inclusion or
// consistency proof, or the final root, does not match), checkpoint_* (see checkpoint.h), plus the store's.

#include "ledger/codec/entry.h"
#include "ledger/domain/state.h"
#include "ledger/log/checkpoint.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QList>

#include <memory>
#include <optional>
#include <vector>

namespace ledger::replica {

enum class ReplicaKind { Full, Filtered };

// What ties a ledger file to a registry (kept in meta). A bound ledger never sequences locally.
struct Binding
{
    QString registryUrl;
    ReplicaKind kind = ReplicaKind::Full;
};
Result<std::optional<Binding>> readBinding(store::LedgerStore &store);
Result<void> writeBinding(store::LedgerStore &store, const Binding &binding);
// Unbinds a ledger that was bound a moment ago and whose first sync failed (it sequences locally again).
Result<void> clearBinding(store::LedgerStore &store);

// One entry as the registry serves it.
struct RemoteEntry
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    SignedEntry entry;
    QList<QByteArray> proof; // inclusion proof in the target tree (filtered views only)
};

// A page whose signatures were checked before it is applied (Replica::verifyPage), so that a pull can check
// page N+1 on all cores while page N is applied. Only verifyPage makes one; applyPage reports the errors it
// found, so a page never reaches the log without every signature checked.
class VerifiedPage
{
public:
    VerifiedPage() = default;
    const std::vector<RemoteEntry> &entries() const { return m_entries; }
    size_t size() const { return m_entries.size(); }

private:
    friend class Replica;
    std::vector<RemoteEntry> m_entries;
    std::vector<Entry> m_decoded;
    std::vector<std::optional<Error>> m_errors; // per entry: the signature or entry does not verify
    std::vector<QByteArray> m_ids; // entry ids
    std::vector<QByteArray> m_leaves; // RFC 9162 leaf hashes
};

struct PageResult
{
    int64_t applied = 0; // entries stored
    int64_t unprojected = 0; // filtered view: stored but not judged by the rules (see above)
    int64_t outboxSettled = 0; // outbox entries now known to be sequenced
    bool complete = false; // the target checkpoint is now the verified one
};

class Replica
{
public:
    // Opens the replica of a bound ledger (error not_bound otherwise) and loads its state.
    static Result<std::unique_ptr<Replica>> open(store::LedgerStore &store);

    ReplicaKind kind() const { return m_binding.kind; }
    const Binding &binding() const { return m_binding; }
    const State &state() const { return m_state; }
    store::LedgerStore &store() { return m_store; }

    // Where the next pull starts: the local log size (full), or the registry position after the last
    // page applied (filtered).
    int64_t position() const { return m_position; }
    // The checkpoint last verified and applied, if any.
    Result<std::optional<store::CheckpointRecord>> lastVerified();

    // Opens a signed checkpoint note with the checkpoint key this replica knows now (its state's). Errors as
    // note::openNote, or checkpoint_invalid when the replica knows no key yet (an empty replica).
    Result<note::Checkpoint> openCheckpoint(QByteArrayView signedNote) const;

    // Applies one page of the pull towards the checkpoint `targetNote` (signed note of tree size T).
    // `page` must start at position() (full: exactly; filtered: at or after) and be in order below T;
    // `next` is the registry's "next" (nullopt: the page ends the pull). For a full replica whose page
    // ends before T, `consistency` is the RFC 9162 proof from the new local size to T. The last page also
    // needs T's signature to verify with the checkpoint key of the state after it.
    // On error nothing of the page is stored and the replica is as before.
    //
    // `rootAtEndOnly` (a full replica being built from nothing, not yet in use, e.g. join's .partial file):
    // pages before the last are stored without a consistency proof and the last page's root check covers
    // them all; a mismatch there means the file must be discarded. It spares the registry one proof per page.
    // Such a replica also defers its projections: pages store the log rows (and frontier) only, the rules run
    // on the in-memory state, and the projections are derived from the log in one bulk pass
    // (rebuildProjections) after the last page, or when the replica is opened again after an interruption.
    Result<PageResult> applyPage(const std::vector<RemoteEntry> &page, std::optional<int64_t> next,
        QByteArrayView targetNote, const QList<QByteArray> &consistency = {}, bool rootAtEndOnly = false);
    // The same with the signatures checked beforehand (verifyPage, on any thread).
    Result<PageResult> applyPage(const VerifiedPage &page, std::optional<int64_t> next,
        QByteArrayView targetNote, const QList<QByteArray> &consistency = {}, bool rootAtEndOnly = false);

    // Decodes every entry (once: an entry whose `type` is empty takes it from its bytes; a given type must
    // match them), checks its author id and signature (on all cores, work shared sixteen entries at a time so
    // a core slowed by other processes does not hold the page up), and computes entry ids and leaf hashes.
    // Needs no replica: safe on any thread, beside applyPage on another.
    static VerifiedPage verifyPage(std::vector<RemoteEntry> page);

private:
    Replica(store::LedgerStore &store, Binding binding)
        : m_store(store)
        , m_binding(std::move(binding))
    { }
    Result<void> reload();
    Result<void> finishDeferred(); // writes deferred projections from the log (see applyPage)
    Result<note::Checkpoint> openWithKey(QByteArrayView signedNote, const State &state) const;

    store::LedgerStore &m_store;
    Binding m_binding;
    State m_state;
    merkle::CompactRange m_frontier; // full replicas
    int64_t m_position = 0;
};

} // namespace ledger::replica
