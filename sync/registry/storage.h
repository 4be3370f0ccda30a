#pragma once
// Where the registry keeps the log: an interface, so the HTTP code and the service never see SQL (SQLite is
// the embedded default, sqlitestorage.h; a PostgreSQL backend can implement the same three classes).
//
// Threading: one LogWriter, used by the sequencing thread only. Any number of LogReaders, one per thread.

#include "sync/wire/messages.h"

#include "ledger/crypto/ed25519.h"
#include "ledger/domain/state.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/sequencer.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace registry {

// Enrolled members by key id, as of the writer's last batch. Immutable once published.
using Directory = std::unordered_map<std::string, ledger::Member>;

struct SubmitOutcome
{
    std::vector<syncwire::WireReceipt> receipts; // one per entry, in order
    QByteArray checkpoint; // the signed note after the batch
    int sequenced = 0; // newly sequenced by this call
    int rejected = 0; // newly rejected by this call
};

class LogWriter
{
public:
    virtual ~LogWriter() = default;
    // Sequences a batch whose signatures were checked already (ledger::checkEntry; they are not checked
    // again): the rules run here. Entries rejected before return their stored receipt, entries already in
    // the log their original seq; new rejections are signed by the checkpoint key. Log rows, stored
    // rejections and read-scope rows land in one transaction; the outcome exists only after it committed.
    virtual ledger::Result<SubmitOutcome> submit(std::vector<ledger::CheckedEntry> batch) = 0;
    virtual std::shared_ptr<const Directory> directory() const = 0;
    virtual int64_t treeSize() const = 0;
    virtual QString origin() const = 0;
};

// What a caller may read: the whole log, or the public entries plus those about one startup or sponsor.
struct Scope
{
    bool wholeLog = false;
    std::string startup;
    std::string sponsor;
};

struct StoredCheckpoint
{
    int64_t treeSize = 0;
    QByteArray root;
    QByteArray note;
};

class LogReader
{
public:
    virtual ~LogReader() = default;
    // The latest checkpoint (treeSize empty) or the one signed for exactly that size (nullopt if none).
    virtual ledger::Result<std::optional<StoredCheckpoint>> checkpoint(std::optional<int64_t> treeSize) = 0;
    // Entries [from, cp.treeSize) the scope may read, at most `limit`, proven against cp when filtered.
    virtual ledger::Result<syncwire::Page> page(
        int64_t from, int limit, const StoredCheckpoint &cp, const Scope &scope)
        = 0;
    virtual ledger::Result<bool> mayRead(int64_t seq, const Scope &scope) = 0;
    virtual ledger::Result<QList<QByteArray>> inclusionProof(int64_t seq, int64_t treeSize) = 0;
    virtual ledger::Result<QList<QByteArray>> consistencyProof(int64_t from, int64_t to) = 0;
};

// The replay window's seen request signatures, kept across restarts (ReplayCache holds them in memory and
// writes each one here before the request is served). Used by one thread at a time.
class ReplayJournal
{
public:
    virtual ~ReplayJournal() = default;
    // The signatures whose expiry is at or after nowMs, with their expiry.
    virtual ledger::Result<std::vector<std::pair<QByteArray, int64_t>>> load(int64_t nowMs) = 0;
    virtual ledger::Result<void> record(const QByteArray &signature, int64_t expiryMs) = 0;
    virtual ledger::Result<void> forget(int64_t expiredBeforeMs) = 0;
};

class Storage
{
public:
    virtual ~Storage() = default;
    // `checkpointKey` must be the alliance's current checkpoint key (error "not_checkpoint_key" otherwise).
    virtual ledger::Result<std::unique_ptr<LogWriter>> openWriter(
        const ledger::crypto::PrivateKey &checkpointKey, const ledger::Clock &clock)
        = 0;
    virtual ledger::Result<std::unique_ptr<LogReader>> openReader() = 0;
    virtual ledger::Result<std::unique_ptr<ReplayJournal>> openReplayJournal() = 0;
};

} // namespace registry
