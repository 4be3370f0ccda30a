#pragma once
// A small read-only table model for lists that are rebuilt whole from a query (grants, pools, balances,
// statement rows, approvals): rows of cells, each with its display text, a sort key, an optional colour,
// tooltip and alignment. Sorting by the sort key; the row's id (column 0's UserRole) finds it again.

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace portal {

struct Cell
{
    QString text;
    QVariant sortKey; // defaults to text
    QString toolTip;
    QColor colour; // invalid: default
    bool number = false; // right-aligned, monospace digits
};

class RowTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { IdRole = Qt::UserRole + 1, SortRole };
    explicit RowTableModel(QStringList headers, QObject *parent = nullptr);

    struct Row
    {
        QString id;
        std::vector<Cell> cells;
    };
    void setRows(std::vector<Row> rows);
    const Row *row(int r) const;
    int findId(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    QStringList m_headers;
    std::vector<Row> m_rows;
};

Cell numberCell(const QString &text, qint64 sortKey, const QString &toolTip = {});

} // namespace portal
