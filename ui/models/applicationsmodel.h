#pragma once
// The applications pipeline: every application, filtered as the user types. Filtering is done here over a
// precomputed lower-case haystack per row into a vector of visible rows (no proxy model), which keeps a
// keystroke on 100,000 applications within a few milliseconds; sorting orders that vector.

#include "ledger/queries/applications.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <map>
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

    // The Requested column's text ("60.000 naver-cloud/h100"; the header says GPU-hours), for sizing it too.
    static QString requestedText(int64_t milli, const std::string &resource);

    void setApplications(
        std::vector<ledger::queries::ApplicationRow> rows, QHash<QString, QString> reviewerNames);
    // Applications with an entry signed here still waiting in the outbox: their stage says "waiting to sync".
    void setWaiting(QSet<QString> ids);
    bool isWaiting(const QString &id) const { return m_waiting.contains(id); }
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
    std::vector<int> filtered(const std::vector<int> &candidates) const;
    void sortOrder();

    std::vector<ledger::queries::ApplicationRow> m_all;
    // Filtering data: every row's searchable text (lower case, UTF-8) in one buffer, and small codes for the
    // filter boxes so a row test is a few integer compares.
    struct Codes
    {
        int programme = 0, stage = 0, sector = 0;
    };
    std::string m_text;
    std::vector<size_t> m_rowStart; // offset of each row in m_text, plus the end
    std::vector<Codes> m_codes;
    std::map<std::string, uint16_t> m_programmeCodes, m_stageCodes, m_sectorCodes;
    Codes m_want; // 0: any; -1: none
    std::vector<int> m_order; // every row, in the current sort order
    std::vector<int> m_visible; // the rows passing the filter, in that order
    std::map<QString, std::vector<int>> m_cache; // needle -> visible rows, while the boxes stay the same
    QHash<QString, QString> m_reviewerNames;
    QSet<QString> m_waiting;
    ApplicationFilter m_filter;
    QString m_needle; // m_filter.text lower-cased
    std::string m_programme, m_stage, m_sector, m_reviewer;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace portal
