#include "ui/pages/startuppage.h"

#include "ledger/codec/json.h"
#include "ledger/domain/units.h"
#include "ledger/queries/balances.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/filehash.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/applicationpanel.h"
#include "ui/pages/burndown.h"
#include "ui/pages/pagewidgets.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPen>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace portal {

using ledger::json::Value;

namespace {
constexpr size_t kMaxAttachments = 20; // ENTRY-TYPES: application.submitted
}

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
    // The expiry takes what the amounts leave (no horizontal scrolling at 1280x800).
    stretchColumns(m_balancesView, { 5 });
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
    auto *appsTab = new QWidget(m_tabs);
    auto *al = new QVBoxLayout(appsTab);
    m_appsView = makeTable(m_apps, tr("My applications"), appsTab);
    m_appsView->setObjectName(QStringLiteral("myApplications"));
    stretchColumns(m_appsView, { 1 });
    al->addWidget(m_appsView, 1);
    auto *wl = new QHBoxLayout;
    m_withdrawReason = new QLineEdit(appsTab);
    m_withdrawReason->setObjectName(QStringLiteral("withdrawReason"));
    m_withdrawReason->setAccessibleName(tr("Reason for withdrawing"));
    m_withdrawReason->setPlaceholderText(tr("Why you withdraw it (recorded with it)"));
    wl->addWidget(m_withdrawReason, 1);
    m_withdraw = new QPushButton(tr("Withdraw the selected application…"), appsTab);
    m_withdraw->setObjectName(QStringLiteral("withdrawApplication"));
    wl->addWidget(m_withdraw);
    al->addLayout(wl);
    m_withdrawProblem = problemLabel(appsTab);
    al->addWidget(m_withdrawProblem);
    m_tabs->addTab(appsTab, tr("Applications"));
    layout->addWidget(m_tabs, 1);

    // Detail pane: apply to an open call.
    m_applyPane = new QWidget;
    setDetailPane(m_applyPane);
    auto *form = new QFormLayout(m_applyPane);
    m_applyForm = form;
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
    m_attachList = new QListWidget(m_applyPane);
    m_attachList->setObjectName(QStringLiteral("attachments"));
    m_attachList->setAccessibleName(tr("Attachments"));
    m_attachList->setMaximumHeight(90);
    m_attach = new QPushButton(tr("Attach a file…"), m_applyPane);
    m_attach->setObjectName(QStringLiteral("attachFile"));
    m_attach->setToolTip(tr("Only the file's name and SHA-256 go into the ledger; keep the file to show it "
                            "to the programme manager."));
    m_removeAttachment = new QPushButton(tr("Remove"), m_applyPane);
    m_removeAttachment->setObjectName(QStringLiteral("removeAttachment"));
    auto *attachButtons = new QHBoxLayout;
    attachButtons->addWidget(m_attach);
    attachButtons->addWidget(m_removeAttachment);
    attachButtons->addStretch();
    m_applyProblem = problemLabel(m_applyPane);
    m_applyButton = new QPushButton(tr("Sign application…"), m_applyPane);
    m_applyButton->setObjectName(QStringLiteral("signApplication"));
    form->addRow(tr("Call:"), m_programme);
    form->addRow(tr("Id:"), m_appId);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Resource:"), m_appResource);
    form->addRow(tr("GPU-hours:"), m_amount);
    form->addRow(tr("Attachments:"), m_attachList);
    form->addRow(QString(), attachButtons);
    form->addRow(m_applyProblem);
    form->addRow(m_applyButton);
    for (QLineEdit *e : { m_appId, m_title, m_appResource, m_amount })
        connect(e, &QLineEdit::textChanged, this, &StartupPage::validateApply);
    connect(m_programme, &QComboBox::currentIndexChanged, this, &StartupPage::validateApply);
    connect(m_applyButton, &QPushButton::clicked, this, &StartupPage::apply);
    connect(m_resource, &QComboBox::currentIndexChanged, this, &StartupPage::drawChart);
    connect(m_attach, &QPushButton::clicked, this, [this] {
        QString path;
        if (auto hooked = DialogHooks::takeFileName())
            path = *hooked;
        else if (!DialogHooks::nonInteractive())
            path = QFileDialog::getOpenFileName(this, tr("Attach a file"), QDir::homePath());
        if (!path.isEmpty())
            addAttachment(path);
    });
    connect(m_removeAttachment, &QPushButton::clicked, this, [this] {
        const int row = m_attachList->currentRow();
        if (row >= 0 && size_t(row) < m_attachments.size()) {
            m_attachments.erase(m_attachments.begin() + row);
            showAttachments();
        }
    });
    connect(m_attachList, &QListWidget::currentRowChanged, this,
        [this](int row) { m_removeAttachment->setEnabled(row >= 0); });
    connect(m_appsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &StartupPage::validateWithdraw);
    connect(m_withdrawReason, &QLineEdit::textChanged, this, &StartupPage::validateWithdraw);
    connect(m_withdraw, &QPushButton::clicked, this, &StartupPage::withdrawSelected);
    showAttachments();
}

