// Idempotent imports on a real ledger through a real LedgerSession: re-import is a no-op, an overlapping
// file adds only its new rows, bad rows are reported by line and stop the import unless skipBad, and
// hostile files are refused with nothing recorded.

#include "ledger/codec/entry.h"
#include "ledger/engine/session.h"
#include "ledger/imports/imports.h"
#include "ledger/queries/balances.h"
#include "reportworld.h"

#include <QTest>

using namespace ledger::imports;
using namespace testsupport;

namespace {

QByteArray usageCsv(const QList<QByteArray> &rows)
{
    QByteArray out("provider,resource,startup,period,gpu_hours\r\n");
    for (const auto &r : rows)
        out += r + "\r\n";
    return out;
}

} // namespace

class TestImports : public QObject
{
    Q_OBJECT

    std::unique_ptr<LedgerFixture> fx;
    std::unique_ptr<ledger::LedgerSession> session;
    ledger::ManualClock clock;

    int64_t logSize() { return session->store().logSize().value(); }
    int64_t consumed(const std::string &startup)
    {
        auto b = ledger::queries::startupBalances(session->store(), startup);
        int64_t sum = 0;
        for (const auto &r : b->resources)
            sum += r.consumed;
        return sum;
    }

private slots:
    void init()
    {
        fx = std::make_unique<LedgerFixture>();
        reporttest::build(*fx);
        clock.set(fx->clock.nowMs());
        fx->close();
        auto s = ledger::LedgerSession::open(fx->path(), ledger::LedgerSession::Access::ReadWrite, &clock);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        session = std::move(s.value());
    }
    void cleanup()
    {
        session.reset();
        fx.reset();
    }

    void usageReimportIsANoOp()
    {
        const auto &pm = fx->world().pm;
        // Day 70: January and February of 2026 are over; g-1 (st-1) and g-2 (st-2) are active.
        const QByteArray file = usageCsv({ "naver-cloud,b200,st-1,2026-01,10.5",
            "naver-cloud,naver-cloud/b200,st-2,2026-01,20", "naver-cloud,b200,st-1,2026-02-03,0.001" });
        const int64_t before = logSize();
        auto r = importUsage(*session, pm, file, {});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY(r->problems.empty());
        QCOMPARE(r->recorded, 3);
        QCOMPARE(logSize(), before + 3);
        QCOMPARE(consumed("st-1"), 50'500 + 30'000 + 12'345 + 10'500 + 1);
        auto again = importUsage(*session, pm, file, {});
        QVERIFY(again.ok());
        QCOMPARE(again->recorded, 0);
        QCOMPARE(again->alreadyRecorded, 3);
        QCOMPARE(logSize(), before + 3);
        // Overlapping: two old rows and one new.
        auto overlap = importUsage(*session, pm,
            usageCsv({ "naver-cloud,b200,st-2,2026-01,20", "naver-cloud,b200,st-2,2026-02,7.25",
                "naver-cloud,b200,st-1,2026-01,10.5" }),
            {});
        QVERIFY(overlap.ok());
        QCOMPARE(overlap->recorded, 1);
        QCOMPARE(overlap->alreadyRecorded, 2);
        QCOMPARE(logSize(), before + 4);
    }

