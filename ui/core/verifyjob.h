#pragma once
// `verify` off the UI thread: a worker thread opens its own read-only connection to the ledger file (SQLite
// connections are per thread) and runs ledger::verifyLedger, reporting progress to the UI thread through
// queued signals. cancel() stops it at the next progress callback. If the job object is destroyed first
// (window closed), the worker is told to cancel and joined, so no callback reaches a dead object.

#include "ledger/engine/verifier.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace portal {

class VerifyJob : public QObject
{
    Q_OBJECT
public:
    VerifyJob(QString ledgerPath, bool quick, QObject *parent = nullptr);
    ~VerifyJob() override;

    void start();
    void cancel() { m_cancel.store(true); }
    // From start() until finished() is delivered. (Not QThread::isRunning(): the worker thread outlives its
    // queued result by its teardown, so a slot on finished() that starts again would be ignored, and a
    // start() between the thread's end and the delivery would drop the earlier result.)
    bool running() const { return m_busy; }

signals:
    void progress(qint64 done, qint64 total);
    // ok: no I/O error (the report says whether the ledger is sound); otherwise `error` says what failed.
    void finished(bool ok, const ledger::VerifyReport &report, const QString &error);

private:
    QString m_path;
    bool m_quick = true;
    std::atomic<bool> m_cancel { false };
    QThread *m_thread = nullptr;
    bool m_busy = false; // UI thread only
};

} // namespace portal

Q_DECLARE_METATYPE(ledger::VerifyReport)
