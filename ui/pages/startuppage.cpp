#include "ui/pages/startuppage.h"

#include "ledger/codec/json.h"
#include "ledger/domain/units.h"
#include "ledger/queries/balances.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/burndown.h"
#include "ui/pages/pagewidgets.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPen>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace portal {

using ledger::json::Value;

StartupPage::StartupPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    m_startup = ctx.member() ? ctx.member()->startup : std::string();
    auto *layout = new QVBoxLayout(this);
    m_title_ = new QLabel(this);
    layout->addWidget(m_title_);
    m_balances = new RowTableModel({ tr("Resource"), tr("Balance"), tr("Available"), tr("Not yet released"),
                                       tr("Used"), tr("Earliest expiry") },
        this);
    m_balancesView = makeTable(m_balances, tr("Balances"), this);
    m_balancesView->setObjectName(QStringLiteral("balancesTable"));
    m_balancesView->setMaximumHeight(150);
    m_balancesView->setColumnWidth(0, 170);
    layout->addWidget(m_balancesView);

    m_tabs = new QTabWidget(this);
    auto *chartTab = new QWidget(m_tabs);
    auto *cl = new QVBoxLayout(chartTab);
    auto *chartBar = new QHBoxLayout;
    m_resource = filterBox(tr("Resource of the chart"), chartTab);
    chartBar->addWidget(new QLabel(tr("Resource:"), chartTab));
    chartBar->addWidget(m_resource);
    m_forecast = new QLabel(chartTab);
    m_forecast->setObjectName(QStringLiteral("forecast"));
    m_forecast->setWordWrap(true);
    chartBar->addWidget(m_forecast, 1);
    cl->addLayout(chartBar);
    m_chart = new QChartView(chartTab);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setAccessibleName(tr("Burn-down chart"));
    m_chart->setMinimumHeight(260);
    cl->addWidget(m_chart, 1);
    m_tabs->addTab(chartTab, tr("Burn-down"));

    m_statement
        = new RowTableModel({ tr("Date"), tr("Grant"), tr("Movement"), tr("Resource"), tr("Amount") }, this);
    auto *statementView = makeTable(m_statement, tr("Statement"), m_tabs);
    statementView->setObjectName(QStringLiteral("statementTable"));
    statementView->setColumnWidth(2, 260);
    m_tabs->addTab(statementView, tr("Statement"));
    m_apps = new RowTableModel(
        { tr("Application"), tr("Title"), tr("Requested"), tr("Stage"), tr("Submitted") }, this);
    auto *appsView = makeTable(m_apps, tr("My applications"), m_tabs);
    m_tabs->addTab(appsView, tr("Applications"));
    layout->addWidget(m_tabs, 1);

    // Detail pane: apply to an open call.
    m_applyPane = new QWidget;
    setDetailPane(m_applyPane);
    auto *form = new QFormLayout(m_applyPane);
    form->addRow(new QLabel(tr("<h3>Apply for credits</h3>"), m_applyPane));
    m_programme = filterBox(tr("Programme"), m_applyPane);
    m_appId = new QLineEdit(m_applyPane);
    m_appId->setAccessibleName(tr("Application id"));
    m_appId->setObjectName(QStringLiteral("applyId"));
    m_title = new QLineEdit(m_applyPane);
    m_title->setAccessibleName(tr("Title"));
    m_title->setObjectName(QStringLiteral("applyTitle"));
    m_appResource = new QLineEdit(QStringLiteral("naver-cloud/b200"), m_applyPane);
    m_appResource->setAccessibleName(tr("Resource"));
    m_amount = new QLineEdit(m_applyPane);
    m_amount->setAccessibleName(tr("GPU-hours requested"));
    m_amount->setObjectName(QStringLiteral("applyAmount"));
    m_amount->setPlaceholderText(QStringLiteral("1,200"));
    m_applyProblem = problemLabel(m_applyPane);
    m_applyButton = new QPushButton(tr("Sign application…"), m_applyPane);
    m_applyButton->setObjectName(QStringLiteral("signApplication"));
    form->addRow(tr("Call:"), m_programme);
    form->addRow(tr("Id:"), m_appId);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Resource:"), m_appResource);
    form->addRow(tr("GPU-hours:"), m_amount);
    form->addRow(m_applyProblem);
    form->addRow(m_applyButton);
    for (QLineEdit *e : { m_appId, m_title, m_appResource, m_amount })
        connect(e, &QLineEdit::textChanged, this, &StartupPage::validateApply);
    connect(m_programme, &QComboBox::currentIndexChanged, this, &StartupPage::validateApply);
    connect(m_applyButton, &QPushButton::clicked, this, &StartupPage::apply);
    connect(m_resource, &QComboBox::currentIndexChanged, this, &StartupPage::drawChart);
}

