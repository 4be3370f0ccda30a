#pragma once
// Startups (managers and auditors): every startup of the alliance with its BRN, sector, applications and
// balance per resource; search by name, id or BRN as you type (Ctrl+F), filter by sector. The detail pane
// shows the selected startup: profile, balances per resource with expiry, its members and its applications.
// The table fits its pane at the window's default size: the id is in the name's tooltip and the detail pane
// (not a column of its own), and the name and balance columns share what the short columns leave, the
// balances first; whatever is still cut is elided, with everything in the tooltip.

#include "ui/pages/page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTextBrowser;

namespace portal {

class StartupsFilter;
class StartupsModel;

class StartupsPage : public Page
{
    Q_OBJECT
public:
    explicit StartupsPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    bool focusSearch() override;
    bool openCurrent() override;

    StartupsModel *model() const { return m_model; }
    StartupsFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QLineEdit *search() const { return m_search; }
    QComboBox *sector() const { return m_sector; }
    // Selects the startup `id` (clearing filters that hide it); false if there is none.
    bool select(const QString &id);
    QString detailText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void layoutColumns();
    void showCurrent();
    void updateCount();

    StartupsModel *m_model = nullptr;
    StartupsFilter *m_filter = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_sector = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_empty = nullptr;
    QTextBrowser *m_detail = nullptr;
    int m_nameWant = 0; // content widths of the name and balance columns (layoutColumns)
    int m_balanceWant = 0;
};

} // namespace portal
