#include "ui/core/syncjoinjob.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/replica/endpoint.h"
#include "ledger/store/ledgerstore.h"
#include "ui/core/syncjob.h"
#include "ui/core/workerthread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace portal {

SyncJoinJob::SyncJoinJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<JoinOutcome>();
}

SyncJoinJob::~SyncJoinJob()
{
    m_cancel.store(true);
    endWorker(m_thread);
}

bool SyncJoinJob::running() const
{
    // Until onFinished has run, as SyncJob: a join started between the thread's end and the queued onFinished
    // would have its thread waited for and deleted by the earlier join's onFinished.
    return m_thread != nullptr;
}

bool SyncJoinJob::start(const JoinRequest &request)
{
    if (running())
        return false;
    m_cancel.store(false);
    QPointer<SyncJoinJob> self(this);
    m_thread = QThread::create([self, this, request] {
        JoinOutcome out;
        const QString partial = request.path + QStringLiteral(".partial");
        const bool partialBefore = QFileInfo::exists(partial);
        bool fetched = false;
        auto run = [&]() -> ledger::Result<syncclient::SyncReport> {
            auto key = ledger::crypto::loadKeyFile(request.keyFile, request.passphrase);
            if (!key)
                return key.error();
            if (m_cancel.load())
                return ledger::makeError("cancelled", SyncJob::tr("Cancelled."));
            syncclient::JoinOptions options;
            options.sync.transport = request.transport;
            options.sync.transport.baseUrl = request.registryUrl;
            options.sync.transport.caFile = request.caFile;
            options.sync.transport.pinnedKey = request.pin;
            options.sync.pageLimit = request.pageLimit;
            QElapsedTimer sinceLast;
            sinceLast.start();
            bool first = true;
            return syncclient::join(
                request.path, key.value(), options,
                [&](const syncclient::SyncProgress &p) {
                    if (p.phase == syncclient::SyncProgress::Phase::Pull && p.done > 0)
                        fetched = true;
                    if (!first && sinceLast.elapsed() < 50)
                        return;
                    first = false;
                    sinceLast.restart();
                    const qint64 done = p.done, total = p.total;
                    const QString text = p.phase == syncclient::SyncProgress::Phase::Pull
                        ? SyncJob::tr("Fetching and verifying entries")
                        : SyncJob::tr("Checking the registry's checkpoint");
                    QMetaObject::invokeMethod(
                        this,
                        [self, done, total, text] {
                            if (self)
                                emit self->progress(done, total, text);
                        },
                        Qt::QueuedConnection);
                },
                &m_cancel);
        };
        auto result = run();
        if (result && result->complete) {
            // The replica keeps its own registry, CA file and pin (Settings change them for this file).
            auto endpoint = [&]() -> ledger::Result<void> {
                auto store = ledger::store::LedgerStore::open(
                    request.path, ledger::store::LedgerStore::Mode::ReadWrite);
                if (!store)
                    return store.error();
                return ledger::replica::writeEndpoint(
                    *store.value(), { request.registryUrl, request.caFile, request.pin });
            }();
            if (!endpoint)
                qWarning(
                    "join: the replica's endpoint was not stored: %s", qPrintable(endpoint.error().message));
            out.ok = true;
            out.report = result.value();
        } else {
            const ledger::Error e
                = result ? ledger::Error { QStringLiteral("cancelled"), QString() } : result.error();
            out.code = e.code;
            out.cancelled = e.code == u"cancelled";
            out.message = describeSyncError(e, request.registryUrl);
            if (result)
                out.report = result.value();
            // A partial file this run made and filled with nothing is not worth keeping.
            if (!partialBefore && !fetched && e.code != u"already_exists")
                for (const char *suffix : { "", "-wal", "-shm" })
                    QFile::remove(partial + QLatin1String(suffix));
            out.partialKept = QFileInfo::exists(partial);
            if (out.partialKept)
                out.message += QLatin1Char(' ')
                    + SyncJob::tr("What was fetched so far is kept in %1; joining again to the same file "
                                  "continues from there.")
                          .arg(partial);
        }
        QMetaObject::invokeMethod(
            this,
            [self, out] {
                if (self)
                    self->onFinished(out);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
    return true;
}

void SyncJoinJob::onFinished(const JoinOutcome &outcome)
{
    endWorker(m_thread); // it only has to return from its lambda
    emit finished(outcome);
}

} // namespace portal
