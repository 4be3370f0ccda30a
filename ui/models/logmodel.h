#pragma once
// The ledger explorer's table: every entry of the log, newest first, read in windows of kPageSize rows as
// the view asks for them (a small cache of recent windows), so a 1,000,000-entry ledger opens at once and
// scrolls smoothly. Per row: sequence number, time, signer, type, the entry in words, and its checks
// (signature verified on read; inside the latest signed checkpoint or not).

#include "ledger/queries/logpage.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>

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

    PortalContext &m_ctx;
    int64_t m_size = 0;
    int64_t m_checkpointSize = 0;
    mutable QCache<int64_t, Window> m_cache { 256 };
    mutable QHash<QString, QString> m_names;
    mutable bool m_namesLoaded = false;
    mutable int m_pagesRead = 0;
};

} // namespace portal
