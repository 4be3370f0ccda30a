// The desktop as its users drive it: the real main window on a real ledger file opened with real encrypted
// key files. Dialogs answer through DialogHooks, so nothing waits for a person.

#include "desktoptest.h"
#include "ledger/domain/units.h"
#include "ledger/queries/applications.h"
#include "ledger/queries/balances.h"
#include "ledger/replica/outbox.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/applicationsmodel.h"
#include "ui/models/rowtablemodel.h"
#include "ui/pages/applicationpanel.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/explorerpage.h"
#include "ui/pages/grantforms.h"
#include "ui/pages/grantspage.h"
#include "ui/pages/startuppage.h"
#include "ui/pages/syncpage.h"
#include "ui/window/firstrundialog.h"
#include "ui/window/mainwindow.h"
#include "ui/window/portalapp.h"
#include "ui/window/settingsdialog.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace testsupport;
using namespace portal;

class TestPortalGui : public PortalWorldTest
{
    Q_OBJECT

private slots:
    void navigationFollowsTheRole()
    {
        struct Case
        {
            QString key;
            QStringList pages;
        };
        const Case cases[] = {
            { m_world->pmKey,
                { QStringLiteral("dashboard"), QStringLiteral("applications"), QStringLiteral("startups"),
                    QStringLiteral("grants"), QStringLiteral("pools"), QStringLiteral("reports"),
                    QStringLiteral("explorer"), QStringLiteral("sync") } },
            { m_world->reviewerKey,
                { QStringLiteral("reviews"), QStringLiteral("explorer"), QStringLiteral("sync") } },
            { m_world->founderKey,
                { QStringLiteral("startup"), QStringLiteral("reports"), QStringLiteral("explorer"),
                    QStringLiteral("sync") } },
            { m_world->sponsorKey,
                { QStringLiteral("pools"), QStringLiteral("reports"), QStringLiteral("explorer"),
                    QStringLiteral("sync") } },
            { m_world->auditorKey,
                { QStringLiteral("dashboard"), QStringLiteral("applications"), QStringLiteral("startups"),
                    QStringLiteral("grants"), QStringLiteral("pools"), QStringLiteral("reports"),
                    QStringLiteral("explorer"), QStringLiteral("sync") } },
            { QString(), { QStringLiteral("explorer"), QStringLiteral("sync") } },
        };
        for (const Case &c : cases) {
            auto ctx = open(c.key);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            QCOMPARE(window.pageKeys(), c.pages);
        }
    }

