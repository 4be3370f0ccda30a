#include "ledger/engine/export.h"

#include "ledger/codec/json.h"
#include "ledger/engine/logreader.h"

#include <QSaveFile>

namespace ledger {

namespace {

Result<void> writeSmallFile(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        return makeError("io_error", QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

// The lines of a chunk of the log, formatted by a worker.
struct Lines
{
    std::string text;
    int64_t rows = 0;
    void clear()
    {
        text.clear();
        rows = 0;
    }
};

} // namespace

Result<ExportReport> exportJsonl(store::LedgerStore &store, const QString &outPath,
    const std::function<bool(int64_t done, int64_t total)> &progress)
{
    auto size = store.logSize();
    if (!size)
        return size.error();
    auto root = store.meta("root_key");
    if (!root)
        return root.error();
    if (!root.value() || root.value()->size() != 32)
        return makeError("io_error", QStringLiteral("The ledger has no genesis entry to export."));
    auto checkpoint = store.latestCheckpoint();
    if (!checkpoint)
        return checkpoint.error();

    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly))
        return makeError("io_error", QStringLiteral("Cannot write %1: %2").arg(outPath, out.errorString()));
    // Workers read the log (through their own connections) and format the lines; this thread writes them.
    ParallelLogScan<Lines> scan(
        store, 0, size.value(), 8192,
        [](const store::LogView &row, Lines &chunk) {
            std::string &lines = chunk.text;
            ++chunk.rows;
            json::Value v;
            v.set("author_key", json::Value(row.authorKey.toByteArray().toBase64().toStdString()));
            v.set("entry", json::Value(std::string(row.entry.data(), size_t(row.entry.size()))));
            v.set("seq", json::Value(row.seq));
            v.set("sequenced_at", json::Value(row.sequencedAt));
            v.set("sig", json::Value(row.sig.toByteArray().toBase64().toStdString()));
            json::appendCanonical(lines, v);
            lines.push_back('\n');
        },
        !store.db().inTransaction());
    int64_t done = 0;
    while (auto *item = scan.next()) {
        if (item->error)
            return *item->error;
        const std::string &lines = item->payload.text;
        if (out.write(lines.data(), qint64(lines.size())) != qint64(lines.size()))
            return makeError(
                "io_error", QStringLiteral("Cannot write %1: %2").arg(outPath, out.errorString()));
        done += item->payload.rows;
        if (progress && !progress(done, size.value()))
            return makeError("cancelled", QStringLiteral("The export was cancelled; nothing was written."));
    }
    ExportReport report;
    report.entries = done;
    if (checkpoint.value()) {
        LEDGER_TRY(writeSmallFile(outPath + QStringLiteral(".checkpoint"), checkpoint.value()->note));
        report.checkpointSize = checkpoint.value()->treeSize;
    }
    LEDGER_TRY(writeSmallFile(outPath + QStringLiteral(".pub"), root.value()->toBase64() + '\n'));
    if (!out.commit())
        return makeError("io_error", QStringLiteral("Cannot write %1: %2").arg(outPath, out.errorString()));
    return report;
}

} // namespace ledger
