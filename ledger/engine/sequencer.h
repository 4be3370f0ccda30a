#pragma once
// The sequencer orders signed entries into the log. For each entry it checks the signature, idempotency and
// the rules against the state before it, then appends it — or returns a rejection with a reason code. A
// batch is one SQLite transaction: log rows, projections, Merkle frontier and checkpoint land together.

#include "ledger/codec/entry.h"
#include "ledger/domain/rules.h"
#include "ledger/domain/state.h"
#include "ledger/engine/clock.h"
#include "ledger/store/ledgerstore.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ledger {

struct Receipt
{
    QByteArray entryId; // 32 bytes
    bool accepted = false;
    bool duplicate = false; // already in the log: this is its original receipt
    bool queued = false; // a ledger bound to a registry: pre-checked and waiting in the outbox (seq = -1)
    int64_t seq = -1;
    int64_t sequencedAt = 0;
    Outcome outcome = Outcome::Applied;
    Error rejection; // when !accepted
};

// An entry whose signature the caller checked before sequencing (the registry checks on its request threads,
// on all cores, so that its one sequencing thread only runs the rules and writes).
struct CheckedEntry
{
    SignedEntry signedEntry;
    QByteArray id; // signedEntry.id()
    Entry entry; // openSignedEntry(signedEntry), when error is empty
    std::optional<Error> error; // openSignedEntry's error
};
// Checks one entry as submit() would (on any thread).
CheckedEntry checkEntry(SignedEntry signedEntry);

// Rows a caller adds inside a batch's transaction, after its log rows and before the commit, given the
// batch's receipts; an error undoes the whole batch.
using BeforeCommit = std::function<Result<void>(const std::vector<Receipt> &)>;

class WalCheckpointer;

class Sequencer
{
public:
    static Result<std::unique_ptr<Sequencer>> open(store::LedgerStore &store, const Clock &clock);
    ~Sequencer();

    const State &state() const { return m_state; }
    store::LedgerStore &store() { return m_store; }

    // The key that signs checkpoints after each batch; must be the alliance's current checkpoint key.
    Result<void> setCheckpointSigner(const crypto::PrivateKey &key);
    bool canCheckpoint() const;

    // Sequences a batch in one transaction and returns one receipt per entry, in order. An error means
    // nothing of the batch was stored (the receipts are not returned).
    Result<std::vector<Receipt>> submit(const std::vector<SignedEntry> &batch);
    // The same for entries already checked by checkEntry(), which are not verified again; `beforeCommit`
    // (optional) writes the caller's own rows in the same transaction.
    Result<std::vector<Receipt>> submitChecked(
        const std::vector<CheckedEntry> &batch, const BeforeCommit &beforeCommit = {});

    // Sequences entries this process has just built, signing them with `key` on all cores as it goes (an
    // import). Their signatures are not verified — they are made here, by this key, over these bytes — but
    // every other check is the same as submit()'s: shape, author = key, idempotency, nonces, every rule.
    // Entries from anywhere else (a registry, a replica, a file of signed entries) go through submit().
    // allOrNothing: if any entry is rejected, nothing is stored and the others' receipts say "not_stored";
    // dryRun: every entry is checked in order as if stored, then nothing is.
    struct OwnOptions
    {
        bool allOrNothing = false;
        bool dryRun = false;
    };
    Result<std::vector<Receipt>> submitOwn(
        std::vector<Entry> entries, const crypto::PrivateKey &key, const OwnOptions &options);

    // Signs a checkpoint for the current tree if it has none yet.
    Result<void> checkpoint();

private:
    Sequencer(store::LedgerStore &store, const Clock &clock);
    Result<void> reload();
    Result<void> writeCheckpoint(int64_t signedAt);
    template<typename Checks>
    Result<std::vector<Receipt>> sequence(
        Checks &checks, size_t count, const OwnOptions &options, const BeforeCommit &beforeCommit);

    store::LedgerStore &m_store;
    const Clock &m_clock;
    State m_state;
    merkle::CompactRange m_frontier;
    std::optional<crypto::PrivateKey> m_signer;
    std::unique_ptr<WalCheckpointer> m_walCheckpointer; // copies the WAL into the file off the commit path
};

// Checks signatures of many entries on all cores; result[i] is empty when entry i verifies.
std::vector<std::optional<Error>> verifySignatures(
    const std::vector<SignedEntry> &batch, std::vector<Entry> &decoded);

} // namespace ledger
