#pragma once
// Sync status (read-only): the outbox of this ledger — entries signed here and waiting for a registry, and
// those the registry rejected, with the reason code and message — from ledger/replica/outbox.h. Starting a
// network sync is not offered here.

#include "ui/pages/page.h"

class QLabel;
class QTableView;

namespace portal {

class RowTableModel;

class SyncPage : public Page
{
    Q_OBJECT
public:
    explicit SyncPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    RowTableModel *model() const { return m_model; }
    QString summaryText() const;

private:
    RowTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace portal
