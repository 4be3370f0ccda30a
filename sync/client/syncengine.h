#pragma once
// Sync of one bound ledger with its registry (docs/SYNC-PROTOCOL.md "Client rules", docs/SYNC-CLIENT.md):
// push the outbox in batches and record every receipt, then pull: fetch the checkpoint, prove it consistent
// with the last verified one (a failure is a fork: stop, change nothing, raise an alarm naming both), page
// through the entries with the tree size fixed and hand each page to the replica, which verifies and
// applies it in one transaction. An interrupted pull resumes at the replica's position. join() builds a new
// member's replica from nothing.
//
// Runs on whatever thread calls it (the desktop runs it off the UI thread); progress callbacks come from that
// thread; cancel() may be called from any thread.
//
// Error codes: fork_detected (see fork()), the registry's own code when it answers with an error (e.g.
// not_allowed, unknown_key; the message says which request and the registry's sentence), invalid_response,
// untrusted_alliance (join: not the expected root key), already_exists, plus the transport's (tls_error,
// network_error, overloaded, cancelled, ...) and the replica's (proof_invalid, replica_*, checkpoint_*).

#include "ledger/crypto/ed25519.h"
#include "ledger/log/checkpoint.h"
#include "ledger/replica/outbox.h"
#include "ledger/replica/replica.h"
#include "ledger/result.h"
#include "sync/client/httpstransport.h"
#include "sync/wire/messages.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace syncclient {

struct SyncOptions
{
    TransportOptions transport;
    int pushBatch = 1000; // entries per POST /v1/entries (the registry's default maximum)
    int pageLimit = 1000; // entries per GET /v1/entries
    int maxPages = -1; // stop after this many pages (tests, "pull a little now"); < 0: no limit
    // A full replica built from nothing (join's .partial file): check the root once, at the last page,
    // instead of a consistency proof per page (see Replica::applyPage).
    bool rootAtEndOnly = false;
    // Ask for binary pages (GET /v1/entries?format=2, sync/wire/binarypage.h); a registry that does not
    // know them is asked for JSON from then on. false: JSON pages only.
    bool binaryPages = true;
};

struct SyncProgress
{
    enum class Phase { Push, Checkpoint, Pull, Done };
    Phase phase = Phase::Push;
    int64_t done = 0;
    int64_t total = 0;
    QString detail;
};

// Two checkpoints that cannot both be true of one append-only log.
struct ForkAlarm
{
    QString origin;
    int64_t localSize = 0;
    QByteArray localRoot;
    QByteArray localNote;
    int64_t remoteSize = 0;
    QByteArray remoteRoot;
    QByteArray remoteNote;
    QString reason;
    QString describe() const; // one paragraph naming both checkpoints
};

struct SyncReport
{
    int64_t pushed = 0; // outbox entries sent
    int64_t sequenced = 0; // ... that the registry sequenced
    int64_t rejected = 0; // ... that it rejected (kept in the outbox with their reason)
    int64_t notMine = 0; // pending entries by other keys, left for their authors to push
    int64_t pulled = 0; // entries applied to the replica
    int64_t unprojected = 0;
    int64_t pages = 0;
    int64_t treeSize = 0; // the registry's log size verified now
    bool complete = false; // the replica is at the registry's checkpoint
    std::vector<ledger::replica::OutboxItem> rejections; // rejected in this sync
};

class SyncEngine
{
public:
    // `member` signs the requests (and must be the author of what is pushed). The store must be bound.
    static Result<std::unique_ptr<SyncEngine>> create(
        ledger::store::LedgerStore &store, const ledger::crypto::PrivateKey &member, SyncOptions options);
    ~SyncEngine();

    void setProgress(std::function<void(const SyncProgress &)> fn) { m_progress = std::move(fn); }
    void cancel() { m_cancel.store(true); }
    void setMaxPages(int pages) { m_options.maxPages = pages; }
    // Uses an outside flag instead of cancel() (e.g. the CLI's SIGINT flag). Must outlive the engine.
    void setCancelFlag(const std::atomic<bool> *flag);
    const std::optional<ForkAlarm> &fork() const { return m_fork; }
    HttpsTransport &transport() { return *m_transport; }
    // Both connections (requests, and the pages of a pull fetched one ahead).
    void setRetryObserver(const std::function<void(int attempt, int waitMs, const QString &why)> &fn)
    {
        m_transport->setRetryObserver(fn);
        m_prefetch->setRetryObserver(fn);
    }
    ledger::replica::Replica &replica() { return *m_replica; }

