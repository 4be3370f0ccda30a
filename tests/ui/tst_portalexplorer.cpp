// The ledger explorer on a log of many windows (the demo alliance): a jump to any entry returns at once and
// its details follow from the model's worker, even when the disk is made slow on purpose; the table fills in
// as windows arrive; and a verify job can be started again from its own finished() signal. The Startups page
// of the demo fits the default window in both languages with every single-resource balance shown whole.

#include "desktoptest.h"
#include "tablefit.h"
#include "ui/core/demosetup.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/verifyjob.h"
#include "ui/models/logmodel.h"
#include "ui/models/startupsmodel.h"
#include "ui/pages/explorerpage.h"
#include "ui/pages/startupspage.h"
#include "ui/window/mainwindow.h"
#include "ui/window/portalapp.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFontMetrics>
#include <QHeaderView>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace testsupport;
using namespace portal;

class TestPortalExplorer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DemoPaths m_demo;

    std::unique_ptr<PortalContext> open()
    {
        auto ctx = PortalContext::open(m_demo.ledger, QString());
        if (!ctx) {
            QTest::qFail(qPrintable(ctx.error().toString()), __FILE__, __LINE__);
            return nullptr;
        }
        return std::move(ctx.value());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        auto demo = ensureDemo(m_dir.filePath(QStringLiteral("demo")), 20);
        QVERIFY2(demo, demo ? "" : qPrintable(demo.error().toString()));
        m_demo = demo.value();
    }

    void cleanup() { LogModel::setBeforeReadHook({}); }

    // The model never reads on the UI thread: a row not read yet says so, and is filled in by dataChanged.
    void modelFillsInFromTheWorker()
    {
        auto ctx = open();
        QVERIFY(ctx);
        LogModel model(*ctx);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int rows = model.rowCount();
        QVERIFY2(rows > 4 * LogModel::kPageSize, qPrintable(QString::number(rows)));
        const int last = rows - 1; // the genesis entry
        QCOMPARE(model.data(model.index(last, LogModel::Seq)).toString(), QStringLiteral("0"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        if (model.entryAt(last) == nullptr)
            QCOMPARE(model.data(model.index(last, LogModel::Summary)).toString(), QStringLiteral("Loading…"));
        QTRY_VERIFY(model.entryAt(last) != nullptr);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(
            model.data(model.index(last, LogModel::Type)).toString(), QStringLiteral("alliance.genesis"));
        QVERIFY(
            model.data(model.index(last, LogModel::Checks)).toString().contains(QStringLiteral("✓ signed")));
        QTRY_COMPARE(model.data(model.index(last - 1, LogModel::Signer)).toString(), QStringLiteral("root"));
        QVERIFY(model.pagesRead() >= 1);
    }

    // With every window read taking 300 ms, a jump still returns at once (a read on the UI thread would take
    // at least that long); the details say they are being read, then show the entry.
    void jumpDoesNotWaitForTheDisk()
    {
        auto ctx = open();
        QVERIFY(ctx);
        MainWindow window(*ctx);
        auto *page = showPage<ExplorerPage>(window, QStringLiteral("explorer"));
        QVERIFY(page);
        QTRY_VERIFY(page->detailText().contains(QStringLiteral("signature verifies")));
        LogModel::setBeforeReadHook([] { QThread::msleep(300); });
        QSignalSpy shown(page, &ExplorerPage::detailShown);
        const int64_t target
            = 5; // the oldest window: nobody has read it yet (read-ahead goes one window ahead)
        QElapsedTimer t;
        t.start();
        QVERIFY(page->goTo(target));
        QCoreApplication::processEvents(); // the view repaints and asks for the rows it shows
        const qint64 elapsed = t.elapsed();
        QVERIFY2(elapsed < 250, qPrintable(QStringLiteral("the jump took %1 ms").arg(elapsed)));
        QVERIFY(page->detailText().contains(QStringLiteral("Reading the entry")));
        QVERIFY(shown.wait(10000));
        QCOMPARE(shown.last().first().toLongLong(), target);
        QVERIFY(page->detailText().contains(QStringLiteral("Entry %1").arg(target)));
        QVERIFY(page->detailText().contains(QStringLiteral("Signed by")));
        // The proof needs only the number, and comes from its own worker.
        QSignalSpy proof(page, &ExplorerPage::proofShown);
        page->requestProof();
        QVERIFY(proof.wait(30000));
        QCOMPARE(proof.first().first().toBool(), true);
    }

    // Jumping quickly through many windows: the last asked is read first, the detail ends on it.
    void lastJumpWins()
    {
        auto ctx = open();
        QVERIFY(ctx);
        ExplorerPage page(*ctx);
        page.resize(1000, 700);
        page.show();
        LogModel::setBeforeReadHook([] { QThread::msleep(30); });
        const int64_t size = page.model()->rowCount();
        int64_t last = 0;
        for (int64_t seq = 1; seq < size; seq += LogModel::kPageSize + 3) {
            QVERIFY(page.goTo(seq));
            last = seq;
        }
        QSignalSpy shown(&page, &ExplorerPage::detailShown);
        QTRY_VERIFY_WITH_TIMEOUT(page.detailText().contains(QStringLiteral("Signed by")), 15000);
        QVERIFY(page.detailText().contains(QStringLiteral("Entry %1").arg(last)));
    }

    // At 1280x800 the demo's startups table fits its pane, in English and in Korean (whose headers differ in
    // width), and a balance of one resource is never cut: the name gives way first. The id, not a column,
    // is in the name's tooltip.
    void startupsBalancesAreShownWhole()
    {
        auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        for (const QString &lang : { QStringLiteral("en"), QStringLiteral("ko") }) {
            QCOMPARE(installLanguage(lang), lang);
            auto ctx = PortalContext::open(m_demo.ledger, m_demo.keyFile(QStringLiteral("pm-1.key")));
            QVERIFY2(ctx, ctx ? "" : qPrintable(ctx.error().toString()));
            MainWindow window(*ctx.value());
            window.show();
            const QString problem = uitest::tableFitsItsPane(
                window, QStringLiteral("startups"), QStringLiteral("startupsTable"));
            QVERIFY2(problem.isEmpty(), qPrintable(lang + QStringLiteral(": ") + problem));
            auto *page = qobject_cast<StartupsPage *>(window.page(QStringLiteral("startups")));
            QVERIFY(page);
            QTableView *view = page->view();
            QVERIFY(view->isColumnHidden(StartupsModel::Id));
            const QFontMetrics metrics(fmt::numberFont());
            int singles = 0;
            for (int r = 0; r < page->filter()->rowCount(); ++r) {
                const QModelIndex balance = page->filter()->index(r, StartupsModel::Balance);
                const QString text = balance.data().toString();
                if (text.contains(QStringLiteral(" · ")) || text == QStringLiteral("—"))
                    continue;
                ++singles;
                // The item's text margins: 3 px a side in the Fusion and Windows styles; 8 to be safe.
                const int needed = metrics.horizontalAdvance(text) + 8;
                QVERIFY2(view->columnWidth(StartupsModel::Balance) >= needed,
                    qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, has %4")
                                   .arg(lang, text)
                                   .arg(needed)
                                   .arg(view->columnWidth(StartupsModel::Balance))));
            }
            QVERIFY(singles > 0);
            QVERIFY(view->columnWidth(StartupsModel::Name) >= 120);
            const QModelIndex name = page->filter()->index(0, StartupsModel::Name);
            QVERIFY(
                name.data(Qt::ToolTipRole).toString().contains(name.data(StartupsModel::IdRole).toString()));
        }
    }

    // With the Korean translation installed, the entries read in Korean (entry summaries are translated in
    // context "EntrySummary"); back in English they read as the CLI prints them.
    void entriesReadInKorean()
    {
        auto ctx = open();
        QVERIFY(ctx);
        QCOMPARE(installLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
        auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        {
            LogModel model(*ctx);
            const int genesis = model.rowCount() - 1;
            QTRY_VERIFY(model.entryAt(genesis) != nullptr);
            const QString text = model.data(model.index(genesis, LogModel::Summary)).toString();
            QVERIFY2(text.startsWith(QStringLiteral("얼라이언스 \"")), qPrintable(text));
            bool sawKoreanApplication = false;
            for (int r = 0; r < model.rowCount() && !sawKoreanApplication; ++r) {
                QTRY_VERIFY(model.entryAt(r) != nullptr);
                if (model.entryAt(r)->type == "application.submitted") {
                    const QString s = model.entryAt(r)->summary;
                    QVERIFY2(s.contains(QStringLiteral("의 신청서")) && s.contains(QStringLiteral("GPU시간")),
                        qPrintable(s));
                    sawKoreanApplication = true;
                }
            }
            QVERIFY(sawKoreanApplication);
        }
        installLanguage(QStringLiteral("en"));
        LogModel model(*ctx);
        const int genesis = model.rowCount() - 1;
        QTRY_VERIFY(model.entryAt(genesis) != nullptr);
        QVERIFY(model.entryAt(genesis)->summary.startsWith(QStringLiteral("Alliance \"")));
    }

    // finished() is delivered after the worker's work; a slot on it may start the job again (the thread
    // may still be tearing down then): the second run is not ignored.
    void verifyJobRestartsFromItsFinishedSignal()
    {
        VerifyJob job(m_demo.ledger, true);
        QSignalSpy done(&job, &VerifyJob::finished);
        int restarts = 0;
        connect(&job, &VerifyJob::finished, this, [&] {
            QVERIFY(!job.running());
            if (restarts++ == 0) {
                job.start();
                QVERIFY(job.running());
            }
        });
        job.start();
        QVERIFY(job.running());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 60000);
        QVERIFY(done.at(0).at(0).toBool() && done.at(1).at(0).toBool());
        QVERIFY(!job.running());
    }
};

QTEST_MAIN(TestPortalExplorer)
#include "tst_portalexplorer.moc"
