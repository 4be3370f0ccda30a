#pragma once
// The first-run path (and File > Open): create a new alliance, open an existing ledger with a key file,
// open the demo alliance; joining a registry comes with sync and is shown, disabled, as such.

#include <QDialog>

class QLabel;
class QLineEdit;
class QStackedWidget;

namespace portal {

class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { None, Create, Open, Demo };
    explicit FirstRunDialog(QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QString ledgerPath() const;
    QString keyFile() const;
    void setProblem(const QString &text);

private:
    void createAlliance();
    void openExisting();

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
};

} // namespace portal
