#include "ui/core/syncjob.h"

#include "ledger/replica/replica.h"
#include "ledger/store/ledgerstore.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/portalsettings.h"
#include "ui/core/signing.h"
#include "ui/core/workerthread.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QSettings>
#include <QThread>

namespace portal {

namespace {

QString phaseText(syncclient::SyncProgress::Phase phase)
{
    using P = syncclient::SyncProgress::Phase;
    switch (phase) {
    case P::Push:
        return SyncJob::tr("Sending the outbox");
    case P::Checkpoint:
        return SyncJob::tr("Checking the registry's checkpoint");
    case P::Pull:
        return SyncJob::tr("Fetching and verifying new entries");
    case P::Done:
        return SyncJob::tr("Done");
    }
    return {};
}

} // namespace

bool isOfflineError(const QString &code)
{
    return code == u"network_error" || code == u"overloaded" || code == u"transport_error";
}

QString describeSyncError(const ledger::Error &e, const QString &url)
{
    const QString &c = e.code;
    QString words;
    if (c == u"tls_error")
        words = SyncJob::tr(
            "The registry's certificate was not accepted, so nothing was sent. If it uses a private "
            "CA, choose its CA file (and check the pin).");
    else if (c == u"invalid_url" && !e.message.isEmpty())
        return e.message; // replica::registryUrlProblem's words: what is wrong and what to type instead
    else if (c == u"invalid_url")
        words = SyncJob::tr("The registry address is not valid: it must be https://HOST[:PORT].");
    else if (c == u"invalid_pin")
        words = SyncJob::tr("The pin is not valid: it is sha256// followed by the base64 of a SHA-256 hash.");
    else if (isOfflineError(c))
        words
            = SyncJob::tr("The registry at %1 cannot be reached (no network, or the host is down).").arg(url);
    else if (c == u"unknown_key")
        words = SyncJob::tr("The registry does not know this key: it is not enrolled in the alliance. Ask an "
                            "administrator to enrol it.");
    else if (c == u"key_revoked")
        words = SyncJob::tr("This key has been revoked; the registry no longer accepts it.");
    else if (c == u"wrong_passphrase")
        words = SyncJob::tr("That passphrase does not unlock the key file.");
    else if (c.startsWith(u"key_"))
        words = SyncJob::tr("The key file cannot be used.");
    else if (c == u"cancelled")
        words = SyncJob::tr("Cancelled.");
    else if (c == u"fork_detected")
        words = SyncJob::tr(
            "The registry's log contradicts the checkpoint this ledger verified before: sync stopped "
            "and nothing here was changed.");
    else if (c == u"already_exists")
        words = SyncJob::tr("A file already exists at that path; choose a new file for the replica.");
    else if (c == u"untrusted_alliance")
        words = SyncJob::tr("The registry serves a different alliance than expected; nothing was kept.");
    else if (c == u"not_allowed")
        words = SyncJob::tr("The registry refused: this key's role may not do that.");
    else
        words = SyncJob::tr("Sync failed.");
    return e.message.isEmpty() ? words
                               : words + QLatin1Char(' ') + SyncJob::tr("(Detail: %1)").arg(e.message);
}

SyncJob *SyncJob::of(PortalContext &ctx)
{
    if (auto *job = ctx.findChild<SyncJob *>(QString(), Qt::FindDirectChildrenOnly))
        return job;
    return new SyncJob(ctx);
}

SyncJob::SyncJob(PortalContext &ctx)
    : QObject(&ctx)
    , m_ctx(ctx)
{
    qRegisterMetaType<SyncOutcome>();
    if (auto endpoint = ledger::replica::readEndpoint(ctx.store()); endpoint && endpoint.value()) {
        m_endpoint = endpoint.value();
        m_bindingUrl = m_endpoint->registryUrl;
    }
    m_lastSyncMs = QSettings().value(lastSyncKey()).toLongLong();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncJob::onTimer);
    reloadSettings();
}

SyncJob::~SyncJob()
{
    m_cancel.store(true);
    endWorker(m_thread);
}

