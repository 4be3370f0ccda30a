#include "ui/window/firstrundialog.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/units.h"
#include "ledger/engine/session.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalsettings.h"
#include "ui/window/settingsdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace portal {

namespace {

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, bool save, const QString &filter)
{
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    auto *browse = new QPushButton(FirstRunDialog::tr("Browse…"), row);
    browse->setAccessibleName(FirstRunDialog::tr("Browse for %1").arg(edit->accessibleName()));
    h->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, parent, save, filter] {
        QString path = DialogHooks::takeFileName().value_or(QString());
        if (path.isEmpty())
            path = save ? QFileDialog::getSaveFileName(parent, edit->accessibleName(), edit->text(), filter)
                        : QFileDialog::getOpenFileName(parent, edit->accessibleName(), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

QLineEdit *lineEdit(const QString &name, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setAccessibleName(name);
    e->setObjectName(name);
    return e;
}

} // namespace

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Alliance Portal"));
    auto *layout = new QVBoxLayout(this);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    m_problem->hide();
    layout->addWidget(m_problem);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    // Page 0: the four ways in.
    auto *start = new QWidget(m_stack);
    auto *sl = new QVBoxLayout(start);
    sl->addWidget(new QLabel(tr("<h2>Welcome</h2><p>How would you like to start?</p>"), start));
    auto *create = new QPushButton(tr("Create a new alliance"), start);
    auto *open = new QPushButton(tr("Open an existing ledger"), start);
    auto *demo = new QPushButton(tr("Open the demo alliance"), start);
    auto *join = new QPushButton(tr("Join a registry"), start);
    join->setObjectName(QStringLiteral("joinChoice"));
    join->setToolTip(
        tr("A new member's machine: fetch what your role may see from the alliance's registry."));
    for (QPushButton *b : { create, open, demo, join }) {
        b->setMinimumHeight(36);
        sl->addWidget(b);
    }
    sl->addStretch();
    m_stack->addWidget(start);

    // Page 1: open an existing ledger.
    auto *openPage = new QWidget(m_stack);
    auto *of = new QFormLayout(openPage);
    m_ledger = lineEdit(tr("Ledger file"), openPage);
    m_key = lineEdit(tr("Key file"), openPage);
    of->addRow(
        tr("Ledger file:"), withBrowse(m_ledger, this, false, tr("Ledgers (*.ledger *.db);;All files (*)")));
    of->addRow(tr("Your key file:"), withBrowse(m_key, this, false, tr("Keys (*.key);;All files (*)")));
    auto *openButtons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, openPage);
    of->addRow(openButtons);
    m_stack->addWidget(openPage);

    // Page 2: create an alliance.
    auto *createPage = new QWidget(m_stack);
    auto *cf = new QFormLayout(createPage);
    m_name = lineEdit(tr("Alliance name"), createPage);
    m_id = lineEdit(tr("Alliance id"), createPage);
    m_id->setPlaceholderText(QStringLiteral("k-ai-alliance"));
    m_origin = lineEdit(tr("Log origin"), createPage);
    m_origin->setPlaceholderText(QStringLiteral("alliance.example/ledger"));
    m_newLedger = lineEdit(tr("New ledger file"), createPage);
    m_newKey = lineEdit(tr("New root key file"), createPage);
    m_pass1 = lineEdit(tr("Passphrase"), createPage);
    m_pass1->setEchoMode(QLineEdit::Password);
    m_pass2 = lineEdit(tr("Passphrase again"), createPage);
    m_pass2->setEchoMode(QLineEdit::Password);
    cf->addRow(tr("Name:"), m_name);
    cf->addRow(tr("Id:"), m_id);
    cf->addRow(tr("Origin:"), m_origin);
    cf->addRow(tr("Ledger file:"), withBrowse(m_newLedger, this, true, tr("Ledgers (*.ledger)")));
    cf->addRow(tr("Root key file:"), withBrowse(m_newKey, this, true, tr("Keys (*.key)")));
    cf->addRow(tr("Passphrase:"), m_pass1);
    cf->addRow(tr("Again:"), m_pass2);
    auto *createButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, createPage);
    createButtons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    cf->addRow(createButtons);
    m_stack->addWidget(createPage);

    // Page 3: join a registry.
    auto *joinPage = new QWidget(m_stack);
    auto *jl = new QVBoxLayout(joinPage);
    m_joinForm = new QWidget(joinPage);
    auto *jf = new QFormLayout(m_joinForm);
    jf->setContentsMargins(0, 0, 0, 0);
    const PortalSettings saved = PortalSettings::load();
    m_joinUrl = lineEdit(tr("Registry address"), m_joinForm);
    m_joinUrl->setPlaceholderText(QStringLiteral("https://registry.example"));
    m_joinUrl->setText(saved.registryUrl);
    m_joinCa = lineEdit(tr("CA file"), m_joinForm);
    m_joinCa->setText(saved.caFile);
    m_joinPin = lineEdit(tr("Pinned key"), m_joinForm);
    m_joinPin->setPlaceholderText(QStringLiteral("sha256//…"));
    m_joinPin->setText(saved.pin);
    m_joinKey = lineEdit(tr("Join key file"), m_joinForm);
    m_joinKey->setText(saved.keyFile);
    m_joinPass = lineEdit(tr("Key passphrase"), m_joinForm);
    m_joinPass->setEchoMode(QLineEdit::Password);
    m_joinPath = lineEdit(tr("New replica file"), m_joinForm);
    jf->addRow(tr("Registry address:"), m_joinUrl);
    jf->addRow(tr("CA file (optional):"),
        withBrowse(m_joinCa, this, false, tr("Certificates (*.pem *.crt);;All files (*)")));
    jf->addRow(tr("Pinned key (optional):"), m_joinPin);
    jf->addRow(tr("Your key file:"), withBrowse(m_joinKey, this, false, tr("Keys (*.key);;All files (*)")));
    jf->addRow(tr("Passphrase:"), m_joinPass);
    jf->addRow(tr("Save the replica as:"), withBrowse(m_joinPath, this, true, tr("Ledgers (*.ledger)")));
    jl->addWidget(m_joinForm);
    m_joinProblem = new QLabel(joinPage);
    m_joinProblem->setObjectName(QStringLiteral("joinProblem"));
    m_joinProblem->setWordWrap(true);
    m_joinProblem->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    jl->addWidget(m_joinProblem);
    m_joinProgress = new QProgressBar(joinPage);
    m_joinProgress->setObjectName(QStringLiteral("joinProgress"));
    m_joinProgress->setAccessibleName(tr("Join progress"));
    m_joinProgress->setRange(0, 1000);
    m_joinProgress->hide();
    jl->addWidget(m_joinProgress);
    m_joinStatus = new QLabel(joinPage);
    m_joinStatus->setObjectName(QStringLiteral("joinStatus"));
    m_joinStatus->setWordWrap(true);
    jl->addWidget(m_joinStatus);
    jl->addStretch();
    auto *joinButtons = new QDialogButtonBox(joinPage);
    m_joinButton = joinButtons->addButton(tr("Join"), QDialogButtonBox::AcceptRole);
    m_joinButton->setObjectName(QStringLiteral("joinButton"));
    m_joinCancel = joinButtons->addButton(QDialogButtonBox::Cancel);
    m_joinCancel->setObjectName(QStringLiteral("joinCancel"));
    jl->addWidget(joinButtons);
    m_stack->addWidget(joinPage);
    m_joinJob = new SyncJoinJob(this);
    connect(m_joinJob, &SyncJoinJob::progress, this, [this](qint64 done, qint64 total, const QString &text) {
        m_joinProgress->setValue(total > 0 ? int(std::min(done, total) * 1000 / total) : 0);
        m_joinProgress->setFormat(total > 0 ? tr("%1: %L2 of %L3").arg(text).arg(done).arg(total) : text);
    });
    connect(m_joinJob, &SyncJoinJob::finished, this, &FirstRunDialog::onJoinFinished);
    connect(joinButtons, &QDialogButtonBox::accepted, this, &FirstRunDialog::startJoin);
    connect(m_joinCancel, &QPushButton::clicked, this, [this] {
        if (m_joinJob->running()) {
            m_joinJob->cancel();
            m_joinStatus->setText(tr("Cancelling…"));
        } else {
            m_stack->setCurrentIndex(0);
        }
    });
    for (QLineEdit *e : { m_joinUrl, m_joinCa, m_joinPin, m_joinKey, m_joinPath })
        connect(e, &QLineEdit::textChanged, this, &FirstRunDialog::validateJoin);
    connect(join, &QPushButton::clicked, this, &FirstRunDialog::showJoin);

    connect(create, &QPushButton::clicked, this, [this] { m_stack->setCurrentIndex(2); });
    connect(open, &QPushButton::clicked, this, [this] { m_stack->setCurrentIndex(1); });
    connect(demo, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Demo;
        accept();
    });
    connect(openButtons, &QDialogButtonBox::accepted, this, &FirstRunDialog::openExisting);
    connect(openButtons, &QDialogButtonBox::rejected, this, [this] { m_stack->setCurrentIndex(0); });
    connect(createButtons, &QDialogButtonBox::accepted, this, &FirstRunDialog::createAlliance);
    connect(createButtons, &QDialogButtonBox::rejected, this, [this] { m_stack->setCurrentIndex(0); });
    resize(600, 420);
}

