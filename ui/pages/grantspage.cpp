#include "ui/pages/grantspage.h"

#include "ledger/codec/json.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/queries/applications.h"
#include "ledger/queries/waiting.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/grantforms.h"
#include "ui/pages/pagewidgets.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace portal {

namespace {
// The grants table's columns (in the order of the model's headers).
namespace GrantCol {
enum { Grant, Startup, Pool };
}
} // namespace

using ledger::Role;
using ledger::json::Value;

GrantsPage::GrantsPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(pageTitle(tr("Grants"), this), 1);
    m_new = new QPushButton(QIcon(QStringLiteral(":/icons/grants.svg")), tr("New grant… (Ctrl+N)"), this);
    m_new->setObjectName(QStringLiteral("newGrant"));
    top->addWidget(m_new);
    layout->addLayout(top);
    m_search = searchBox(tr("Search grants by id, startup or pool (Ctrl+F)"), this);
    layout->addWidget(m_search);

    m_tabs = new QTabWidget(this);
    m_model = new RowTableModel({ tr("Grant"), tr("Startup"), tr("Pool"), tr("Resource"), tr("Amount"),
                                    tr("Balance"), tr("Status"), tr("Expires") },
        this);
    m_view = makeTable(m_model, tr("Grants"), m_tabs);
    m_view->setObjectName(QStringLiteral("grantsTable"));
    // Nine columns did not fit beside the detail pane at the default window size (nor eight, with the demo's
    // names): what was used and the pool are in the detail pane (the pool also on the grant's tooltip); the
    // startup takes what the numbers leave, elided in the middle.
    m_view->setColumnHidden(GrantCol::Pool, true);
    stretchColumns(m_view, { GrantCol::Startup });
    m_tabs->addTab(m_view, tr("All grants"));

    auto *approvalsTab = new QWidget(m_tabs);
    auto *al = new QVBoxLayout(approvalsTab);
    m_approvals
        = new RowTableModel({ tr("Waiting entry"), tr("Proposed by"), tr("Approvals"), tr("Since") }, this);
    m_approvalsView = makeTable(m_approvals, tr("Entries waiting for approvals"), approvalsTab);
    m_approvalsView->setObjectName(QStringLiteral("approvalsTable"));
    stretchColumns(m_approvalsView, { 0 });
    al->addWidget(m_approvalsView, 1);
    m_approve = new QPushButton(tr("Approve the selected entry…"), approvalsTab);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    al->addWidget(m_approve);
    m_tabs->addTab(approvalsTab, tr("Waiting for approvals"));
    layout->addWidget(m_tabs, 1);

    // Detail pane: the selected grant with its actions, or the new-grant form.
    m_detail = new QStackedWidget;
    setDetailPane(m_detail);
    auto *scroll = new QScrollArea(m_detail);
    scroll->setWidgetResizable(true);
    m_grantDetail = new QWidget(scroll);
    auto *dl = new QVBoxLayout(m_grantDetail);
    m_text = new QTextBrowser(m_grantDetail);
    m_text->setObjectName(QStringLiteral("grantText"));
    m_text->setAccessibleName(tr("Grant"));
    m_text->setMinimumHeight(330);
    dl->addWidget(m_text);
    m_release = new QPushButton(tr("Release the due tranche…"), m_grantDetail);
    m_release->setObjectName(QStringLiteral("releaseTranche"));
    dl->addWidget(m_release);
    m_expire = new QPushButton(tr("Expire the remaining credits…"), m_grantDetail);
    m_expire->setObjectName(QStringLiteral("expireGrant"));
    m_expire->setToolTip(tr("Moves what is left of a grant past its expiry date to expired."));
    dl->addWidget(m_expire);
    auto *usageBox = new QGroupBox(tr("Record usage"), m_grantDetail);
    auto *ul = new QVBoxLayout(usageBox);
    m_usage = new UsageForm(ctx, usageBox);
    ul->addWidget(m_usage);
    dl->addWidget(usageBox);
    auto *clawBox = new QGroupBox(tr("Claw back"), m_grantDetail);
    auto *cl = new QVBoxLayout(clawBox);
    m_clawback = new ClawbackForm(ctx, clawBox);
    cl->addWidget(m_clawback);
    dl->addWidget(clawBox);
    dl->addStretch();
    scroll->setWidget(m_grantDetail);
    m_detail->addWidget(scroll);
    m_newGrant = new NewGrantForm(ctx, m_detail);
    m_detail->addWidget(m_newGrant);

    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GrantsPage::showCurrent);
    connect(m_search, &QLineEdit::textChanged, this, &GrantsPage::applySearch);
    connect(m_view, &QTableView::activated, this, &GrantsPage::openCurrent); // Enter
    connect(m_new, &QPushButton::clicked, this, &GrantsPage::primaryAction);
    connect(m_release, &QPushButton::clicked, this, &GrantsPage::releaseDue);
    connect(m_expire, &QPushButton::clicked, this, &GrantsPage::expireSelected);
    connect(m_approve, &QPushButton::clicked, this, &GrantsPage::approveSelected);
    connect(m_newGrant, &NewGrantForm::done, this, [this] { m_detail->setCurrentIndex(0); });
    setTabOrder(m_search, m_tabs);

    // Auditors read; only managers act (the rules engine refuses others anyway).
    const bool manager = ctx.hasRole({ Role::Admin, Role::ProgrammeManager });
    m_new->setVisible(manager);
    m_approve->setVisible(manager);
    m_release->setVisible(manager);
    m_expire->setVisible(manager);
    usageBox->setVisible(manager);
    clawBox->setVisible(manager);
}

