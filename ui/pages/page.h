#pragma once
// One page of the main window (UI.md "Shape of the window"): the middle of the window, plus an optional
// detail pane on the right for the selected row. Pages read the ledger through PortalContext::store() and
// ledger/queries, write only through the signing ceremony, and re-read when the ledger changes (lazily: a
// hidden page refreshes when it is next shown). Each page lives in its own files; pageregistry.cpp lists
// them.

#include <QPointer>
#include <QWidget>

namespace portal {

class PortalContext;

class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(PortalContext &ctx, QWidget *parent = nullptr);

    // Re-reads what the page shows.
    virtual void refresh() = 0;
    ~Page() override;
    // The right-hand pane for the selected row (nullptr: none). The main window shows it beside the page;
    // the page deletes it unless the window already did.
    QWidget *detailPane() const { return m_detailPane.data(); }
    // Keyboard conventions (UI.md): Ctrl+F, Ctrl+N, Enter. False when the page has no such thing.
    virtual bool focusSearch() { return false; }
    virtual bool primaryAction() { return false; }
    virtual bool openCurrent() { return false; }

    // Refreshes now if visible, else on the next show.
    void markStale();

protected:
    void setDetailPane(QWidget *pane) { m_detailPane = pane; }
    void showEvent(QShowEvent *event) override;
    PortalContext &ctx() { return m_ctx; }

private:
    PortalContext &m_ctx;
    bool m_stale = true;
    QPointer<QWidget> m_detailPane;
};

} // namespace portal
