#pragma once
// Settings: identity (the key file the ledger is opened with), registry address, CA file and pinned key
// (used by join and sync), the sync interval, and the language. Fields are validated as typed (the address
// and the pin by the ledger's rules, replica::registryUrlProblem and validPins; the CA file must exist).

#include "ledger/replica/endpoint.h"
#include "ui/core/portalsettings.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace portal {

// A pin as typed is judged and stored as the ledger does it (replica::normalisedPin, then the check
// replica::writeEndpoint makes), so the desktop, alliancectl and the transport accept the same pins:
// "sha256//<base64 of 32 bytes>" or the bare base64, several ';'-separated; empty is no pin.
bool validPin(const QString &typed);
// The stored form ("sha256//<base64>[;...]") of a pin as typed.
QString storedPin(const QString &typed);

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const PortalSettings &current, QWidget *parent = nullptr);
    PortalSettings settings() const;
    // An open replica: the registry address, CA file and pin fields are this replica's (shown with its
    // file name); settings() then keeps the defaults for ledgers joined later, and replicaEndpoint() has
    // the edited endpoint.
    void setReplica(const ledger::replica::Endpoint &endpoint, const QString &ledgerName);
    std::optional<ledger::replica::Endpoint> replicaEndpoint() const;
    // Empty when the fields are acceptable; otherwise what is wrong (also shown next to the field).
    QString problem() const;

private:
    void validate();
    void fitHeight(); // to the wrapped labels' height at the current width

    PortalSettings m_base;
    std::optional<ledger::replica::Endpoint> m_replica;
    QLabel *m_scope = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_registry = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_pin = nullptr;
    QSpinBox *m_interval = nullptr;
    QLabel *m_pinProblem = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_registryProblem = nullptr;
    QLabel *m_caProblem = nullptr;
    QLabel *m_keyProblem = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace portal