namespace {
const ledger::queries::GrantRow *findGrant(
    const std::vector<ledger::queries::GrantRow> &grants, const QString &id)
{
    for (const auto &g : grants)
        if (fmt::qs(g.id) == id)
            return &g;
    return nullptr;
}
} // namespace

void GrantsPage::refresh()
{
    const QString selected = m_view->currentIndex().isValid()
        ? m_model->data(m_view->currentIndex(), RowTableModel::IdRole).toString()
        : QString();
    auto grants = ledger::queries::grants(ctx().store());
    auto pending = ledger::queries::pendingActions(ctx().store());
    auto members = ledger::queries::members(ctx().store());
    if (!grants || !pending || !members) {
        ctx().postNotice(PortalContext::NoticeKind::Error, tr("Could not read the grants."));
        return;
    }
    QHash<QString, QString> names;
    for (const auto &m : members.value())
        names.insert(fmt::qs(m.keyId), fmt::qs(m.name));
    m_grants = std::move(grants.value());
    m_pending = std::move(pending.value());
    // Signed here, not yet sequenced: new grants get a row of their own, grants with a release, usage or
    // clawback in the outbox say so in their status.
    auto outbox = ledger::queries::waitingEntries(ctx().store());
    QSet<QString> touched;
    std::vector<ledger::queries::WaitingEntry> created;
    for (auto &w : outbox ? outbox.value() : std::vector<ledger::queries::WaitingEntry> {}) {
        if (w.grant.empty())
            continue;
        if (w.type == "grant.created" && !findGrant(m_grants, fmt::qs(w.grant)))
            created.push_back(std::move(w));
        else
            touched.insert(fmt::qs(w.grant));
    }
    const int64_t now = ctx().nowMs();
    std::vector<RowTableModel::Row> rows;
    rows.reserve(m_grants.size() + created.size());
    for (const auto &w : created) {
        RowTableModel::Row r;
        r.id = fmt::qs(w.grant);
        Cell status { tr("Waiting to sync"), {},
            tr("Signed here and waiting in the outbox for the registry."), fmt::warnColour(), false };
        // The startup and resource come from the application the grant is made from.
        QString startup, resource;
        if (auto app = ledger::queries::application(ctx().store(), w.application); app && app.value()) {
            startup = fmt::qs(app.value()->startup);
            resource = fmt::qs(app.value()->resource);
        }
        r.cells = { Cell { r.id }, Cell { startup, {}, tr("Application %1").arg(fmt::qs(w.application)) },
            Cell { fmt::qs(w.pool), {}, fmt::qs(w.pool) }, Cell { resource },
            numberCell(fmt::amount(w.amount), w.amount), Cell {}, status,
            Cell { fmt::date(w.expiresAt), qint64(w.expiresAt), fmt::iso(w.expiresAt), {}, false } };
        rows.push_back(std::move(r));
    }
    for (const auto &g : m_grants) {
        RowTableModel::Row r;
        r.id = fmt::qs(g.id);
        Cell expires { fmt::date(g.expiresAt), qint64(g.expiresAt), fmt::iso(g.expiresAt), {}, false };
        if (g.status == "active" && fmt::expiresSoon(g.expiresAt, now)) {
            expires.colour = fmt::warnColour();
            expires.text = tr("%1 (soon)").arg(expires.text);
        }
        Cell status { fmt::grantStatus(g.status), {}, {}, {}, false };
        if (g.status == "pending_approval")
            status.colour = fmt::warnColour();
        if (touched.contains(fmt::qs(g.id))) {
            status.text = tr("%1 · waiting to sync").arg(status.text);
            status.toolTip = tr("An entry for this grant is waiting in the outbox for the registry.");
            status.colour = fmt::warnColour();
        }
        r.cells = { Cell { r.id, {}, tr("From pool %1").arg(fmt::qs(g.pool)) },
            Cell { fmt::qs(g.startup), {}, fmt::qs(g.startup) },
            Cell { fmt::qs(g.pool), {}, fmt::qs(g.pool) }, Cell { fmt::qs(g.resource) },
            numberCell(fmt::amount(g.amount), g.amount), numberCell(fmt::amount(g.balance()), g.balance()),
            status, expires };
        rows.push_back(std::move(r));
    }
    m_model->setRows(std::move(rows));
    fitColumns(m_view);

    const std::string me = ctx().keyId().toStdString();
    std::vector<RowTableModel::Row> waiting;
    for (const auto &p : m_pending) {
        RowTableModel::Row r;
        r.id = fmt::qs(p.target);
        auto body = ledger::json::parse(p.body);
        const QString what = body ? ledger::summariseEntry(p.type, body.value()) : fmt::qs(p.type);
        const bool mine = std::find(p.approvers.begin(), p.approvers.end(), me) != p.approvers.end();
        Cell approvals { tr("%1 of %2").arg(p.approvers.size()).arg(p.required), {}, {}, {}, true };
        if (mine)
            approvals.text = tr("%1 of %2 (you approved)").arg(p.approvers.size()).arg(p.required);
        r.cells = { Cell { what, {}, what }, Cell { names.value(fmt::qs(p.author), fmt::qs(p.author)) },
            approvals, Cell { fmt::date(p.createdAt), qint64(p.createdAt), fmt::iso(p.createdAt) } };
        waiting.push_back(std::move(r));
    }
    m_approvals->setRows(std::move(waiting));
    fitColumns(m_approvalsView);
    m_tabs->setTabText(1, tr("Waiting for approvals (%1)").arg(m_pending.size()));
    m_newGrant->reload();
    applySearch();
    if (!select(selected) && m_model->rowCount() > 0)
        m_view->selectRow(0);
    showCurrent();
}