FirstRunDialog::~FirstRunDialog() = default;

void FirstRunDialog::showJoin()
{
    m_stack->setCurrentIndex(3);
    setWindowTitle(tr("Join a registry"));
    validateJoin();
}

void FirstRunDialog::setJoinTuning(const syncclient::TransportOptions &transport, int pageLimit)
{
    m_joinTransport = transport;
    m_joinPageLimit = pageLimit;
}

QString FirstRunDialog::problem() const
{
    if (m_stack->currentIndex() == 3 && !m_joinProblem->text().isEmpty())
        return m_joinProblem->text();
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void FirstRunDialog::validateJoin()
{
    // Said next to the form as the user types; Join is offered only when the form could work.
    const QString url = m_joinUrl->text().trimmed();
    const QString key = m_joinKey->text().trimmed();
    const QString path = m_joinPath->text().trimmed();
    // The address by the one rule the transport, alliancectl and Settings use.
    QString problem;
    if (QString bad = url.isEmpty() ? QString() : ledger::replica::registryUrlProblem(url); !bad.isEmpty())
        problem = bad;
    else if (!m_joinCa->text().trimmed().isEmpty() && !QFileInfo::exists(m_joinCa->text().trimmed()))
        problem = tr("There is no CA file at this path.");
    else if (!validPin(m_joinPin->text()))
        problem = tr("A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry's "
                     "public key.");
    else if (!key.isEmpty() && !QFileInfo::exists(key))
        problem = tr("There is no key file at this path.");
    else if (!path.isEmpty() && QFileInfo::exists(path))
        problem = tr("A file already exists at this path; the replica is a new file.");
    m_joinProblem->setText(problem);
    m_joinButton->setEnabled(
        problem.isEmpty() && !url.isEmpty() && !key.isEmpty() && !path.isEmpty() && !m_joinJob->running());
}

void FirstRunDialog::startJoin()
{
    validateJoin();
    if (!m_joinButton->isEnabled() || m_joinJob->running())
        return;
    JoinRequest request;
    request.path = m_joinPath->text().trimmed();
    request.registryUrl = ledger::replica::normalisedRegistryUrl(m_joinUrl->text());
    request.caFile = m_joinCa->text().trimmed();
    request.pin = storedPin(m_joinPin->text());
    request.keyFile = m_joinKey->text().trimmed();
    request.passphrase = m_joinPass->text().toUtf8();
    request.transport = m_joinTransport;
    request.pageLimit = m_joinPageLimit;
    m_joinForm->setEnabled(false);
    m_joinButton->setEnabled(false);
    m_joinProblem->clear();
    m_joinProgress->setValue(0);
    m_joinProgress->setFormat(tr("Unlocking the key and asking the registry who you are…"));
    m_joinProgress->show();
    m_joinStatus->setText(tr("Joining %1…").arg(request.registryUrl));
    m_joinJob->start(request);
}

void FirstRunDialog::onJoinFinished(const JoinOutcome &outcome)
{
    m_joinProgress->hide();
    m_joinForm->setEnabled(true);
    if (!outcome.ok) {
        m_joinStatus->setText(outcome.cancelled ? tr("Join cancelled.") : QString());
        m_joinProblem->setText(outcome.message);
        m_joinButton->setEnabled(true);
        return;
    }
    // The registry's address, CA and pin are where this replica syncs from now on.
    PortalSettings s = PortalSettings::load();
    s.registryUrl = ledger::replica::normalisedRegistryUrl(m_joinUrl->text());
    s.caFile = m_joinCa->text().trimmed();
    s.pin = storedPin(m_joinPin->text());
    s.save();
    m_joinStatus->setText(tr("Joined: %L1 entries fetched and verified.").arg(outcome.report.pulled));
    m_joinPass->clear();
    m_choice = Choice::Join;
    accept();
}

void FirstRunDialog::reject()
{
    if (m_joinJob->running()) {
        // Closing while joining: stop it; the partial file stays resumable.
        m_joinJob->cancel();
        return;
    }
    QDialog::reject();
}

void FirstRunDialog::setProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

QString FirstRunDialog::ledgerPath() const
{
    if (m_choice == Choice::Join)
        return m_joinPath->text().trimmed();
    return m_choice == Choice::Create ? m_createdLedger : m_ledger->text();
}

QString FirstRunDialog::keyFile() const
{
    if (m_choice == Choice::Join)
        return m_joinKey->text().trimmed();
    return m_choice == Choice::Create ? m_createdKey : m_key->text();
}

void FirstRunDialog::openExisting()
{
    if (m_ledger->text().isEmpty()) {
        setProblem(tr("Choose the ledger file to open."));
        return;
    }
    m_choice = Choice::Open;
    accept();
}

void FirstRunDialog::createAlliance()
{
    auto id = ledger::units::parseId(m_id->text(), "alliance id");
    if (m_name->text().trimmed().isEmpty()) {
        setProblem(tr("Give the alliance a name."));
        return;
    }
    if (!id) {
        setProblem(id.error().message);
        return;
    }
    if (m_origin->text().trimmed().isEmpty() || m_origin->text().contains(QLatin1Char(' '))) {
        setProblem(tr("The origin is one word without spaces, e.g. alliance.example/ledger."));
        return;
    }
    if (m_newLedger->text().isEmpty() || m_newKey->text().isEmpty()) {
        setProblem(tr("Choose where the ledger and the root key are saved."));
        return;
    }
    if (m_pass1->text().isEmpty() || m_pass1->text() != m_pass2->text()) {
        setProblem(tr("The two passphrases must be the same and not empty."));
        return;
    }
    const auto root = ledger::crypto::PrivateKey::generate();
    auto saved = ledger::crypto::saveKeyFile(root, m_newKey->text(), m_pass1->text().toUtf8());
    if (!saved) {
        setProblem(saved.error().message);
        return;
    }
    auto session = ledger::LedgerSession::createAlliance(m_newLedger->text(), root, id.value(),
        m_name->text().trimmed().toStdString(), m_origin->text().trimmed().toStdString());
    if (!session) {
        setProblem(session.error().message);
        return;
    }
    m_createdLedger = m_newLedger->text();
    m_createdKey = m_newKey->text();
    m_choice = Choice::Create;
    accept();
}

} // namespace portal
