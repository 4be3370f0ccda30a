#include "ui/core/reportjob.h"

#include "ledger/reports/csv.h"
#include "ledger/reports/journal.h"
#include "ledger/reports/reports.h"
#include "ledger/store/ledgerstore.h"
#include "ui/core/workerthread.h"
#include "ui/render/reportrender.h"

#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QUuid>

#include <mutex>

namespace portal {

namespace {

std::mutex g_hookMutex;
std::function<void()> g_beforeCommit;

// The temporary file beside the target (same directory, so the final rename never crosses file systems).
QString tempPathFor(const QString &outPath)
{
    const QFileInfo info(outPath);
    return info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".")
        + QUuid::createUuid().toString(QUuid::Id128).left(8) + QStringLiteral(".part");
}

ledger::Result<void> writeDevice(
    const QString &path, const std::function<ledger::Result<void>(QIODevice &)> &fn)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ledger::makeError("io_error", file.errorString());
    auto written = fn(file);
    file.close();
    if (written && file.error() != QFileDevice::NoError)
        return ledger::makeError("io_error", file.errorString());
    return written;
}

} // namespace

void ReportJob::setBeforeCommitHook(std::function<void()> hook)
{
    std::lock_guard lock(g_hookMutex);
    g_beforeCommit = std::move(hook);
}

ReportJob::ReportJob(QString ledgerPath, QObject *parent)
    : QObject(parent)
    , m_ledgerPath(std::move(ledgerPath))
{ }

ReportJob::~ReportJob()
{
    m_cancel.store(true);
    endWorker(m_thread);
}

bool ReportJob::running() const
{
    return m_busy;
}

void ReportJob::start(const QString &report, const ledger::reports::ReportOptions &options, Format format,
    const QString &outPath)
{
    if (m_busy)
        return;
    // The previous worker has delivered its result, so at most its thread's teardown is left to wait for.
    endWorker(m_thread);
    m_busy = true;
    m_cancel.store(false);
    QPointer<ReportJob> self(this);
    const QString ledgerPath = m_ledgerPath;
    m_thread = QThread::create([self, ledgerPath, report, options, format, outPath, this] {
        const ledger::reports::ProgressFn progress = ThrottledProgress(this, m_cancel);
        const QString temp = tempPathFor(outPath);
        auto run = [&]() -> ledger::Result<void> {
            auto store
                = ledger::store::LedgerStore::open(ledgerPath, ledger::store::LedgerStore::Mode::ReadOnly);
            if (!store)
                return store.error();
            if (format == Format::Journal) {
                return writeDevice(temp, [&](QIODevice &out) -> ledger::Result<void> {
                    auto stats = ledger::reports::writeJournal(*store.value(), options, out, progress);
                    if (!stats)
                        return stats.error();
                    return {};
                });
            }
            auto built = ledger::reports::buildReport(*store.value(), report, options, progress);
            if (!built)
                return built.error();
            if (m_cancel.load())
                return ledger::makeError("cancelled", QStringLiteral("cancelled"));
            switch (format) {
            case Format::Csv:
                return writeDevice(
                    temp, [&](QIODevice &out) { return ledger::reports::writeCsv(built.value(), out); });
            case Format::Xlsx:
                return render::writeXlsx(built.value(), temp);
            case Format::Pdf: {
                auto pages = render::writePdf(built.value(), temp);
                if (!pages)
                    return pages.error();
                return {};
            }
            case Format::Journal:
                break;
            }
            return {};
        };
        auto result = run();
        {
            std::lock_guard lock(g_hookMutex);
            if (result && g_beforeCommit)
                g_beforeCommit();
        }
        if (result && m_cancel.load())
            result = ledger::makeError("cancelled", QStringLiteral("cancelled"));
        if (result) {
            // Replace the target only now that the whole file exists.
            if (QFile::exists(outPath) && !QFile::remove(outPath))
                result = ledger::makeError("io_error", QStringLiteral("cannot replace %1").arg(outPath));
            else if (!QFile::rename(temp, outPath))
                result = ledger::makeError("io_error", QStringLiteral("cannot write %1").arg(outPath));
        }
        if (!result)
            QFile::remove(temp);
        const bool ok = bool(result);
        const QString code = ok ? QString() : result.error().code;
        const QString message = ok ? QString() : result.error().message;
        // The job waits for this thread in its destructor, so `this` is alive while the call is queued;
        // the QPointer drops delivery if the job was destroyed before the event loop runs it.
        QMetaObject::invokeMethod(
            this,
            [self, ok, outPath, code, message] {
                if (!self)
                    return;
                self->m_busy = false;
                emit self->finished(ok, outPath, code, message);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace portal
