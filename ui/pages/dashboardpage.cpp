#include "ui/pages/dashboardpage.h"

#include "ledger/queries/applications.h"
#include "ledger/queries/balances.h"
#include "ledger/queries/grantlist.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/pagewidgets.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <map>

namespace portal {

DashboardPage::DashboardPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Dashboard"), this));
    auto *top = new QHBoxLayout;
    m_stages = new QChartView(this);
    m_stages->setRenderHint(QPainter::Antialiasing);
    m_stages->setAccessibleName(tr("Applications by stage"));
    m_stages->setMinimumHeight(230);
    top->addWidget(m_stages, 3);
    m_stageText = new QLabel(this);
    m_stageText->setObjectName(QStringLiteral("stageCounts"));
    m_stageText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    top->addWidget(m_stageText, 1);
    layout->addLayout(top, 2);

    layout->addWidget(new QLabel(tr("<b>Credits per resource</b> (GPU-hours)"), this));
    m_credits
        = new RowTableModel({ tr("Resource"), tr("Pledged"), tr("In pools"), tr("Granted"), tr("Consumed"),
                                tr("Expired"), tr("Held by startups"), tr("Expiring in 30 days") },
            this);
    m_creditsView = makeTable(m_credits, tr("Credits per resource"), this);
    m_creditsView->setObjectName(QStringLiteral("creditsTable"));
    m_creditsView->setColumnWidth(0, 170);
    layout->addWidget(m_creditsView, 1);
    layout->addWidget(new QLabel(tr("<b>Pools running low</b> (under a tenth of the pledge left)"), this));
    m_low = new RowTableModel(
        { tr("Pool"), tr("Resource"), tr("Left"), tr("Pledged"), tr("Valid until") }, this);
    m_lowView = makeTable(m_low, tr("Pools running low"), this);
    m_lowView->setObjectName(QStringLiteral("lowPoolsTable"));
    layout->addWidget(m_lowView, 1);
    m_noLow = emptyState(tr("No pool is running low."), this);
    layout->addWidget(m_noLow);
}

QString DashboardPage::stageText() const
{
    return m_stageText->text();
}

void DashboardPage::refresh()
{
    auto apps = ledger::queries::applications(ctx().store(), false);
    auto summary = ledger::queries::summary(ctx().store());
    auto pools = ledger::queries::pools(ctx().store());
    auto grants = ledger::queries::grants(ctx().store());
    if (!apps || !summary || !pools || !grants) {
        ctx().postNotice(PortalContext::NoticeKind::Error, tr("Could not read the dashboard figures."));
        return;
    }
    const char *const stages[]
        = { "submitted", "under_review", "approved", "rejected", "waitlisted", "withdrawn" };
    std::map<std::string, int> counts;
    for (const auto &a : apps.value())
        ++counts[a.stage];
    auto *set = new QBarSet(tr("Applications"));
    QStringList categories;
    QString text = tr("<b>%L1 applications</b><br>").arg(apps.value().size());
    int most = 0;
    for (const char *s : stages) {
        *set << counts[s];
        categories << fmt::stage(s);
        most = std::max(most, counts[s]);
        text += tr("%1: %L2<br>").arg(fmt::stage(s)).arg(counts[s]);
    }
    m_stageText->setText(text);
    auto *series = new QBarSeries;
    series->append(set);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->setTitle(tr("Applications by stage"));
    chart->legend()->hide();
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsAngle(-30);
    auto *axisY = new QValueAxis;
    axisY->setRange(0, std::max(1, most));
    // Whole-number ticks: 0, 20, 40… rather than 0, 29, 59, 88; one per count when there are few.
    if (most < 5)
        axisY->setTickCount(std::max(2, most + 1));
    else
        axisY->applyNiceNumbers();
    axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    QChart *old = m_stages->chart();
    m_stages->setChart(chart);
    delete old;

    const int64_t now = ctx().nowMs();
    std::map<std::string, int64_t> expiring;
    for (const auto &g : grants.value())
        if (g.status == "active" && fmt::expiresSoon(g.expiresAt, now))
            expiring[g.resource] += g.balance();
    std::vector<RowTableModel::Row> rows;
    for (const auto &r : summary.value()) {
        RowTableModel::Row row;
        row.id = fmt::qs(r.resource);
        Cell soon = numberCell(fmt::amount(expiring[r.resource]), expiring[r.resource]);
        if (expiring[r.resource] > 0)
            soon.colour = fmt::warnColour();
        row.cells = { Cell { row.id }, numberCell(fmt::amount(r.pledged), r.pledged),
            numberCell(fmt::amount(r.poolBalance), r.poolBalance),
            numberCell(fmt::amount(r.granted), r.granted), numberCell(fmt::amount(r.consumed), r.consumed),
            numberCell(fmt::amount(r.expired), r.expired), numberCell(fmt::amount(r.balance), r.balance),
            soon };
        rows.push_back(std::move(row));
    }
    m_credits->setRows(std::move(rows));
    fitColumns(m_creditsView);

    std::vector<RowTableModel::Row> low;
    for (const auto &p : pools.value()) {
        if (p.closed || p.pledged <= 0 || p.balance * 10 >= p.pledged)
            continue;
        RowTableModel::Row row;
        row.id = fmt::qs(p.id);
        Cell left = numberCell(fmt::amount(p.balance), p.balance);
        left.colour = fmt::warnColour();
        row.cells = { Cell { row.id }, Cell { fmt::qs(p.resource) }, left,
            numberCell(fmt::amount(p.pledged), p.pledged),
            Cell { fmt::date(p.validUntil), qint64(p.validUntil), fmt::iso(p.validUntil) } };
        low.push_back(std::move(row));
    }
    m_low->setRows(std::move(low));
    fitColumns(m_lowView);
    m_lowView->setVisible(m_low->rowCount() > 0);
    m_noLow->setVisible(m_low->rowCount() == 0);
}

} // namespace portal
