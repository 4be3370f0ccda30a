#pragma once
// The forms that append grant entries, validated as the user types (amounts, dates, ids; the problem shown
// next to the field) and signed through the ceremony: a new grant from an approved application (pool,
// tranches, expiry), a usage record, and a clawback with a reason code.

#include "ledger/queries/applications.h"
#include "ledger/queries/balances.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace portal {

class PortalContext;
struct SignOutcome;

class NewGrantForm : public QWidget
{
    Q_OBJECT
public:
    explicit NewGrantForm(PortalContext &ctx, QWidget *parent = nullptr);
    // Re-reads the approved applications without a grant and the open pools.
    void reload();
    bool setApplication(const QString &applicationId);
    QLineEdit *tranchesEdit() const { return m_tranches; }
    QLineEdit *expiryEdit() const { return m_expiry; }
    QLineEdit *idEdit() const { return m_id; }
    QComboBox *poolBox() const { return m_pool; }
    QString problem() const;
    bool submit(); // the signing ceremony; true if sequenced or pending

signals:
    void done();

private:
    void fillPools();
    void validate();

    PortalContext &m_ctx;
    std::vector<ledger::queries::ApplicationRow> m_apps;
    std::vector<ledger::queries::PoolUtilisation> m_pools;
    QComboBox *m_application = nullptr;
    QComboBox *m_pool = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_tranches = nullptr;
    QLineEdit *m_expiry = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_sign = nullptr;
};

class UsageForm : public QWidget
{
    Q_OBJECT
public:
    explicit UsageForm(PortalContext &ctx, QWidget *parent = nullptr);
    void setGrant(const ledger::queries::GrantRow *grant);
    QLineEdit *amountEdit() const { return m_amount; }
    QLineEdit *usageKeyEdit() const { return m_key; }
    QLineEdit *periodStartEdit() const { return m_start; }
    QLineEdit *periodEndEdit() const { return m_end; }
    QString problem() const;
    bool submit();

private:
    void validate();

    PortalContext &m_ctx;
    std::string m_grant;
    std::string m_resource;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_start = nullptr;
    QLineEdit *m_end = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_sign = nullptr;
};

class ClawbackForm : public QWidget
{
    Q_OBJECT
public:
    explicit ClawbackForm(PortalContext &ctx, QWidget *parent = nullptr);
    void setGrant(const ledger::queries::GrantRow *grant);
    QLineEdit *amountEdit() const { return m_amount; }
    QComboBox *reasonCodeBox() const { return m_code; }
    QLineEdit *reasonEdit() const { return m_reason; }
    bool submit();

private:
    void validate();

    PortalContext &m_ctx;
    std::string m_grant;
    QLineEdit *m_amount = nullptr;
    QComboBox *m_code = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_sign = nullptr;
};

} // namespace portal