void StartupPage::refresh()
{
    auto balances = ledger::queries::startupBalances(ctx().store(), m_startup);
    auto movements = ledger::queries::startupMovements(ctx().store(), m_startup);
    auto apps = ledger::queries::startupApplications(ctx().store(), m_startup);
    auto programmes = ledger::queries::programmes(ctx().store());
    if (!balances || !movements || !apps || !programmes) {
        ctx().postNotice(PortalContext::NoticeKind::Error,
            tr("Could not read your balances: %1").arg(!balances ? balances.error().message : QString()));
        return;
    }
    m_title_->setText(tr("<h2>%1</h2>").arg(fmt::qs(balances.value().startup.name).toHtmlEscaped()));
    const int64_t now = ctx().nowMs();
    std::vector<RowTableModel::Row> rows;
    const QString previousResource = m_resource->currentText();
    m_resource->blockSignals(true);
    m_resource->clear();
    for (const auto &r : balances.value().resources) {
        RowTableModel::Row row;
        row.id = fmt::qs(r.resource);
        Cell expiry;
        if (r.earliestExpiry) {
            expiry = Cell { fmt::date(*r.earliestExpiry), qint64(*r.earliestExpiry),
                fmt::iso(*r.earliestExpiry) };
            if (fmt::expiresSoon(*r.earliestExpiry, now)) {
                expiry.colour = fmt::warnColour();
                expiry.text = tr("%1 (within 30 days)").arg(expiry.text);
            } else if (*r.earliestExpiry <= now) {
                expiry.text = tr("%1 (passed)").arg(expiry.text);
            }
        } else {
            expiry = Cell { tr("—") };
        }
        row.cells = { Cell { row.id }, numberCell(fmt::amount(r.balance), r.balance),
            numberCell(fmt::amount(r.available), r.available),
            numberCell(fmt::amount(r.unreleased), r.unreleased),
            numberCell(fmt::amount(r.consumed), r.consumed), expiry };
        rows.push_back(std::move(row));
        m_resource->addItem(fmt::qs(r.resource));
    }
    m_balances->setRows(std::move(rows));
    fitColumns(m_balancesView);
    m_resource->setCurrentIndex(std::max(0, m_resource->findText(previousResource)));
    m_resource->blockSignals(false);

    m_movements = std::move(movements.value());
    std::vector<RowTableModel::Row> statement;
    for (auto it = m_movements.rbegin(); it != m_movements.rend(); ++it) {
        const auto &m = *it;
        const bool in = m.to.rfind("grant:", 0) == 0;
        RowTableModel::Row row;
        row.id = QString::number(m.seq);
        QString what;
        if (in)
            what = m.from.rfind("pool:", 0) == 0 ? tr("Granted from %1").arg(fmt::qs(m.from))
                                                 : tr("In from %1").arg(fmt::qs(m.from));
        else if (m.to == "consumed")
            what = tr("Used");
        else if (m.to == "expired")
            what = tr("Expired");
        else
            what = tr("Clawed back to %1").arg(fmt::qs(m.to));
        Cell amount = numberCell((in ? QStringLiteral("+") : QStringLiteral("−")) + fmt::amount(m.amount),
            in ? m.amount : -m.amount);
        amount.colour = in ? fmt::okColour() : QColor();
        row.cells = { Cell { fmt::date(m.at), qint64(m.at), fmt::iso(m.at) }, Cell { fmt::qs(m.grant) },
            Cell { what }, Cell { fmt::qs(m.resource) }, amount };
        statement.push_back(std::move(row));
    }
    m_statement->setRows(std::move(statement));

    std::vector<RowTableModel::Row> appRows;
    for (const auto &a : apps.value()) {
        RowTableModel::Row row;
        row.id = fmt::qs(a.id);
        row.cells = { Cell { row.id }, Cell { fmt::qs(a.title) },
            numberCell(fmt::amountWithResource(a.requested, a.resource), a.requested),
            Cell { fmt::stage(a.stage) },
            Cell { fmt::date(a.submittedAt), qint64(a.submittedAt), fmt::iso(a.submittedAt) } };
        appRows.push_back(std::move(row));
    }
    m_apps->setRows(std::move(appRows));

    m_programmes = std::move(programmes.value());
    m_programme->clear();
    for (const auto &p : m_programmes)
        if (p.opensAt <= now && now < p.closesAt)
            m_programme->addItem(fmt::qs(p.name), fmt::qs(p.id));
    if (m_appId->text().isEmpty())
        m_appId->setText(QStringLiteral("app-%1-%2").arg(fmt::qs(m_startup)).arg(apps.value().size() + 1));
    validateApply();
    drawChart();
}

