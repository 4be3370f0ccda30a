#pragma once
// Grants (managers, auditors): every grant with its balance, consumption and expiry; the entries waiting for
// k-of-n approvals (with Approve for this user); and for the selected grant its tranches and the actions —
// release a due tranche, record usage, claw back with a reason code. Ctrl+N opens the new-grant form.

#include "ledger/queries/grantlist.h"
#include "ui/pages/page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace portal {

class ClawbackForm;
class NewGrantForm;
class RowTableModel;
class UsageForm;

class GrantsPage : public Page
{
    Q_OBJECT
public:
    explicit GrantsPage(PortalContext &ctx, QWidget *parent = nullptr);

    void refresh() override;
    bool focusSearch() override;
    bool primaryAction() override;
    bool openCurrent() override;

    // Opens the new-grant form for an approved application.
    bool newGrantFor(const QString &applicationId);
    bool select(const QString &grantId);
    bool approveSelected();
    bool releaseDue();
    bool expireSelected();

    RowTableModel *model() const { return m_model; }
    RowTableModel *approvalsModel() const { return m_approvals; }
    QTableView *approvalsView() const { return m_approvalsView; }
    NewGrantForm *newGrantForm() const { return m_newGrant; }
    UsageForm *usageForm() const { return m_usage; }
    ClawbackForm *clawbackForm() const { return m_clawback; }
    QString detailText() const;

private:
    void showCurrent();
    void applySearch();

    std::vector<ledger::queries::GrantRow> m_grants;
    std::vector<ledger::queries::PendingRow> m_pending;
    RowTableModel *m_model = nullptr;
    RowTableModel *m_approvals = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_view = nullptr;
    QTableView *m_approvalsView = nullptr;
    QPushButton *m_approve = nullptr;
    QLineEdit *m_search = nullptr;
    QPushButton *m_new = nullptr;
    QStackedWidget *m_detail = nullptr;
    QWidget *m_grantDetail = nullptr;
    QTextBrowser *m_text = nullptr;
    QPushButton *m_release = nullptr;
    QPushButton *m_expire = nullptr;
    NewGrantForm *m_newGrant = nullptr;
    UsageForm *m_usage = nullptr;
    ClawbackForm *m_clawback = nullptr;
};

} // namespace portal
