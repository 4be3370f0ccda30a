#include "ui/window/portalapp.h"

#include "ledger/queries/balances.h"
#include "ui/core/demosetup.h"
#include "ui/core/portalcontext.h"
#include "ui/core/portalsettings.h"
#include "ui/core/syncjob.h"
#include "ui/pages/page.h"
#include "ui/window/firstrundialog.h"
#include "ui/window/mainwindow.h"
#include "ui/window/settingsdialog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstdio>

namespace portal {

bool displayAvailable()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return true; // offscreen, minimal, vnc, eglfs...: no window system needed
    return !qgetenv("DISPLAY").isEmpty() || !qgetenv("WAYLAND_DISPLAY").isEmpty();
}

QString installLanguage(const QString &language)
{
    static QTranslator *translator = nullptr;
    const QString lang = effectiveLanguage(language);
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    QLocale::setDefault(QLocale(lang == u"ko" ? QLocale::Korean : QLocale::English,
        lang == u"ko" ? QLocale::SouthKorea : QLocale::UnitedStates));
    if (lang == u"ko") {
        translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(QStringLiteral(":/i18n/alliance_portal_ko.qm")))
            QCoreApplication::installTranslator(translator);
    }
    return lang;
}

PortalApp::PortalApp(PortalOptions options)
    : m_options(std::move(options))
{ }

PortalApp::~PortalApp()
{
    m_window.reset(); // pages refer to the context
    m_ctx.reset();
}

namespace {

QString demoKeyFile(const DemoPaths &demo, const QString &role)
{
    if (role == u"startup") {
        const QStringList keys
            = QDir(demo.keysDir).entryList({ QStringLiteral("startup-*.key") }, QDir::Files, QDir::Name);
        return keys.isEmpty() ? QString() : demo.keyFile(keys.first());
    }
    static const QHash<QString, QString> files {
        { QStringLiteral("admin"), QStringLiteral("admin.key") },
        { QStringLiteral("pm"), QStringLiteral("pm-1.key") },
        { QStringLiteral("reviewer"), QStringLiteral("reviewer-1.key") },
        { QStringLiteral("sponsor"), QStringLiteral("sponsor-naver-cloud.key") },
        { QStringLiteral("auditor"), QStringLiteral("auditor.key") },
    };
    return demo.keyFile(files.value(role, QStringLiteral("pm-1.key")));
}

} // namespace

QString PortalApp::openDemo(const QString &role)
{
    const QString dir = m_options.demoDir.isEmpty() ? defaultDemoDir() : m_options.demoDir;
    // The progress dialog may be the only window while it closes: that must not end the application.
    const bool quitOnClose = QGuiApplication::quitOnLastWindowClosed();
    QGuiApplication::setQuitOnLastWindowClosed(false);
    const auto restoreQuit
        = qScopeGuard([quitOnClose] { QGuiApplication::setQuitOnLastWindowClosed(quitOnClose); });
    ledger::Result<DemoPaths> demo = ledger::makeError("cancelled", QString());
    // Generating takes a few seconds: in a worker thread, with a progress dialog that can cancel it.
    QProgressDialog progress(QObject::tr("Generating the demo alliance…"), QObject::tr("Cancel"), 0, 1000);
    progress.setWindowTitle(QObject::tr("Demo alliance"));
    progress.setMinimumDuration(500);
    std::atomic<qint64> done { 0 }, total { 1 };
    std::atomic<bool> cancelled { false };
    QThread *worker = QThread::create([&] {
        demo = ensureDemo(dir, 200, [&](qint64 d, qint64 t) {
            done = d;
            total = std::max<qint64>(t, 1);
            return !cancelled.load();
        });
    });
    QEventLoop loop;
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &progress, [&] {
        progress.setValue(int(done * 1000 / total));
        if (progress.wasCanceled())
            cancelled = true;
    });
    tick.start(50);
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    progress.reset();
    if (!demo)
        return demo.error().message;
    // The demo's present is just after its last entry (read through a short read-only session).
    int64_t demoNow = 0;
    if (auto s = ledger::LedgerSession::open(demo.value().ledger, ledger::LedgerSession::Access::ReadOnly))
        if (auto info = ledger::queries::ledgerInfo(s.value()->store()))
            demoNow = info.value().lastSequencedAt + 3600 * 1000;
    const ledger::Clock *clock = nullptr;
    if (demoNow > 0) {
        m_clocks.push_back(std::make_unique<DemoClock>(demoNow));
        clock = m_clocks.back().get();
    }
    return openLedger(demo.value().ledger, demoKeyFile(demo.value(), role), clock);
}

QString PortalApp::openLedger(const QString &ledgerPath, const QString &keyFile, const ledger::Clock *clock)
{
    auto ctx = PortalContext::open(ledgerPath, keyFile, clock);
    if (!ctx)
        return ctx.error().message;
    m_clock = clock;
    m_window.reset();
    m_ctx = std::move(ctx.value());
    PortalSettings settings = PortalSettings::load();
    settings.ledgerPath = ledgerPath;
    settings.keyFile = keyFile;
    settings.save();
    showWindow();
    return {};
}

