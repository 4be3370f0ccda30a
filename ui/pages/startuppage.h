#pragma once
// A startup's own page: balances per resource with the earliest expiry (highlighted within 30 days), the
// statement of every movement, a burn-down chart (Qt Charts) with the run-out forecast, its applications,
// (with "withdraw" for one not yet decided or approved without a grant), and in the detail pane the form to
// apply to an open call, with attachments recorded by name and SHA-256 (the files stay with the startup).

#include "ledger/queries/applications.h"
#include "ledger/queries/grantlist.h"
#include "ui/pages/page.h"

class QChartView;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;

namespace portal {

class RowTableModel;

class StartupPage : public Page
{
    Q_OBJECT
public:
    explicit StartupPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    bool primaryAction() override;

    RowTableModel *balancesModel() const { return m_balances; }
    RowTableModel *statementModel() const { return m_statement; }
    QString forecastText() const;
    bool apply(); // the apply form's ceremony
    QLineEdit *applyTitle() const { return m_title; }
    QLineEdit *applyAmount() const { return m_amount; }
    QLineEdit *applyId() const { return m_appId; }
    // Attachments: hashes the file off the UI thread, then lists it (attachmentsChanged).
    void addAttachment(const QString &path);
    int attachmentCount() const { return int(m_attachments.size()); }
    // Withdraws the application selected in the Applications tab, with the reason typed beside the button.
    bool withdrawSelected();
    QTableView *applicationsView() const { return m_appsView; }
    QLineEdit *withdrawReason() const { return m_withdrawReason; }
    QPushButton *withdrawButton() const { return m_withdraw; }

signals:
    void attachmentsChanged();

private:
    void drawChart();
    void validateApply();
    void validateWithdraw();
    void showAttachments();

    std::string m_startup;
    std::vector<ledger::queries::MovementRow> m_movements;
    std::vector<ledger::queries::ProgrammeRow> m_programmes;
    QLabel *m_title_ = nullptr;
    RowTableModel *m_balances = nullptr;
    RowTableModel *m_statement = nullptr;
    RowTableModel *m_apps = nullptr;
    QTableView *m_balancesView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_resource = nullptr;
    QChartView *m_chart = nullptr;
    QLabel *m_forecast = nullptr;
    // apply
    QWidget *m_applyPane = nullptr;
    QComboBox *m_programme = nullptr;
    QLineEdit *m_appId = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_appResource = nullptr;
    QLineEdit *m_amount = nullptr;
    QLabel *m_applyProblem = nullptr;
    QPushButton *m_applyButton = nullptr;
    struct Attachment
    {
        QString name;
        QString sha256;
    };
    std::vector<Attachment> m_attachments;
    int m_hashing = 0; // files being hashed
    QFormLayout *m_applyForm = nullptr;
    QListWidget *m_attachList = nullptr;
    QPushButton *m_attach = nullptr;
    QPushButton *m_removeAttachment = nullptr;
    // withdraw
    std::vector<ledger::queries::ApplicationRow> m_applications;
    QTableView *m_appsView = nullptr;
    QLineEdit *m_withdrawReason = nullptr;
    QPushButton *m_withdraw = nullptr;
    QLabel *m_withdrawProblem = nullptr;
};

} // namespace portal