void StartupPage::drawChart()
{
    const std::string resource = m_resource->currentText().toStdString();
    const int64_t now = ctx().nowMs();
    const BurnDown bd = computeBurnDown(m_movements, resource, now);
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *series = new QLineSeries;
    series->setName(tr("Balance (GPU-hours)"));
    for (const auto &[t, b] : bd.points) {
        series->append(double(t), double(b) / 1000.0); // drawing only; amounts stay int64 everywhere else
    }
    if (!bd.points.empty())
        series->append(double(now), double(bd.balance) / 1000.0);
    chart->addSeries(series);
    auto *axisX = new QDateTimeAxis;
    axisX->setFormat(QStringLiteral("yyyy-MM"));
    axisX->setTitleText(tr("Date"));
    auto *axisY = new QValueAxis;
    axisY->setTitleText(tr("GPU-hours"));
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    if (bd.runOutAt) {
        auto *forecast = new QLineSeries;
        forecast->setName(tr("Forecast"));
        QPen pen(fmt::warnColour());
        pen.setStyle(Qt::DashLine);
        pen.setWidth(2);
        forecast->setPen(pen);
        forecast->append(double(now), double(bd.balance) / 1000.0);
        forecast->append(double(*bd.runOutAt), 0);
        chart->addSeries(forecast);
        forecast->attachAxis(axisX);
        forecast->attachAxis(axisY);
        m_forecast->setText(
            tr("At the use of the last 90 days (%1 GPU-h), the balance of %2 GPU-h runs out on %3.")
                .arg(fmt::amount(bd.usedLast90Days), fmt::amount(bd.balance), fmt::date(*bd.runOutAt)));
    } else if (bd.balance > 0) {
        m_forecast->setText(tr("No usage in the last 90 days: the balance of %1 GPU-h is not being used.")
                                .arg(fmt::amount(bd.balance)));
    } else {
        m_forecast->setText(bd.points.empty()
                ? tr("No credits yet: apply for a grant (the form on the right).")
                : tr("No credits left of this resource."));
    }
    axisY->setMin(0);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

QString StartupPage::forecastText() const
{
    return m_forecast->text();
}

bool StartupPage::primaryAction()
{
    m_title->setFocus(Qt::ShortcutFocusReason);
    return true;
}

void StartupPage::validateApply()
{
    QString problem;
    if (m_programme->count() == 0)
        problem = tr("No call is open now; you can apply when the next one opens.");
    else if (auto id = ledger::units::parseId(m_appId->text(), "application id"); !id)
        problem = id.error().message;
    else if (m_title->text().trimmed().isEmpty())
        problem = tr("Give the application a title.");
    else if (auto r = ledger::units::parseResource(m_appResource->text()); !r)
        problem = r.error().message;
    else if (auto a = ledger::units::parseAmount(m_amount->text()); !a)
        problem = a.error().message;
    showProblem(m_applyProblem, problem);
    m_applyButton->setEnabled(problem.isEmpty());
}

bool StartupPage::apply()
{
    validateApply();
    if (!m_applyButton->isEnabled())
        return false;
    Value body { ledger::json::Object {} };
    body.set("application", Value(m_appId->text().trimmed()));
    body.set("startup", Value(m_startup));
    body.set("programme", Value(m_programme->currentData().toString()));
    body.set("title", Value(m_title->text().trimmed()));
    body.set("resource", Value(m_appResource->text().trimmed()));
    body.set("amount", Value(ledger::units::parseAmount(m_amount->text()).value()));
    const SignOutcome out = SigningCeremony::run(this, ctx(), "application.submitted", std::move(body));
    if (out.done()) {
        m_appId->clear();
        m_title->clear();
        m_amount->clear();
    } else if (out.kind == SignOutcome::Kind::Rejected) {
        showProblem(m_applyProblem, out.message);
    }
    return out.done();
}

} // namespace portal