void PortalApp::showWindow()
{
    m_window = std::make_unique<MainWindow>(*m_ctx);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &PortalApp::showSettings);
    connect(m_window.get(), &MainWindow::openRequested, this, [this] { showOpen(false); });
    connect(m_window.get(), &MainWindow::joinRequested, this, [this] { showOpen(true); });
    connect(m_window.get(), &MainWindow::demoRequested, this, [this] {
        const QString problem = openDemo(m_options.demoRole);
        if (!problem.isEmpty())
            QMessageBox::warning(nullptr, tr("Demo alliance"), problem);
    });
    m_window->show();
    if (m_options.autoVerify && m_options.screenshotDir.isEmpty() && !m_options.exitAfterFirstPaint)
        QTimer::singleShot(300, m_window.get(), [w = m_window.get()] { w->startVerify(true); });
}

bool PortalApp::start()
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    m_language = installLanguage(
        m_options.language.isEmpty() ? PortalSettings::load().language : m_options.language);
    QString problem;
    if (m_options.demo) {
        problem = openDemo(m_options.demoRole);
    } else if (!m_options.ledger.isEmpty()) {
        problem = openLedger(m_options.ledger, m_options.keyFile);
    } else {
        const PortalSettings settings = PortalSettings::load();
        if (!settings.ledgerPath.isEmpty() && QFileInfo::exists(settings.ledgerPath))
            problem = openLedger(settings.ledgerPath, settings.keyFile);
        else
            problem = QStringLiteral("first-run");
        while (!m_window) {
            FirstRunDialog first;
            if (problem != u"first-run")
                first.setProblem(problem);
            if (first.exec() != QDialog::Accepted)
                return false;
            if (first.choice() == FirstRunDialog::Choice::Demo)
                problem = openDemo(QStringLiteral("pm"));
            else
                problem = openLedger(first.ledgerPath(), first.keyFile());
        }
    }
    if (!m_window) {
        std::fprintf(stderr, "alliance-portal: %s\n", qPrintable(problem));
        return false;
    }
    if (m_options.exitAfterFirstPaint) {
        // The window is painted when the event loop has handled its first expose and paint events.
        QTimer::singleShot(0, this, [this, sinceStart] {
            m_window->repaint();
            std::printf("first-paint-ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
            // Peak resident memory so far (Linux), for the benchmark.
            QFile status(QStringLiteral("/proc/self/status"));
            if (status.open(QIODevice::ReadOnly))
                for (const QByteArray &line : status.readAll().split('\n'))
                    if (line.startsWith("VmHWM:"))
                        std::printf(
                            "peak-rss-kb %s\n", line.mid(6).trimmed().split(' ').value(0).constData());
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    if (!m_options.screenshotDir.isEmpty())
        QTimer::singleShot(500, this, &PortalApp::takeScreenshots);
    return true;
}

void PortalApp::showSettings()
{
    PortalSettings before = PortalSettings::load();
    SettingsDialog dialog(before, m_window.get());
    SyncJob *job = SyncJob::of(*m_ctx);
    if (job->endpoint())
        dialog.setReplica(*job->endpoint(), QFileInfo(m_ctx->ledgerPath()).fileName());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const PortalSettings after = dialog.settings();
    after.save();
    job->reloadSettings();
    if (auto endpoint = dialog.replicaEndpoint()) {
        if (auto set = job->setEndpoint(*endpoint); !set)
            QMessageBox::warning(m_window.get(), tr("Registry"), set.error().message);
    }
    if (after.language != before.language)
        m_language = installLanguage(after.language);
    if (after.keyFile != m_ctx->keyFile()) {
        const QString problem = openLedger(m_ctx->ledgerPath(), after.keyFile, m_clock);
        if (!problem.isEmpty())
            QMessageBox::warning(m_window.get(), tr("Identity"), problem);
    } else if (after.language != before.language) {
        showWindow(); // every string is re-read in the new language
    }
}

void PortalApp::showOpen(bool join)
{
    FirstRunDialog dialog(m_window.get());
    if (join)
        dialog.showJoin();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString problem = dialog.choice() == FirstRunDialog::Choice::Demo
        ? openDemo(m_options.demoRole)
        : openLedger(dialog.ledgerPath(), dialog.keyFile());
    if (!problem.isEmpty())
        QMessageBox::warning(m_window.get(), tr("Open ledger"), problem);
}

void PortalApp::takeScreenshots()
{
    QDir().mkpath(m_options.screenshotDir);
    m_window->resize(1280, 800); // the default size, the one the table-fit tests check
    const QString lang = m_language;
    const QString role = m_options.demo ? m_options.demoRole : QStringLiteral("user");
    for (const QString &key : m_window->pageKeys()) {
        m_window->showPage(key);
        for (int i = 0; i < 10; ++i) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(30);
        }
        const QString file
            = QDir(m_options.screenshotDir).filePath(QStringLiteral("%1-%2-%3.png").arg(lang, role, key));
        m_window->grab().save(file);
        std::printf("%s\n", qPrintable(file));
        // A startup's own applications (with "withdraw") are on the page's last tab: shown as well.
        if (key == u"startup") {
            if (auto *tabs = m_window->page(key)->findChild<QTabWidget *>()) {
                tabs->setCurrentIndex(tabs->count() - 1);
                if (auto *apps = tabs->findChild<QTableView *>(QStringLiteral("myApplications")))
                    apps->selectRow(0);
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
                const QString apps
                    = QDir(m_options.screenshotDir)
                          .filePath(QStringLiteral("%1-%2-%3-applications.png").arg(lang, role, key));
                m_window->grab().save(apps);
                std::printf("%s\n", qPrintable(apps));
                tabs->setCurrentIndex(0);
            }
        }
    }
    QCoreApplication::quit();
}

} // namespace portal
