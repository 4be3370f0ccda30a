#pragma once
// The applications pipeline: every application, filtered as the user types. Filtering is done here over a
// precomputed lower-case haystack per row into a vector of visible rows (no proxy model), which keeps a
// keystroke on 100,000 applications within a few milliseconds; sorting orders that vector.

#include "ledger/queries/applications.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace portal {

struct ApplicationFilter
{
    QString text; // matched case-insensitively against id, title, startup, sector, programme
    QString programme; // exact, empty = any
    QString stage;
    QString sector;
    QString reviewer; // key id assigned, empty = any
};

class ApplicationsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Startup, Sector, Programme, Title, Requested, Stage, Reviews, Submitted, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1 };

    explicit ApplicationsModel(QObject *parent = nullptr);

    void setApplications(std::vector<ledger::queries::ApplicationRow> rows, QHash<QString, QString> reviewerNames);
    void setFilter(const ApplicationFilter &filter);
    const ApplicationFilter &filter() const { return m_filter; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const ledger::queries::ApplicationRow *applicationAt(int row) const;
    int rowOf(const QString &id) const;
    int totalCount() const { return int(m_all.size()); }
    // Distinct values, sorted, for the filter boxes.
    QStringList programmes() const;
    QStringList sectors() const;

private:
    bool accepts(size_t i) const;
    void applyFilter();

    std::vector<ledger::queries::ApplicationRow> m_all;
    std::vector<QString> m_haystack; // lower case
    std::vector<int> m_visible;
    QHash<QString, QString> m_reviewerNames;
    ApplicationFilter m_filter;
    QString m_needle; // m_filter.text lower-cased
    std::string m_programme, m_stage, m_sector, m_reviewer;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace portal
