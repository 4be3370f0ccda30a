#pragma once
// Joining a registry from the desktop (first-run dialog, File > Join a registry), off the UI thread: a
// worker unlocks the key file (the KDF is slow on purpose) and runs syncclient::join(), which builds the new
// replica in "<path>.partial" and renames it to <path> only once the registry's checkpoint is verified.
// Progress reaches the UI through queued calls at most every 50 ms; cancel() stops at the next check.
//
// Nothing half-written: the replica file exists only when complete. A partial file that holds fetched pages
// stays, and the next join to the same path resumes it; one this run created that holds nothing yet (the
// registry refused the key, the certificate was wrong, ...) is removed again.

#include "sync/client/syncengine.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace portal {

struct JoinRequest
{
    QString path; // the new replica's file (must not exist)
    QString registryUrl;
    QString caFile;
    QString pin;
    QString keyFile;
    QByteArray passphrase;
    syncclient::TransportOptions transport; // tuning (timeouts, retries); url, CA and pin come from above
    int pageLimit = 1000; // entries per page
};

struct JoinOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString code;
    QString message; // in words
    syncclient::SyncReport report;
    bool partialKept = false; // a resumable .partial file remains
};

class SyncJoinJob : public QObject
{
    Q_OBJECT
public:
    explicit SyncJoinJob(QObject *parent = nullptr);
    ~SyncJoinJob() override; // cancels and waits

    bool start(const JoinRequest &request);
    void cancel() { m_cancel.store(true); }
    bool running() const;

signals:
    void progress(qint64 done, qint64 total, const QString &text);
    void finished(const portal::JoinOutcome &outcome);

private:
    void onFinished(const JoinOutcome &outcome);

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel { false };
};

} // namespace portal

Q_DECLARE_METATYPE(portal::JoinOutcome)
