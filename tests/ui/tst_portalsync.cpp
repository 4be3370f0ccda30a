// The desktop syncing with the real alliance-registry over real TLS (tests/sync/syncrig.h): a manager's grant
// made offline shows as pending and Sync now sequences it; another replica's grant arrives by pull and the
// pages show it, while the overdraft it causes here is a visible rejection with its reason; the registry
// going away is calm (offline, nothing lost, a retry scheduled); a forked registry raises the red alarm
// naming both checkpoints and stops sync; Settings move the open replica to another registry. The event loop
// is measured by a 5 ms heartbeat while a sync runs. The forms alone are tested in tst_settingsforms.

#include "heartbeat.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/replica/endpoint.h"
#include "ledger/replica/outbox.h"
#include "sync/syncrig.h"
#include "syncdesktop.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/syncjob.h"
#include "ui/models/applicationsmodel.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/grantforms.h"
#include "ui/pages/grantspage.h"
#include "ui/pages/syncpage.h"
#include "ui/window/mainwindow.h"
#include "ui/window/settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;
using namespace syncdesktop;
using namespace portal;

namespace {

SyncConfig quickConfig(const Rig &rig)
{
    SyncConfig c;
    c.caFile = rig.pki->caFile();
    c.intervalMinutes = 15;
    c.transport.backoffBaseMs = 20;
    c.transport.backoffMaxMs = 100;
    c.transport.maxAttempts = 2;
    c.transport.connectTimeoutMs = 5'000;
    c.transport.totalTimeoutMs = 60'000;
    return c;
}

} // namespace

class TestPortalSync : public QObject
{
    Q_OBJECT

    // Runs Sync now on the page and waits for the outcome, measuring the event loop meanwhile.
    static std::optional<SyncOutcome> syncNow(
        SyncPage *page, qint64 *stallMs = nullptr, QString *how = nullptr)
    {
        QSignalSpy done(page->job(), &SyncJob::finished);
        Heartbeat beat;
        auto *button = page->findChild<QPushButton *>(QStringLiteral("syncNow"));
        if (!button || !button->isEnabled()) {
            qWarning("Sync now is not offered");
            return std::nullopt;
        }
        button->click();
        if (!page->job()->running() && done.isEmpty()) {
            qWarning("sync did not start");
            return std::nullopt;
        }
        if (done.isEmpty() && !done.wait(120'000))
            return std::nullopt;
        beat.stop();
        QString measured;
        if (stallMs)
            *stallMs = beat.stallMs(&measured);
        if (how)
            *how = measured;
        return done.takeFirst().at(0).value<SyncOutcome>();
    }

    // The row of the outbox table with this status text.
    static int rowWithStatus(RowTableModel *m, const QString &status)
    {
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 2).data().toString() == status)
                return r;
        return -1;
    }

    // Grants app-a from the small pool through the grants page's form (the signing ceremony).
    static bool grantFromTheForm(MainWindow &window, const QString &app)
    {
        if (!window.showPage(QStringLiteral("grants")))
            return false;
        auto *grants = qobject_cast<GrantsPage *>(window.page(QStringLiteral("grants")));
        if (!grants || !grants->newGrantFor(app))
            return false;
        NewGrantForm *form = grants->newGrantForm();
        form->expiryEdit()->setText(
            QDateTime::currentDateTimeUtc().addDays(200).date().toString(Qt::ISODate));
        if (!form->problem().isEmpty()) {
            qWarning("grant form: %s", qPrintable(form->problem()));
            return false;
        }
        DialogHooks::setNextConfirm(true);
        DialogHooks::setNextPassphrase(kPass.toUtf8());
        return form->submit();
    }

    struct App
    {
        QString path; // the replica's file
        std::unique_ptr<PortalContext> ctx;
        std::unique_ptr<MainWindow> window;
        SyncPage *page = nullptr;
    };

