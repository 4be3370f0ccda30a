// The Reports page driven through the real main window on a real ledger: an export lands as a complete file,
// a cancelled one leaves nothing behind, bad input is refused in words, and roles see only their reports.
#include "desktoptest.h"
#include "ledger/reports/csv.h"
#include "ledger/reports/reports.h"
#include "support/ctlprocess.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/reportjob.h"
#include "ui/pages/idpicker.h"
#include "ui/pages/reportspage.h"
#include "ui/window/mainwindow.h"

#include <QBuffer>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace testsupport;
using namespace portal;

class TestReportsPage : public PortalWorldTest
{
    Q_OBJECT

private:
    static ReportsPage *reportsPage(MainWindow &window)
    {
        return showPage<ReportsPage>(window, QStringLiteral("reports"));
    }

    static QPushButton *button(ReportsPage *page, const char *name)
    {
        return page->findChild<QPushButton *>(QLatin1String(name));
    }

    // Exports the page's report to `path` (the file dialog answers with it) and waits for the export to
    // end: whether it succeeded, or nullopt when it did not end within a minute.
    static std::optional<bool> exportTo(ReportsPage *page, const QString &path)
    {
        DialogHooks::setNextFileName(path);
        QSignalSpy done(page, &ReportsPage::exportFinished);
        QTest::mouseClick(button(page, "reportExport"), Qt::LeftButton);
        if (done.isEmpty() && !done.wait(60000))
            return std::nullopt;
        return done.first().first().toBool();
    }

protected slots:
    void cleanup()
    {
        ReportJob::setBeforeCommitHook({});
        PortalWorldTest::cleanup();
    }

private slots:

