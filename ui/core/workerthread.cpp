#include "ui/core/workerthread.h"

#include <QMetaObject>
#include <QThread>

namespace portal {

void endWorker(QThread *&thread)
{
    if (!thread)
        return;
    thread->wait();
    delete thread;
    thread = nullptr;
}

ThrottledProgress::ThrottledProgress(QObject *job, const std::atomic<bool> &cancel)
    : m_job(job)
    , m_cancel(&cancel)
{
    m_sinceLast.start();
}

bool ThrottledProgress::operator()(int64_t done, int64_t total)
{
    if (m_sinceLast.elapsed() >= 50 || done == total) {
        m_sinceLast.restart();
        QMetaObject::invokeMethod(
            m_job, "progress", Qt::QueuedConnection, Q_ARG(qint64, done), Q_ARG(qint64, total));
    }
    return !m_cancel->load();
}

} // namespace portal
