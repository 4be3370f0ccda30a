#include "ui/window/mainwindow.h"

#include "ui/core/format.h"
#include "ui/core/portalsettings.h"
#include "ui/core/syncjob.h"
#include "ui/core/verifyjob.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/grantspage.h"
#include "ui/pages/page.h"
#include "ui/pages/pageregistry.h"

#include <QAction>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace portal {

MainWindow::MainWindow(PortalContext &ctx, QWidget *parent)
    : QMainWindow(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Alliance Portal — %1").arg(fmt::qs(ctx.info().allianceName)));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("verifyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #b01c1c; color: white; font-weight: bold; padding: 10px; }"));
    m_banner->setAccessibleName(tr("Verification alarm"));
    m_banner->hide();
    layout->addWidget(m_banner);

    // The notice bar: an SVG icon (the fonts have no glyph for every status sign) beside the words.
    m_noticeBar = new QFrame(central);
    m_noticeBar->setObjectName(QStringLiteral("noticeFrame"));
    auto *noticeLayout = new QHBoxLayout(m_noticeBar);
    noticeLayout->setContentsMargins(8, 6, 8, 6);
    m_noticeIcon = new QLabel(m_noticeBar);
    m_noticeIcon->setObjectName(QStringLiteral("noticeIcon"));
    m_noticeIcon->setFixedSize(20, 20);
    noticeLayout->addWidget(m_noticeIcon, 0, Qt::AlignTop);
    m_notice = new QLabel(m_noticeBar);
    m_notice->setObjectName(QStringLiteral("noticeBar"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setAccessibleName(tr("Result of the last action"));
    noticeLayout->addWidget(m_notice, 1);
    m_noticeBar->hide();
    layout->addWidget(m_noticeBar);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_nav = new QListWidget(m_splitter);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setIconSize(QSize(20, 20));
    m_nav->setMinimumWidth(170);
    m_stack = new QStackedWidget(m_splitter);
    m_details = new QStackedWidget(m_splitter);
    m_details->setObjectName(QStringLiteral("detailPane"));
    m_details->setMinimumWidth(280);
    m_emptyDetail = new QLabel(tr("Select a row to see its details here."), m_details);
    static_cast<QLabel *>(m_emptyDetail)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel *>(m_emptyDetail)->setWordWrap(true);
    m_details->addWidget(m_emptyDetail);
    m_splitter->addWidget(m_nav);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({ 190, 760, 330 });
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_specs = pagesFor(ctx);
    m_pages.assign(m_specs.size(), nullptr);
    for (const PageSpec &spec : m_specs) {
        auto *item = new QListWidgetItem(QIcon(spec.icon), spec.title, m_nav);
        item->setData(Qt::UserRole, spec.key);
        item->setSizeHint(QSize(0, 34));
    }
    connect(m_nav, &QListWidget::currentRowChanged, this, &MainWindow::selectRow);

    buildMenus();
    buildStatusBar();
    connect(&ctx, &PortalContext::ledgerChanged, this, &MainWindow::updateStatus);
    connect(&ctx, &PortalContext::notice, this, &MainWindow::showNotice);
    connect(SyncJob::of(ctx), &SyncJob::stateChanged, this, &MainWindow::updateStatus);

    resize(1280, 800);
    restoreGeometry(PortalSettings::windowGeometry());
    restoreState(PortalSettings::windowState());
    m_splitter->restoreState(PortalSettings::splitterState());
    if (!m_specs.empty())
        m_nav->setCurrentRow(0);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open ledger…"), this, &MainWindow::openRequested);
    file->addAction(tr("Open the &demo alliance"), this, &MainWindow::demoRequested);
    file->addAction(tr("&Join a registry…"), this, &MainWindow::joinRequested);
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *ledgerMenu = menuBar()->addMenu(tr("&Ledger"));
    ledgerMenu->addAction(tr("&Verify (quick)"), this, [this] { startVerify(true); });
    ledgerMenu->addAction(
        tr("Verify &fully (signatures, rules, projections)"), this, [this] { startVerify(false); });
    QAction *sync = ledgerMenu->addAction(tr("&Sync now"), this, &MainWindow::syncNow);
    sync->setObjectName(QStringLiteral("syncNowAction"));
    sync->setShortcut(QKeySequence(Qt::Key_F5));
    ledgerMenu->addAction(tr("&Forget the unlocked key"), this, [this] {
        m_ctx.forgetKey();
        showNotice(
            PortalContext::NoticeKind::Info, tr("Your key is locked; the passphrase will be asked again."));
    });

    // UI.md keyboard conventions, routed to the current page.
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        if (auto *p = qobject_cast<Page *>(m_stack->currentWidget()))
            p->focusSearch();
    });
    auto *newAction = new QShortcut(QKeySequence::New, this);
    connect(newAction, &QShortcut::activated, this, [this] {
        if (auto *p = qobject_cast<Page *>(m_stack->currentWidget()))
            p->primaryAction();
    });
}

