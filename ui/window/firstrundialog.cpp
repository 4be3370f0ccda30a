#include "ui/window/firstrundialog.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/units.h"
#include "ledger/engine/session.h"
#include "ui/core/dialoghooks.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
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
    auto *join = new QPushButton(tr("Join a registry (comes with sync)"), start);
    join->setEnabled(false);
    join->setToolTip(tr("Joining a registry will be possible once the sync service is available."));
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
    resize(560, 360);
}

void FirstRunDialog::setProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

QString FirstRunDialog::ledgerPath() const
{
    return m_choice == Choice::Create ? m_createdLedger : m_ledger->text();
}

QString FirstRunDialog::keyFile() const
{
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
