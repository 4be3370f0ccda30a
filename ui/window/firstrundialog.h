#pragma once
// The first-run path (and File > Open, File > Join a registry): create a new alliance, open an existing
// ledger with a key file, open the demo alliance, or join a registry — a new member's machine builds its
// replica from the registry (SyncJoinJob, in the background with a progress bar and a Cancel button) and the
// dialog accepts with that replica to open.

#include "ui/core/syncjoinjob.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace portal {

class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { None, Create, Open, Demo, Join };
    explicit FirstRunDialog(QWidget *parent = nullptr);
    ~FirstRunDialog() override;

    // Opens on the "join a registry" form.
    void showJoin();
    // Tests: transport tuning and page size for the join.
    void setJoinTuning(const syncclient::TransportOptions &transport, int pageLimit);
    SyncJoinJob *joinJob() const { return m_joinJob; }
    QString problem() const;

    Choice choice() const { return m_choice; }
    QString ledgerPath() const;
    QString keyFile() const;
    void setProblem(const QString &text);

private:
    void createAlliance();
    void openExisting();
    void startJoin();
    void validateJoin();
    void onJoinFinished(const JoinOutcome &outcome);
    void reject() override; // a running join is cancelled first

    Choice m_choice = Choice::None;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_problem = nullptr;
    // open
    QLineEdit *m_ledger = nullptr;
    QLineEdit *m_key = nullptr;
    // create
    QLineEdit *m_name = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_origin = nullptr;
    QLineEdit *m_newLedger = nullptr;
    QLineEdit *m_newKey = nullptr;
    QLineEdit *m_pass1 = nullptr;
    QLineEdit *m_pass2 = nullptr;
    QString m_createdLedger;
    QString m_createdKey;
    // join
    QLineEdit *m_joinUrl = nullptr;
    QLineEdit *m_joinCa = nullptr;
    QLineEdit *m_joinPin = nullptr;
    QLineEdit *m_joinKey = nullptr;
    QLineEdit *m_joinPass = nullptr;
    QLineEdit *m_joinPath = nullptr;
    QLabel *m_joinProblem = nullptr;
    QLabel *m_joinStatus = nullptr;
    QProgressBar *m_joinProgress = nullptr;
    QPushButton *m_joinButton = nullptr;
    QPushButton *m_joinCancel = nullptr;
    QWidget *m_joinForm = nullptr;
    SyncJoinJob *m_joinJob = nullptr;
    syncclient::TransportOptions m_joinTransport;
    int m_joinPageLimit = 1000;
};

} // namespace portal
