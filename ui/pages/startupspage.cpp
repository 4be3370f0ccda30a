#include "ui/pages/startupspage.h"

#include "ledger/domain/brn.h"
#include "ledger/queries/applications.h"
#include "ledger/queries/balances.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/models/startupsmodel.h"
#include "ui/pages/pagewidgets.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace portal {

StartupsPage::StartupsPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Startups"), this));
    auto *bar = new QHBoxLayout;
    m_search = searchBox(tr("Search by name, id or BRN (Ctrl+F)"), this);
    m_search->setObjectName(QStringLiteral("startupSearch"));
    bar->addWidget(m_search, 1);
    m_sector = filterBox(tr("Sector"), this);
    m_sector->setObjectName(QStringLiteral("sectorFilter"));
    bar->addWidget(m_sector);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("startupCount"));
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new StartupsModel(this);
    m_filter = new StartupsFilter(this);
    m_filter->setSourceModel(m_model);
    m_view = makeTable(m_filter, tr("Startups"), this);
    m_view->setObjectName(QStringLiteral("startupsTable"));
    m_view->sortByColumn(StartupsModel::Name, Qt::AscendingOrder);
    // The id is searched and shown in the name's tooltip and the detail pane, not in a column of its own.
    m_view->setColumnHidden(StartupsModel::Id, true);
    m_view->horizontalHeader()->setStretchLastSection(true); // the balances, last: any pixel left over
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->viewport()->installEventFilter(this);
    layout->addWidget(m_view, 1);
    m_empty = emptyState(tr("No startup matches. Clear the search or choose another sector."), this);
    m_empty->hide();
    layout->addWidget(m_empty);

    m_detail = new QTextBrowser;
    m_detail->setObjectName(QStringLiteral("startupDetail"));
    m_detail->setAccessibleName(tr("Startup"));
    setDetailPane(m_detail);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(m_sector, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setSector(m_sector->currentData().toString());
        updateCount();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &StartupsPage::showCurrent);
    connect(m_view, &QTableView::activated, this, &StartupsPage::openCurrent); // Enter
    setTabOrder(m_search, m_sector);
    setTabOrder(m_sector, m_view);
}

void StartupsPage::refresh()
{
    const QString selected = m_view->currentIndex().data(StartupsModel::IdRole).toString();
    auto startups = ledger::queries::startupList(ctx().store());
    if (!startups) {
        ctx().postNotice(PortalContext::NoticeKind::Error,
            tr("Could not read the startups: %1").arg(startups.error().message));
        return;
    }
    m_model->setStartups(std::move(startups.value()));
    fitColumns(m_view);
    // What the name and balance columns would need (sampled rows past a few thousand, as fitColumns).
    const bool small = m_model->rowCount() <= 3000;
    m_nameWant = small
        ? std::max(static_cast<QAbstractItemView *>(m_view)->sizeHintForColumn(StartupsModel::Name),
            m_view->horizontalHeader()->sectionSizeHint(StartupsModel::Name))
        : 220;
    m_balanceWant = small
        ? std::max(static_cast<QAbstractItemView *>(m_view)->sizeHintForColumn(StartupsModel::Balance),
            m_view->horizontalHeader()->sectionSizeHint(StartupsModel::Balance))
        : 240;
    layoutColumns();
    const QString sector = m_sector->currentData().toString();
    m_sector->blockSignals(true);
    m_sector->clear();
    m_sector->addItem(tr("All sectors"), QString());
    for (const QString &s : m_model->sectors())
        m_sector->addItem(s, s);
    m_sector->setCurrentIndex(std::max(0, m_sector->findData(sector)));
    m_sector->blockSignals(false);
    updateCount();
    if (selected.isEmpty() || !select(selected))
        m_view->selectRow(0);
    showCurrent();
}

bool StartupsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        layoutColumns();
    return Page::eventFilter(watched, event);
}

// BRN, sector and applications keep their fitted widths; the name and the balances share the rest. The
// balances come first (amounts are what this page is read for) as long as the name keeps a readable width;
// past that both are elided, the tooltips saying all.
void StartupsPage::layoutColumns()
{
    if (m_nameWant == 0)
        return;
    int fixed = 0;
    for (int c : { StartupsModel::Brn, StartupsModel::Sector, StartupsModel::Applications })
        fixed += m_view->columnWidth(c);
    const int room = m_view->viewport()->width() - fixed;
    const int nameWant = std::min(m_nameWant + 12, 320);
    const int balanceWant = m_balanceWant + 12;
    int balance = balanceWant;
    if (nameWant + balanceWant > room) {
        const int nameFloor = std::min(nameWant, 170);
        balance = std::max(std::min(balanceWant, room - nameFloor), room / 2);
    }
    const int name = std::max(room - balance, 60);
    m_view->setColumnWidth(StartupsModel::Name, name);
    m_view->setColumnWidth(StartupsModel::Balance, std::max(balance, 60));
}

