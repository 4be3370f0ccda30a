#include "ui/pages/reportspage.h"

#include "ledger/domain/units.h"
#include "ledger/queries/applications.h"
#include "ledger/queries/balances.h"
#include "ledger/queries/startuplist.h"
#include "ledger/reports/reports.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/pages/idpicker.h"
#include "ui/pages/pagewidgets.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace portal {

namespace {

using Format = ReportJob::Format;

// Which options a report takes, as the ledger's catalogue says (ReportInfo::takes: the options of
// `alliancectl report` it honours); the page offers exactly those, so nothing chosen here is refused or
// ignored.
struct Shape
{
    bool startup = false;
    bool sponsor = false;
    bool from = false;
    bool to = false;
    bool days = false;
    bool needsStartup = false;
    bool journalOnly = false;
};

Shape shapeOf(const QString &name)
{
    const ledger::reports::ReportInfo *info = ledger::reports::findReport(name);
    if (!info)
        return {};
    Shape shape;
    shape.startup = info->takes.contains(QLatin1String("startup"));
    shape.sponsor = info->takes.contains(QLatin1String("sponsor"));
    shape.from = info->takes.contains(QLatin1String("from"));
    shape.to = info->takes.contains(QLatin1String("to"));
    shape.days = info->takes.contains(QLatin1String("days"));
    shape.needsStartup = info->needsStartup;
    // The journal is not a table: it has a format of its own (alliancectl report journal --format journal).
    shape.journalOnly = name == QLatin1String("journal");
    return shape;
}

QString extensionOf(Format f)
{
    switch (f) {
    case Format::Csv:
        return QStringLiteral("csv");
    case Format::Xlsx:
        return QStringLiteral("xlsx");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Journal:
        return QStringLiteral("journal");
    }
    return {};
}

} // namespace

ReportsPage::ReportsPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Reports"), this));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_report = new QComboBox(this);
    m_report->setObjectName(QStringLiteral("reportChoice"));
    m_report->setAccessibleName(tr("Report"));
    m_form->addRow(tr("Report"), m_report);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setMinimumWidth(520); // a word-wrapped label in a form otherwise wraps at its narrowest
    m_form->addRow(QString(), m_description);
    m_startup = new IdPicker(this);
    m_startup->setObjectName(QStringLiteral("reportStartup"));
    m_startup->setAccessibleName(tr("Startup"));
    m_startup->lineEdit()->setPlaceholderText(tr("Type a name or id"));
    m_form->addRow(tr("Startup"), m_startup);
    m_sponsor = new IdPicker(this);
    m_sponsor->setObjectName(QStringLiteral("reportSponsor"));
    m_sponsor->setAccessibleName(tr("Sponsor"));
    m_sponsor->lineEdit()->setPlaceholderText(tr("Type a name or id"));
    m_form->addRow(tr("Sponsor"), m_sponsor);
    m_from = new QLineEdit(this);
    m_from->setObjectName(QStringLiteral("reportFrom"));
    m_from->setAccessibleName(tr("From"));
    m_from->setPlaceholderText(tr("e.g. 2026-01-01; empty: from the beginning"));
    m_form->addRow(tr("From"), m_from);
    m_to = new QLineEdit(this);
    m_to->setObjectName(QStringLiteral("reportTo"));
    m_to->setAccessibleName(tr("To"));
    m_to->setPlaceholderText(tr("e.g. 2026-04-01 (not included); empty: to the end"));
    m_form->addRow(tr("To"), m_to);
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("reportDays"));
    m_days->setAccessibleName(tr("Days ahead"));
    m_days->setRange(1, 3650);
    m_days->setValue(30);
    m_form->addRow(tr("Days ahead"), m_days);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("reportFormat"));
    m_format->setAccessibleName(tr("Format"));
    m_form->addRow(tr("Format"), m_format);
    layout->addLayout(m_form);

    m_problem = problemLabel(this);
    layout->addWidget(m_problem);

    auto *buttons = new QHBoxLayout;
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("reportExport"));
    m_export->setDefault(true);
    buttons->addWidget(m_export);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->hide();
    buttons->addWidget(m_progress, 1);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("reportCancel"));
    m_cancel->hide();
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    layout->addStretch(1);

    m_job = new ReportJob(ctx.ledgerPath(), this);
    connect(m_job, &ReportJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(int(done * 1000 / total));
    });
    connect(m_job, &ReportJob::finished, this, &ReportsPage::onFinished);
    connect(m_export, &QPushButton::clicked, this, &ReportsPage::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ReportsPage::cancel);
    connect(m_report, &QComboBox::currentIndexChanged, this, &ReportsPage::reportChanged);

    // The reports this member may draw: a sponsor its own utilisation, a startup its own statement.
    const bool sponsor = ctx.hasRole({ ledger::Role::Sponsor });
    const bool startup = ctx.hasRole({ ledger::Role::Startup });
    for (const auto &info : ledger::reports::catalogue()) {
        if (sponsor && info.name != QLatin1String("utilisation"))
            continue;
        if (startup && info.name != QLatin1String("statement"))
            continue;
        m_report->addItem(info.name, info.name);
    }
    // A member of a sponsor or startup reports on its own only: the picker is fixed to it.
    if (sponsor && ctx.member()) {
        const QString id = QString::fromStdString(ctx.member()->sponsor);
        QString name;
        if (auto all = ledger::queries::sponsors(ctx.store()))
            for (const auto &s : all.value())
                if (s.id == ctx.member()->sponsor)
                    name = QString::fromStdString(s.name);
        m_sponsor->lock(id, name);
    }
    if (startup && ctx.member()) {
        const QString id = QString::fromStdString(ctx.member()->startup);
        auto info = ledger::queries::startup(ctx.store(), ctx.member()->startup);
        m_startup->lock(id, info && info.value() ? QString::fromStdString(info.value()->name) : QString());
    }
    // Translated names and descriptions of the catalogue's reports.
    for (int i = 0; i < m_report->count(); ++i) {
        const QString name = m_report->itemData(i).toString();
        QString title = name;
        if (name == QLatin1String("statement"))
            title = tr("Startup statement");
        else if (name == QLatin1String("utilisation"))
            title = tr("Sponsor utilisation");
        else if (name == QLatin1String("pipeline"))
            title = tr("Programme pipeline");
        else if (name == QLatin1String("expiring"))
            title = tr("Expiring credits");
        else if (name == QLatin1String("forecast"))
            title = tr("Run-out forecast");
        else if (name == QLatin1String("journal"))
            title = tr("Accounting journal");
        m_report->setItemText(i, title);
    }
    reportChanged();
}