QString SyncJob::lastSyncKey() const
{
    // Per ledger file: several replicas may be opened on one machine.
    const QByteArray h
        = QCryptographicHash::hash(m_ctx.ledgerPath().toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("sync/lastSync-%1").arg(QString::fromLatin1(h));
}

void SyncJob::reloadSettings()
{
    const PortalSettings s = PortalSettings::load();
    SyncConfig c = m_config;
    c.caFile = s.caFile;
    c.pin = s.pin;
    c.intervalMinutes = s.syncIntervalMinutes;
    setConfig(c);
}

ledger::Result<void> SyncJob::setEndpoint(const ledger::replica::Endpoint &endpoint)
{
    LEDGER_TRY(ledger::replica::writeEndpoint(m_ctx.store(), endpoint));
    m_endpoint = endpoint;
    m_bindingUrl = endpoint.registryUrl;
    SyncConfig c = m_config;
    c.registryUrl.clear(); // the replica's own address from now on
    c.caFile = m_fromSettings.caFile;
    c.pin = m_fromSettings.pin;
    setConfig(c);
    return {};
}

void SyncJob::setConfig(const SyncConfig &config)
{
    m_config = config;
    m_fromSettings.caFile = config.caFile;
    m_fromSettings.pin = config.pin;
    // The replica's own CA file and pin win over the settings'.
    if (m_endpoint && !m_endpoint->caFile.isEmpty())
        m_config.caFile = m_endpoint->caFile;
    if (m_endpoint && !m_endpoint->pin.isEmpty())
        m_config.pin = m_endpoint->pin;
    m_registryUrl = m_bindingUrl.isEmpty() ? QString()
        : config.registryUrl.isEmpty()     ? m_bindingUrl
                                           : config.registryUrl;
    if (!running() && !m_fork)
        schedule(m_config.intervalMs());
    emit stateChanged();
}

bool SyncJob::running() const
{
    // Until onFinished has run, not only while the thread does: between the thread's end and the queued
    // onFinished, a new run must not start (onFinished would then wait for and delete the new thread), and
    // a caller waiting for finished() must still see the run as going.
    return m_thread != nullptr;
}

int SyncJob::nextRunInMs() const
{
    return m_timer.isActive() ? m_timer.remainingTime() : -1;
}

void SyncJob::schedule(int ms)
{
    if (ms < 0 || !configured())
        m_timer.stop();
    else
        m_timer.start(ms);
}

void SyncJob::onTimer()
{
    if (running())
        return;
    // Periodic runs never ask for the passphrase: with the key locked they wait for the next interval.
    // Nor do they count as a use of the key (heldKey), so the key still locks itself on time.
    if (const ledger::crypto::PrivateKey *key = m_ctx.heldKey())
        start(*key);
    else
        schedule(m_config.intervalMs());
    emit stateChanged();
}

bool SyncJob::syncNow(QWidget *parent, QString *problem)
{
    QString why;
    bool ok = false;
    if (!configured())
        why = tr("This ledger is not a replica of a registry, so there is nothing to sync with. Use File > "
                 "Join a registry to make one.");
    else if (running())
        why = tr("A sync is already running.");
    else if (!m_ctx.member())
        why = tr("You opened this ledger without an enrolled key, so you cannot sync.");
    else if (SigningCeremony::ensureUnlocked(parent, m_ctx, &why))
        ok = start(*m_ctx.unlockedKey());
    if (problem)
        *problem = why;
    return ok;
}

bool SyncJob::start(const ledger::crypto::PrivateKey &key)
{
    if (running() || !configured())
        return false;
    m_timer.stop();
    m_cancel.store(false);
    syncclient::SyncOptions options;
    options.transport = m_config.transport;
    options.transport.baseUrl = m_registryUrl;
    options.transport.caFile = m_config.caFile;
    options.transport.pinnedKey = m_config.pin;
    const QString path = m_ctx.ledgerPath();
    const QString url = m_registryUrl;
    QPointer<SyncJob> self(this);
    m_thread = QThread::create([self, this, path, key, options, url] {
        SyncOutcome out;
        auto run = [&]() -> ledger::Result<syncclient::SyncReport> {
            auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadWrite);
            if (!store)
                return store.error();
            auto engine = syncclient::SyncEngine::create(*store.value(), key, options);
            if (!engine)
                return engine.error();
            engine.value()->setCancelFlag(&m_cancel);
            QElapsedTimer sinceLast;
            sinceLast.start();
            bool first = true;
            // At most one progress call every 50 ms, so the UI thread's queue is never flooded.
            engine.value()->setProgress([&](const syncclient::SyncProgress &p) {
                if (!first && sinceLast.elapsed() < 50 && p.phase != syncclient::SyncProgress::Phase::Done)
                    return;
                first = false;
                sinceLast.restart();
                const int phase = int(p.phase);
                const qint64 done = p.done, total = p.total;
                const QString text = phaseText(p.phase);
                QMetaObject::invokeMethod(
                    this,
                    [self, phase, done, total, text] {
                        if (self)
                            emit self->progress(phase, done, total, text);
                    },
                    Qt::QueuedConnection);
            });
            engine.value()->setRetryObserver([&](int attempt, int waitMs, const QString &) {
                const QString text = tr("No answer yet; trying again (attempt %1) in %2 s")
                                         .arg(attempt + 1)
                                         .arg((waitMs + 999) / 1000);
                QMetaObject::invokeMethod(
                    this,
                    [self, text] {
                        if (self)
                            emit self->progress(-1, 0, 0, text);
                    },
                    Qt::QueuedConnection);
            });
            auto result = engine.value()->sync();
            if (!result && engine.value()->fork())
                out.fork = engine.value()->fork();
            return result;
        };
        auto result = run();
        if (result) {
            out.kind = SyncOutcome::Kind::Done;
            out.report = result.value();
        } else {
            const ledger::Error &e = result.error();
            out.code = e.code;
            out.message = describeSyncError(e, url);
            if (out.fork || e.code == u"fork_detected")
                out.kind = SyncOutcome::Kind::Fork;
            else if (e.code == u"cancelled")
                out.kind = SyncOutcome::Kind::Cancelled;
            else if (isOfflineError(e.code))
                out.kind = SyncOutcome::Kind::Offline;
            else
                out.kind = SyncOutcome::Kind::Failed;
        }
        out.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
        // The job joins this thread in its destructor, so `this` is alive while the call is queued.
        QMetaObject::invokeMethod(
            this,
            [self, out] {
                if (self)
                    self->onFinished(out);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
    emit started();
    emit stateChanged();
    return true;
}

void SyncJob::onFinished(const SyncOutcome &outcome)
{
    endWorker(m_thread); // it only has to return from its lambda
    m_last = outcome;
    const int intervalMs = m_config.intervalMs();
    switch (outcome.kind) {
    case SyncOutcome::Kind::Done:
        m_failures = 0;
        m_fork.reset();
        m_lastSyncMs = outcome.finishedAtMs;
        QSettings().setValue(lastSyncKey(), qint64(m_lastSyncMs));
        schedule(intervalMs);
        break;
    case SyncOutcome::Kind::Offline: {
        // Try again sooner than the interval, backing off while the registry stays away.
        ++m_failures;
        const int cap = intervalMs > 0 ? intervalMs : 15 * 60'000;
        schedule(syncclient::backoffDelayMs(m_failures, std::min(m_config.retryBaseMs, cap), cap));
        break;
    }
    case SyncOutcome::Kind::Fork:
        m_fork = outcome.fork ? outcome.fork : std::optional<syncclient::ForkAlarm>(syncclient::ForkAlarm {});
        if (m_fork->reason.isEmpty())
            m_fork->reason = outcome.message;
        m_timer.stop(); // sync stops until the user asks again
        break;
    case SyncOutcome::Kind::Cancelled:
    case SyncOutcome::Kind::Failed:
        schedule(intervalMs);
        break;
    }
    // Receipts, pulled entries or rejections: every page re-reads (also the status bar's outbox count).
    const auto &r = outcome.report;
    if (r.pushed > 0 || r.pulled > 0 || outcome.kind == SyncOutcome::Kind::Done)
        m_ctx.notifyChanged();
    emit finished(outcome);
    emit stateChanged();
}

QString SyncJob::statusLine() const
{
    if (!configured())
        return tr("Standalone ledger: not synced with a registry");
    if (m_fork)
        return tr("⚠ Fork detected: sync stopped");
    if (running())
        return tr("Syncing…");
    QString line;
    if (m_last && m_last->kind == SyncOutcome::Kind::Offline) {
        line = tr("Offline: the outbox keeps your entries");
    } else if (m_last && m_last->kind == SyncOutcome::Kind::Failed) {
        line = tr("Last sync failed");
    } else if (m_lastSyncMs > 0) {
        line = tr("Synced %1").arg(fmt::dateTime(m_lastSyncMs));
    } else {
        line = tr("Not synced yet");
    }
    const int next = nextRunInMs();
    if (next >= 0)
        line += QStringLiteral(" · ") + tr("next sync in %1 min").arg(std::max(1, (next + 30'000) / 60'000));
    return line;
}

} // namespace portal
