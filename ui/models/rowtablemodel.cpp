#include "ui/models/rowtablemodel.h"

#include "ui/core/format.h"

#include <QBrush>

#include <algorithm>

namespace portal {

RowTableModel::RowTableModel(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{ }

void RowTableModel::setRows(std::vector<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    for (Row &r : m_rows)
        r.cells.resize(size_t(m_headers.size()));
    endResetModel();
}

const RowTableModel::Row *RowTableModel::row(int r) const
{
    return r >= 0 && size_t(r) < m_rows.size() ? &m_rows[size_t(r)] : nullptr;
}

int RowTableModel::findId(const QString &id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return int(i);
    return -1;
}

int RowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant RowTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const Cell &c = r.cells[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return c.text;
    case Qt::ToolTipRole:
        return c.toolTip.isEmpty() ? QVariant() : QVariant(c.toolTip);
    case Qt::ForegroundRole:
        return c.colour.isValid() ? QVariant(QBrush(c.colour)) : QVariant();
    case Qt::TextAlignmentRole:
        return c.number ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::FontRole:
        return c.number ? QVariant(fmt::numberFont()) : QVariant();
    case IdRole:
        return r.id;
    case SortRole:
        return c.sortKey.isValid() ? c.sortKey : QVariant(c.text);
    }
    return {};
}

QVariant RowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
        && section < m_headers.size())
        return m_headers[section];
    return QAbstractTableModel::headerData(section, orientation, role);
}

void RowTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_headers.size())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<QString> ids;
    for (const QModelIndex &i : before)
        ids.push_back(m_rows[size_t(i.row())].id);
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
        const Cell &x = a.cells[size_t(column)];
        const Cell &y = b.cells[size_t(column)];
        const QVariant kx = x.sortKey.isValid() ? x.sortKey : QVariant(x.text);
        const QVariant ky = y.sortKey.isValid() ? y.sortKey : QVariant(y.text);
        const auto cmp = QVariant::compare(kx, ky);
        return order == Qt::AscendingOrder ? cmp == QPartialOrdering::Less : cmp == QPartialOrdering::Greater;
    });
    QModelIndexList after;
    for (size_t k = 0; k < ids.size(); ++k) {
        const int r = findId(ids[k]);
        after.push_back(r < 0 ? QModelIndex() : index(r, before[qsizetype(k)].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

Cell numberCell(const QString &text, qint64 sortKey, const QString &toolTip)
{
    Cell c;
    c.text = text;
    c.sortKey = sortKey;
    c.toolTip = toolTip;
    c.number = true;
    return c;
}

} // namespace portal
