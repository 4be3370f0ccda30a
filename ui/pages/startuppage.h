#pragma once
// A startup's own page: balances per resource with the earliest expiry (highlighted within 30 days), the
// statement of every movement, a burn-down chart (Qt Charts) with the run-out forecast, its applications,
// and in the detail pane the form to apply to an open call.

#include "ledger/queries/applications.h"
#include "ledger/queries/grantlist.h"
#include "ui/pages/page.h"

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
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

private:
    void drawChart();
    void validateApply();

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
};

} // namespace portal
