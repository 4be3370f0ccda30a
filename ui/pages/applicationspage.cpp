#include "ui/pages/applicationspage.h"
#include "ledger/queries/waiting.h"

#include "ledger/codec/json.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/applicationsmodel.h"
#include "ui/pages/applicationpanel.h"
#include "ui/pages/pagewidgets.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace portal {

using ledger::Role;

ApplicationsPage::ApplicationsPage(PortalContext &ctx, Mode mode, QWidget *parent)
    : Page(ctx, parent)
    , m_mode(mode)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(mode == Mode::Pipeline ? tr("Applications") : tr("My reviews"), this));

    auto *filters = new QHBoxLayout;
    m_search = searchBox(tr("Search applications (Ctrl+F)"), this);
    m_search->setObjectName(QStringLiteral("applicationSearch"));
    // The search on a row of its own: beside four filters it was squeezed to a few letters at 1280x800.
    layout->addWidget(m_search);
    m_programme = filterBox(tr("Programme"), this);
    m_stage = filterBox(tr("Stage"), this);
    m_sector = filterBox(tr("Sector"), this);
    m_reviewer = filterBox(tr("Reviewer"), this);
    m_stage->addItem(tr("All stages"), QString());
    for (const char *s : { "submitted", "under_review", "approved", "rejected", "waitlisted", "withdrawn" })
        m_stage->addItem(fmt::stage(s), QString::fromLatin1(s));
    filters->addWidget(m_programme, 1);
    filters->addWidget(m_stage, 1);
    filters->addWidget(m_sector, 1);
    filters->addWidget(m_reviewer, 1);
    m_reviewer->setVisible(mode == Mode::Pipeline);
    layout->addLayout(filters);

    auto *bulk = new QHBoxLayout;
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("applicationCount"));
    bulk->addWidget(m_count, 1);
    m_assignTo = filterBox(tr("Reviewer to assign"), this);
    m_assignTo->setObjectName(QStringLiteral("assignTo"));
    m_assign = new QPushButton(tr("Assign to selected…"), this);
    m_assign->setObjectName(QStringLiteral("assignButton"));
    const bool manager = ctx.hasRole({ Role::Admin, Role::ProgrammeManager }) && mode == Mode::Pipeline;
    m_assignTo->setVisible(manager);
    m_assign->setVisible(manager);
    bulk->addWidget(m_assignTo);
    bulk->addWidget(m_assign);
    layout->addLayout(bulk);

    m_model = new ApplicationsModel(this);
    m_view = makeTable(m_model, tr("Applications"), this);
    m_view->setObjectName(QStringLiteral("applicationsTable"));
    m_view->setSelectionMode(
        manager ? QAbstractItemView::ExtendedSelection : QAbstractItemView::SingleSelection);
    // Nine columns did not fit beside the detail pane at the default window size: sector, programme and
    // reviewers are in the detail pane (and the first two in the filter boxes); startup and title share
    // what is left and elide. Requested is never elided (see refresh).
    for (int c : { ApplicationsModel::Sector, ApplicationsModel::Programme, ApplicationsModel::Reviews })
        m_view->setColumnHidden(c, true);
    stretchColumns(m_view, { ApplicationsModel::Startup, ApplicationsModel::Title });
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setColumnWidth(ApplicationsModel::Id, 80);
    m_view->setColumnWidth(ApplicationsModel::Stage, 110);
    m_view->setColumnWidth(ApplicationsModel::Submitted, 90);
    layout->addWidget(m_view, 1);
    m_empty = emptyState(mode == Mode::Pipeline
            ? tr("No applications yet — they appear here when startups apply while a call is open.")
            : tr("No applications are assigned to you yet. A programme manager assigns them."),
        this);
    layout->addWidget(m_empty);

    m_panel = new ApplicationPanel(ctx);
    setDetailPane(m_panel);
    m_panel->setObjectName(QStringLiteral("applicationPanel"));

    connect(m_search, &QLineEdit::textChanged, this, &ApplicationsPage::applyFilter);
    for (QComboBox *c : { m_programme, m_stage, m_sector, m_reviewer })
        connect(c, &QComboBox::currentIndexChanged, this, &ApplicationsPage::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ApplicationsPage::showCurrent);
    connect(m_view, &QTableView::activated, this, [this] { openCurrent(); });
    connect(m_assign, &QPushButton::clicked, this, &ApplicationsPage::assignSelected);
    connect(m_panel, &ApplicationPanel::grantRequested, this, &ApplicationsPage::grantRequested);
    setTabOrder(m_search, m_programme);
    setTabOrder(m_programme, m_stage);
    setTabOrder(m_stage, m_sector);
    setTabOrder(m_sector, m_reviewer);
    setTabOrder(m_reviewer, m_view);
}

