#pragma once
// One report export off the UI thread (the VerifyJob pattern): a worker opens its own read-only connection to
// the ledger file (SQLite connections are per thread), builds the report with ledger/reports and renders it
// as CSV, XLSX, PDF or a journal. It writes to a temporary file beside the target and renames it only when
// everything succeeded, so a cancelled or failed export leaves no partial file. cancel() stops it at the
// next progress callback; destroying the job cancels and joins the worker.

#include "ledger/reports/report.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QThread;

namespace portal {

class ReportJob : public QObject
{
    Q_OBJECT
public:
    enum class Format { Csv, Xlsx, Pdf, Journal };

    ReportJob(QString ledgerPath, QObject *parent = nullptr);
    ~ReportJob() override;

    void start(const QString &report, const ledger::reports::ReportOptions &options, Format format,
        const QString &outPath);
    void cancel() { m_cancel.store(true); }
    // From start() until finished() is delivered (the worker thread may outlive it by its teardown).
    bool running() const;

    // Tests only (fault injection): called on the worker thread after the report is built and before the
    // file is committed, so a test can hold the worker there while it presses Cancel.
    static void setBeforeCommitHook(std::function<void()> hook);

signals:
    void progress(qint64 done, qint64 total);
    // ok: the file is at `path`; otherwise `code` and `message` say why nothing was written.
    void finished(bool ok, const QString &path, const QString &code, const QString &message);

private:
    QString m_ledgerPath;
    std::atomic<bool> m_cancel { false };
    QThread *m_thread = nullptr;
    bool m_busy = false; // UI thread only
};

} // namespace portal