void ReportsPage::refresh()
{
    // The pickers' choices (each export reads the ledger as it is when it starts).
    if (!m_startup->locked()) {
        std::vector<std::pair<QString, QString>> choices;
        if (auto startups = ledger::queries::startupList(ctx().store()))
            for (const auto &s : startups.value())
                choices.emplace_back(QString::fromStdString(s.id), QString::fromStdString(s.name));
        m_startup->setChoices(choices, m_startupAll);
    }
    if (!m_sponsor->locked()) {
        std::vector<std::pair<QString, QString>> choices;
        if (auto sponsors = ledger::queries::sponsors(ctx().store()))
            for (const auto &s : sponsors.value())
                choices.emplace_back(QString::fromStdString(s.id), QString::fromStdString(s.name));
        m_sponsor->setChoices(choices, tr("All sponsors"));
    }
}

bool ReportsPage::primaryAction()
{
    startExport();
    return true;
}

QStringList ReportsPage::reportNames() const
{
    QStringList out;
    for (int i = 0; i < m_report->count(); ++i)
        out << m_report->itemData(i).toString();
    return out;
}

bool ReportsPage::selectReport(const QString &name)
{
    const int i = m_report->findData(name);
    if (i < 0)
        return false;
    m_report->setCurrentIndex(i);
    return true;
}

bool ReportsPage::selectFormat(ReportJob::Format format)
{
    const int i = m_format->findData(int(format));
    if (i < 0)
        return false;
    m_format->setCurrentIndex(i);
    return true;
}

QString ReportsPage::statusText() const
{
    return m_status->text();
}

bool ReportsPage::running() const
{
    return m_job->running();
}

void ReportsPage::cancel()
{
    if (!m_job->running())
        return;
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling…"));
}