void MainWindow::buildStatusBar()
{
    m_identity = new QLabel(this);
    m_identity->setObjectName(QStringLiteral("statusIdentity"));
    m_online = new QLabel(this);
    m_online->setObjectName(QStringLiteral("statusOnline"));
    m_checkpoint = new QLabel(this);
    m_checkpoint->setObjectName(QStringLiteral("statusCheckpoint"));
    m_outbox = new QLabel(this);
    m_outbox->setObjectName(QStringLiteral("statusOutbox"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("verifyProgress"));
    m_progress->setAccessibleName(tr("Verification progress"));
    m_progress->setMaximumWidth(180);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("verifyCancel"));
    m_cancel->setAccessibleName(tr("Cancel verification"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelVerify);
    statusBar()->addWidget(m_identity);
    statusBar()->addWidget(m_online);
    statusBar()->addWidget(m_checkpoint);
    statusBar()->addWidget(m_outbox);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::updateStatus()
{
    const auto &member = m_ctx.member();
    m_identity->setText(
        tr("%1 · %2").arg(m_ctx.displayName(), fmt::role(member ? member->role : std::string())));
    const SyncJob *sync = SyncJob::of(m_ctx);
    m_online->setText(sync->statusLine());
    // A fork is as serious as a failed verification: the same red banner, until a sync clears it.
    if (const auto &fork = sync->forkAlarm()) {
        m_banner->setText(tr("⚠ Sync stopped. %1").arg(fork->describe()));
        m_banner->show();
        m_forkShown = true;
    } else if (m_forkShown) {
        m_banner->hide();
        m_forkShown = false;
    }
    const auto &info = m_ctx.info();
    if (info.checkpointSize == 0) {
        m_checkpoint->setText(tr("No checkpoint yet"));
    } else if (m_verified && m_verifiedSize >= info.checkpointSize) {
        m_checkpoint->setText(tr("✓ Verified checkpoint: %L1 entries, %2")
                                  .arg(info.checkpointSize)
                                  .arg(fmt::dateTime(info.checkpointSignedAt)));
    } else {
        m_checkpoint->setText(tr("Checkpoint %L1 entries, %2 (not verified yet)")
                                  .arg(info.checkpointSize)
                                  .arg(fmt::dateTime(info.checkpointSignedAt)));
    }
    m_checkpoint->setToolTip(fmt::iso(info.checkpointSignedAt));
    m_outbox->setText(tr("Outbox: %L1").arg(m_ctx.outboxCount()));
}

QStringList MainWindow::pageKeys() const
{
    QStringList keys;
    for (const PageSpec &s : m_specs)
        keys << s.key;
    return keys;
}

bool MainWindow::showPage(const QString &key)
{
    const qsizetype i = pageKeys().indexOf(key);
    if (i < 0)
        return false;
    m_nav->setCurrentRow(int(i));
    return true;
}

QString MainWindow::currentPageKey() const
{
    const int row = m_nav->currentRow();
    return row >= 0 && size_t(row) < m_specs.size() ? m_specs[size_t(row)].key : QString();
}

Page *MainWindow::page(const QString &key)
{
    const qsizetype i = pageKeys().indexOf(key);
    if (i < 0)
        return nullptr;
    if (!m_pages[size_t(i)]) {
        Page *p = m_specs[size_t(i)].make(m_ctx);
        p->setObjectName(key + QStringLiteral("Page"));
        m_pages[size_t(i)] = p;
        m_stack->addWidget(p);
        if (QWidget *detail = p->detailPane())
            m_details->addWidget(detail);
        // "New grant from this application" leads to the grants page's form.
        if (auto *apps = qobject_cast<ApplicationsPage *>(p))
            connect(apps, &ApplicationsPage::grantRequested, this, [this](const QString &id) {
                if (auto *grants = qobject_cast<GrantsPage *>(page(QStringLiteral("grants")))) {
                    showPage(QStringLiteral("grants"));
                    grants->newGrantFor(id);
                }
            });
    }
    return m_pages[size_t(i)];
}

void MainWindow::selectRow(int row)
{
    if (row < 0 || size_t(row) >= m_specs.size())
        return;
    Page *p = page(m_specs[size_t(row)].key);
    m_stack->setCurrentWidget(p);
    QWidget *detail = p->detailPane();
    m_details->setCurrentWidget(detail ? detail : m_emptyDetail);
    m_details->setVisible(detail != nullptr);
}

void MainWindow::syncNow()
{
    QString problem;
    if (!SyncJob::of(m_ctx)->syncNow(this, &problem) && !problem.isEmpty())
        showNotice(PortalContext::NoticeKind::Info, problem);
}

void MainWindow::showNotice(PortalContext::NoticeKind kind, const QString &text)
{
    QString style;
    QString word;
    QString icon;
    switch (kind) {
    case PortalContext::NoticeKind::Success:
        style = QStringLiteral("background: #e3f4e8; color: #14532d;");
        word = tr("Done");
        icon = QStringLiteral(":/icons/verified.svg");
        break;
    case PortalContext::NoticeKind::Pending:
        style = QStringLiteral("background: #fff4d6; color: #713f12;");
        word = tr("Pending");
        icon = QStringLiteral(":/icons/pending.svg");
        break;
    case PortalContext::NoticeKind::Error:
        style = QStringLiteral("background: #fde2e2; color: #7f1d1d;");
        word = tr("Not done");
        icon = QStringLiteral(":/icons/rejected.svg");
        break;
    case PortalContext::NoticeKind::Info:
        style = QStringLiteral("background: #e8eef8; color: #1e3a5f;");
        word = tr("Note");
        icon = QStringLiteral(":/icons/info.svg");
        break;
    }
    m_noticeBar->setStyleSheet(QStringLiteral("QFrame#noticeFrame { %1 } QLabel { %1 }").arg(style));
    m_noticeIcon->setPixmap(QIcon(icon).pixmap(QSize(20, 20)));
    m_noticeIcon->setAccessibleName(word);
    m_notice->setText(tr("%1 — %2").arg(word, text));
    m_noticeBar->show();
}

void MainWindow::startVerify(bool quick)
{
    if (verifying())
        return;
    delete m_verify;
    m_verify = new VerifyJob(m_ctx.ledgerPath(), quick, this);
    connect(m_verify, &VerifyJob::progress, this, [this](qint64 done, qint64 total) {
        // QProgressBar holds ints: show per mille.
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    });
    connect(m_verify, &VerifyJob::finished, this, &MainWindow::onVerifyFinished);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(quick ? tr("Verifying… %p%") : tr("Verifying fully… %p%"));
    m_progress->show();
    m_cancel->show();
    m_verify->start();
}

void MainWindow::cancelVerify()
{
    if (m_verify)
        m_verify->cancel();
}

bool MainWindow::verifying() const
{
    return m_verify && m_verify->running();
}

void MainWindow::onVerifyFinished(bool ok, const ledger::VerifyReport &report, const QString &error)
{
    m_progress->hide();
    m_cancel->hide();
    if (!ok) {
        showNotice(PortalContext::NoticeKind::Info, tr("Verification did not finish: %1").arg(error));
        emit verifyFinished(false);
        return;
    }
    if (!report.ok) {
        m_verified = false;
        m_banner->setText(
            tr("⚠ This ledger failed verification at %1: %2 (%3). Do not rely on what it shows; "
               "restore it from a backup or fetch it again from the registry.")
                .arg(report.firstBadSeq)
                .arg(report.problem, report.code));
        m_banner->show();
    } else {
        m_verified = true;
        m_verifiedSize = report.entries;
        m_banner->hide();
    }
    updateStatus();
    emit verifyFinished(report.ok);
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QString MainWindow::noticeText() const
{
    return m_noticeBar->isHidden() ? QString() : m_notice->text();
}

QString MainWindow::statusText() const
{
    return QStringList { m_identity->text(), m_online->text(), m_checkpoint->text(), m_outbox->text() }.join(
        QStringLiteral(" | "));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    cancelVerify();
    PortalSettings::saveWindow(saveGeometry(), saveState(), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace portal
