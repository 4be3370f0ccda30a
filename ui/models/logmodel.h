#pragma once
// The ledger explorer's table: every entry of the log, newest first, read in windows of kPageSize rows as
// the view asks for them (a small cache of recent windows), so a 1,000,000-entry ledger opens at once and
// scrolls smoothly. Per row: sequence number, time, signer, type, the entry in words, and its checks
// (signature verified on read; inside the latest signed checkpoint or not). The UI thread never reads the
// log: every window is read by a worker thread on a connection of its own (a window costs 10-100 ms on a
// 1M ledger: the signature checks and the summaries). A row not read yet shows "Loading…" and is filled in
// (dataChanged, windowLoaded) when its window arrives. The worker takes the most recently asked window
// first and forgets requests the view has scrolled away from, so a jump is answered before older reads.

#include "ledger/queries/logpage.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>
#include <QSet>

#include <functional>
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
    // The row showing entry `seq`, or -1; and the entry a row shows.
    int rowOf(int64_t seq) const;
    int64_t seqAt(int row) const;
    // The entry at `row` if its window has been read; otherwise nullptr, and the window is asked for
    // (windowLoaded follows).
    const ledger::queries::LogRow *entryAt(int row) const;
    QString signerName(const std::string &keyId) const;
    // Windows read by the worker since the model was made.
    int pagesRead() const { return m_pagesRead; }

    // Tests only (fault injection): called on the worker thread before each window is read, so a test can
    // make the disk slow and check that the UI thread does not wait for it.
    static void setBeforeReadHook(std::function<void()> hook);

signals:
    // The window starting at entry `first` has been read and its rows changed.
    void windowLoaded(qint64 first);

private:
    struct Window
    {
        std::vector<ledger::queries::LogRow> rows;
    };
    struct Requests; // shared with the worker
    const Window *window(int64_t first) const;
    // Asks the worker for a window: urgent ones (the view's) go first, read-ahead last.
    void request(int64_t first, bool urgent) const;
    void acceptWindow(quint64 generation, int64_t first, std::vector<ledger::queries::LogRow> rows,
        QHash<QString, QString> names);

    PortalContext &m_ctx;
    int64_t m_size = 0;
    int64_t m_checkpointSize = 0;
    mutable QCache<int64_t, Window> m_cache { 256 };
    QHash<QString, QString> m_names; // key id -> member name, read by the worker
    int m_pagesRead = 0;
    // The worker thread and the windows asked of it; the generation drops answers that come back after a
    // reload.
    QThread *m_reader = nullptr;
    QObject *m_readerContext = nullptr; // lives in m_reader
    std::shared_ptr<Requests> m_requests;
    mutable QSet<int64_t> m_pending;
    quint64 m_generation = 0;
    mutable int64_t m_lastAsked = -1; // the window the view asked for last (for read-ahead)
};

} // namespace portal