    static App openApp(const Rig &rig, const QString &path, const QString &keyFile)
    {
        App a;
        a.path = path;
        auto ctx = PortalContext::open(path, keyFile);
        if (!ctx) {
            qWarning("open: %s", qPrintable(ctx.error().toString()));
            return a;
        }
        a.ctx = std::move(ctx.value());
        SyncJob::of(*a.ctx)->setConfig(quickConfig(rig));
        a.window = std::make_unique<MainWindow>(*a.ctx);
        a.window->show();
        a.window->showPage(QStringLiteral("sync"));
        a.page = qobject_cast<SyncPage *>(a.window->page(QStringLiteral("sync")));
        return a;
    }

    // The manager's desktop on its own replica (pm.ledger) joined from the rig's registry, which this builds
    // (with `extra` history); app.page is null when a step failed.
    static App managerDesktop(Rig &rig, const std::function<void(LedgerFixture &)> &extra = {})
    {
        if (!rig.build(extra))
            return {};
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        if (!rig.join(rig.world.pm, path)) {
            qWarning("the manager's join failed");
            return {};
        }
        return openApp(rig, path, saveKey(rig, rig.world.pm, QStringLiteral("pm")));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AlliancePortalTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_portalsync"));
        QSettings().clear();
        DialogHooks::setNonInteractive(true);
    }

    void init() { DialogHooks::clear(); }