    void managerExportsAStatementCsv()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QVERIFY(page->reportNames().contains(QStringLiteral("statement")));
        QVERIFY(page->selectReport(QStringLiteral("statement")));
        QVERIFY(page->selectFormat(ReportJob::Format::Csv));
        // Picked by typing part of its name: the completion's entry resolves to the id.
        auto *startup = page->findChild<IdPicker *>(QStringLiteral("reportStartup"));
        QVERIFY(startup);
        // Completion by any part of the name, in any case.
        startup->completer()->setCompletionPrefix(QStringLiteral("health"));
        QCOMPARE(startup->completer()->completionCount(), 1);
        QCOMPARE(startup->completer()->currentCompletion(), QStringLiteral("Seoul Health AI (st-2)"));
        const int entry = startup->findData(QString::fromStdString(m_world->fixture->world().startup));
        QVERIFY(entry >= 0);
        startup->setEditText(startup->itemText(entry));
        QCOMPARE(startup->id(), QString::fromStdString(m_world->fixture->world().startup));
        const QString path = out.filePath(QStringLiteral("statement.csv"));
        QCOMPARE(exportTo(page, path), std::optional<bool>(true));
        QVERIFY2(page->statusText().contains(QDir::toNativeSeparators(path)), qPrintable(page->statusText()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QByteArray header = bytes.mid(3, bytes.indexOf("\r\n") - 3);
        QCOMPARE(
            header, QByteArray("Resource,Date,Seq,Movement,Grant,Counterparty,Amount,Balance,Grant expires"));
        // The whole file is what the report library writes for the same ledger and options.
        auto store
            = ledger::store::LedgerStore::open(m_world->ledger, ledger::store::LedgerStore::Mode::ReadOnly);
        QVERIFY(store);
        ledger::reports::ReportOptions options;
        options.startup = QString::fromStdString(m_world->fixture->world().startup);
        options.now = ctx->nowMs();
        auto report = ledger::reports::buildReport(*store.value(), QStringLiteral("statement"), options);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        QVERIFY(ledger::reports::writeCsv(report.value(), expected));
        QCOMPARE(bytes, expected.data());
        // Only the file itself is left in the directory (no temporary file).
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden),
            QStringList { QStringLiteral("statement.csv") });
    }

    void xlsxAndPdfAreWritten()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        auto ctx = open(m_world->auditorKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QVERIFY(page->selectReport(QStringLiteral("utilisation")));
        const std::pair<ReportJob::Format, QByteArray> cases[]
            = { { ReportJob::Format::Xlsx, "PK" }, { ReportJob::Format::Pdf, "%PDF" } };
        for (const auto &[format, magic] : cases) {
            QVERIFY(page->selectFormat(format));
            const QString path = out.filePath(QStringLiteral("u.") + QString::fromLatin1(magic.left(2)));
            QVERIFY2(exportTo(page, path) == true, qPrintable(page->statusText()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.read(magic.size()) == magic);
        }
    }

    void cancellingLeavesNoPartialFile()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QVERIFY(page->selectReport(QStringLiteral("utilisation")));
        QVERIFY(page->selectFormat(ReportJob::Format::Xlsx));
        // Hold the worker after the report is built, so Cancel is pressed while the export runs.
        QSemaphore reached, release;
        ReportJob::setBeforeCommitHook([&] {
            reached.release();
            release.acquire();
        });
        const QString path = out.filePath(QStringLiteral("utilisation.xlsx"));
        DialogHooks::setNextFileName(path);
        // Never leave the worker held (the window's destructor joins it), even when a check below fails.
        auto unblock = qScopeGuard([&] { release.release(); });
        QSignalSpy done(page, &ReportsPage::exportFinished);
        QTest::mouseClick(button(page, "reportExport"), Qt::LeftButton);
        QVERIFY(page->running());
        QVERIFY(reached.tryAcquire(1, 60000));
        QPushButton *cancel = button(page, "reportCancel");
        const bool cancelShown = cancel->isVisible();
        QTest::mouseClick(cancel, Qt::LeftButton);
        release.release();
        QVERIFY(cancelShown);
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY2(page->statusText().contains(QStringLiteral("Nothing was written")),
            qPrintable(page->statusText()));
        QVERIFY(!QFile::exists(path));
        QVERIFY(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
        QVERIFY(!cancel->isVisible());
    }

    void badInputIsRefusedInWords()
    {
        QTemporaryDir out;
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QVERIFY(page->selectReport(QStringLiteral("statement")));
        // No startup: refused before any dialog or job.
        QTest::mouseClick(button(page, "reportExport"), Qt::LeftButton);
        QVERIFY(!page->running());
        // An unknown startup: the job fails and says so; no file.
        page->findChild<IdPicker *>(QStringLiteral("reportStartup"))
            ->setEditText(QStringLiteral("st-nobody"));
        const QString path = out.filePath(QStringLiteral("x.csv"));
        QCOMPARE(exportTo(page, path), std::optional<bool>(false));
        QVERIFY2(
            page->statusText().contains(QStringLiteral("No such startup")), qPrintable(page->statusText()));
        QVERIFY(!QFile::exists(path));
    }

    // Each report offers exactly the options the ledger's catalogue says it takes (ReportInfo::takes), the
    // journal's sponsor among them.
    void eachReportOffersExactlyWhatItTakes()
    {
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QStringList all;
        for (const auto &info : ledger::reports::catalogue())
            all << info.name;
        QCOMPARE(page->reportNames(), all);
        const std::pair<const char *, const char *> options[]
            = { { "startup", "reportStartup" }, { "sponsor", "reportSponsor" }, { "from", "reportFrom" },
                  { "to", "reportTo" }, { "days", "reportDays" } };
        for (const auto &info : ledger::reports::catalogue()) {
            QVERIFY(page->selectReport(info.name));
            for (const auto &[option, widget] : options) {
                auto *w = page->findChild<QWidget *>(QLatin1String(widget));
                QVERIFY(w);
                QVERIFY2(w->isVisibleTo(&window) == info.takes.contains(QLatin1String(option)),
                    qPrintable(QStringLiteral("%1 --%2").arg(info.name, QLatin1String(option))));
            }
        }
        QVERIFY(page->selectReport(QStringLiteral("journal")));
        QVERIFY(page->findChild<QWidget *>(QStringLiteral("reportSponsor"))->isVisibleTo(&window));
    }

    // The journal of one sponsor from the page has the balances of `alliancectl report journal --sponsor`.
    void journalBySponsorMatchesTheCli()
    {
        const QString hledger = QStandardPaths::findExecutable(QStringLiteral("hledger"));
        if (hledger.isEmpty())
            QSKIP("hledger is not installed (scripts/setup.sh installs it)");
        // A second sponsor's pool, which the first sponsor's journal must leave out.
        m_world = makePortalWorld([](LedgerFixture &f) {
            const World &w = f.world();
            f.pool("kvc-b200", w.sponsor2, w.programme, w.resource, 400'000, w.poolValidUntil);
        });
        QVERIFY(m_world);
        const World &w = m_world->fixture->world();
        QTemporaryDir out;
        QVERIFY(out.isValid());
        auto ctx = open(m_world->pmKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QVERIFY(page->selectReport(QStringLiteral("journal")));
        auto *sponsor = page->findChild<IdPicker *>(QStringLiteral("reportSponsor"));
        const int entry = sponsor->findData(QString::fromStdString(w.sponsor));
        QVERIFY(entry >= 0);
        sponsor->setEditText(sponsor->itemText(entry));
        QCOMPARE(sponsor->id(), QString::fromStdString(w.sponsor));
        const QString path = out.filePath(QStringLiteral("page.journal"));
        QVERIFY2(exportTo(page, path) == true, qPrintable(page->statusText()));

        const QString cliPath = out.filePath(QStringLiteral("cli.journal"));
        RunOptions inTime;
        inTime.timeoutMs = 120'000;
        const RunResult ctl
            = runAlliancectl({ QStringLiteral("report"), QStringLiteral("journal"),
                                 QStringLiteral("--ledger"), m_world->ledger, QStringLiteral("--format"),
                                 QStringLiteral("journal"), QStringLiteral("--sponsor"),
                                 QString::fromStdString(w.sponsor), QStringLiteral("--out"), cliPath },
                inTime);
        QVERIFY2(ctl.exitCode == 0, ctl.err.constData());
        const QStringList bal = { QStringLiteral("bal"), QStringLiteral("--flat"),
            QStringLiteral("--no-total"), QStringLiteral("-f") };
        const RunResult fromPage = runProgram(hledger, bal + QStringList { path }, inTime);
        const RunResult fromCli = runProgram(hledger, bal + QStringList { cliPath }, inTime);
        QVERIFY2(fromPage.exitCode == 0, fromPage.err.constData());
        QVERIFY2(fromCli.exitCode == 0, fromCli.err.constData());
        QCOMPARE(fromPage.out, fromCli.out);
        // Filtered: the sponsor's own pool is there, the other sponsor's is not.
        QVERIFY2(fromPage.out.contains("nipa-b200"), fromPage.out.constData());
        QVERIFY2(!fromPage.out.contains("kvc-b200"), fromPage.out.constData());
    }

    void aReviewerHasNoReports()
    {
        auto ctx = open(m_world->reviewerKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        QVERIFY(!window.pageKeys().contains(QStringLiteral("reports")));
        QVERIFY(!reportsPage(window));
    }

    // A sponsor and a founder each see the one report about themselves, its picker locked on them.
    void lockedRolesSeeOnlyTheirOwnReport_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("report");
        QTest::addColumn<QString>("picker");
        QTest::newRow("sponsor") << "sponsor"
                                 << "utilisation"
                                 << "reportSponsor";
        QTest::newRow("founder") << "founder"
                                 << "statement"
                                 << "reportStartup";
    }
    void lockedRolesSeeOnlyTheirOwnReport()
    {
        QFETCH(QString, role);
        QFETCH(QString, report);
        QFETCH(QString, picker);
        const bool sponsor = role == u"sponsor";
        auto ctx = open(sponsor ? m_world->sponsorKey : m_world->founderKey);
        QVERIFY(ctx);
        MainWindow window(*ctx);
        ReportsPage *page = reportsPage(window);
        QVERIFY(page);
        QCOMPARE(page->reportNames(), QStringList { report });
        auto *own = page->findChild<IdPicker *>(picker);
        QVERIFY(own);
        QVERIFY(own->locked() && !own->isEnabled());
        QCOMPARE(own->count(), 1);
        QCOMPARE(
            own->id(), QString::fromStdString(sponsor ? ctx->member()->sponsor : ctx->member()->startup));
    }
};

QTEST_MAIN(TestReportsPage)
#include "tst_reportspage.moc"
