#include "ui/window/settingsdialog.h"

#include "ui/core/dialoghooks.h"
#include "ui/pages/pagewidgets.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace portal {

namespace {

QWidget *fileRow(QLineEdit *edit, QWidget *parent, const QString &filter)
{
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    auto *browse = new QPushButton(SettingsDialog::tr("Browse…"), row);
    browse->setAccessibleName(SettingsDialog::tr("Browse for %1").arg(edit->accessibleName()));
    h->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, parent, filter] {
        QString path = DialogHooks::takeFileName().value_or(QString());
        if (path.isEmpty())
            path = QFileDialog::getOpenFileName(parent, edit->accessibleName(), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

} // namespace

bool validPin(const QString &typed)
{
    return ledger::replica::validPins(storedPin(typed));
}

QString storedPin(const QString &typed)
{
    return ledger::replica::normalisedPin(typed.trimmed());
}

SettingsDialog::SettingsDialog(const PortalSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_base(current)
{
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout(this);
    m_key = new QLineEdit(current.keyFile, this);
    m_key->setAccessibleName(tr("Identity key file"));
    m_keyProblem = problemLabel(this);
    form->addRow(tr("Identity (key file):"), fileRow(m_key, this, tr("Keys (*.key);;All files (*)")));
    form->addRow(QString(), m_keyProblem);
    m_scope = new QLabel(this);
    m_scope->setObjectName(QStringLiteral("registryScope"));
    m_scope->setWordWrap(true);
    m_scope->hide();
    form->addRow(m_scope);
    m_registry = new QLineEdit(current.registryUrl, this);
    m_registry->setAccessibleName(tr("Registry address"));
    m_registry->setObjectName(QStringLiteral("registryUrl"));
    m_registry->setPlaceholderText(QStringLiteral("https://registry.example"));
    m_registryProblem = problemLabel(this);
    form->addRow(tr("Registry address:"), m_registry);
    form->addRow(QString(), m_registryProblem);
    m_ca = new QLineEdit(current.caFile, this);
    m_ca->setAccessibleName(tr("CA certificate file"));
    m_ca->setObjectName(QStringLiteral("caFile"));
    m_caProblem = problemLabel(this);
    form->addRow(
        tr("CA file (optional):"), fileRow(m_ca, this, tr("Certificates (*.pem *.crt);;All files (*)")));
    form->addRow(QString(), m_caProblem);
    m_pin = new QLineEdit(current.pin, this);
    m_pin->setAccessibleName(tr("Pinned registry key"));
    m_pin->setObjectName(QStringLiteral("registryPin"));
    m_pin->setPlaceholderText(QStringLiteral("sha256//…"));
    m_pinProblem = problemLabel(this);
    m_pinProblem->setObjectName(QStringLiteral("registryPinProblem"));
    form->addRow(tr("Pinned key (optional):"), m_pin);
    form->addRow(QString(), m_pinProblem);
    m_interval = new QSpinBox(this);
    m_interval->setAccessibleName(tr("Sync interval in minutes"));
    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setRange(0, 1440);
    m_interval->setSpecialValueText(tr("Only when I ask"));
    m_interval->setSuffix(tr(" min"));
    m_interval->setValue(current.syncIntervalMinutes);
    form->addRow(tr("Sync every:"), m_interval);
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    form->addRow(tr("Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *e : { m_key, m_registry, m_ca, m_pin })
        connect(e, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    resize(560, sizeHint().height());
    validate();
}

void SettingsDialog::setReplica(const ledger::replica::Endpoint &endpoint, const QString &ledgerName)
{
    m_replica = endpoint;
    m_scope->setText(tr("<b>This replica (%1)</b> syncs with the registry below; a change applies to it. "
                        "Ledgers joined later start from the defaults.")
                         .arg(ledgerName.toHtmlEscaped()));
    m_scope->show();
    m_registry->setText(endpoint.registryUrl);
    m_ca->setText(endpoint.caFile.isEmpty() ? m_base.caFile : endpoint.caFile);
    m_pin->setText(endpoint.pin.isEmpty() ? m_base.pin : endpoint.pin);
    validate();
}

std::optional<ledger::replica::Endpoint> SettingsDialog::replicaEndpoint() const
{
    if (!m_replica)
        return std::nullopt;
    return ledger::replica::Endpoint { ledger::replica::normalisedRegistryUrl(m_registry->text()),
        m_ca->text().trimmed(), storedPin(m_pin->text()) };
}

PortalSettings SettingsDialog::settings() const
{
    PortalSettings s = m_base;
    s.keyFile = m_key->text().trimmed();
    if (!m_replica) {
        s.registryUrl = ledger::replica::normalisedRegistryUrl(m_registry->text());
        s.caFile = m_ca->text().trimmed();
        s.pin = storedPin(m_pin->text());
    }
    s.syncIntervalMinutes = m_interval->value();
    s.language = m_language->currentData().toString();
    return s;
}

QString SettingsDialog::problem() const
{
    QStringList all;
    for (QLabel *l : { m_keyProblem, m_registryProblem, m_caProblem, m_pinProblem })
        if (!l->text().isEmpty())
            all << l->text();
    return all.join(QLatin1Char('\n'));
}

void SettingsDialog::validate()
{
    const QString key = m_key->text().trimmed();
    showProblem(m_keyProblem,
        key.isEmpty() || (QFileInfo::exists(key) && QFileInfo::exists(key + QStringLiteral(".pub")))
            ? QString()
            : tr("There is no key file (with its .pub beside it) at this path."));
    // The defaults may leave the address empty (no registry yet); a replica has one.
    const QString url = m_registry->text();
    showProblem(m_registryProblem,
        url.trimmed().isEmpty() && !m_replica ? QString() : ledger::replica::registryUrlProblem(url));
    const QString ca = m_ca->text().trimmed();
    showProblem(m_caProblem,
        ca.isEmpty() || QFileInfo::exists(ca) ? QString() : tr("There is no file at this path."));
    showProblem(m_pinProblem,
        validPin(m_pin->text())
            ? QString()
            : tr("A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry's public "
                 "key."));
    m_ok->setEnabled(problem().isEmpty());
    fitHeight();
}

void SettingsDialog::fitHeight()
{
    // The wrapped labels (the replica line, the problems) need a height that depends on the dialog's width,
    // which the layout's minimum size leaves out: without this their second line was cut off.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > 0 && needed != height())
        resize(width(), needed);
}

} // namespace portal
