#pragma once
// The applications pipeline (managers, auditors) and, with `mine` set, a reviewer's own assignments: a table
// with search and filters by programme, stage, sector and reviewer; bulk assignment of a reviewer to the
// selected applications (managers); the selected application in the detail pane (ApplicationPanel).

#include "ui/pages/page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace portal {

class ApplicationPanel;
class ApplicationsModel;

class ApplicationsPage : public Page
{
    Q_OBJECT
public:
    enum class Mode { Pipeline, MyReviews };
    ApplicationsPage(PortalContext &ctx, Mode mode, QWidget *parent = nullptr);

    void refresh() override;
    bool focusSearch() override;
    bool openCurrent() override;

    ApplicationsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *search() const { return m_search; }
    ApplicationPanel *panel() const { return m_panel; }
    bool select(const QString &applicationId);
    // Assigns the reviewer chosen in the box to the selected applications (one ceremony).
    bool assignSelected();
    QComboBox *assignBox() const { return m_assignTo; }

signals:
    void grantRequested(const QString &applicationId);

private:
    void applyFilter();
    void showCurrent();

    Mode m_mode;
    ApplicationsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_programme = nullptr;
    QComboBox *m_stage = nullptr;
    QComboBox *m_sector = nullptr;
    QComboBox *m_reviewer = nullptr;
    QComboBox *m_assignTo = nullptr;
    QPushButton *m_assign = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_empty = nullptr;
    ApplicationPanel *m_panel = nullptr;
};

class ReviewerPage : public ApplicationsPage
{
    Q_OBJECT
public:
    explicit ReviewerPage(PortalContext &ctx, QWidget *parent = nullptr)
        : ApplicationsPage(ctx, Mode::MyReviews, parent)
    { }
};

class PipelinePage : public ApplicationsPage
{
    Q_OBJECT
public:
    explicit PipelinePage(PortalContext &ctx, QWidget *parent = nullptr)
        : ApplicationsPage(ctx, Mode::Pipeline, parent)
    { }
};

} // namespace portal
