#pragma once
// The programme manager's dashboard: applications by stage (chart), credits per resource (pledged, in pools,
// granted, consumed, expired, expiring within 30 days), and pools running low.

#include "ui/pages/page.h"

class QChartView;
class QLabel;
class QTableView;

namespace portal {

class RowTableModel;

class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    RowTableModel *creditsModel() const { return m_credits; }
    RowTableModel *lowPoolsModel() const { return m_low; }
    QString stageText() const;

private:
    QChartView *m_stages = nullptr;
    QLabel *m_stageText = nullptr;
    RowTableModel *m_credits = nullptr;
    RowTableModel *m_low = nullptr;
    QTableView *m_creditsView = nullptr;
    QTableView *m_lowView = nullptr;
    QLabel *m_noLow = nullptr;
};

} // namespace portal