void GrantsPage::applySearch()
{
    const QString needle = m_search->text().trimmed();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        bool match = needle.isEmpty();
        for (int c = 0; c < 3 && !match; ++c)
            match = m_model->row(r)->cells[size_t(c)].text.contains(needle, Qt::CaseInsensitive);
        m_view->setRowHidden(r, !match);
    }
}

void GrantsPage::showCurrent()
{
    const QString id = m_view->currentIndex().isValid()
        ? m_model->data(m_view->currentIndex(), RowTableModel::IdRole).toString()
        : QString();
    const ledger::queries::GrantRow *g = findGrant(m_grants, id);
    m_usage->setGrant(g && g->status == "active" ? g : nullptr);
    m_clawback->setGrant(g && g->status == "active" ? g : nullptr);
    m_release->setEnabled(false);
    m_expire->setEnabled(g && g->status == "active" && g->expiresAt <= ctx().nowMs() && g->balance() > 0);
    if (!g && !id.isEmpty()) {
        m_text->setHtml(tr("<h3>Grant %1</h3><p>Waiting to sync: signed here and waiting in the outbox. It "
                           "takes effect once the registry sequences it (Sync now, F5).</p>")
                            .arg(id.toHtmlEscaped()));
        return;
    }
    if (!g) {
        m_text->setHtml(tr("<p>No grant selected. Grants are made from approved applications (Ctrl+N).</p>"));
        return;
    }
    QString html
        = tr("<h3>Grant %1</h3><p>%2 for startup %3 from pool %4<br>Status: <b>%5</b><br>Expires: %6</p>")
              .arg(fmt::qs(g->id), fmt::amountWithResource(g->amount, g->resource), fmt::qs(g->startup),
                  fmt::qs(g->pool), fmt::grantStatus(g->status), fmt::date(g->expiresAt));
    html += tr("<p>Balance %1 (unreleased %2, available %3)<br>Consumed %4 · expired %5 · clawed back %6</p>")
                .arg(fmt::amount(g->balance()), fmt::amount(g->unreleased), fmt::amount(g->available),
                    fmt::amount(g->consumed), fmt::amount(g->expired), fmt::amount(g->clawedBack));
    html += tr("<h4>Tranches</h4><ol>");
    const int64_t now = ctx().nowMs();
    for (size_t i = 0; i < g->tranches.size(); ++i) {
        const auto &t = g->tranches[i];
        html += tr("<li>%1 on %2 — %3</li>")
                    .arg(fmt::amount(t.amount), fmt::date(t.releaseAt),
                        t.released               ? tr("released")
                            : t.releaseAt <= now ? tr("due")
                                                 : tr("not yet due"));
        if (!t.released && t.releaseAt <= now && g->status == "active")
            m_release->setEnabled(true);
    }
    html += QStringLiteral("</ol>");
    m_text->setHtml(html);
}