void StartupPage::addAttachment(const QString &path)
{
    if (m_attachments.size() + size_t(m_hashing) >= kMaxAttachments) {
        showProblem(m_applyProblem, tr("At most %1 attachments.").arg(kMaxAttachments));
        return;
    }
    ++m_hashing;
    validateApply();
    const QString name = QFileInfo(path).fileName();
    hashFileInBackground(path, this, [this, name](const ledger::Result<QString> &hash) {
        --m_hashing;
        if (!hash) {
            validateApply();
            showProblem(m_applyProblem, hash.error().message);
        } else {
            m_attachments.push_back({ name, hash.value() });
            showAttachments();
        }
        emit attachmentsChanged();
    });
}

void StartupPage::showAttachments()
{
    m_attachList->clear();
    for (const Attachment &a : m_attachments) {
        auto *item = new QListWidgetItem(tr("%1 — SHA-256 %2…").arg(a.name, a.sha256.left(16)), m_attachList);
        item->setToolTip(a.sha256);
    }
    m_applyForm->setRowVisible(m_attachList, !m_attachments.empty());
    m_removeAttachment->setEnabled(m_attachList->currentRow() >= 0);
    validateApply();
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

    m_applications = apps.value();
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
    fitColumns(m_appsView);
    m_appsView->resizeColumnToContents(2); // "600.000 GPU-h naver-cloud/h100" whole (a startup has few rows)
    validateWithdraw();

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
    // Round ticks (0, 100, 200…) rather than the range cut in four (0, 138, 275, 413): the reader compares
    // the line against them.
    if (axisY->max() > 0)
        axisY->applyNiceNumbers();
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
    else if (m_hashing > 0)
        problem = tr("Reading the attached file…");
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
    if (!m_attachments.empty()) {
        ledger::json::Array list;
        for (const Attachment &a : m_attachments) {
            Value item { ledger::json::Object {} };
            item.set("name", Value(a.name));
            item.set("sha256", Value(a.sha256));
            list.push_back(std::move(item));
        }
        body.set("attachments", Value(std::move(list)));
    }
    const SignOutcome out = SigningCeremony::run(this, ctx(), "application.submitted", std::move(body));
    if (out.done()) {
        m_appId->clear();
        m_title->clear();
        m_amount->clear();
        m_attachments.clear();
        showAttachments();
    } else if (out.kind == SignOutcome::Kind::Rejected) {
        showProblem(m_applyProblem, out.message);
    }
    return out.done();
}

} // namespace portal

namespace portal {

void StartupPage::validateWithdraw()
{
    const QModelIndex current = m_appsView->currentIndex();
    const QString id
        = current.isValid() ? m_apps->data(current, RowTableModel::IdRole).toString() : QString();
    const ledger::queries::ApplicationRow *app = nullptr;
    for (const auto &a : m_applications)
        if (fmt::qs(a.id) == id)
            app = &a;
    QString problem;
    if (!app)
        problem = m_applications.empty() ? QString() : tr("Select the application to withdraw.");
    else if (app->stage == "approved" && !app->grant.empty())
        problem = tr("%1 has been granted and can no longer be withdrawn.").arg(id);
    else if (!applicationWithdrawable(*app))
        problem = tr("%1 is %2 and can no longer be withdrawn.").arg(id, fmt::stage(app->stage));
    else if (m_withdrawReason->text().trimmed().isEmpty())
        problem = tr("Say why you withdraw it.");
    showProblem(m_withdrawProblem, problem);
    m_withdraw->setEnabled(app && problem.isEmpty());
    m_withdrawReason->setEnabled(app && applicationWithdrawable(*app));
}

bool StartupPage::withdrawSelected()
{
    validateWithdraw();
    if (!m_withdraw->isEnabled())
        return false;
    const QString id = m_apps->data(m_appsView->currentIndex(), RowTableModel::IdRole).toString();
    Value body { ledger::json::Object {} };
    body.set("application", Value(id));
    body.set("reason", Value(m_withdrawReason->text().trimmed()));
    const SignOutcome out = SigningCeremony::run(this, ctx(), "application.withdrawn", std::move(body));
    if (out.done())
        m_withdrawReason->clear();
    else if (out.kind == SignOutcome::Kind::Rejected)
        showProblem(m_withdrawProblem, out.message);
    return out.done();
}

} // namespace portal
