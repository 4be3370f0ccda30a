#include "ui/core/verifyjob.h"

#include "ledger/store/ledgerstore.h"
#include "ui/core/workerthread.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace portal {

VerifyJob::VerifyJob(QString ledgerPath, bool quick, QObject *parent)
    : QObject(parent)
    , m_path(std::move(ledgerPath))
    , m_quick(quick)
{
    qRegisterMetaType<ledger::VerifyReport>();
}

VerifyJob::~VerifyJob()
{
    m_cancel.store(true);
    endWorker(m_thread);
}

void VerifyJob::start()
{
    if (m_busy)
        return;
    // The previous worker has delivered its result, so at most its thread's teardown is left to wait for.
    endWorker(m_thread);
    m_busy = true;
    m_cancel.store(false);
    QPointer<VerifyJob> self(this);
    const QString path = m_path;
    const bool quick = m_quick;
    m_thread = QThread::create([self, path, quick, this] {
        ledger::VerifyReport report;
        QString error;
        bool ok = false;
        auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadOnly);
        if (!store) {
            error = store.error().message;
        } else {
            ledger::VerifyOptions options;
            options.quick = quick;
            options.progress = ThrottledProgress(this, m_cancel);
            auto result = ledger::verifyLedger(*store.value(), options);
            if (result) {
                ok = true;
                report = result.value();
            } else {
                error = result.error().message;
            }
        }
        // The job waits for this thread in its destructor, so `this` is alive while the call is queued;
        // the QPointer drops delivery if the job was destroyed before the event loop runs it.
        QMetaObject::invokeMethod(
            this,
            [self, ok, report, error] {
                if (!self)
                    return;
                self->m_busy = false;
                emit self->finished(ok, report, error);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace portal
