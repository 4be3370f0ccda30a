#include "ui/pages/syncpage.h"

#include "ledger/codec/entry.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/replica/outbox.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/pagewidgets.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace portal {

SyncPage::SyncPage(PortalContext &ctx, QWidget *parent)
    : Page(ctx, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pageTitle(tr("Sync"), this));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("syncSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_model = new RowTableModel(
        { tr("Queued"), tr("Entry"), tr("Status"), tr("Position"), tr("Reason code"), tr("Reason") }, this);
    m_view = makeTable(m_model, tr("Outbox"), this);
    m_view->setObjectName(QStringLiteral("outboxTable"));
    layout->addWidget(m_view, 1);
}

QString SyncPage::summaryText() const
{
    return m_summary->text();
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
        row.cells.push_back(Cell { item.reason, {}, item.reason, {}, false });
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
