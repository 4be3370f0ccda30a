#pragma once
// The ledger explorer (UI.md "Trust made visible"): every entry, newest first, with its signer and checks;
// "go to entry"; for the selected entry its details and, on demand, its inclusion proof against the latest
// signed checkpoint (computed off the UI thread).

#include "ui/pages/page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace portal {

class LogModel;

class ExplorerPage : public Page
{
    Q_OBJECT
public:
    explicit ExplorerPage(PortalContext &ctx, QWidget *parent = nullptr);

    void refresh() override;
    bool focusSearch() override;
    bool openCurrent() override;

    LogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // Selects entry `seq` at once; its details follow when the model's worker has read it (detailShown).
    // False if there is no such entry.
    bool goTo(int64_t seq);
    void requestProof();
    QString detailText() const;

signals:
    void proofShown(bool verified);
    // The selected entry's details are shown (not just "Reading the entry…").
    void detailShown(qint64 seq);

private:
    void showSelected();

    LogModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_goto = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_detail = nullptr;
    QTextBrowser *m_detailText = nullptr;
    QPushButton *m_proofButton = nullptr;
    int64_t m_selectedSeq = -1;
    int64_t m_shownSeq = -1; // whose details (not "Reading…") the pane shows
};

} // namespace portal
