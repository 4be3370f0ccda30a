#include "ui/models/applicationsmodel.h"

#include "ui/core/format.h"

#include <QSet>

#include <algorithm>

namespace portal {

using ledger::queries::ApplicationRow;

ApplicationsModel::ApplicationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ApplicationsModel::setApplications(std::vector<ApplicationRow> rows, QHash<QString, QString> reviewerNames)
{
    beginResetModel();
    m_all = std::move(rows);
    m_reviewerNames = std::move(reviewerNames);
    m_haystack.clear();
    m_haystack.reserve(m_all.size());
    for (const ApplicationRow &a : m_all) {
        const std::string text = a.id + '\n' + a.title + '\n' + a.startupName + '\n' + a.startup + '\n' + a.sector
            + '\n' + a.programme;
        m_haystack.push_back(QString::fromStdString(text).toLower());
    }
    m_visible.clear();
    for (size_t i = 0; i < m_all.size(); ++i)
        if (accepts(i))
            m_visible.push_back(int(i));
    endResetModel();
    if (m_sortColumn >= 0)
        sort(m_sortColumn, m_sortOrder);
}

void ApplicationsModel::setFilter(const ApplicationFilter &filter)
{
    m_filter = filter;
    m_needle = filter.text.trimmed().toLower();
    m_programme = filter.programme.toStdString();
    m_stage = filter.stage.toStdString();
    m_sector = filter.sector.toStdString();
    m_reviewer = filter.reviewer.toStdString();
    applyFilter();
}

bool ApplicationsModel::accepts(size_t i) const
{
    const ApplicationRow &a = m_all[i];
    if (!m_programme.empty() && m_programme != a.programme)
        return false;
    if (!m_stage.empty() && m_stage != a.stage)
        return false;
    if (!m_sector.empty() && m_sector != a.sector)
        return false;
    if (!m_reviewer.empty() && std::find(a.reviewers.begin(), a.reviewers.end(), m_reviewer) == a.reviewers.end())
        return false;
    return m_needle.isEmpty() || m_haystack[i].contains(m_needle);
}

void ApplicationsModel::applyFilter()
{
    beginResetModel();
    m_visible.clear();
    for (size_t i = 0; i < m_all.size(); ++i)
        if (accepts(i))
            m_visible.push_back(int(i));
    endResetModel();
    if (m_sortColumn >= 0)
        sort(m_sortColumn, m_sortOrder);
}

int ApplicationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int ApplicationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ApplicationRow *ApplicationsModel::applicationAt(int row) const
{
    return row >= 0 && size_t(row) < m_visible.size() ? &m_all[size_t(m_visible[size_t(row)])] : nullptr;
}

int ApplicationsModel::rowOf(const QString &id) const
{
    const std::string key = id.toStdString();
    for (size_t r = 0; r < m_visible.size(); ++r)
        if (m_all[size_t(m_visible[r])].id == key)
            return int(r);
    return -1;
}

QVariant ApplicationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApplicationRow &a = *applicationAt(index.row());
    if (role == IdRole)
        return fmt::qs(a.id);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return fmt::qs(a.id);
        case Startup:
            return fmt::qs(a.startupName.empty() ? a.startup : a.startupName);
        case Sector:
            return fmt::qs(a.sector);
        case Programme:
            return fmt::qs(a.programme);
        case Title:
            return fmt::qs(a.title);
        case Requested:
            return fmt::amountWithResource(a.requested, a.resource);
        case Stage:
            return fmt::stage(a.stage);
        case Reviews:
            return tr("%1 assigned").arg(a.reviewers.size());
        case Submitted:
            return fmt::date(a.submittedAt);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Submitted)
            return fmt::iso(a.submittedAt);
        if (index.column() == Reviews) {
            QStringList names;
            for (const std::string &r : a.reviewers)
                names << m_reviewerNames.value(fmt::qs(r), fmt::qs(r));
            return names.join(QStringLiteral(", "));
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Requested)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == Requested)
        return fmt::numberFont();
    return {};
}

QVariant ApplicationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Id");
    case Startup:
        return tr("Startup");
    case Sector:
        return tr("Sector");
    case Programme:
        return tr("Programme");
    case Title:
        return tr("Title");
    case Requested:
        return tr("Requested");
    case Stage:
        return tr("Stage");
    case Reviews:
        return tr("Reviewers");
    case Submitted:
        return tr("Submitted");
    }
    return {};
}

void ApplicationsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> beforeRows;
    for (const QModelIndex &i : before)
        beforeRows.push_back(m_visible[size_t(i.row())]);
    auto key = [&](int i) -> const ApplicationRow & { return m_all[size_t(i)]; };
    auto less = [&](int x, int y) {
        const ApplicationRow &a = key(x), &b = key(y);
        switch (column) {
        case Id:
            return a.id < b.id;
        case Startup:
            return a.startupName < b.startupName;
        case Sector:
            return a.sector < b.sector;
        case Programme:
            return a.programme < b.programme;
        case Title:
            return a.title < b.title;
        case Requested:
            return a.requested < b.requested;
        case Stage:
            return a.stage < b.stage;
        case Reviews:
            return a.reviewers.size() < b.reviewers.size();
        default:
            return a.submittedAt < b.submittedAt;
        }
    };
    std::stable_sort(m_visible.begin(), m_visible.end(),
        [&](int x, int y) { return order == Qt::AscendingOrder ? less(x, y) : less(y, x); });
    // Where each persistent row went.
    std::vector<int> position(m_all.size(), -1);
    for (size_t r = 0; r < m_visible.size(); ++r)
        position[size_t(m_visible[r])] = int(r);
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k)
        after.push_back(index(position[size_t(beforeRows[size_t(k)])], before[k].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QStringList ApplicationsModel::programmes() const
{
    QSet<QString> set;
    for (const ApplicationRow &a : m_all)
        set.insert(fmt::qs(a.programme));
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

QStringList ApplicationsModel::sectors() const
{
    QSet<QString> set;
    for (const ApplicationRow &a : m_all)
        set.insert(fmt::qs(a.sector));
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

} // namespace portal
