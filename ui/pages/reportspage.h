#pragma once
// Reports: pick a report from the ledger's catalogue, its options (startup, sponsor, period, days where they
// apply; startups and sponsors are picked by name with completion) and a format, choose where to save it, and
// the export runs in the background (ReportJob) with a progress bar and a Cancel button; the page then says
// where the file went or why it failed. A sponsor member gets only the utilisation of its own sponsor, a
// startup member only its own statement.

#include "ui/core/reportjob.h"
#include "ui/pages/page.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace portal {

class IdPicker;

class ReportsPage : public Page
{
    Q_OBJECT
public:
    explicit ReportsPage(PortalContext &ctx, QWidget *parent = nullptr);
    void refresh() override;
    bool primaryAction() override;

    // For tests and the window: the reports offered, what the page last said, whether an export runs.
    QStringList reportNames() const;
    bool selectReport(const QString &name);
    bool selectFormat(ReportJob::Format format);
    QString statusText() const;
    bool running() const;
    void cancel();

signals:
    void exportFinished(bool ok);

private:
    void reportChanged();
    void startExport();
    void onFinished(bool ok, const QString &path, const QString &code, const QString &message);
    void setRunning(bool on);

    ReportJob *m_job = nullptr;
    QComboBox *m_report = nullptr;
    QLabel *m_description = nullptr;
    IdPicker *m_startup = nullptr;
    IdPicker *m_sponsor = nullptr;
    QString m_startupAll; // the "all startups" entry, or empty when the report needs one startup
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QSpinBox *m_days = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QFormLayout *m_form = nullptr;
};

} // namespace portal