    void offlineGrantIsPendingThenSyncNowSequencesIt()
    {
        Rig rig;
        App app = managerDesktop(rig, moreHistory);
        QVERIFY(app.page);
        const World &w = rig.world;
        QCOMPARE(app.page->job()->registryUrl(), rig.registry->baseUrl());
        QVERIFY(app.page->stateText().contains(QStringLiteral("Not synced yet")));

        // Made without talking to the registry: signed, pre-checked, waiting in the outbox.
        QVERIFY(grantFromTheForm(*app.window, QString::fromStdString(kAppA)));
        QVERIFY2(app.window->noticeText().contains(QStringLiteral("waiting in the outbox")),
            qPrintable(app.window->noticeText()));
        QVERIFY(app.window->statusText().contains(QStringLiteral("Outbox: 1")));
        // The notice bar's status sign is an SVG icon (no font here has a glyph for every sign).
        auto *icon = app.window->findChild<QLabel *>(QStringLiteral("noticeIcon"));
        QVERIFY(icon && icon->isVisibleTo(app.window.get()));
        QVERIFY(!icon->pixmap().isNull());
        QCOMPARE(icon->accessibleName(), QStringLiteral("Pending"));
        shot(app.window.get(), QStringLiteral("notice-pending"));
        // The grants and applications pages show it as waiting to sync, read from the outbox.
        const QString grantId = QStringLiteral("g-") + QString::fromStdString(kAppA);
        QVERIFY(app.window->showPage(QStringLiteral("grants")));
        auto *grantsPage = qobject_cast<GrantsPage *>(app.window->page(QStringLiteral("grants")));
        QVERIFY(grantsPage->select(grantId));
        const int grantRow = grantsPage->model()->findId(grantId);
        QCOMPARE(
            grantsPage->model()->index(grantRow, 6).data().toString(), QStringLiteral("Waiting to sync"));
        QVERIFY2(grantsPage->detailText().contains(QStringLiteral("waiting in the outbox")),
            qPrintable(grantsPage->detailText()));
        QVERIFY(app.window->showPage(QStringLiteral("applications")));
        auto *apps = qobject_cast<ApplicationsPage *>(app.window->page(QStringLiteral("applications")));
        QVERIFY(apps);
        const int appRow = apps->model()->rowOf(QString::fromStdString(kAppA));
        QVERIFY(appRow >= 0);
        QVERIFY2(apps->model()
                     ->index(appRow, ApplicationsModel::Stage)
                     .data()
                     .toString()
                     .endsWith(QStringLiteral("waiting to sync")),
            qPrintable(apps->model()->index(appRow, ApplicationsModel::Stage).data().toString()));
        app.window->showPage(QStringLiteral("sync"));
        QVERIFY2(app.page->summaryText().startsWith(QStringLiteral("1 waiting for the registry")),
            qPrintable(app.page->summaryText()));
        const int waiting = rowWithStatus(app.page->model(), QStringLiteral("Waiting for the registry"));
        QVERIFY(waiting >= 0);
        QVERIFY(app.page->model()->index(waiting, 3).data().toString().isEmpty()); // no position yet

        qint64 gap = 0;
        QString how;
        auto outcome = syncNow(app.page, &gap, &how);
        QVERIFY(outcome);
        QVERIFY2(outcome->kind == SyncOutcome::Kind::Done, qPrintable(outcome->message));
        QCOMPARE(outcome->report.sequenced, int64_t(1));
        QVERIFY2(gap < 50, qPrintable(QStringLiteral("the event loop stalled %1 ms (%2)").arg(gap).arg(how)));
        qInfo("longest event-loop stall during sync: %lld ms (%s)", static_cast<long long>(gap),
            qPrintable(how));
        // Recorded: its position in the log is shown, and the grant is on the grants page.
        const int recorded = rowWithStatus(app.page->model(), QStringLiteral("Recorded by the registry"));
        QVERIFY(recorded >= 0);
        bool numbered = false;
        QVERIFY(
            app.page->model()->index(recorded, 3).data().toString().toLongLong(&numbered) > 0 && numbered);
        QVERIFY(app.window->statusText().contains(QStringLiteral("Outbox: 0")));
        QVERIFY(app.page->stateText().startsWith(QStringLiteral("Synced")));
        QVERIFY(app.page->job()->lastSyncMs() > 0);
        QVERIFY(app.window->showPage(QStringLiteral("grants")));
        auto *grants = qobject_cast<GrantsPage *>(app.window->page(QStringLiteral("grants")));
        QVERIFY(grants->select(QStringLiteral("g-") + QString::fromStdString(kAppA)));
        QVERIFY(!grants->model()
                     ->index(grants->model()->findId(grantId), 6)
                     .data()
                     .toString()
                     .contains(QStringLiteral("sync")));
        QVERIFY(app.window->showPage(QStringLiteral("applications"))); // pages refresh when shown
        QVERIFY(!apps->model()->isWaiting(QString::fromStdString(kAppA)));
        QVERIFY(apps->model()->rowOf(QString::fromStdString(kAppA)) >= 0);

        // The registry goes away: calm. Offline, the outbox keeps a new entry, a retry is scheduled.
        auto queued = app.ctx->session().record(w.pm, "sponsor.registered", bodies::sponsor("offline-one"));
        QVERIFY(queued && queued->queued);
        app.ctx->notifyChanged();
        rig.registry->stop();
        app.window->showPage(QStringLiteral("sync"));
        outcome = syncNow(app.page);
        QVERIFY(outcome);
        QVERIFY2(outcome->kind == SyncOutcome::Kind::Offline, qPrintable(outcome->message));
        QVERIFY(app.page->stateText().startsWith(QStringLiteral("Offline")));
        QVERIFY(app.window->statusText().contains(QStringLiteral("Offline")));
        shot(app.window.get(), QStringLiteral("sync-offline"));
        QVERIFY(app.window->bannerText().isEmpty()); // no alarm for a missing network
        QCOMPARE(replica::Outbox(app.ctx->store()).count(replica::OutboxStatus::Pending).value(), int64_t(1));
        // The first retry waits at most retryBaseMs; a coarse QTimer may fire up to 5 % late, and its
        // remainingTime() includes that slack.
        const int next = app.page->job()->nextRunInMs();
        QVERIFY2(
            next > 0 && next <= quickConfig(rig).retryBaseMs * 105 / 100, qPrintable(QString::number(next)));
    }

