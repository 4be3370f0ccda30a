#include "ui/models/applicationsmodel.h"

#include "ui/core/format.h"

#include <QSet>

#include <algorithm>

namespace portal {

using ledger::queries::ApplicationRow;

ApplicationsModel::ApplicationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ApplicationsModel::setApplications(
    std::vector<ApplicationRow> rows, QHash<QString, QString> reviewerNames)
{
    beginResetModel();
    m_all = std::move(rows);
    m_reviewerNames = std::move(reviewerNames);
    // One lower-case UTF-8 text of every row, rows separated by NUL: a search is one pass of find() over it.
    m_text.clear();
    m_rowStart.clear();
    m_rowStart.reserve(m_all.size() + 1);
    m_codes.assign(m_all.size(), Codes {});
    std::map<std::string, uint16_t> programmes, stages, sectors;
    auto code = [](std::map<std::string, uint16_t> &m, const std::string &s) {
        return m.emplace(s, uint16_t(m.size() + 1)).first->second;
    };
    for (size_t i = 0; i < m_all.size(); ++i) {
        const ApplicationRow &a = m_all[i];
        m_rowStart.push_back(m_text.size());
        const std::string text = a.id + '\n' + a.title + '\n' + a.startupName + '\n' + a.startup + '\n'
            + a.sector + '\n' + a.programme;
        m_text += QString::fromStdString(text).toLower().toStdString();
        m_text += '\0';
        m_codes[i] = Codes { code(programmes, a.programme), code(stages, a.stage), code(sectors, a.sector) };
    }
    m_rowStart.push_back(m_text.size());
    m_programmeCodes = std::move(programmes);
    m_stageCodes = std::move(stages);
    m_sectorCodes = std::move(sectors);
    m_order.resize(m_all.size());
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    if (m_sortColumn >= 0)
        sortOrder();
    m_cache.clear();
    m_visible = filtered(m_order);
    endResetModel();
}

void ApplicationsModel::setFilter(const ApplicationFilter &filter)
{
    const bool sameBoxes = filter.programme == m_filter.programme && filter.stage == m_filter.stage
        && filter.sector == m_filter.sector && filter.reviewer == m_filter.reviewer;
    const QString previousNeedle = m_needle;
    m_filter = filter;
    m_needle = filter.text.trimmed().toLower();
    m_programme = filter.programme.toStdString();
    m_stage = filter.stage.toStdString();
    m_sector = filter.sector.toStdString();
    m_reviewer = filter.reviewer.toStdString();
    auto codeOf = [](const std::map<std::string, uint16_t> &m, const std::string &s) -> int {
        if (s.empty())
            return 0;
        const auto it = m.find(s);
        return it == m.end() ? -1 : it->second; // -1: matches nothing
    };
    m_want = { codeOf(m_programmeCodes, m_programme), codeOf(m_stageCodes, m_stage),
        codeOf(m_sectorCodes, m_sector) };
    if (!sameBoxes)
        m_cache.clear();
    beginResetModel();
    // Typing narrows: the rows matching "kor" are among those matching "ko"; deleting goes back to a
    // result seen a moment ago. Only a change of the boxes (or a new needle) scans every row.
    if (auto hit = m_cache.find(m_needle); hit != m_cache.end())
        m_visible = hit->second;
    else if (sameBoxes && !previousNeedle.isEmpty() && m_needle.contains(previousNeedle))
        m_visible = filtered(m_visible);
    else
        m_visible = filtered(m_order);
    if (m_cache.size() > 64)
        m_cache.clear();
    m_cache[m_needle] = m_visible;
    endResetModel();
}

std::vector<int> ApplicationsModel::filtered(const std::vector<int> &candidates) const
{
    // Rows whose text holds the needle: one pass over the whole text, each match mapped to its row.
    std::vector<char> hit;
    const std::string needle = m_needle.toStdString();
    if (!needle.empty()) {
        hit.assign(m_all.size(), 0);
        size_t pos = m_text.find(needle);
        while (pos != std::string::npos) {
            const size_t row
                = size_t(std::upper_bound(m_rowStart.begin(), m_rowStart.end(), pos) - m_rowStart.begin())
                - 1;
            hit[row] = 1;
            pos = m_text.find(needle, m_rowStart[row + 1]); // next row
        }
    }
    std::vector<int> out;
    out.reserve(candidates.size());
    for (int i : candidates)
        if ((needle.empty() || hit[size_t(i)]) && accepts(size_t(i)))
            out.push_back(i);
    return out;
}

bool ApplicationsModel::accepts(size_t i) const
{
    const Codes &k = m_codes[i];
    if ((m_want.programme && m_want.programme != k.programme) || (m_want.stage && m_want.stage != k.stage)
        || (m_want.sector && m_want.sector != k.sector))
        return false;
    if (!m_reviewer.empty()) {
        const auto &r = m_all[i].reviewers;
        return std::find(r.begin(), r.end(), m_reviewer) != r.end();
    }
    return true;
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

void ApplicationsModel::setWaiting(QSet<QString> ids)
{
    if (ids == m_waiting)
        return;
    m_waiting = std::move(ids);
    if (rowCount() > 0)
        emit dataChanged(index(0, Stage), index(rowCount() - 1, Stage));
}

QString ApplicationsModel::requestedText(int64_t milli, const std::string &resource)
{
    // The header says GPU-hours (as on the Startups page): room for the startup and title columns.
    return tr("%1 %2").arg(fmt::amount(milli), fmt::qs(resource));
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
            return requestedText(a.requested, a.resource);
        case Stage:
            return m_waiting.contains(fmt::qs(a.id)) ? tr("%1 · waiting to sync").arg(fmt::stage(a.stage))
                                                     : fmt::stage(a.stage);
        case Reviews:
            return tr("%1 assigned").arg(a.reviewers.size());
        case Submitted:
            return fmt::date(a.submittedAt);
        }
    }
    if (index.column() == Stage && m_waiting.contains(fmt::qs(a.id))) {
        if (role == Qt::ForegroundRole)
            return fmt::warnColour();
        if (role == Qt::ToolTipRole)
            return tr(
                "An entry for this application is signed here and waiting in the outbox for the registry.");
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
    // The view's own font, not the fixed-width one of other amounts: its digits line up as well, and the
    // resource name beside them takes a third less room, which goes to the startup and title columns.
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
        return tr("Requested (GPU-hours)");
    case Stage:
        return tr("Stage");
    case Reviews:
        return tr("Reviewers");
    case Submitted:
        return tr("Submitted");
    }
    return {};
}

void ApplicationsModel::sortOrder()
{
    const int column = m_sortColumn;
    auto less = [&](int x, int y) {
        const ApplicationRow &a = m_all[size_t(x)], &b = m_all[size_t(y)];
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
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(
        m_order.begin(), m_order.end(), [&](int x, int y) { return ascending ? less(x, y) : less(y, x); });
}

void ApplicationsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> beforeRows;
    for (const QModelIndex &i : before)
        beforeRows.push_back(m_visible[size_t(i.row())]);
    // The filter keeps the order of m_order, so filtering never sorts again.
    sortOrder();
    m_visible = filtered(m_order);
    m_cache.clear();
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
