// The actions added in session 3, driven through the real main window on a real ledger: a startup withdraws
// its application (and cannot withdraw one already granted); a manager browses the Startups page (search by
// name, id and BRN, sector filter, the detail pane); a startup applies with an attachment whose SHA-256 goes
// into the entry, and a manager checks a file against it. Role boundaries from the wrong side: a reviewer
// never sees "withdraw", a startup never reaches the Startups page.

#include "desktoptest.h"
#include "ledger/queries/applications.h"
#include "ledger/queries/attachments.h"
#include "tablefit.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/models/rowtablemodel.h"
#include "ui/models/startupsmodel.h"
#include "ui/pages/applicationpanel.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/startuppage.h"
#include "ui/pages/startupspage.h"
#include "ui/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace testsupport;
using namespace portal;

class TestPortalActions : public PortalWorldTest
{
    Q_OBJECT

private:
    static bool selectApplication(StartupPage *page, const QString &id)
    {
        QTableView *view = page->applicationsView();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex index = view->model()->index(r, 0);
            if (index.data(RowTableModel::IdRole).toString() == id) {
                view->setCurrentIndex(index);
                return true;
            }
        }
        return false;
    }

    // The manager grants the approved app-1 (startup st-1): 300 GPU-hours, released now.
    void grantApplication1()
    {
        auto pm = open(m_world->pmKey);
        QVERIFY(pm);
        const auto &w = m_world->fixture->world();
        const int64_t now = m_world->clock()->nowMs();
        answerNextSigning();
        const SignOutcome out = SigningCeremony::run(nullptr, *pm, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { w.requested, now } }, now + 90 * kDay));
        QVERIFY2(out.done(), qPrintable(out.message));
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_world->fixture->dir().file(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return {};
        return path;
    }