void StartupsPage::updateCount()
{
    m_count->setText(tr("%L1 of %L2 startups").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    m_empty->setVisible(m_filter->rowCount() == 0);
    if (!m_view->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_view->selectRow(0);
}

bool StartupsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

bool StartupsPage::openCurrent()
{
    m_detail->setFocus(Qt::OtherFocusReason);
    return m_view->currentIndex().isValid();
}

bool StartupsPage::select(const QString &id)
{
    const int source = m_model->rowOf(id);
    if (source < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(source, 0));
    if (!index.isValid()) {
        m_search->clear();
        m_sector->setCurrentIndex(0);
        index = m_filter->mapFromSource(m_model->index(source, 0));
    }
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

QString StartupsPage::detailText() const
{
    return m_detail->toPlainText();
}

void StartupsPage::showCurrent()
{
    const QString id = m_view->currentIndex().data(StartupsModel::IdRole).toString();
    if (id.isEmpty()) {
        m_detail->setHtml(tr("<p>Select a startup to see its balances, members and applications.</p>"));
        return;
    }
    auto balances = ledger::queries::startupBalances(ctx().store(), fmt::ss(id));
    auto apps = ledger::queries::startupApplications(ctx().store(), fmt::ss(id));
    auto members = ledger::queries::startupMembers(ctx().store(), fmt::ss(id));
    if (!balances || !apps || !members) {
        m_detail->setHtml(tr("<p>Could not read the startup %1.</p>").arg(id.toHtmlEscaped()));
        return;
    }
    const auto &s = balances.value().startup;
    const auto brn = ledger::normaliseBrn(s.brn);
    QString html = tr("<h3>%1</h3>").arg(fmt::qs(s.name).toHtmlEscaped());
    html += tr("<p>Id: %1<br>BRN: %2<br>Sector: %3</p>")
                .arg(fmt::qs(s.id), brn ? fmt::qs(ledger::formatBrn(*brn)) : fmt::qs(s.brn),
                    fmt::qs(s.sector).toHtmlEscaped());
    html += tr("<h4>Balances</h4>");
    const int64_t now = ctx().nowMs();
    QString list;
    for (const auto &r : balances.value().resources) {
        if (r.balance <= 0 && r.consumed <= 0)
            continue;
        QString line = tr("%1: <b>%2</b> left, %3 used")
                           .arg(fmt::qs(r.resource), fmt::amount(r.balance), fmt::amount(r.consumed));
        if (r.earliestExpiry) {
            line += fmt::expiresSoon(*r.earliestExpiry, now)
                ? tr(", expires <b style='color:#9a5b00'>%1 (within 30 days)</b>")
                      .arg(fmt::date(*r.earliestExpiry))
                : tr(", expires %1").arg(fmt::date(*r.earliestExpiry));
        }
        list += QStringLiteral("<li>%1</li>").arg(line);
    }
    html += list.isEmpty() ? tr("<p>No credits yet.</p>") : QStringLiteral("<ul>%1</ul>").arg(list);
    html += tr("<h4>Members</h4>");
    QString people;
    for (const auto &m : members.value())
        people += QStringLiteral("<li>%1%2</li>")
                      .arg(fmt::qs(m.name).toHtmlEscaped(), m.revoked ? tr(" (revoked)") : QString());
    html += people.isEmpty() ? tr("<p>No member keys enrolled.</p>")
                             : QStringLiteral("<ul>%1</ul>").arg(people);
    html += tr("<h4>Applications</h4>");
    QString appList;
    for (const auto &a : apps.value())
        appList += tr("<li>%1 “%2”: %3, <b>%4</b> (%5)</li>")
                       .arg(fmt::qs(a.id), fmt::qs(a.title).toHtmlEscaped(),
                           fmt::amountWithResource(a.requested, a.resource), fmt::stage(a.stage),
                           fmt::date(a.submittedAt));
    html
        += appList.isEmpty() ? tr("<p>No applications yet.</p>") : QStringLiteral("<ul>%1</ul>").arg(appList);
    m_detail->setHtml(html);
}

} // namespace portal
