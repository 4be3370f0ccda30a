#pragma once
// Sync of the open ledger with its registry, off the UI thread (issue 4: "nothing slow on the UI thread").
// One SyncJob per opened ledger, a child of its PortalContext (SyncJob::of), so it outlives the main
// window (which is rebuilt on a language change) and every page finds the same one.
//
// A run: a worker thread opens its own read-write connection to the ledger file (SQLite connections are per
// thread) and runs syncclient::SyncEngine::sync() — push the outbox, pull, verify, apply — with the user's
// unlocked key. Progress reaches the UI thread through queued calls at most every 50 ms; cancel() stops it at
// the engine's next check (a pull resumes where it stopped next time). The outcome is judged here:
// - done: the registry's receipts are recorded; pages are told the ledger changed (PortalContext).
// - offline (the registry cannot be reached): calm; the outbox keeps what was signed, and the next attempt
//   is scheduled with the transport's backoff (syncclient::backoffDelayMs) up to the sync interval.
// - fork: two checkpoints that cannot both be true; sync stops (no more scheduled runs) until the user
//   asks again, and the alarm names both.
// - failed: a refusal or a bad certificate, said in words (describeSyncError).
//
// Only ledgers bound to a registry (replicas, made by join) are synced; a standalone ledger has nothing to
// sync with. Periodic runs need the key unlocked (the passphrase is asked only when the user syncs by hand).

#include "ledger/crypto/ed25519.h"
#include "ledger/replica/endpoint.h"
#include "ledger/result.h"
#include "sync/client/syncengine.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <optional>

class QThread;
class QWidget;

namespace portal {

class PortalContext;

// What a sync needs besides the ledger and the key: from PortalSettings, replaceable by tests.
struct SyncConfig
{
    // Where to sync; empty: the registry the replica was joined from (its binding). Set when the registry
    // moved to another address (and by tests).
    QString registryUrl;
    QString caFile;
    QString pin;
    int intervalMinutes = 15; // 0: only when asked
    int intervalMsOverride = 0; // > 0: the interval in milliseconds instead (tests)
    int intervalMs() const
    {
        return intervalMsOverride > 0 ? intervalMsOverride
            : intervalMinutes > 0     ? intervalMinutes * 60'000
                                      : -1;
    }
    // Transport tuning (tests shorten these; the defaults are the transport's).
    syncclient::TransportOptions transport;
    int retryBaseMs = 30'000; // first retry after an offline run waits up to this, doubling
};

struct SyncOutcome
{
    enum class Kind { Done, Cancelled, Offline, Fork, Failed };
    Kind kind = Kind::Failed;
    syncclient::SyncReport report;
    QString code; // the error's code (empty when done)
    QString message; // in words
    std::optional<syncclient::ForkAlarm> fork;
    int64_t finishedAtMs = 0;
};

// An error of sync or join in words a user can act on (wrong CA, bad address, unreachable host, a key the
// registry does not know, a wrong passphrase, ...), followed by the detail.
QString describeSyncError(const ledger::Error &error, const QString &registryUrl);
// True for errors that mean "no network" (worth a calm retry later).
bool isOfflineError(const QString &code);

class SyncJob : public QObject
{
    Q_OBJECT
public:
    // The job of this context (created on first use, with the settings' configuration).
    static SyncJob *of(PortalContext &ctx);
    ~SyncJob() override;

    void setConfig(const SyncConfig &config);
    const SyncConfig &config() const { return m_config; }
    // Re-reads CA file, pin and interval from PortalSettings (after the settings dialog).
    void reloadSettings();

    // The replica's own registry address, CA file and pin (ledger::replica::Endpoint); nullopt for a
    // standalone ledger. A CA file or pin left empty there falls back to the settings'.
    const std::optional<ledger::replica::Endpoint> &endpoint() const { return m_endpoint; }
    // Checks and stores a new endpoint in the replica (a run in progress keeps the old one); nothing
    // changes on error.
    ledger::Result<void> setEndpoint(const ledger::replica::Endpoint &endpoint);

    // The registry this ledger is a replica of; empty for a standalone ledger.
    QString registryUrl() const { return m_registryUrl; }
    bool configured() const { return !m_registryUrl.isEmpty(); }

    // "Sync now": asks for the passphrase if needed (parent for the dialog), then starts. False (with the
    // reason in *problem) if nothing was started.
    bool syncNow(QWidget *parent, QString *problem = nullptr);
    // Starts a run with this key (no dialog). False if one is running or the ledger is not bound.
    bool start(const ledger::crypto::PrivateKey &key);
    void cancel() { m_cancel.store(true); }
    bool running() const;

    // State for the page and the status bar.
    int64_t lastSyncMs() const { return m_lastSyncMs; } // last run that finished (0: never)
    const std::optional<SyncOutcome> &lastOutcome() const { return m_last; }
    const std::optional<syncclient::ForkAlarm> &forkAlarm() const { return m_fork; }
    bool offline() const { return m_last && m_last->kind == SyncOutcome::Kind::Offline; }
    // One line: "Synced 14:02", "Offline — retrying in 2 min", "Fork detected: sync stopped", ...
    QString statusLine() const;
    // Milliseconds until the next scheduled run (-1: none scheduled).
    int nextRunInMs() const;

signals:
    void started();
    // phase: syncclient::SyncProgress::Phase as int; text says what is happening in words.
    void progress(int phase, qint64 done, qint64 total, const QString &text);
    void finished(const portal::SyncOutcome &outcome);
    void stateChanged();

private:
    explicit SyncJob(PortalContext &ctx);
    void onFinished(const SyncOutcome &outcome);
    void schedule(int ms);
    void onTimer();
    QString lastSyncKey() const;

    PortalContext &m_ctx;
    SyncConfig m_config;
    QString m_bindingUrl;
    std::optional<ledger::replica::Endpoint> m_endpoint;
    SyncConfig m_fromSettings; // CA file and pin of the settings, before the endpoint's override them
    QString m_registryUrl;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel { false };
    QTimer m_timer;
    int m_failures = 0; // offline runs in a row (drives the backoff)
    int64_t m_lastSyncMs = 0;
    std::optional<SyncOutcome> m_last;
    std::optional<syncclient::ForkAlarm> m_fork;
};

} // namespace portal

Q_DECLARE_METATYPE(portal::SyncOutcome)