private slots:
    void startupWithdrawsItsApplication()
    {
        const QString appId = QString::fromStdString(m_world->underReview); // startup2's, under review
        auto ctx = open(m_world->founder2Key);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<StartupPage>(window, QStringLiteral("startup"));
        QVERIFY(page);
        QVERIFY(selectApplication(page, appId));
        QVERIFY(!page->withdrawButton()->isEnabled()); // no reason yet
        QTest::keyClicks(page->withdrawReason(), QStringLiteral("Funded by another programme"));
        QVERIFY(page->withdrawButton()->isEnabled());
        answerNextSigning();
        QVERIFY(page->withdrawSelected());
        QVERIFY2(window.noticeText().contains(QStringLiteral("Sequenced")), qPrintable(window.noticeText()));
        auto app = ledger::queries::application(ctx->store(), m_world->underReview);
        QVERIFY(app && app.value());
        QCOMPARE(app.value()->stage, std::string("withdrawn"));
        QCOMPARE(app.value()->decisionReason, std::string("Funded by another programme"));
        // Withdrawn now: not offered again, and said why.
        page->refresh();
        QVERIFY(selectApplication(page, appId));
        QVERIFY(!page->withdrawButton()->isEnabled());
        QVERIFY(!page->withdrawReason()->isEnabled());
    }

    // A programme manager withdraws an application on the startup's behalf, from its detail pane, with a
    // reason; a granted one is not offered.
    void managerWithdrawsAnApplication()
    {
        const QString appId = QString::fromStdString(m_world->underReview);
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<ApplicationsPage>(window, QStringLiteral("applications"));
        QVERIFY(page);
        QVERIFY(page && page->select(appId));
        auto *panel = window.findChild<ApplicationPanel *>(QStringLiteral("applicationPanel"));
        QVERIFY(panel);
        QCOMPARE(panel->applicationId(), appId);
        auto *reason = panel->findChild<QLineEdit *>(QStringLiteral("managerWithdrawReason"));
        auto *withdraw = panel->findChild<QPushButton *>(QStringLiteral("managerWithdraw"));
        QVERIFY(reason && withdraw);
        QVERIFY(withdraw->isVisibleTo(panel));
        QVERIFY(!withdraw->isEnabled()); // no reason yet
        QTest::keyClicks(reason, QStringLiteral("The startup asked us by letter"));
        QVERIFY(withdraw->isEnabled());
        answerNextSigning();
        QVERIFY(panel->signWithdrawal());
        auto app = ledger::queries::application(ctx->store(), m_world->underReview);
        QVERIFY(app && app.value());
        QCOMPARE(app.value()->stage, std::string("withdrawn"));
        QCOMPARE(app.value()->decisionReason, std::string("The startup asked us by letter"));
        QVERIFY(!withdraw->isVisibleTo(panel)); // withdrawn: not offered again
        // Granted: not offered.
        grantApplication1();
        if (QTest::currentTestFailed())
            return;
        ctx->notifyChanged();
        panel->showApplication(QString::fromStdString(m_world->fixture->world().application));
        QVERIFY(!withdraw->isVisibleTo(panel));
        QVERIFY(!panel->signWithdrawal());
    }

    void aGrantedApplicationCannotBeWithdrawn()
    {
        grantApplication1();
        if (QTest::currentTestFailed())
            return;
        const QString appId = QString::fromStdString(m_world->fixture->world().application); // granted
        auto ctx = open(m_world->founderKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<StartupPage>(window, QStringLiteral("startup"));
        QVERIFY(page);
        QVERIFY(selectApplication(page, appId));
        page->withdrawReason()->setText(QStringLiteral("changed our minds"));
        QVERIFY(!page->withdrawButton()->isEnabled());
        const int64_t before = ctx->store().logSize().value();
        QVERIFY(!page->withdrawSelected());
        QCOMPARE(ctx->store().logSize().value(), before);
        // A startup's key cannot withdraw another startup's application either (the rules engine).
        answerNextSigning();
        ledger::json::Value body { ledger::json::Object {} };
        body.set("application", ledger::json::Value(m_world->underReview));
        body.set("reason", ledger::json::Value("not ours"));
        const SignOutcome out = SigningCeremony::run(nullptr, *ctx, "application.withdrawn", std::move(body));
        QCOMPARE(out.kind, SignOutcome::Kind::Rejected);
        QCOMPARE(out.code, QStringLiteral("not_authorised"));
    }

    // A reviewer goes through every page it has: no withdraw control anywhere. A startup has no Startups
    // page, and cannot open it by key.
    void rolesFromTheWrongSide()
    {
        {
            auto ctx = open(m_world->reviewerKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            window.show();
            for (const QString &key : window.pageKeys())
                QVERIFY(window.showPage(key));
            QVERIFY(window.findChildren<QWidget *>(QStringLiteral("withdrawApplication")).isEmpty());
            QVERIFY(!window.showPage(QStringLiteral("startups")));
            // The reviewer's own assigned application: scoring offered, withdrawing not.
            QVERIFY(!window.findChildren<ApplicationPanel *>().isEmpty());
            for (auto *panel : window.findChildren<ApplicationPanel *>()) {
                panel->showApplication(QString::fromStdString(m_world->underReview));
                auto *withdraw = panel->findChild<QPushButton *>(QStringLiteral("managerWithdraw"));
                QVERIFY(withdraw);
                QVERIFY(!withdraw->isVisibleTo(panel));
                QVERIFY(!panel->signWithdrawal());
            }
        }
        // A sponsor: no page offers withdrawing an application.
        {
            auto ctx = open(m_world->sponsorKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            window.show();
            for (const QString &key : window.pageKeys())
                QVERIFY(window.showPage(key));
            for (auto *panel : window.findChildren<ApplicationPanel *>()) {
                panel->showApplication(QString::fromStdString(m_world->underReview));
                QVERIFY(
                    !panel->findChild<QPushButton *>(QStringLiteral("managerWithdraw"))->isVisibleTo(panel));
            }
            QVERIFY(window.findChildren<QWidget *>(QStringLiteral("withdrawApplication")).isEmpty());
        }
        {
            auto ctx = open(m_world->founderKey);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            window.show();
            QVERIFY(!window.pageKeys().contains(QStringLiteral("startups")));
            QVERIFY(!window.showPage(QStringLiteral("startups")));
            QVERIFY(!window.page(QStringLiteral("startups")));
            QVERIFY(window.findChildren<StartupsPage *>().isEmpty());
        }
    }

    void managerBrowsesStartups()
    {
        grantApplication1();
        if (QTest::currentTestFailed())
            return;
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<StartupsPage>(window, QStringLiteral("startups"));
        QVERIFY(page);
        QAbstractItemModelTester tester(
            page->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(page->model()->rowCount(), 2);
        // By name (as typed, any case), by BRN with its dashes, by sector.
        QTest::keyClicks(page->search(), QStringLiteral("seoul"));
        QCOMPARE(page->filter()->rowCount(), 1);
        QCOMPARE(page->filter()->index(0, StartupsModel::Id).data().toString(), QStringLiteral("st-2"));
        page->search()->setText(QStringLiteral("220-81"));
        QCOMPARE(page->filter()->rowCount(), 1);
        QCOMPARE(
            page->filter()->index(0, StartupsModel::Brn).data().toString(), QStringLiteral("220-81-62517"));
        page->search()->clear();
        page->sector()->setCurrentIndex(page->sector()->findData(QStringLiteral("healthcare")));
        QCOMPARE(page->filter()->rowCount(), 1);
        page->sector()->setCurrentIndex(0);
        QCOMPARE(page->filter()->rowCount(), 2);
        // The granted startup's balance, with its resource; its application in the detail pane.
        QVERIFY(page->select(QStringLiteral("st-1")));
        const QModelIndex current = page->view()->currentIndex();
        const QString balance
            = page->filter()->index(current.row(), StartupsModel::Balance).data().toString();
        QVERIFY2(balance.contains(QStringLiteral("naver-cloud/b200")), qPrintable(balance));
        QVERIFY2(
            page->detailText().contains(QStringLiteral("Hangang Robotics")), qPrintable(page->detailText()));
        QVERIFY(page->detailText().contains(QString::fromStdString(m_world->fixture->world().application)));
        // Sorting by balance: the startup holding credit first when descending.
        page->view()->sortByColumn(StartupsModel::Balance, Qt::DescendingOrder);
        QCOMPARE(page->filter()->index(0, StartupsModel::Id).data().toString(), QStringLiteral("st-1"));
    }

    // At the window's default size the grants, applications, startups and pools tables fit their panes: no
    // horizontal scrolling, the long columns share the rest and elide.
    void tablesFitTheirPanes()
    {
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        window.show();
        for (auto [page, table] :
            { std::pair { "grants", "grantsTable" }, std::pair { "applications", "applicationsTable" },
                std::pair { "startups", "startupsTable" }, std::pair { "pools", "poolsTable" } }) {
            const QString problem
                = uitest::tableFitsItsPane(window, QString::fromLatin1(page), QString::fromLatin1(table));
            QVERIFY2(
                problem.isEmpty(), qPrintable(QString::fromLatin1(page) + QStringLiteral(": ") + problem));
        }
    }

    void attachmentHashesGoIntoTheEntryAndCheck()
    {
        const QByteArray content = "Business plan, version 3\n";
        const QString plan = writeFile(QStringLiteral("plan.pdf"), content);
        const QString other = writeFile(QStringLiteral("other.pdf"), "Something else\n");
        QVERIFY(!plan.isEmpty() && !other.isEmpty());
        const QString expected
            = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        {
            auto ctx = open(m_world->founder2Key);
            QVERIFY(ctx);
            MainWindow window(*ctx);
            auto *page = showPage<StartupPage>(window, QStringLiteral("startup"));
            QVERIFY(page);
            QSignalSpy attached(page, &StartupPage::attachmentsChanged);
            DialogHooks::setNextFileName(plan);
            window.findChild<QPushButton *>(QStringLiteral("attachFile"))->click(); // in the detail pane
            QVERIFY(attached.wait(10000));
            QCOMPARE(page->attachmentCount(), 1);
            // A file that cannot be read: said, nothing attached.
            page->addAttachment(m_world->fixture->dir().file(QStringLiteral("missing.pdf")));
            QVERIFY(attached.wait(10000));
            QCOMPARE(page->attachmentCount(), 1);
            page->applyId()->setText(QStringLiteral("app-9"));
            page->applyTitle()->setText(QStringLiteral("Medical imaging model"));
            page->applyAmount()->setText(QStringLiteral("120"));
            answerNextSigning();
            QVERIFY(page->apply());
            QCOMPARE(page->attachmentCount(), 0); // the form is cleared once sequenced
            auto attachments = ledger::queries::applicationAttachments(ctx->store(), "app-9");
            QVERIFY2(attachments, attachments ? "" : qPrintable(attachments.error().message));
            QCOMPARE(attachments.value().size(), size_t(1));
            QCOMPARE(attachments.value()[0].name, std::string("plan.pdf"));
            QCOMPARE(QString::fromStdString(attachments.value()[0].sha256), expected);
        }
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<ApplicationsPage>(window, QStringLiteral("applications"));
        QVERIFY(page);
        QVERIFY(page->select(QStringLiteral("app-9")));
        ApplicationPanel *panel = page->panel();
        QVERIFY2(panel->text().contains(QStringLiteral("plan.pdf")), qPrintable(panel->text()));
        QVERIFY(panel->text().contains(expected));
        QVERIFY(panel->findChild<QWidget *>(QStringLiteral("checkAttachment"))->isVisibleTo(&window));
        QSignalSpy checked(panel, &ApplicationPanel::attachmentChecked);
        panel->checkFile(plan);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().first().toBool(), true);
        QVERIFY(panel->checkResult().contains(QStringLiteral("matches")));
        panel->checkFile(other);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().first().toBool(), false);
        QVERIFY(panel->checkResult().contains(QStringLiteral("none of the attachments")));
        // An application without attachments offers no check.
        QVERIFY(page->select(QString::fromStdString(m_world->underReview)));
        QVERIFY(!panel->findChild<QWidget *>(QStringLiteral("checkAttachment"))->isVisibleTo(&window));
    }
};

QTEST_MAIN(TestPortalActions)
#include "tst_portalactions.moc"