    // push() then pull().
    Result<SyncReport> sync();
    Result<SyncReport> push();
    Result<SyncReport> pull();
    // GET /v1/me.
    Result<QString> whoAmI(QString *role = nullptr, QString *startup = nullptr, QString *sponsor = nullptr);

private:
    SyncEngine(
        ledger::store::LedgerStore &store, const ledger::crypto::PrivateKey &member, SyncOptions options);
    struct Head
    {
        QByteArray note; // the registry's signed checkpoint, consistent with the last verified one
        ledger::note::Checkpoint checkpoint;
    };
    // GET /v1/checkpoint and the fork check (SYNC-PROTOCOL.md client rule 1).
    Result<Head> fetchHead();
    Result<void> pushInto(SyncReport &report);
    // Pulls up to `checked` (a head fetched and fork-checked just before), or to a freshly fetched one.
    Result<void> pullInto(SyncReport &report, const Head *checked = nullptr);
    Result<QByteArray> getJson(const QByteArray &pathAndQuery);
    Result<QByteArray> postJson(const QByteArray &pathAndQuery, const QByteArray &body);
    Result<QByteArray> expectOk(Result<HttpResponse> response, const QByteArray &what);
    Result<QList<QByteArray>> consistencyProof(HttpsTransport &t, int64_t from, int64_t to);
    struct Fetched
    {
        int64_t from = 0; // where the page was asked for
        std::optional<Error> error;
        syncwire::Page page; // its entries moved into `raw`, then into `verified`
        std::vector<ledger::replica::RemoteEntry> raw; // as decoded, signatures not yet checked
        ledger::replica::VerifiedPage verified; // signatures checked on the verifying thread
        QList<QByteArray> proof; // full replicas, pages before the last: consistency from the page's end
    };
    // Runs on the prefetch thread with m_prefetch and m_pageKeys only, one page at a time.
    Fetched fetchPage(int64_t from, int64_t treeSize, bool full);
    Error forkError(ForkAlarm alarm);
    bool cancelled() const { return m_cancelFlag->load(); }
    void report(SyncProgress::Phase phase, int64_t done, int64_t total, const QString &detail = QString());

    ledger::store::LedgerStore &m_store;
    ledger::crypto::PrivateKey m_member;
    SyncOptions m_options;
    std::unique_ptr<HttpsTransport> m_transport;
    std::unique_ptr<HttpsTransport> m_prefetch; // the pages of a pull, fetched ahead
    syncwire::KeyCache m_pageKeys; // author keys seen in this pull's pages (fetchPage)
    bool m_jsonPages = false; // JSON pages only: asked for, or the registry has no binary pages (fetchPage)
    std::unique_ptr<ledger::replica::Replica> m_replica;
    std::atomic<bool> m_cancel { false };
    const std::atomic<bool> *m_cancelFlag = &m_cancel;
    std::function<void(const SyncProgress &)> m_progress;
    std::optional<ForkAlarm> m_fork;
};

struct JoinOptions
{
    SyncOptions sync;
    QByteArray expectedRootKey; // raw 32 bytes; empty: trust the genesis the registry serves (printed)
};

// Builds a new member's replica at `path` from nothing: asks the registry who the key is, picks a full or
// filtered replica by its role, and pulls everything it may read into `path`.partial, renamed to `path`
// only once the registry's checkpoint is verified. Re-running join after an interruption resumes the
// partial file. Refuses an existing `path` (already_exists).
Result<SyncReport> join(const QString &path, const ledger::crypto::PrivateKey &member,
    const JoinOptions &options, const std::function<void(const SyncProgress &)> &progress = {},
    const std::atomic<bool> *cancel = nullptr);

} // namespace syncclient
