#pragma once
// Sync with the registry: where this replica syncs (registry address, last sync, the state in one line), a
// "Sync now" button that runs push + pull in the background (SyncJob) with a progress bar and a Cancel
// button, a red alarm naming both checkpoints when the registry's log forks, and the outbox — entries signed
// here and waiting for the registry (pending), recorded, or rejected with the reason code and sentence —
// from ledger/replica/outbox.h.

#include "ui/pages/page.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace portal {

class RowTableModel;
class SyncJob;
struct SyncOutcome;

class SyncPage : public Page
{
    Q_OBJECT
public:
    explicit SyncPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    bool primaryAction() override; // Ctrl+N on this page: sync now
    RowTableModel *model() const { return m_model; }
    QString summaryText() const;
    QString stateText() const;
    QString forkText() const; // empty when there is no alarm
    SyncJob *job() const { return m_job; }

private:
    void updateState();
    void showResult(const QString &text);
    void onProgress(int phase, qint64 done, qint64 total, const QString &text);
    void onFinished(const SyncOutcome &outcome);

    SyncJob *m_job = nullptr;
    RowTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_fork = nullptr;
    QLabel *m_registry = nullptr;
    QLabel *m_lastSync = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_syncNow = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
};

} // namespace portal