void ReportsPage::reportChanged()
{
    const QString name = m_report->currentData().toString();
    const Shape shape = shapeOf(name);
    QString description;
    if (name == QLatin1String("statement"))
        description = tr("Opening balance, every movement and closing balance of one startup, per resource, "
                         "with expiry dates.");
    else if (name == QLatin1String("utilisation"))
        description
            = tr("Per pool and per startup: pledged, granted, used, expired, clawed back and returned.");
    else if (name == QLatin1String("pipeline"))
        description = tr("Applications submitted in the period: stage, decision times and review scores.");
    else if (name == QLatin1String("expiring"))
        description = tr("Active grants holding credit that expires within the given number of days.");
    else if (name == QLatin1String("forecast"))
        description = tr("When each grant runs out at its recent rate of use, and what will expire unused.");
    else if (name == QLatin1String("journal"))
        description = tr("Every movement as a plain-text accounting journal for ledger and hledger.");
    if (description.isEmpty()) // a report this page has no translation for: the catalogue's words
        if (const auto *info = ledger::reports::findReport(name))
            description = info->description;
    m_description->setText(description);
    m_form->setRowVisible(m_startup, shape.startup);
    m_form->setRowVisible(m_sponsor, shape.sponsor);
    m_form->setRowVisible(m_from, shape.from);
    m_form->setRowVisible(m_to, shape.to);
    m_form->setRowVisible(m_days, shape.days);
    // A report of one startup (the statement): no "all" entry then.
    m_startupAll = shape.needsStartup ? QString() : tr("All startups");
    refresh();
    m_format->clear();
    if (shape.journalOnly) {
        m_format->addItem(tr("Journal (ledger, hledger)"), int(Format::Journal));
    } else {
        m_format->addItem(tr("CSV (spreadsheet text)"), int(Format::Csv));
        m_format->addItem(tr("Excel workbook (XLSX)"), int(Format::Xlsx));
        m_format->addItem(tr("PDF document"), int(Format::Pdf));
    }
    m_problem->hide();
}

void ReportsPage::startExport()
{
    if (m_job->running())
        return;
    m_problem->hide();
    const QString name = m_report->currentData().toString();
    if (name.isEmpty())
        return;
    const Shape shape = shapeOf(name);
    ledger::reports::ReportOptions options;
    options.now = ctx().nowMs();
    if (shape.startup)
        options.startup = m_startup->id();
    if (shape.sponsor)
        options.sponsor = m_sponsor->id();
    if (shape.days)
        options.days = m_days->value();
    if (shape.needsStartup && options.startup.isEmpty()) {
        showProblem(m_problem, tr("Choose the startup whose statement you want."));
        m_startup->setFocus();
        return;
    }
    for (QLineEdit *edit : { m_from, m_to }) {
        if (!(edit == m_from ? shape.from : shape.to))
            continue;
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            continue;
        auto ms = ledger::units::parseTime(text, options.now);
        if (!ms) {
            showProblem(
                m_problem, tr("“%1” is not a date. Write it as 2026-06-30 or 2026-06-30T12:00Z.").arg(text));
            edit->setFocus();
            return;
        }
        (edit == m_from ? options.from : options.to) = ms.value();
    }
    if (options.from && options.to && *options.from >= *options.to) {
        showProblem(m_problem, tr("The period is empty: “From” must be before “To”."));
        m_from->setFocus();
        return;
    }
    const auto format = Format(m_format->currentData().toInt());
    const QString ext = extensionOf(format);
    QString path;
    if (auto hooked = DialogHooks::takeFileName()) {
        path = *hooked;
    } else if (!DialogHooks::nonInteractive()) {
        const QString suggested = QDir::home().filePath(name + QLatin1Char('.') + ext);
        path = QFileDialog::getSaveFileName(
            this, tr("Save the report as"), suggested, tr("%1 files (*.%2)").arg(ext.toUpper(), ext));
    }
    if (path.isEmpty())
        return;
    m_status->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    setRunning(true);
    m_job->start(name, options, format, path);
}

void ReportsPage::setRunning(bool on)
{
    m_export->setEnabled(!on);
    m_report->setEnabled(!on);
    m_format->setEnabled(!on);
    m_progress->setVisible(on);
    m_progress->setRange(0, 0); // busy until the first progress report
    m_cancel->setVisible(on);
    m_cancel->setEnabled(on);
}

void ReportsPage::onFinished(bool ok, const QString &path, const QString &code, const QString &message)
{
    setRunning(false);
    const QString shown = QDir::toNativeSeparators(path);
    if (ok)
        m_status->setText(tr("Saved the report to %1.").arg(shown));
    else if (code == QLatin1String("cancelled"))
        m_status->setText(tr("Cancelled. Nothing was written."));
    else if (code == QLatin1String("unknown_object"))
        m_status->setText(
            tr("No such startup or sponsor in this ledger (%1). Nothing was written.").arg(message));
    else if (code == QLatin1String("io_error"))
        m_status->setText(tr("Could not write %1: %2").arg(shown, message));
    else
        m_status->setText(tr("The report failed: %1").arg(message));
    emit exportFinished(ok);
}

} // namespace portal
