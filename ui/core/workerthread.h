#pragma once
// What the desktop's background jobs (ReportJob, VerifyJob, SyncJob, SyncJoinJob) share about their one
// worker thread: ending it, and passing a ledger call's progress to the UI thread without flooding it.

#include <QElapsedTimer>

#include <atomic>
#include <cstdint>

class QObject;
class QThread;

namespace portal {

// Waits for `thread` (if any) to return from its function, deletes it and sets it to nullptr. A job's
// destructor sets its cancel flag first, so that a running worker stops at its next progress call.
void endWorker(QThread *&thread);

// A ledger progress callback for a worker: passes (done, total) to `job`'s progress(qint64, qint64) signal,
// queued to the UI thread, at most every 50 ms and at the end; false (stop) once `cancel` is set.
class ThrottledProgress
{
public:
    ThrottledProgress(QObject *job, const std::atomic<bool> &cancel);
    bool operator()(int64_t done, int64_t total);

private:
    QObject *m_job;
    const std::atomic<bool> *m_cancel;
    QElapsedTimer m_sinceLast;
};

} // namespace portal