    void anotherReplicasGrantArrivesAndTheOverdraftIsRejected()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        const QString path2 = rig.file(QStringLiteral("pm2.ledger"));
        QVERIFY(rig.join(w.pm, path));
        QVERIFY(rig.join(w.pm2, path2));
        App app = openApp(rig, path, saveKey(rig, w.pm, QStringLiteral("pm")));
        QVERIFY(app.page);

        // Both managers grant 400 of the 600 GPU-hours offline; the other one syncs first.
        QVERIFY(grantFromTheForm(*app.window, QString::fromStdString(kAppA)));
        Machine other;
        QVERIFY(other.open(path2, w.pm2, rig.options()));
        auto theirs = other.session->record(
            w.pm2, "grant.created", grantBody("g-b", kAppB, other.session->clock().nowMs()));
        QVERIFY(theirs && theirs->queued);
        auto pushed = other.engine->sync();
        QVERIFY2(pushed && pushed->sequenced == 1, qPrintable(why(pushed)));

        // Sync now from the menu (F5).
        QAction *action = app.window->findChild<QAction *>(QStringLiteral("syncNowAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
        QSignalSpy done(app.page->job(), &SyncJob::finished);
        action->trigger();
        QVERIFY(done.wait(120'000));
        const auto outcome = done.takeFirst().at(0).value<SyncOutcome>();
        QVERIFY2(outcome.kind == SyncOutcome::Kind::Done, qPrintable(outcome.message));
        QCOMPARE(outcome.report.rejected, int64_t(1));
        QVERIFY(outcome.report.pulled >= 1);

        // The rejection with its reason code and sentence.
        app.window->showPage(QStringLiteral("sync"));
        const int row = rowWithStatus(app.page->model(), QStringLiteral("Rejected"));
        QVERIFY(row >= 0);
        const QString code = app.page->model()->index(row, 4).data().toString();
        const QString reason = app.page->model()->index(row, 5).data().toString();
        QVERIFY2(!code.isEmpty() && !reason.isEmpty(), qPrintable(code + QLatin1Char('|') + reason));
        QVERIFY(app.page->summaryText().contains(QStringLiteral("1 rejected")));
        // The other manager's grant arrived by pull and the grants page shows it; ours is not there.
        QVERIFY(app.window->showPage(QStringLiteral("grants")));
        auto *grants = qobject_cast<GrantsPage *>(app.window->page(QStringLiteral("grants")));
        QVERIFY(grants->select(QStringLiteral("g-b")));
        QVERIFY(!grants->select(QStringLiteral("g-") + QString::fromStdString(kAppA)));
    }

    void periodicSyncPullsWithoutBeingAsked()
    {
        Rig rig;
        App app = managerDesktop(rig);
        QVERIFY(app.page);
        const World &w = rig.world;
        SyncConfig c = quickConfig(rig);
        c.intervalMsOverride = 300;
        // With the key locked, periodic sync waits (it never asks for the passphrase).
        QSignalSpy done(app.page->job(), &SyncJob::finished);
        app.page->job()->setConfig(c);
        QTest::qWait(800);
        QCOMPARE(done.count(), 0);
        QVERIFY(app.page->job()->nextRunInMs() >= 0);
        // Unlocked, the next tick syncs by itself and brings another member's entry.
        QVERIFY(app.ctx->unlock(kPass.toUtf8()));
        auto sent = submitDirect(rig.options(), w.pm2,
            { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("while-you-wait")) });
        QVERIFY(sent && sent->receipts.size() == 1 && sent->receipts[0].sequenced);
        QVERIFY(done.wait(30'000));
        const auto outcome = done.takeFirst().at(0).value<SyncOutcome>();
        QVERIFY2(outcome.kind == SyncOutcome::Kind::Done, qPrintable(outcome.message));
        QCOMPARE(outcome.report.pulled, int64_t(1));
        QVERIFY(app.page->job()->nextRunInMs() >= 0); // and the next one is scheduled
        // "Only when I ask": nothing scheduled.
        c.intervalMsOverride = 0;
        c.intervalMinutes = 0;
        app.page->job()->setConfig(c);
        QCOMPARE(app.page->job()->nextRunInMs(), -1);
    }

    // Periodic sync uses the key only while it is unlocked and never extends its timeout: with sync every
    // 200 ms and a 3 s timeout, the key still locks itself, and periodic sync then stops signing.
    void periodicSyncNeverKeepsTheKeyUnlocked()
    {
        Rig rig;
        App app = managerDesktop(rig);
        QVERIFY(app.page);
        const int timeoutMs = 3000;
        app.ctx->setKeyTimeoutMs(timeoutMs);
        QVERIFY(app.ctx->unlock(kPass.toUtf8()));
        QElapsedTimer sinceUnlock;
        sinceUnlock.start();
        SyncConfig c = quickConfig(rig);
        c.intervalMsOverride = 200;
        QSignalSpy done(app.page->job(), &SyncJob::finished);
        app.page->job()->setConfig(c);
        QTRY_VERIFY_WITH_TIMEOUT(app.page->job()->running() || !done.isEmpty(), 5'000);
        QVERIFY2(sinceUnlock.elapsed() < timeoutMs, "the machine is too slow for this timing");
        QVERIFY(app.ctx->heldKey()); // a background sync started with the unlocked key
        // Past the timeout (counted from the unlock; periodic runs are no use of the key): locked.
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 60'000);
        QTest::qWait(int(std::max<qint64>(0, timeoutMs - sinceUnlock.elapsed())) + 400);
        QTRY_VERIFY_WITH_TIMEOUT(!app.page->job()->running(), 60'000);
        QVERIFY2(!app.ctx->heldKey(), "periodic sync kept the key unlocked");
        // And no more periodic syncs while it is locked.
        done.clear();
        QTest::qWait(800);
        QCOMPARE(done.count(), 0);
        // A user's action extends it: unlockedKey() restarts the timeout.
        QVERIFY(app.ctx->unlock(kPass.toUtf8()));
        QTest::qWait(timeoutMs / 2);
        QVERIFY(app.ctx->unlockedKey());
        QTest::qWait(timeoutMs / 2 + 300);
        QVERIFY(app.ctx->heldKey());
        c.intervalMsOverride = 0;
        c.intervalMinutes = 0;
        app.page->job()->setConfig(c);
    }

    // Settings show the open replica's own registry address, CA file and pin and change them (validated)
    // through ledger::replica's endpoint: the registry moved to a new address and the replica follows it.
    void settingsChangeTheOpenReplicasRegistry()
    {
        Rig rig;
        App app = managerDesktop(rig);
        QVERIFY(app.page);
        const QString &path = app.path;
        SyncJob *job = app.page->job();
        QVERIFY(job->endpoint());
        const QString oldUrl = rig.registry->baseUrl();
        QCOMPARE(job->endpoint()->registryUrl, oldUrl);

        // The registry moves (same data, new port).
        rig.registry->stop();
        QVERIFY(rig.start(rig.server, rig.dataDir));
        const QString newUrl = rig.registry->baseUrl();
        QVERIFY(newUrl != oldUrl);

        PortalSettings defaults;
        defaults.registryUrl = QStringLiteral("https://default.example");
        SettingsDialog dialog(defaults);
        dialog.setReplica(*job->endpoint(), QStringLiteral("pm.ledger"));
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("registryUrl"));
        auto *scope = dialog.findChild<QLabel *>(QStringLiteral("registryScope"));
        QVERIFY(url && scope);
        QCOMPARE(url->text(), oldUrl);
        QVERIFY(scope->text().contains(QStringLiteral("pm.ledger")));
        url->clear();
        QVERIFY(!dialog.problem().isEmpty()); // a replica needs an address
        QTest::keyClicks(url, QStringLiteral("http://plain.example"));
        QVERIFY(dialog.problem().contains(QStringLiteral("https://")));
        url->setText(newUrl);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        dialog.findChild<QLineEdit *>(QStringLiteral("caFile"))->setText(rig.pki->caFile());
        QCOMPARE(dialog.settings().registryUrl, defaults.registryUrl); // the defaults stay
        const auto endpoint = dialog.replicaEndpoint();
        QVERIFY(endpoint && endpoint->registryUrl == newUrl);

        // The ledger API refuses what is not acceptable and keeps what was there.
        auto bad = *endpoint;
        bad.registryUrl = QStringLiteral("http://plain.example");
        auto refused = job->setEndpoint(bad);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("invalid_endpoint"));
        QCOMPARE(job->registryUrl(), oldUrl);
        QVERIFY(job->setEndpoint(*endpoint));
        QCOMPARE(job->registryUrl(), newUrl);
        {
            auto other = LedgerSession::open(path, LedgerSession::Access::ReadOnly);
            QVERIFY(other);
            auto stored = replica::readEndpoint(other.value()->store());
            QVERIFY(stored && stored.value());
            QCOMPARE(stored.value()->registryUrl, newUrl);
            QCOMPARE(stored.value()->caFile, rig.pki->caFile());
        }
        // And sync goes to the new address.
        DialogHooks::setNextPassphrase(kPass.toUtf8());
        auto outcome = syncNow(app.page);
        QVERIFY(outcome);
        QVERIFY2(outcome->kind == SyncOutcome::Kind::Done, qPrintable(outcome->message));
    }

    void aForkRaisesTheAlarmAndStopsSync()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        rig.registry->stop();
        const QString forkDir = rig.file(QStringLiteral("fork-data"));
        QVERIFY(copyDir(rig.dataDir, forkDir));
        QVERIFY(rig.start(rig.server));
        auto sent = submitDirect(rig.options(), w.pm2,
            { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("honest")) });
        QVERIFY(sent && sent->receipts.size() == 1);
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        QVERIFY(rig.join(w.pm, path));
        const int64_t size = [&] {
            auto s = LedgerSession::open(path, LedgerSession::Access::ReadOnly);
            return s ? s.value()->store().logSize().value() : -1;
        }();

        // Another history on the same alliance, served at a new address.
        rig.registry->stop();
        QVERIFY(rig.start(rig.server, forkDir));
        auto other = submitDirect(rig.options(), w.pm2,
            { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("forked-1")),
                rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("forked-2")) });
        QVERIFY(other && other->receipts.size() == 2);

        App app = openApp(rig, path, saveKey(rig, w.pm, QStringLiteral("pm")));
        QVERIFY(app.page);
        SyncConfig c = quickConfig(rig);
        c.registryUrl = rig.registry->baseUrl();
        app.page->job()->setConfig(c);
        DialogHooks::setNextPassphrase(kPass.toUtf8());
        auto outcome = syncNow(app.page);
        QVERIFY(outcome);
        QVERIFY2(outcome->kind == SyncOutcome::Kind::Fork, qPrintable(outcome->message));
        QVERIFY(outcome->fork);
        // Red and unmissable, on the page and across the window, naming both checkpoints.
        const QString local = QString::fromLatin1(outcome->fork->localRoot.toBase64());
        const QString remote = QString::fromLatin1(outcome->fork->remoteRoot.toBase64());
        QVERIFY(!local.isEmpty() && local != remote);
        for (const QString &text : { app.page->forkText(), app.window->bannerText() }) {
            QVERIFY2(text.contains(local) && text.contains(remote), qPrintable(text));
            QVERIFY(text.contains(QStringLiteral("Fork"), Qt::CaseInsensitive));
        }
        shot(app.window.get(), QStringLiteral("sync-fork"));
        // Sync stops: nothing scheduled; nothing local changed.
        QCOMPARE(app.page->job()->nextRunInMs(), -1);
        QVERIFY(app.page->stateText().contains(QStringLiteral("Fork")));
        QCOMPARE(app.ctx->store().logSize().value(), size);
    }
};

QTEST_MAIN(TestPortalSync)
#include "tst_portalsync.moc"
