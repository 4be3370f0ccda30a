// The sequencer (ledger/engine/sequencer.h) when the file or the disk misbehaves: it refuses to open a
// read-only file or stale projections, and a storage failure, a full disk or a busy database in the middle
// of a batch leaves nothing behind, after which the same batch goes through.

#include "ledger/engine/statediff.h"
#include "ledger/engine/verifier.h"
#include "sequencertest.h"

#include <QTest>

#include <sqlite3.h>

using namespace ledger;
using namespace testsupport;
using namespace seqtest;

class TestSequencerFaults : public QObject
{
    Q_OBJECT

private slots:
    void openRefusesStaleProjectionsAndReadOnlyFiles()
    {
        QString path;
        ScratchDir keep;
        {
            LedgerFixture f;
            f.buildStandard();
            LF_STOP_IF_FAILED();
            path = keep.file(QStringLiteral("copy.db"));
            f.close();
            QVERIFY(QFile::copy(f.path(), path));
        }
        {
            auto ro = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
            QVERIFY(ro.ok());
            ManualClock clock(kT0);
            auto seq = Sequencer::open(*ro.value(), clock);
            QVERIFY(!seq.ok());
            QCOMPARE(seq.error().code, QStringLiteral("database_readonly"));
        }
        {
            sql::Database db = secondConnection(path);
            QVERIFY(db.execScript("UPDATE meta SET value = CAST('5' AS BLOB) WHERE key = 'projection_size'")
                        .ok());
        }
        auto rw = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(rw.ok());
        ManualClock clock(kT0);
        auto seq = Sequencer::open(*rw.value(), clock);
        QVERIFY(!seq.ok());
        QCOMPARE(seq.error().code, QStringLiteral("projections_stale"));
    }

    void storageFailureMidBatch_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QString>("code");
        // Each trigger makes one real write of the batch fail inside SQLite, at a different stage.
        QTest::newRow("third log row") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON log WHEN NEW.seq = %1 + 2 BEGIN SELECT RAISE(ABORT, "
            "'injected'); END") << QStringLiteral("constraint");
        QTest::newRow("first log row") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON log WHEN NEW.seq = %1 BEGIN SELECT RAISE(ABORT, "
            "'injected'); END") << QStringLiteral("constraint");
        QTest::newRow("projections") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON sponsors BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                     << QStringLiteral("constraint");
        QTest::newRow("movements") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON movements BEGIN SELECT RAISE(FAIL, 'injected %1'); END")
                                   << QStringLiteral("constraint");
        QTest::newRow("usages") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON usages BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                << QStringLiteral("constraint");
        QTest::newRow("checkpoint") << QStringLiteral("CREATE TRIGGER inject BEFORE INSERT ON checkpoints "
                                                      "BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                    << QStringLiteral("constraint");
        QTest::newRow("frontier") << QStringLiteral("CREATE TRIGGER inject BEFORE UPDATE ON meta WHEN "
                                                    "NEW.key = 'merkle_frontier' BEGIN SELECT RAISE(ABORT, "
                                                    "'injected %1'); END")
                                  << QStringLiteral("constraint");
    }

    void storageFailureMidBatch()
    {
        QFETCH(QString, trigger);
        QFETCH(QString, code);
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 100'000, now } }, now + 90 * kDay);
        LF_STOP_IF_FAILED();
        f.clock.advance(kHour);
        const std::vector<SignedEntry> batch {
            f.sign(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 1000, now, now + kHour)),
            f.sign(w.pm, "sponsor.registered", bodies::sponsor("new-sponsor")),
            f.sign(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 2000, now, now + kHour)),
            f.sign(w.pm, "usage.recorded",
                bodies::usage("g-1", "u-3", w.resource, 999'999, now, now + kHour)), // rejected
            f.sign(w.pm, "grant.clawed_back", bodies::clawback("g-1", 5000)),
        };
        const LedgerSnapshot before = f.snapshot();
        {
            sql::Database other = secondConnection(f.path());
            QVERIFY(other.execScript(trigger.arg(before.logSize).toStdString()).ok());
        }
        auto failed = f.sequencer().submit(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, code);
        QVERIFY(failed.error().message.contains(QLatin1String("injected")));
        // Nothing of the batch is stored, and the sequencer's memory is back where it was.
        const LedgerSnapshot after = f.snapshot();
        QCOMPARE(snapshotDifference(before, after), QString());
        QVERIFY(!f.store().db().inTransaction());
        // Once the disk behaves again the same batch goes through, at the same positions.
        {
            sql::Database other = secondConnection(f.path());
            QVERIFY(other.execScript("DROP TRIGGER inject").ok());
        }
        const auto receipts = f.submit(batch);
        QCOMPARE(receipts.size(), size_t(5));
        QCOMPARE(receipts[0].seq, before.logSize);
        QCOMPARE(receipts[2].seq, before.logSize + 2);
        QCOMPARE(receipts[3].rejection.code, QStringLiteral("insufficient_balance"));
        QCOMPARE(receipts[4].seq, before.logSize + 3);
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(3000));
        QCOMPARE(f.state().grants.at("g-1").clawedBack, int64_t(5000));
        QCOMPARE(invariantProblem(f.state()), QString());
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
        QVERIFY(f.reopen());
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(3000));
    }

    void diskFullMidBatch()
    {
        LedgerFixture f;
        f.buildStandard();
        LF_STOP_IF_FAILED();
        // A quota on the file's pages: the first new page the batch needs cannot be had.
        int64_t pageCount = 0;
        {
            auto pages = f.store().db().prepare("PRAGMA page_count");
            QVERIFY(pages.ok() && pages->step().ok());
            pageCount = pages->int64(0);
        }
        std::vector<SignedEntry> batch;
        for (int i = 0; i < 200; ++i) {
            Value body = bodies::sponsor("big-" + std::to_string(i), "corporate", std::string(190, 'n'));
            batch.push_back(f.sign(f.root, "sponsor.registered", body));
        }
        const LedgerSnapshot before = f.snapshot();
        QVERIFY(f.store().db().execScript("PRAGMA max_page_count = " + std::to_string(pageCount)).ok());
        auto failed = f.sequencer().submit(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, QStringLiteral("disk_full"));
        QCOMPARE(snapshotDifference(before, f.snapshot()), QString());
        QVERIFY(f.store().db().execScript("PRAGMA max_page_count = 1073741823").ok());
        const auto receipts = f.submit(batch);
        QCOMPARE(receipts.size(), size_t(200));
        QCOMPARE(receipts.back().seq, before.logSize + 199);
        QCOMPARE(f.logSize(), before.logSize + 200);
    }

    void busyDatabase()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        sqlite3_busy_timeout(f.store().db().handle(), 50); // do not wait the default 5 s
        const LedgerSnapshot before = f.snapshot();
        sql::Database other = secondConnection(f.path());
        {
            auto lock = sql::Transaction::begin(other); // another writer holds the lock
            QVERIFY(lock.ok());
            auto failed
                = f.sequencer().submit({ f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa")) });
            QVERIFY(!failed.ok());
            QCOMPARE(failed.error().code, QStringLiteral("database_busy"));
        }
        QCOMPARE(snapshotDifference(before, f.snapshot()), QString());
        QVERIFY(f.record(f.root, "sponsor.registered", bodies::sponsor("nipa")).accepted);
    }
};

QTEST_GUILESS_MAIN(TestSequencerFaults)
#include "tst_sequencer_faults.moc"
