#pragma once
// The application page in the detail pane: startup profile, request, reviews with scores and conflict
// declarations, the decision; and what the user's role may do with it: a programme manager decides (with a
// reason), withdraws it on the startup's behalf (with a reason) or starts a grant; an assigned reviewer
// scores it against the programme's rubric or declares a conflict of interest. Each action goes through the
// signing ceremony. The attachments the application names are listed with their SHA-256, and a file at hand
// can be checked against them.

#include "ledger/queries/applications.h"
#include "ledger/queries/attachments.h"

#include <QHash>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace portal {

class PortalContext;

// The stages from which the rules engine lets an application be withdrawn (ENTRY-TYPES: not decided, or
// approved without a grant).
bool applicationWithdrawable(const ledger::queries::ApplicationRow &a);

class ApplicationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicationPanel(PortalContext &ctx, QWidget *parent = nullptr);

    void setProgrammes(std::vector<ledger::queries::ProgrammeRow> programmes);
    void setNames(QHash<QString, QString> memberNames);
    // Shows the application (re-read from the ledger), or the empty state.
    void showApplication(const QString &id);
    QString applicationId() const { return m_id; }
    QString text() const;

    // What the buttons do, callable from tests and keyboard.
    bool signDecision();
    bool signReview();
    // A programme manager withdraws the application on the startup's behalf, with a reason.
    bool signWithdrawal();
    // Hashes the file (off the UI thread) and says whether it is one of the attachments (attachmentChecked).
    void checkFile(const QString &path);
    QString checkResult() const;

signals:
    void grantRequested(const QString &applicationId);
    void attachmentChecked(bool matches);

private:
    void buildScoring(const ledger::queries::ProgrammeRow *programme);
    void validateReview();
    void validateDecision();
    void validateWithdrawal();

    PortalContext &m_ctx;
    QString m_id;
    std::optional<ledger::queries::ApplicationRow> m_app;
    std::vector<ledger::queries::ProgrammeRow> m_programmes;
    QHash<QString, QString> m_names;
    QTextBrowser *m_text = nullptr;
    std::vector<ledger::queries::AttachmentRow> m_attachments;
    QPushButton *m_checkFile = nullptr;
    QLabel *m_checkResult = nullptr;
    // decision (managers)
    QGroupBox *m_decideBox = nullptr;
    QComboBox *m_decision = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_decisionProblem = nullptr;
    QPushButton *m_decide = nullptr;
    QPushButton *m_grant = nullptr;
    // withdrawal (managers)
    QGroupBox *m_withdrawBox = nullptr;
    QLineEdit *m_withdrawReason = nullptr;
    QLabel *m_withdrawProblem = nullptr;
    QPushButton *m_withdraw = nullptr;
    // review (assigned reviewers)
    QGroupBox *m_reviewBox = nullptr;
    QFormLayout *m_scoresForm = nullptr;
    std::vector<std::pair<std::string, QSpinBox *>> m_scores;
    QCheckBox *m_conflict = nullptr;
    QLineEdit *m_comment = nullptr;
    QLabel *m_reviewProblem = nullptr;
    QPushButton *m_review = nullptr;
};

} // namespace portal
