#include "ui/pages/syncpage.h"

#include "ledger/codec/entry.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/replica/outbox.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/reasontext.h"
#include "ui/core/syncjob.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/pagewidgets.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace portal {

SyncPage::SyncPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Sync"), this));
    m_job = SyncJob::of(ctx);

    m_fork = new QLabel(this);
    m_fork->setObjectName(QStringLiteral("forkAlarm"));
    m_fork->setAccessibleName(tr("Fork alarm"));
    m_fork->setWordWrap(true);
    m_fork->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fork->setStyleSheet(
        QStringLiteral("QLabel { background: #b01c1c; color: white; font-weight: bold; padding: 12px; }"));
    m_fork->hide();
    layout->addWidget(m_fork);

    auto *form = new QFormLayout;
    m_registry = new QLabel(this);
    m_registry->setObjectName(QStringLiteral("syncRegistry"));
    m_registry->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lastSync = new QLabel(this);
    m_lastSync->setObjectName(QStringLiteral("syncLast"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("syncState"));
    m_state->setWordWrap(true);
    form->addRow(tr("Registry:"), m_registry);
    form->addRow(tr("Last sync:"), m_lastSync);
    form->addRow(tr("State:"), m_state);
    layout->addLayout(form);

    auto *actions = new QHBoxLayout;
    m_syncNow = new QPushButton(QIcon(QStringLiteral(":/icons/pending.svg")), tr("Sync now"), this);
    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    m_syncNow->setToolTip(tr("Send the outbox to the registry and fetch what is new (F5)"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setRange(0, 1000);
    m_progress->setMinimumWidth(260);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("syncCancel"));
    m_cancel->setAccessibleName(tr("Cancel sync"));
    m_cancel->hide();
    actions->addWidget(m_syncNow);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_cancel);
    actions->addStretch();
    layout->addLayout(actions);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("syncResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    layout->addWidget(m_result);

    connect(m_syncNow, &QPushButton::clicked, this, [this] { primaryAction(); });
    connect(m_cancel, &QPushButton::clicked, m_job, &SyncJob::cancel);
    connect(m_job, &SyncJob::progress, this, &SyncPage::onProgress);
    connect(m_job, &SyncJob::finished, this, &SyncPage::onFinished);
    connect(m_job, &SyncJob::stateChanged, this, &SyncPage::updateState);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("syncSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_model = new RowTableModel(
        { tr("Queued"), tr("Entry"), tr("Status"), tr("Position"), tr("Reason code"), tr("Reason") }, this);
    m_view = makeTable(m_model, tr("Outbox"), this);
    m_view->setObjectName(QStringLiteral("outboxTable"));
    // The entry and the registry's reason are the long texts: they share the width.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);
    updateState();
}

QString SyncPage::summaryText() const
{
    return m_summary->text();
}

QString SyncPage::stateText() const
{
    return m_state->text();
}

QString SyncPage::forkText() const
{
    return m_fork->isHidden() ? QString() : m_fork->text();
}

void SyncPage::showResult(const QString &text)
{
    m_result->setText(text);
    m_result->setVisible(!text.isEmpty());
}

bool SyncPage::primaryAction()
{
    QString problem;
    if (!m_job->syncNow(this, &problem) && !problem.isEmpty())
        showResult(problem);
    return true;
}

void SyncPage::updateState()
{
    const bool running = m_job->running();
    m_registry->setText(m_job->configured() ? m_job->registryUrl() : tr("None: this is a standalone ledger"));
    m_lastSync->setText(m_job->lastSyncMs() > 0 ? fmt::dateTime(m_job->lastSyncMs()) : tr("Never"));
    m_lastSync->setToolTip(m_job->lastSyncMs() > 0 ? fmt::iso(m_job->lastSyncMs()) : QString());
    m_state->setText(m_job->statusLine());
    m_syncNow->setEnabled(m_job->configured() && !running && ctx().member().has_value());
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    if (const auto &fork = m_job->forkAlarm()) {
        const auto checkpoint = [](int64_t size, const QByteArray &root) {
            return tr("%L1 entries, root %2").arg(size).arg(QString::fromLatin1(root.toBase64()));
        };
        m_fork->setText(tr("⚠ FORK: the registry's log contradicts the checkpoint this ledger verified. Sync "
                           "has stopped and nothing here was changed. Keep this ledger and tell your "
                           "administrator.")
            + QStringLiteral("\n") + tr("Verified here: %1").arg(checkpoint(fork->localSize, fork->localRoot))
            + QStringLiteral("\n")
            + tr("The registry now: %1").arg(checkpoint(fork->remoteSize, fork->remoteRoot)));
        m_fork->show();
    } else {
        m_fork->hide();
    }
}

void SyncPage::onProgress(int phase, qint64 done, qint64 total, const QString &text)
{
    if (phase < 0) { // a retry: the text says when
        showResult(text);
        return;
    }
    m_progress->setValue(total > 0 ? int(std::min<qint64>(done, total) * 1000 / total) : 0);
    m_progress->setFormat(total > 0 ? tr("%1: %L2 of %L3").arg(text).arg(done).arg(total) : text);
}

void SyncPage::onFinished(const SyncOutcome &o)
{
    const auto &r = o.report;
    switch (o.kind) {
    case SyncOutcome::Kind::Done:
        showResult(tr("Sent %1 (%2 recorded, %3 rejected); fetched %4 new entries; the registry's log "
                      "has %L5 entries.")
                       .arg(r.pushed)
                       .arg(r.sequenced)
                       .arg(r.rejected)
                       .arg(r.pulled)
                       .arg(r.treeSize));
        break;
    case SyncOutcome::Kind::Offline:
        showResult(
            tr("Offline: %1 Your entries stay in the outbox and are sent at the next sync.").arg(o.message));
        break;
    case SyncOutcome::Kind::Cancelled:
        showResult(tr("Sync cancelled; what was already fetched is kept and the next sync continues."));
        break;
    case SyncOutcome::Kind::Fork:
        showResult(QString()); // the red alarm above says it
        break;
    case SyncOutcome::Kind::Failed:
        showResult(o.message);
        break;
    }
    updateState();
    refresh();
}

void SyncPage::refresh()
{
    ledger::replica::Outbox outbox(ctx().store());
    auto items = outbox.list();
    if (!items) {
        m_model->setRows({});
        m_summary->setText(tr("Could not read the outbox: %1").arg(items.error().message));
        return;
    }
    int pending = 0, rejected = 0;
    std::vector<RowTableModel::Row> rows;
    for (const auto &item : items.value()) {
        QString what = QString::fromStdString(item.entry.type);
        if (auto entry = ledger::decodeEntry(item.entry.bytes, false))
            what = ledger::summariseEntry(entry.value().type, entry.value().body);
        QString status;
        QColor colour;
        switch (item.status) {
        case ledger::replica::OutboxStatus::Pending:
            status = tr("Waiting for the registry");
            ++pending;
            break;
        case ledger::replica::OutboxStatus::Sequenced:
            status = tr("Recorded by the registry");
            break;
        case ledger::replica::OutboxStatus::Rejected:
            status = tr("Rejected");
            colour = QColor(0xb0, 0x1c, 0x1c);
            ++rejected;
            break;
        }
        RowTableModel::Row row;
        row.id = QString::number(item.id);
        row.cells.push_back(
            Cell { fmt::dateTime(item.queuedAt), QVariant::fromValue(qint64(item.queuedAt)), {}, {}, false });
        row.cells.push_back(Cell { what, {}, what, {}, false });
        row.cells.push_back(Cell { status, {}, {}, colour, false });
        row.cells.push_back(item.seq >= 0
                ? Cell { QString::number(item.seq), QVariant::fromValue(qint64(item.seq)), {}, {}, true }
                : Cell {});
        row.cells.push_back(Cell { item.reasonCode, {}, fmt::reasonCode(item.reasonCode), colour, false });
        // The reason in the user's language; the registry's own words on hover.
        row.cells.push_back(
            Cell { reasonSentence(item.reasonCode, item.reason), {}, item.reason, {}, false });
        rows.push_back(std::move(row));
    }
    m_model->setRows(std::move(rows));
    fitColumns(m_view);
    if (items.value().empty())
        m_summary->setText(tr("The outbox is empty: every entry signed here is in the ledger."));
    else
        m_summary->setText(tr("%1 waiting for the registry, %2 rejected, %3 in the outbox in all.")
                               .arg(pending)
                               .arg(rejected)
                               .arg(items.value().size()));
}

} // namespace portal
