#pragma once
// The Startups page's table: every startup of the alliance with its BRN, sector, applications and balance
// per resource (ledger::queries::startupList), and a proxy that filters it by text (name, id or BRN, as the
// user types) and sector, and sorts by any column (balances by their total, numbers as numbers).

#include "ledger/queries/startuplist.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace portal {

class StartupsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Id, Brn, Sector, Applications, Balance, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1, SortRole };

    explicit StartupsModel(QObject *parent = nullptr);

    void setStartups(std::vector<ledger::queries::StartupListRow> rows);
    const ledger::queries::StartupListRow *startupAt(int row) const;
    int rowOf(const QString &id) const;
    QStringList sectors() const; // distinct, sorted

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ledger::queries::StartupListRow> m_rows;
};

class StartupsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit StartupsFilter(QObject *parent = nullptr);
    // Case-insensitive, in the name, id or BRN (digits with or without dashes).
    void setText(const QString &text);
    // Empty: every sector.
    void setSector(const QString &sector);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_digits; // m_text's digits, for the BRN
    QString m_sector;
};

} // namespace portal
