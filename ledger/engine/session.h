#pragma once
// A ledger file opened for use by one face (the CLI, the desktop app): the store, and for writes a lazily
// opened Sequencer with its clock. record() turns (author key, type, body) into a signed entry and sequences
// it as a batch of one. Nothing here prints, prompts or knows about command lines.
//
// A ledger bound to a registry (a replica, see ledger/replica/) never sequences locally: record() and
// submit() sign, pre-check the entry with the rules engine against the local state plus the entries already
// waiting in the outbox, and queue it in the outbox; the receipt says queued, and the registry's receipt
// arrives at the next sync. A standalone ledger sequences as before.
//
// Error codes (besides those of the store, the sequencer and the rules): already_exists (createAlliance on
// an existing path), database_readonly (a write through a read-only session), invalid_body (a body that is
// not a JSON object or does not validate), genesis_rejected (createAlliance whose genesis the rules refused;
// the message carries the reason), bound_to_registry (asking a bound ledger for its local sequencer).

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/sequencer.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace ledger {

class LedgerSession
{
public:
    enum class Access { ReadOnly, ReadWrite };

    // Opens an existing ledger file. `clock`, if given, must outlive the session; otherwise the session uses
    // the system clock.
    static Result<std::unique_ptr<LedgerSession>> open(
        const QString &path, Access access, const Clock *clock = nullptr);

    // Creates a new ledger file holding only the genesis entry of a new alliance, signed by `rootKey`, which
    // also becomes the checkpoint key (a checkpoint is signed for the genesis). Refuses an existing path
    // ("already_exists"). On any failure no file is left behind.
    static Result<std::unique_ptr<LedgerSession>> createAlliance(const QString &path,
        const crypto::PrivateKey &rootKey, const std::string &allianceId, const std::string &name,
        const std::string &origin, const Clock *clock = nullptr);

    ~LedgerSession();
    LedgerSession(const LedgerSession &) = delete;
    LedgerSession &operator=(const LedgerSession &) = delete;

    store::LedgerStore &store() { return *m_store; }
    bool readOnly() const { return m_store->readOnly(); }
    QString path() const { return m_store->path(); }
    const Clock &clock() const { return *m_clock; }

    // The sequencer, opened on first use (loads the projections into memory). Read-write sessions of
    // standalone ledgers only.
    Result<Sequencer *> sequencer();
    // The rules engine's state at the end of the log (opens the sequencer; for a bound ledger, the state of
    // its replica).
    Result<const State *> state();
    // True when the ledger is bound to a registry (entries go to the outbox).
    Result<bool> boundToRegistry();

    // Builds {type, author = key id, created_at = now, nonce = fresh, body}, signs it and sequences it alone
    // (or, bound, queues it). A rejection by the rules is a receipt with accepted = false, not an error; an
    // error means nothing was stored. If another process appended since the state was loaded, it is
    // reloaded first.
    Result<Receipt> record(const crypto::PrivateKey &author, std::string type, json::Value body);
    // Sequences (or, bound, queues) an entry signed elsewhere, as a batch of one.
    Result<Receipt> submit(const SignedEntry &entry);

    // The key that signs a checkpoint after each write; must be the alliance's checkpoint key.
    Result<void> setCheckpointSigner(const crypto::PrivateKey &key);
    // True when writes through this session are followed by a signed checkpoint.
    bool canCheckpoint();
    // Signs a checkpoint for the whole log now, if it has none yet (needs setCheckpointSigner()).
    Result<void> checkpoint();

private:
    LedgerSession() = default;
    Result<void> refreshIfStale();
    Result<const State *> boundState();
    Result<Receipt> queue(const SignedEntry &entry);

    std::unique_ptr<Clock> m_ownedClock;
    const Clock *m_clock = nullptr;
    std::unique_ptr<store::LedgerStore> m_store;
    std::unique_ptr<Sequencer> m_sequencer; // declared after the store and clock it refers to
    std::optional<crypto::PrivateKey> m_checkpointSigner;
    std::unique_ptr<State> m_boundState; // bound ledgers: the replica's state, reloaded when the log grows
};

} // namespace ledger
