#pragma once
// Sponsors and pools: each pool's pledge, what is granted from it, used and left, its utilisation and
// validity; a sponsor member sees only its own sponsor's pools. The detail pane lists the grants drawn from
// the selected pool, by startup.

#include "ledger/queries/balances.h"
#include "ui/pages/page.h"

#include <map>
#include <string>
#include <vector>

class QChartView;
class QTableView;
class QTextBrowser;

namespace portal {

class RowTableModel;

class PoolsPage : public Page
{
    Q_OBJECT
public:
    explicit PoolsPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    RowTableModel *model() const { return m_model; }
    QString detailText() const;

private:
    void showCurrent();
    void drawChart();

    std::vector<ledger::queries::PoolUtilisation> m_pools;
    std::map<std::string, std::string> m_sponsorNames; // id -> name
    RowTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QChartView *m_chart = nullptr;
    QTextBrowser *m_detail = nullptr;
};

} // namespace portal