void ApplicationsPage::refresh()
{
    const QString selected = m_panel->applicationId();
    auto apps = ledger::queries::applications(ctx().store(), false);
    auto members = ledger::queries::members(ctx().store());
    auto programmes = ledger::queries::programmes(ctx().store());
    if (!apps || !members || !programmes) {
        ctx().postNotice(PortalContext::NoticeKind::Error,
            tr("Could not read the applications: %1")
                .arg(!apps         ? apps.error().message
                        : !members ? members.error().message
                                   : programmes.error().message));
        return;
    }
    QHash<QString, QString> names;
    const QString previousAssign = m_assignTo->currentData().toString();
    const QString previousReviewer = m_reviewer->currentData().toString();
    m_assignTo->clear();
    m_reviewer->blockSignals(true);
    m_reviewer->clear();
    m_reviewer->addItem(tr("Any reviewer"), QString());
    for (const auto &m : members.value()) {
        names.insert(fmt::qs(m.keyId), fmt::qs(m.name));
        if (m.role == "reviewer" && !m.revoked) {
            m_assignTo->addItem(fmt::qs(m.name), fmt::qs(m.keyId));
            m_reviewer->addItem(fmt::qs(m.name), fmt::qs(m.keyId));
        }
    }
    m_assignTo->setCurrentIndex(std::max(0, m_assignTo->findData(previousAssign)));
    m_reviewer->setCurrentIndex(std::max(0, m_reviewer->findData(previousReviewer)));
    m_reviewer->blockSignals(false);

    std::vector<ledger::queries::ApplicationRow> rows = std::move(apps.value());
    if (m_mode == Mode::MyReviews) {
        const std::string me = ctx().keyId().toStdString();
        std::erase_if(rows, [&](const auto &a) {
            return std::find(a.reviewers.begin(), a.reviewers.end(), me) == a.reviewers.end();
        });
    }
    m_panel->setNames(names);
    m_panel->setProgrammes(programmes.value());
    // An amount cut short would misread, so Requested is as wide as its widest text (found without
    // measuring every row: the largest amount per resource).
    std::map<std::string, int64_t> largest;
    const std::string *longestId = nullptr; // ids are short: shown whole
    for (const auto &a : rows) {
        largest[a.resource] = std::max(largest[a.resource], a.requested);
        if (!longestId || a.id.size() > longestId->size())
            longestId = &a.id;
    }
    if (longestId)
        m_view->setColumnWidth(ApplicationsModel::Id,
            std::clamp(m_view->fontMetrics().horizontalAdvance(fmt::qs(*longestId)) + 16, 60, 140));
    int requestedWidth = m_view->horizontalHeader()->fontMetrics().horizontalAdvance(
                             m_model->headerData(ApplicationsModel::Requested, Qt::Horizontal).toString())
        + 24;
    const QFontMetrics cells = m_view->fontMetrics();
    for (const auto &[resource, amount] : largest)
        requestedWidth = std::max(
            requestedWidth, cells.horizontalAdvance(ApplicationsModel::requestedText(amount, resource)) + 16);
    m_view->setColumnWidth(ApplicationsModel::Requested, requestedWidth);
    m_model->setApplications(std::move(rows), names);
    QSet<QString> waiting;
    if (auto w = ledger::queries::waitingEntries(ctx().store()))
        for (const auto &e : w.value())
            if (!e.application.empty())
                waiting.insert(fmt::qs(e.application));
    m_model->setWaiting(std::move(waiting));

    for (auto [box, values, all] : { std::tuple { m_programme, m_model->programmes(), tr("All programmes") },
             std::tuple { m_sector, m_model->sectors(), tr("All sectors") } }) {
        const QString previous = box->currentData().toString();
        box->blockSignals(true);
        box->clear();
        box->addItem(all, QString());
        for (const QString &v : values)
            box->addItem(v, v);
        box->setCurrentIndex(std::max(0, box->findData(previous)));
        box->blockSignals(false);
    }
    applyFilter();
    if (!select(selected) && m_model->rowCount() > 0)
        m_view->selectRow(0);
}

void ApplicationsPage::applyFilter()
{
    ApplicationFilter f;
    f.text = m_search->text();
    f.programme = m_programme->currentData().toString();
    f.stage = m_stage->currentData().toString();
    f.sector = m_sector->currentData().toString();
    f.reviewer = m_reviewer->currentData().toString();
    m_model->setFilter(f);
    m_count->setText(tr("%L1 of %L2 applications").arg(m_model->rowCount()).arg(m_model->totalCount()));
    m_empty->setVisible(m_model->totalCount() == 0);
    m_view->setVisible(m_model->totalCount() > 0);
}

void ApplicationsPage::showCurrent()
{
    const auto *a = m_model->applicationAt(m_view->currentIndex().row());
    m_panel->showApplication(a ? fmt::qs(a->id) : QString());
}

bool ApplicationsPage::select(const QString &applicationId)
{
    const int row = applicationId.isEmpty() ? -1 : m_model->rowOf(applicationId);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

bool ApplicationsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

bool ApplicationsPage::openCurrent()
{
    showCurrent();
    m_panel->setFocus(Qt::OtherFocusReason);
    return true;
}

bool ApplicationsPage::assignSelected()
{
    const QString reviewer = m_assignTo->currentData().toString();
    if (reviewer.isEmpty())
        return false;
    std::vector<SigningCeremony::Item> items;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const auto *a = m_model->applicationAt(index.row());
        if (!a)
            continue;
        ledger::json::Value body { ledger::json::Object {} };
        body.set("application", ledger::json::Value(a->id));
        body.set("reviewers", ledger::json::Value(ledger::json::Array { ledger::json::Value(reviewer) }));
        items.push_back({ "application.assigned", std::move(body) });
    }
    if (items.empty()) {
        ctx().postNotice(PortalContext::NoticeKind::Info, tr("Select the applications to assign first."));
        return false;
    }
    const QString headline
        = tr("Assign %1 to %n application(s).", nullptr, int(items.size())).arg(m_assignTo->currentText());
    return SigningCeremony::runBatch(this, ctx(), headline, std::move(items)).done();
}

} // namespace portal
