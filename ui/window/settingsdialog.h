#pragma once
// Settings: identity (the key file the ledger is opened with), registry address and CA file (used by sync),
// and the language. Registry fields are validated as typed (https only; the CA file must exist).

#include "ui/core/portalsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace portal {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const PortalSettings &current, QWidget *parent = nullptr);
    PortalSettings settings() const;
    // Empty when the fields are acceptable; otherwise what is wrong (also shown next to the field).
    QString problem() const;

private:
    void validate();

    PortalSettings m_base;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_registry = nullptr;
    QLineEdit *m_ca = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_registryProblem = nullptr;
    QLabel *m_caProblem = nullptr;
    QLabel *m_keyProblem = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace portal