QString GrantsPage::detailText() const
{
    return m_text->toPlainText();
}

bool GrantsPage::select(const QString &grantId)
{
    const int r = grantId.isEmpty() ? -1 : m_model->findId(grantId);
    if (r < 0)
        return false;
    m_view->selectRow(r);
    m_detail->setCurrentIndex(0);
    return true;
}

bool GrantsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    return true;
}

bool GrantsPage::primaryAction()
{
    if (!ctx().hasRole({ Role::Admin, Role::ProgrammeManager }))
        return false;
    m_newGrant->reload();
    m_detail->setCurrentIndex(1);
    m_newGrant->setFocus(Qt::ShortcutFocusReason);
    return true;
}

bool GrantsPage::openCurrent()
{
    m_detail->setCurrentIndex(0);
    showCurrent();
    return true;
}

bool GrantsPage::newGrantFor(const QString &applicationId)
{
    primaryAction();
    return m_newGrant->setApplication(applicationId);
}

bool GrantsPage::releaseDue()
{
    const QString id = m_model->data(m_view->currentIndex(), RowTableModel::IdRole).toString();
    const ledger::queries::GrantRow *g = findGrant(m_grants, id);
    if (!g)
        return false;
    const int64_t now = ctx().nowMs();
    for (size_t i = 0; i < g->tranches.size(); ++i) {
        if (!g->tranches[i].released && g->tranches[i].releaseAt <= now) {
            Value body { ledger::json::Object {} };
            body.set("grant", Value(g->id));
            body.set("tranche", Value(int64_t(i)));
            return SigningCeremony::run(this, ctx(), "grant.tranche_released", std::move(body)).done();
        }
    }
    return false;
}

bool GrantsPage::expireSelected()
{
    const QString id = m_model->data(m_view->currentIndex(), RowTableModel::IdRole).toString();
    if (!findGrant(m_grants, id))
        return false;
    Value body { ledger::json::Object {} };
    body.set("grant", Value(id));
    return SigningCeremony::run(this, ctx(), "credits.expired", std::move(body)).done();
}

bool GrantsPage::approveSelected()
{
    const QModelIndex index = m_approvalsView->currentIndex();
    if (!index.isValid()) {
        ctx().postNotice(PortalContext::NoticeKind::Info, tr("Select the entry to approve first."));
        return false;
    }
    Value body { ledger::json::Object {} };
    body.set("target", Value(m_approvals->data(index, RowTableModel::IdRole).toString()));
    return SigningCeremony::run(this, ctx(), "approval", std::move(body)).done();
}

} // namespace portal