    void aRoleCannotReachAnotherRolesActions()
    {
        // A reviewer: no grants, no pipeline, no decision.
        auto ctx = open(m_world->reviewerKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        window.show();
        QVERIFY(!window.showPage(QStringLiteral("grants")));
        QVERIFY(!window.showPage(QStringLiteral("applications")));
        QVERIFY(!window.page(QStringLiteral("grants")));
        QVERIFY(window.showPage(QStringLiteral("reviews")));
        auto *reviews = qobject_cast<ApplicationsPage *>(window.page(QStringLiteral("reviews")));
        QVERIFY(reviews);
        QVERIFY(reviews->select(QString::fromStdString(m_world->underReview)));
        QVERIFY(
            !reviews->panel()->findChild<QWidget *>(QStringLiteral("signDecision"))->isVisibleTo(&window));
        QVERIFY(!reviews->assignBox()->isVisibleTo(&window));

        // An auditor sees the grants but none of their actions.
        auto auditor = open(m_world->auditorKey);
        QVERIFY(auditor);
        MainWindow auditorWindow(*auditor);
        auditorWindow.show();
        QVERIFY(auditorWindow.showPage(QStringLiteral("grants")));
        auto *grants = qobject_cast<GrantsPage *>(auditorWindow.page(QStringLiteral("grants")));
        QVERIFY(grants);
        QVERIFY(!grants->findChild<QWidget *>(QStringLiteral("newGrant"))->isVisibleTo(&auditorWindow));
        QVERIFY(!grants->primaryAction());

        // And the rules engine refuses what the UI would not offer: a startup's key cannot decide.
        auto founder = open(m_world->founderKey);
        QVERIFY(founder);
        ApplicationPanel panel(*founder);
        answerNextSigning();
        ledger::json::Value body { ledger::json::Object {} };
        body.set("application", ledger::json::Value(m_world->underReview));
        body.set("decision", ledger::json::Value("approved"));
        body.set("reason", ledger::json::Value("self-approval"));
        const SignOutcome out
            = SigningCeremony::run(nullptr, *founder, "application.decided", std::move(body));
        QCOMPARE(out.kind, SignOutcome::Kind::Rejected);
        QCOMPARE(out.code, QStringLiteral("not_authorised"));
    }

    // The whole path: a reviewer scores, a manager approves and grants, the startup sees its balance, and an
    // overdraft is refused with its reason shown.
    void reviewApproveGrantAndSpend()
    {
        const QString appId = QString::fromStdString(m_world->underReview);
        {
            auto ctx = open(m_world->reviewerKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            auto *page = showPage<ApplicationsPage>(window, QStringLiteral("reviews"));
            QVERIFY(page);
            QVERIFY(page->select(appId));
            ApplicationPanel *panel = page->panel();
            auto *sign_ = panel->findChild<QWidget *>(QStringLiteral("signReview"));
            QVERIFY(sign_->isVisibleTo(&window));
            QVERIFY(!sign_->isEnabled()); // nothing scored yet
            for (const char *crit : { "team", "market", "tech" }) {
                auto *spin = panel->findChild<QSpinBox *>(QStringLiteral("score_") + QLatin1String(crit));
                QVERIFY2(spin, crit);
                spin->setValue(7);
            }
            QVERIFY(sign_->isEnabled());
            answerNextSigning();
            QVERIFY(panel->signReview());
            QVERIFY2(
                window.noticeText().contains(QStringLiteral("Sequenced")), qPrintable(window.noticeText()));
            // The passphrase was asked once; the next signature in this session does not ask again.
            QVERIFY(ctx->unlockedKey());
        }
        {
            auto ctx = open(m_world->pmKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            auto *page = showPage<ApplicationsPage>(window, QStringLiteral("applications"));
            QVERIFY(page);
            QVERIFY(page->select(appId));
            ApplicationPanel *panel = page->panel();
            QVERIFY(panel->text().contains(QStringLiteral("total 21")));
            panel->findChild<QComboBox *>(QStringLiteral("decision"))->setCurrentIndex(0); // approve
            panel->findChild<QLineEdit *>(QStringLiteral("decisionReason"))
                ->setText(QStringLiteral("Clear plan"));
            answerNextSigning();
            QVERIFY(panel->signDecision());
            QVERIFY(window.noticeText().contains(QStringLiteral("Sequenced")));
            QVERIFY(panel->text().contains(QStringLiteral("Approved")));

            // "New grant from this application" opens the grants page's form for it.
            auto *fromApp = panel->findChild<QAbstractButton *>(QStringLiteral("grantFromApplication"));
            QVERIFY(fromApp->isVisibleTo(&window));
            fromApp->click();
            QCOMPARE(window.currentPageKey(), QStringLiteral("grants"));
            auto *grants = qobject_cast<GrantsPage *>(window.page(QStringLiteral("grants")));
            NewGrantForm *form = grants->newGrantForm();
            form->idEdit()->setText(QStringLiteral("g-2"));
            form->tranchesEdit()->setText(QStringLiteral("200"));
            form->expiryEdit()->setText(QStringLiteral("yesterday"));
            QVERIFY(!form->problem().isEmpty()); // said next to the field, as typed
            form->expiryEdit()->setText(QStringLiteral("2026-09-30"));
            QVERIFY2(form->problem().isEmpty(), qPrintable(form->problem()));
            answerNextSigning();
            QVERIFY(form->submit());
            QVERIFY2(
                window.noticeText().contains(QStringLiteral("Sequenced")), qPrintable(window.noticeText()));
            QVERIFY(grants->select(QStringLiteral("g-2")));
            QVERIFY(grants->detailText().contains(QStringLiteral("200.000")));

            // Usage above what is available: refused by the rules engine, the reason shown, nothing stored.
            m_world->clock()->advance(2 * kDay);
            UsageForm *usage = grants->usageForm();
            const QString start = ledger::units::formatIsoTime(m_world->clock()->nowMs() - kDay);
            const QString end = ledger::units::formatIsoTime(m_world->clock()->nowMs() - kHour);
            usage->usageKeyEdit()->setText(QStringLiteral("naver-cloud/test/1"));
            usage->amountEdit()->setText(QStringLiteral("250"));
            usage->periodStartEdit()->setText(start);
            usage->periodEndEdit()->setText(end);
            QVERIFY2(usage->problem().isEmpty(), qPrintable(usage->problem()));
            auto before = ctx->store().logSize();
            answerNextSigning();
            QVERIFY(!usage->submit());
            QVERIFY2(
                window.noticeText().contains(QStringLiteral("Rejected")), qPrintable(window.noticeText()));
            QVERIFY(window.noticeText().contains(QStringLiteral("Not enough credit")));
            QVERIFY(usage->problem().contains(QStringLiteral("Not enough credit")));
            QCOMPARE(ctx->store().logSize().value(), before.value());
            // The same refusal in the Korean UI: the reason in Korean, not the engine's English sentence.
            {
                QCOMPARE(installLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
                auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
                DialogHooks::setNextConfirm(true);
                QVERIFY(!usage->submit());
                QVERIFY2(
                    window.noticeText().contains(QStringLiteral("이 금액에 필요한 크레딧이 부족합니다.")),
                    qPrintable(window.noticeText()));
                QVERIFY2(!window.noticeText().contains(QStringLiteral("released and unused")),
                    qPrintable(window.noticeText()));
                QCOMPARE(ctx->store().logSize().value(), before.value());
            }

            // Within the balance it is recorded (and the key is still unlocked: no passphrase asked).
            // (Non-interactive: a passphrase prompt now would answer "cancel" and the usage would fail.)
            usage->amountEdit()->setText(QStringLiteral("50"));
            DialogHooks::clear();
            DialogHooks::setNextConfirm(true);
            QVERIFY(usage->submit());
        }
        {
            auto ctx = open(m_world->founder2Key);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            auto *page = showPage<StartupPage>(window, QStringLiteral("startup"));
            QVERIFY(page);
            RowTableModel *balances = page->balancesModel();
            QCOMPARE(balances->rowCount(), 1);
            QCOMPARE(balances->data(balances->index(0, 0)).toString(), QStringLiteral("naver-cloud/b200"));
            QCOMPARE(balances->data(balances->index(0, 1)).toString(), QStringLiteral("150.000"));
            QVERIFY(page->statementModel()->rowCount() >= 2); // granted, used
            QVERIFY2(
                page->forecastText().contains(QStringLiteral("runs out")), qPrintable(page->forecastText()));
        }
        {
            auto ctx = open(m_world->pmKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            auto *grants = showPage<GrantsPage>(window, QStringLiteral("grants"));
            QVERIFY(grants);
            QVERIFY(grants->select(QStringLiteral("g-2")));
            // Past its expiry the rest of the grant can be expired (offered only then).
            QVERIFY(!window.findChild<QAbstractButton *>(QStringLiteral("expireGrant"))->isEnabled());
            m_world->clock()->set(ledger::units::parseTime(u"2026-10-01", 0).value());
            grants->refresh();
            QVERIFY(grants->select(QStringLiteral("g-2")));
            QVERIFY(window.findChild<QAbstractButton *>(QStringLiteral("expireGrant"))->isEnabled());
            answerNextSigning();
            QVERIFY(grants->expireSelected());
            QVERIFY(grants->select(QStringLiteral("g-2")));
            QVERIFY2(grants->detailText().contains(QStringLiteral("expired 150.000")),
                qPrintable(grants->detailText()));
        }
    }

    void cancelledCeremonySignsNothing()
    {
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        const int64_t before = ctx->store().logSize().value();
        DialogHooks::setNextConfirm(false);
        ledger::json::Value body { ledger::json::Object {} };
        body.set("application", ledger::json::Value(m_world->underReview));
        body.set("decision", ledger::json::Value("rejected"));
        body.set("reason", ledger::json::Value("no"));
        QCOMPARE(SigningCeremony::run(nullptr, *ctx, "application.decided", body).kind,
            SignOutcome::Kind::Cancelled);
        // A wrong passphrase three times: the key stays locked, nothing is signed.
        for (int i = 0; i < 3; ++i)
            DialogHooks::setNextPassphrase("wrong");
        QString problem;
        QVERIFY(!SigningCeremony::ensureUnlocked(nullptr, *ctx, &problem));
        QVERIFY2(problem.contains(QStringLiteral("not right")), qPrintable(problem));
        QCOMPARE(DialogHooks::queuedPassphrases(), 0);
        QCOMPARE(ctx->store().logSize().value(), before);
    }

    void bulkAssignAndFilter()
    {
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<ApplicationsPage>(window, QStringLiteral("applications"));
        QVERIFY(page);
        QCOMPARE(page->model()->rowCount(), 2);
        QTest::keyClicks(page->search(), QStringLiteral("clinical"));
        QCOMPARE(page->model()->rowCount(), 1);
        page->view()->selectAll();
        const int reviewer2 = page->assignBox()->findText(QStringLiteral("reviewer-jung"));
        QVERIFY(reviewer2 >= 0);
        page->assignBox()->setCurrentIndex(reviewer2);
        answerNextSigning();
        QVERIFY(page->assignSelected());
        auto app = ledger::queries::application(ctx->store(), m_world->underReview);
        QVERIFY(app && app.value());
        QCOMPARE(app.value()->reviewers.size(), size_t(2));
        // Ctrl+F focuses the page's search.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(page->search()->hasFocus());
    }

    // Verification runs in the background with progress; the UI thread keeps turning; a tampered ledger
    // raises the red banner.
    void verifyInTheBackgroundAndRaiseTheBanner()
    {
        {
            auto ctx = open(m_world->pmKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            window.show();
            QSignalSpy done(&window, &MainWindow::verifyFinished);
            // startVerify returns while the worker runs (event-loop stalls are measured in bench/).
            window.startVerify(false);
            QVERIFY(window.verifying());
            QVERIFY(done.wait(60000));
            QVERIFY(window.bannerText().isEmpty());
            QVERIFY(window.statusText().contains(QStringLiteral("Verified")));
            QVERIFY(done.first().first().toBool());
        }
        {
            // Flip one byte of a stored entry (a test fault, written with SQLite directly).
            auto store = ledger::store::LedgerStore::open(
                m_world->ledger, ledger::store::LedgerStore::Mode::ReadWrite);
            QVERIFY(store);
            auto st = store.value()->db().cached("UPDATE log SET entry = CAST(replace(CAST(entry AS TEXT), "
                                                 "'pm-lee', 'pm-lie') AS BLOB)");
            QVERIFY(st);
            QVERIFY(st.value()->exec());
        }
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        window.show();
        QSignalSpy done(&window, &MainWindow::verifyFinished);
        window.startVerify(true);
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY2(window.bannerText().contains(QStringLiteral("failed verification")),
            qPrintable(window.bannerText()));
    }

    void syncPageListsTheOutbox()
    {
        {
            // Two entries signed "offline": one still waiting, one the registry rejected.
            auto store = ledger::store::LedgerStore::open(
                m_world->ledger, ledger::store::LedgerStore::Mode::ReadWrite);
            QVERIFY(store);
            ledger::replica::Outbox outbox(*store.value());
            const auto &w = m_world->fixture->world();
            auto waiting = m_world->fixture->sign(
                w.pm, "startup.registered", bodies::startup("st-9", kBrnA, "robotics", "Nine AI"));
            auto refused = m_world->fixture->sign(
                w.pm, "startup.registered", bodies::startup("st-10", kBrnA, "robotics", "Ten AI"));
            QVERIFY(outbox.queue(waiting, m_world->clock()->nowMs()));
            QVERIFY(outbox.queue(refused, m_world->clock()->nowMs()));
            QVERIFY(outbox.recordRejected(refused.id(), QStringLiteral("duplicate_brn"),
                QStringLiteral("A startup with this BRN is already registered.")));
        }
        auto ctx = open(m_world->reviewerKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<SyncPage>(window, QStringLiteral("sync"));
        QVERIFY(page);
        QCOMPARE(page->model()->rowCount(), 2);
        QVERIFY2(page->summaryText().startsWith(QStringLiteral("1 waiting for the registry, 1 rejected")),
            qPrintable(page->summaryText()));
        const QModelIndex code = page->model()->index(1, 4);
        QCOMPARE(code.data().toString(), QStringLiteral("duplicate_brn"));
        QCOMPARE(page->model()->index(1, 5).data().toString(),
            QStringLiteral("A startup with this BRN is already registered."));
        QVERIFY(page->model()->index(0, 4).data().toString().isEmpty());
    }

    void settingsValidateAsTypedAndEscCloses()
    {
        PortalSettings current;
        current.keyFile = m_world->pmKey;
        SettingsDialog dialog(current);
        dialog.show();
        QVERIFY(dialog.problem().isEmpty());
        auto *registry = dialog.findChild<QLineEdit *>(QStringLiteral("registryUrl"));
        QVERIFY(registry);
        QTest::keyClicks(registry, QStringLiteral("http://plain.example"));
        QVERIFY(dialog.problem().contains(QStringLiteral("https://")));
        registry->setText(QStringLiteral("https://registry.example"));
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.settings().registryUrl, QStringLiteral("https://registry.example"));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
    }

    void firstRunCreatesANewAlliance()
    {
        FirstRunDialog dialog;
        dialog.show();
        auto field
            = [&](const char *name) { return dialog.findChild<QLineEdit *>(QString::fromLatin1(name)); };
        QVERIFY(field("Alliance name") && field("New root key file"));
        const QString dir = m_world->fixture->dir().path();
        field("Alliance name")->setText(QStringLiteral("Test Alliance"));
        field("Alliance id")->setText(QStringLiteral("Not An Id!"));
        field("Log origin")->setText(QStringLiteral("test.example/ledger"));
        field("New ledger file")->setText(dir + QStringLiteral("/new.ledger"));
        field("New root key file")->setText(dir + QStringLiteral("/root.key"));
        field("Passphrase")->setText(QStringLiteral("a long passphrase"));
        field("Passphrase again")->setText(QStringLiteral("a long passphrase"));
        QPushButton *create = nullptr;
        for (auto *b : dialog.findChildren<QPushButton *>())
            if (b->text() == u"Create")
                create = b;
        QVERIFY(create);
        create->click(); // a bad id: refused, nothing written
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/new.ledger")));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/root.key")));
        field("Alliance id")->setText(QStringLiteral("test-alliance"));
        create->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.choice(), FirstRunDialog::Choice::Create);
        // The new ledger opens with its root key: an administrator of a one-entry log.
        auto ctx = PortalContext::open(dialog.ledgerPath(), dialog.keyFile());
        QVERIFY(ctx);
        QCOMPARE(ctx.value()->role(), std::optional<ledger::Role>(ledger::Role::Admin));
        QCOMPARE(ctx.value()->info().logSize, 1);
        QCOMPARE(ctx.value()->info().allianceName, std::string("Test Alliance"));
    }

    void explorerShowsEntriesAndProofs()
    {
        auto ctx = open(m_world->reviewerKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<ExplorerPage>(window, QStringLiteral("explorer"));
        QVERIFY(page);
        QVERIFY(page->goTo(2));
        QVERIFY(page->detailText().contains(QStringLiteral("Entry 2")));
        QTRY_VERIFY(page->detailText().contains(QStringLiteral("signature verifies")));
        QSignalSpy proof(page, &ExplorerPage::proofShown);
        page->requestProof();
        QVERIFY(proof.wait(30000));
        QCOMPARE(proof.first().first().toBool(), true);
        QVERIFY(page->detailText().contains(QStringLiteral("Inclusion proof")));
    }
};

QTEST_MAIN(TestPortalGui)
#include "tst_portalgui.moc"
