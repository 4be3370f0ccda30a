#include "ui/models/startupsmodel.h"

#include "ledger/domain/brn.h"
#include "ui/core/format.h"

#include <QSet>

#include <algorithm>

namespace portal {

namespace {

QString brnText(const std::string &digits)
{
    return ledger::normaliseBrn(digits) ? fmt::qs(ledger::formatBrn(digits)) : fmt::qs(digits);
}

// "1,200.000 naver-cloud/b200 · 30.000 kt-cloud/a100": the header says GPU-hours; the resource is always
// beside its amount (UI.md).
QString balancesText(const ledger::queries::StartupListRow &s)
{
    QStringList parts;
    for (const auto &[resource, amount] : s.balances)
        parts << QStringLiteral("%1 %2").arg(fmt::amount(amount), fmt::qs(resource));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

StartupsModel::StartupsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void StartupsModel::setStartups(std::vector<ledger::queries::StartupListRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const ledger::queries::StartupListRow *StartupsModel::startupAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? &m_rows[size_t(row)] : nullptr;
}

int StartupsModel::rowOf(const QString &id) const
{
    const std::string key = fmt::ss(id);
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == key)
            return int(i);
    return -1;
}

QStringList StartupsModel::sectors() const
{
    QSet<QString> set;
    for (const auto &s : m_rows)
        set.insert(fmt::qs(s.sector));
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

int StartupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StartupsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StartupsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &s = m_rows[size_t(index.row())];
    if (role == IdRole)
        return fmt::qs(s.id);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Name:
            return fmt::qs(s.name);
        case Id:
            return fmt::qs(s.id);
        case Brn:
            return brnText(s.brn);
        case Sector:
            return fmt::qs(s.sector);
        case Applications:
            return role == SortRole ? QVariant(qint64(s.applications))
                                    : QVariant(QString::number(s.applications));
        case Balance:
            if (role == SortRole)
                return qint64(s.totalBalance());
            return s.balances.empty() ? tr("—") : balancesText(s);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Balance && !s.balances.empty())
        return balancesText(s).replace(QStringLiteral(" · "), QStringLiteral("\n"));
    if (role == Qt::ToolTipRole && index.column() == Name)
        return tr("%1 (%2)").arg(fmt::qs(s.name), fmt::qs(s.id));
    if (role == Qt::TextAlignmentRole && (index.column() == Applications || index.column() == Balance))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && (index.column() == Applications || index.column() == Balance))
        return fmt::numberFont();
    return {};
}

QVariant StartupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Startup");
    case Id:
        return tr("Id");
    case Brn:
        return tr("BRN");
    case Sector:
        return tr("Sector");
    case Applications:
        return tr("Applications");
    case Balance:
        return tr("Balance (GPU-hours)");
    }
    return {};
}

StartupsFilter::StartupsFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(StartupsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void StartupsFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    m_digits.clear();
    // Only a needle made of digits and dashes is looked for in the BRN ("123-45" finds 1234567890).
    bool digitsOnly = true;
    for (QChar c : m_text) {
        if (c.isDigit())
            m_digits += c;
        else if (c != u'-')
            digitsOnly = false;
    }
    if (!digitsOnly)
        m_digits.clear();
    invalidateFilter();
}

void StartupsFilter::setSector(const QString &sector)
{
    m_sector = sector;
    invalidateFilter();
}

bool StartupsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const StartupsModel *>(sourceModel());
    const auto *s = model->startupAt(sourceRow);
    if (!s)
        return false;
    if (!m_sector.isEmpty() && fmt::qs(s->sector) != m_sector)
        return false;
    if (m_text.isEmpty())
        return true;
    if (fmt::qs(s->name).contains(m_text, Qt::CaseInsensitive)
        || fmt::qs(s->id).contains(m_text, Qt::CaseInsensitive))
        return true;
    return !m_digits.isEmpty() && fmt::qs(s->brn).contains(m_digits);
}

} // namespace portal
