#pragma once
// The ledger explorer's table: every entry of the log, newest first, read in windows of kPageSize rows as
// the view asks for them (a small cache of recent windows), so a 1,000,000-entry ledger opens at once and
// scrolls smoothly. Per row: sequence number, time, signer, type, the entry in words, and its checks
// (signature verified on read; inside the latest signed checkpoint or not). After each window read on the
// UI thread, its neighbours are read ahead by a worker thread on a connection of its own, so scrolling on
// rarely waits for the disk and the signature checks.

#include "ledger/queries/logpage.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QSet>

#include <memory>

class QThread;

namespace portal {

class PortalContext;

class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Time, Signer, Type, Checks, Summary, ColumnCount };
    static constexpr int kPageSize = 64;
    enum Roles { SeqRole = Qt::UserRole + 1 };

    explicit LogModel(PortalContext &ctx, QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Re-reads the log size, checkpoint and signers (after the ledger changed).
    void reload();
    // The row showing entry `seq`, or -1.
    int rowOf(int64_t seq) const;
    const ledger::queries::LogRow *entryAt(int row) const;
    QString signerName(const std::string &keyId) const;
    int pagesRead() const { return m_pagesRead; }

private:
    struct Window
    {
        std::vector<ledger::queries::LogRow> rows;
    };
    const Window *window(int64_t first) const;
    void prefetch(int64_t first) const;
    void acceptWindow(quint64 generation, int64_t first, std::vector<ledger::queries::LogRow> rows);

    PortalContext &m_ctx;
    int64_t m_size = 0;
    int64_t m_checkpointSize = 0;
    mutable QCache<int64_t, Window> m_cache { 256 };
    mutable QHash<QString, QString> m_names;
    mutable bool m_namesLoaded = false;
    mutable int m_pagesRead = 0;
    // Read-ahead: a worker thread and the windows asked of it; the generation drops answers that come back
    // after a reload.
    QThread *m_reader = nullptr;
    QObject *m_readerContext = nullptr; // lives in m_reader
    // The worker's connection; closed by the model once the worker has stopped.
    std::shared_ptr<std::unique_ptr<ledger::store::LedgerStore>> m_readerStore
        = std::make_shared<std::unique_ptr<ledger::store::LedgerStore>>();
    mutable QSet<int64_t> m_pending;
    quint64 m_generation = 0;
    mutable int64_t m_lastMiss = -1; // the window last read on the UI thread
};

} // namespace portal