    // The sequencer's entry point for entries this process builds (an import): it signs them itself and does
    // not verify what it just signed, but every other check stands — author = key, nonces, every rule — and
    // what it stores verifies like any entry. allOrNothing stores nothing if one entry is refused; a dry run
    // stores nothing at all.
    void ownEntriesAreCheckedLikeAnyOther()
    {
        const auto &w = fx->world();
        auto seq = session->sequencer();
        QVERIFY(seq.ok());
        const int64_t now = clock.nowMs();
        auto entry = [&](const ledger::crypto::PrivateKey &author, std::string usage, int64_t amount) {
            ledger::Entry e;
            e.type = "usage.recorded";
            e.author = author.keyId().toStdString();
            e.createdAt = now;
            e.nonce = ledger::makeNonce();
            e.body = bodies::usage(
                "g-1", std::move(usage), w.resource, amount, kT0 + 40 * kDay, kT0 + 41 * kDay);
            return e;
        };
        const auto digests = tableDigests(session->store().db());
        const int64_t before = logSize();
        ledger::Sequencer::OwnOptions all;
        all.allOrNothing = true;
        {
            std::vector<ledger::Entry> batch { entry(w.pm, "own/a", 1'000), entry(w.pm, "own/b", 1'000) };
            batch[1].author = keyIdOf(w.pm2); // signed by pm, claims pm2
            auto r = seq.value()->submitOwn(batch, w.pm, all);
            QVERIFY(r.ok());
            QCOMPARE(r->at(1).rejection.code, QStringLiteral("bad_signature"));
            QCOMPARE(r->at(0).rejection.code, QStringLiteral("not_stored"));
            QVERIFY(!r->at(0).accepted);
        }
        {
            std::vector<ledger::Entry> batch { entry(w.pm, "own/a", 1'000),
                entry(w.pm, "own/b", 999'999'999) };
            auto r = seq.value()->submitOwn(batch, w.pm, all);
            QVERIFY(r.ok());
            QCOMPARE(r->at(1).rejection.code, QStringLiteral("insufficient_balance"));
            QCOMPARE(r->at(0).rejection.code, QStringLiteral("not_stored"));
        }
        {
            ledger::Sequencer::OwnOptions dry;
            dry.dryRun = true;
            auto r = seq.value()->submitOwn({ entry(w.pm, "own/a", 1'000) }, w.pm, dry);
            QVERIFY(r.ok());
            QCOMPARE(r->at(0).rejection.code, QStringLiteral("not_stored"));
        }
        QCOMPARE(logSize(), before);
        QCOMPARE(tableDigests(session->store().db()), digests);

        // Without options: the good ones are stored, the refused one is not; a reused nonce is refused.
        std::vector<ledger::Entry> batch { entry(w.pm, "own/a", 1'000), entry(w.pm, "own/a", 1'000),
            entry(w.pm, "own/c", 2'000) };
        batch[2].nonce = batch[0].nonce;
        auto r = seq.value()->submitOwn(batch, w.pm, {});
        QVERIFY(r.ok());
        QVERIFY(r->at(0).accepted);
        QCOMPARE(r->at(1).rejection.code, QStringLiteral("duplicate_usage"));
        QCOMPARE(r->at(2).rejection.code, QStringLiteral("duplicate_nonce"));
        QCOMPARE(logSize(), before + 1);
        auto row = session->store().readLog(r->at(0).seq);
        QVERIFY(row.ok());
        ledger::SignedEntry stored { row->entry, row->sig,
            ledger::crypto::PublicKey::fromRaw(row->authorKey).value(), row->type };
        QVERIFY(ledger::openSignedEntry(stored).ok());
        QCOMPARE(stored.id(), r->at(0).entryId);
    }

    void badRowsStopTheImportUnlessSkipBad()
    {
        const auto &pm = fx->world().pm;
        const QByteArray file = usageCsv({
            "naver-cloud,b200,st-1,2026-01,1", // line 2: good
            "naver-cloud,b200,nobody,2026-01,1", // 3: unknown startup
            "naver-cloud,b200,st-1,2026-13,1", // 4: bad period
            "naver-cloud,b200,st-1,2026-02,1.0005", // 5: four decimals
            "naver-cloud,b200,st-2,2026-01,100000", // 6: more than available
            "naver-cloud,b200,st-1,2026-01,1", // 7: same as line 2
            "naver-cloud,b200,st-1,2027-01,1", // 8: the period has not ended
            "naver-cloud,h100,st-1,2026-01,1", // 9: no grant of that resource
            "naver-cloud,b200,st-2,2026-02,-3", // 10: formula-looking / negative
            "naver-cloud,b200,st-2,2026-02", // 11: a field missing
            "naver-cloud,b200,st-2,2026-02,2", // 12: good
        });
        const auto digests = tableDigests(session->store().db());
        auto r = importUsage(*session, pm, file, {});
        QVERIFY(r.ok());
        QVERIFY(!r->applied);
        QCOMPARE(r->recorded, 0);
        QList<int64_t> lines;
        for (const auto &p : r->problems) {
            lines << p.line;
            QVERIFY(!p.reason.isEmpty());
        }
        QCOMPARE(lines, (QList<int64_t> { 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
        QVERIFY(r->problems[3].reason.contains(QStringLiteral("insufficient_balance")));
        QVERIFY(r->problems[4].reason.contains(QStringLiteral("line 2")));
        QCOMPARE(tableDigests(session->store().db()), digests); // nothing changed at all

        ImportOptions skip;
        skip.skipBad = true;
        auto s = importUsage(*session, pm, file, skip);
        QVERIFY(s.ok());
        QVERIFY(s->applied);
        QCOMPARE(s->recorded, 2);
        QCOMPARE(s->problems.size(), size_t(9));
    }

    void hostileFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("latin-1") << QByteArray(
            "provider,resource,startup,period,gpu_hours\r\nnaver-cloud,b200,st-1,2026-01,1,\xE9t\xE9\r\n")
                                 << QStringLiteral("UTF-8");
        QTest::newRow("utf-16") << QByteArray("\xFF\xFEp\0r\0", 6) << QStringLiteral("UTF-8");
        QTest::newRow("unterminated quote")
            << usageCsv({ "naver-cloud,\"b200,st-1,2026-01,1" }) << QStringLiteral("never closed");
        QTest::newRow("missing column")
            << QByteArray("provider,resource,startup,period\r\nx,y,z,w\r\n") << QStringLiteral("gpu_hours");
        QTest::newRow("unknown column") << QByteArray("provider,resource,startup,period,gpu_hours,x\r\n")
                                        << QStringLiteral("unknown column");
        QTest::newRow("binary") << QByteArray("provider\0resource", 17) << QStringLiteral("NUL");
    }

    void hostileFilesAreRefused()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, reason);
        const int64_t before = logSize();
        auto r = importUsage(*session, fx->world().pm, file, {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("import_invalid"));
        QVERIFY2(r.error().message.contains(reason), qPrintable(r.error().message));
        QCOMPARE(logSize(), before);
    }

    void hostileRowsAreBadRows()
    {
        const QByteArray huge(100'000, 'a');
        const QByteArray file
            = usageCsv({ "naver-cloud,b200,st-1,2026-01," + huge, "=cmd|' /C calc'!A0,b200,st-1,2026-01,1",
                "naver-cloud,b200,@SUM(A1),2026-01,1", "naver-cloud,b200,st-1,2026-01,\"12.5\"" });
        auto r = importUsage(*session, fx->world().pm, file, {});
        QVERIFY(r.ok());
        QCOMPARE(r->problems.size(), size_t(3));
        QVERIFY(r->problems[0].reason.contains(QStringLiteral("longer than")));
        QVERIFY(r->problems[1].reason.contains(QStringLiteral("formula")));
        QVERIFY(r->problems[2].reason.contains(QStringLiteral("formula")));
        QCOMPARE(r->recorded, 0);
    }

    void applications()
    {
        const auto &pm = fx->world().pm;
        // The standard call closed on day 60; open another one now.
        auto call = session->record(pm, "programme.created",
            bodies::programme("call-2", clock.nowMs(), clock.nowMs() + 30 * kDay, 500'000, 2));
        QVERIFY(call.ok() && call->accepted);
        const QByteArray file("\xEF\xBB\xBF"
                              "application,startup,programme,title,resource,gpu_hours,summary\r\n"
                              "app-10,st-1,call-2,\"Speech, Korean\",naver-cloud/b200,120,\"multi\nline\"\r\n"
                              "app-11,st-2,call-2,의료 영상,naver-cloud/b200,1200.5,\r\n");
        const int64_t before = logSize();
        auto r = importApplications(*session, pm, file, {});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QVERIFY2(r->problems.empty(), r->problems.empty() ? "" : qPrintable(r->problems[0].reason));
        QCOMPARE(r->recorded, 2);
        QCOMPARE(logSize(), before + 2);
        auto again = importApplications(*session, pm, file, {});
        QCOMPARE(again->recorded, 0);
        QCOMPARE(again->alreadyRecorded, 2);
        // The id is already another startup's: a bad row with its line (line 4, after a two-line record).
        const QByteArray clash("application,startup,programme,title,resource,gpu_hours\r\n"
                               "app-12,st-1,call-2,ok,naver-cloud/b200,1\r\n"
                               "app-10,st-2,call-2,taken,naver-cloud/b200,1\r\n"
                               "app-13,st-1,call-2,=2+3,naver-cloud/b200,1\r\n"
                               "app-14,st-1,nope,title,naver-cloud/b200,1\r\n");
        auto c = importApplications(*session, pm, clash, {});
        QVERIFY(c.ok());
        QCOMPARE(c->problems.size(), size_t(3));
        QCOMPARE(c->problems[0].line, 3);
        QCOMPARE(c->problems[1].line, 4);
        QCOMPARE(c->problems[2].line, 5);
        QVERIFY(c->problems[2].reason.contains(QStringLiteral("unknown_object")));
        QCOMPARE(logSize(), before + 2);
    }
};

QTEST_GUILESS_MAIN(TestImports)
#include "tst_imports.moc"
