#include "ui/pages/poolspage.h"

#include "ledger/queries/applications.h"
#include "ledger/queries/grantlist.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/pagewidgets.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QValueAxis>

#include <map>

namespace portal {

namespace {

// The table's columns, in the order of the model's headers.
enum Column {
    PoolColumn,
    SponsorColumn,
    ProgrammeColumn,
    ResourceColumn,
    PledgedColumn,
    GrantedColumn,
    ConsumedColumn,
    LeftColumn,
    UtilisationColumn,
    ValidColumn
};
// Utilisation in per mille of the pledge, as "42.5 %".
QString percent(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return QStringLiteral("—");
    const int64_t perMille = part * 1000 / whole;
    return QStringLiteral("%1.%2 %").arg(perMille / 10).arg(perMille % 10);
}
} // namespace

PoolsPage::PoolsPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Sponsors and pools"), this));
    m_model = new RowTableModel(
        { tr("Pool"), tr("Sponsor"), tr("Programme"), tr("Resource"), tr("Pledged"), tr("Granted"),
            tr("Consumed"), tr("Left in pool"), tr("Utilisation"), tr("Valid until") },
        this);
    m_view = makeTable(m_model, tr("Pools"), this);
    m_view->setObjectName(QStringLiteral("poolsTable"));
    // Fits the pane at the default window size: the sponsor (in the pool's tooltip), programme, consumption
    // and utilisation are in the detail pane (and the chart); the pool takes what the amounts leave.
    for (int c : { SponsorColumn, ProgrammeColumn, ConsumedColumn, UtilisationColumn })
        m_view->setColumnHidden(c, true);
    stretchColumns(m_view, { PoolColumn });
    layout->addWidget(m_view, 1);
    m_chart = new QChartView(this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setAccessibleName(tr("Utilisation of the pools"));
    m_chart->setMinimumHeight(260);
    layout->addWidget(m_chart, 1);
    m_detail = new QTextBrowser;
    setDetailPane(m_detail);
    m_detail->setObjectName(QStringLiteral("poolDetail"));
    m_detail->setAccessibleName(tr("Pool"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PoolsPage::showCurrent);
}

QString PoolsPage::detailText() const
{
    return m_detail->toPlainText();
}

void PoolsPage::refresh()
{
    auto pools = ledger::queries::pools(ctx().store());
    auto sponsors = ledger::queries::sponsors(ctx().store());
    if (!pools || !sponsors) {
        ctx().postNotice(PortalContext::NoticeKind::Error, tr("Could not read the pools."));
        return;
    }
    std::map<std::string, std::string> &sponsorNames = m_sponsorNames;
    sponsorNames.clear();
    for (const auto &s : sponsors.value())
        sponsorNames[s.id] = s.name;
    m_pools.clear();
    const bool sponsorMember = ctx().hasRole({ ledger::Role::Sponsor });
    for (auto &p : pools.value())
        if (!sponsorMember || p.sponsor == ctx().member()->sponsor)
            m_pools.push_back(std::move(p));
    const int64_t now = ctx().nowMs();
    std::vector<RowTableModel::Row> rows;
    for (const auto &p : m_pools) {
        RowTableModel::Row r;
        r.id = fmt::qs(p.id);
        const int64_t used = p.pledged > 0 ? p.granted * 1000 / p.pledged : 0;
        Cell utilisation = numberCell(percent(p.granted, p.pledged), used);
        Cell left = numberCell(fmt::amount(p.balance), p.balance);
        if (!p.closed && p.pledged > 0 && p.balance * 10 < p.pledged)
            left.colour = fmt::warnColour(); // running low: under a tenth of the pledge
        Cell valid { p.closed ? tr("closed") : fmt::date(p.validUntil), qint64(p.validUntil),
            fmt::iso(p.validUntil) };
        if (!p.closed && fmt::expiresSoon(p.validUntil, now))
            valid.colour = fmt::warnColour();
        const auto name = sponsorNames.find(p.sponsor);
        const QString sponsorName = fmt::qs(name != sponsorNames.end() ? name->second : p.sponsor);
        r.cells = { Cell { r.id, {}, tr("%1, pledged by %2").arg(r.id, sponsorName) },
            Cell { sponsorName, {}, sponsorName }, Cell { fmt::qs(p.programme) },
            Cell { fmt::qs(p.resource) }, numberCell(fmt::amount(p.pledged), p.pledged),
            numberCell(fmt::amount(p.granted), p.granted), numberCell(fmt::amount(p.consumed), p.consumed),
            left, utilisation, valid };
        rows.push_back(std::move(r));
    }
    m_model->setRows(std::move(rows));
    fitColumns(m_view);
    drawChart();
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    else
        m_detail->setHtml(sponsorMember
                ? tr("<p>Your sponsor has no pools yet. Pledge one to fund a programme.</p>")
                : tr("<p>No pools yet. Sponsors pledge pools to fund a programme.</p>"));
}

void PoolsPage::drawChart()
{
    // Per pool (at most 12, largest first): consumed, granted but not used, expired, and left in the pool —
    // together the whole pledge (clawed-back credit is back in the pool's balance).
    std::vector<const ledger::queries::PoolUtilisation *> shown;
    for (const auto &p : m_pools)
        shown.push_back(&p);
    std::sort(shown.begin(), shown.end(), [](auto *a, auto *b) { return a->pledged > b->pledged; });
    if (shown.size() > 12)
        shown.resize(12);
    auto *consumed = new QBarSet(tr("Consumed"));
    auto *held = new QBarSet(tr("Granted, not used"));
    auto *expired = new QBarSet(tr("Expired"));
    auto *left = new QBarSet(tr("Left in pool"));
    QStringList names;
    for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
        const auto *p = *it;
        // Drawing only: the figures themselves stay int64 milli-GPU-hours.
        *consumed << double(p->consumed) / 1000.0;
        *held << double(std::max<int64_t>(p->granted - p->consumed - p->expired - p->clawedBack, 0)) / 1000.0;
        *expired << double(p->expired) / 1000.0;
        *left << double(p->balance) / 1000.0;
        names << fmt::qs(p->id);
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(consumed);
    series->append(held);
    series->append(expired);
    series->append(left);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->setTitle(tr("Utilisation of the pools (GPU-hours)"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *axisY = new QBarCategoryAxis;
    axisY->append(names);
    axisY->setTruncateLabels(false); // pool ids are short; "…" for every one of them says nothing
    auto *axisX = new QValueAxis;
    axisX->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

void PoolsPage::showCurrent()
{
    const QString id = m_model->data(m_view->currentIndex(), RowTableModel::IdRole).toString();
    const ledger::queries::PoolUtilisation *pool = nullptr;
    for (const auto &p : m_pools)
        if (fmt::qs(p.id) == id)
            pool = &p;
    if (!pool) {
        m_detail->clear();
        return;
    }
    const auto named = m_sponsorNames.find(pool->sponsor);
    const QString sponsorName = fmt::qs(named != m_sponsorNames.end() ? named->second : pool->sponsor);
    QString html = tr(
        "<h3>Pool %1</h3><p>Sponsor %2, programme %3<br>Pledged %4<br>Granted %5 in %6 grants "
        "(%7 waiting for approvals)<br>Consumed %8 · expired %9 · clawed back %10<br>Left in pool %11</p>")
                       .arg(fmt::qs(pool->id).toHtmlEscaped(), sponsorName.toHtmlEscaped(),
                           fmt::qs(pool->programme), fmt::amountWithResource(pool->pledged, pool->resource),
                           fmt::amount(pool->granted))
                       .arg(pool->grantCount)
                       .arg(fmt::amount(pool->pending), fmt::amount(pool->consumed),
                           fmt::amount(pool->expired), fmt::amount(pool->clawedBack),
                           fmt::amount(pool->balance));
    html += tr("<p>Utilisation %1 (granted of pledged)</p>").arg(percent(pool->granted, pool->pledged));
    html += pool->closed ? tr("<p>The pool is closed.</p>")
                         : tr("<p>Valid until %1</p>").arg(fmt::date(pool->validUntil));
    // The startups it funds: grants of this pool, largest first.
    if (auto grants = ledger::queries::poolGrants(ctx().store(), pool->id)) {
        std::vector<const ledger::queries::GrantRow *> mine;
        for (const auto &g : grants.value())
            mine.push_back(&g);
        html += tr("<h4>Grants by startup</h4><table cellpadding='3'><tr><th align='left'>Startup</th>"
                   "<th align='right'>Granted</th><th align='right'>Used</th></tr>");
        for (size_t i = 0; i < mine.size() && i < 50; ++i)
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td></tr>")
                        .arg(fmt::qs(mine[i]->startup), fmt::amount(mine[i]->amount),
                            fmt::amount(mine[i]->consumed));
        html += QStringLiteral("</table>");
        if (mine.size() > 50)
            html += tr("<p>… and %1 more.</p>").arg(mine.size() - 50);
    }
    m_detail->setHtml(html);
}

} // namespace portal
