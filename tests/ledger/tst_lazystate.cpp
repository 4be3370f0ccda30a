// A sequencer's State loaded on demand (store::LoadMode::OnDemand, ledger/domain/lazymap.h): opening reads
// none of the startups, applications, grants or balances; the rules fetch the rows they look up; walking,
// comparing or copying the state sees all of it; a row that cannot be read fails the batch and stores
// nothing. And the compact usage-key containers (ledger/domain/keyset.h) the replays use.

#include "ledger/domain/keyset.h"
#include "ledger/domain/rules.h"
#include "ledger/engine/statediff.h"
#include "ledger/engine/verifier.h"
#include "ledger/store/projections.h"
#include "support/ledgerfixture.h"

#include <QTest>

#include <set>
#include <string>
#include <vector>

using namespace ledger;
using namespace testsupport;

namespace {

sql::Database secondConnection(const QString &path)
{
    auto db = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    if (!db)
        qFatal("cannot open a second connection: %s", qPrintable(db.error().toString()));
    return std::move(db.value());
}

} // namespace

class TestLazyState : public QObject
{
    Q_OBJECT

    // A standard world with a grant g-1 of 100,000 released now, 30,000 of it used as u-1.
    static void buildWithUsage(LedgerFixture &f)
    {
        const World &w = f.buildStandard();
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 100'000, now } }, now + 90 * kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 30'000, now, now));
    }

private slots:
    void keySetAndKeyList()
    {
        KeySet set;
        QVERIFY(!set.contains("a"));
        std::set<std::string> expected;
        for (int i = 0; i < 100'000; ++i) {
            const std::string key = "gr-" + std::to_string(i % 997) + "\n2026-0" + std::to_string(i % 9)
                + "/job-" + std::to_string(i);
            QVERIFY(set.insert(key));
            expected.insert(key);
        }
        QCOMPARE(set.size(), expected.size());
        QVERIFY(!set.insert("gr-5\n2026-05/job-5")); // already there
        QVERIFY(set.contains("gr-5\n2026-05/job-5"));
        QVERIFY(!set.contains("gr-5\n2026-05/job-6"));
        QVERIFY(!set.contains(""));
        QVERIFY(set.insert(""));
        QVERIFY(set.contains(""));
        const KeySet copy = set;
        QCOMPARE(copy.size(), set.size());
        size_t seen = 0;
        copy.forEach(
            [&](std::string_view key) { seen += key.empty() || expected.count(std::string(key)) ? 1 : 0; });
        QCOMPARE(seen, set.size());
        set.clear();
        QVERIFY(set.empty());
        QVERIFY(copy.contains("gr-5\n2026-05/job-5"));

        KeyList list;
        list.push_back("one");
        list.push_back("");
        list.push_back("three");
        QCOMPARE(list.size(), size_t(3));
        QCOMPARE(list[0], std::string_view("one"));
        QCOMPARE(list[1], std::string_view(""));
        QCOMPARE(list[2], std::string_view("three"));
        KeyList other;
        other.swap(list);
        QVERIFY(list.empty());
        QCOMPARE(other[2], std::string_view("three"));
    }

    void openingReadsNoLargeTable()
    {
        LedgerFixture f;
        buildWithUsage(f);
        LF_STOP_IF_FAILED();
        QVERIFY(f.reopen());
        const State &s = f.state();
        QCOMPARE(s.startups.loadedSize(), size_t(0));
        QCOMPARE(s.applications.loadedSize(), size_t(0));
        QCOMPARE(s.grants.loadedSize(), size_t(0));
        QCOMPARE(s.balances.loadedSize(), size_t(0));
        QVERIFY(s.grants.hasSource());
        // The small tables are whole.
        QCOMPARE(s.programmes.size(), size_t(1));
        QVERIFY(s.members.size() > 5);
    }

    void rulesFetchWhatTheyNeed()
    {
        LedgerFixture f;
        buildWithUsage(f);
        LF_STOP_IF_FAILED();
        const World &w = f.world();
        QVERIFY(f.reopen());
        const int64_t now = f.clock.nowMs();
        // A usage record reads its grant and the two balances it moves, nothing else.
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 20'000, now, now));
        LF_STOP_IF_FAILED();
        QCOMPARE(f.state().grants.loadedSize(), size_t(1));
        QCOMPARE(f.state().applications.loadedSize(), size_t(0));
        QCOMPARE(f.state().balances.loadedSize(), size_t(2));
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(50'000));
        QCOMPARE(f.state().balance("grant:g-1", w.resource), int64_t(50'000));
        // A usage key recorded before the restart is found in the store; an unknown grant is unknown.
        Receipt dup = f.record(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 1, now, now));
        QVERIFY(!dup.accepted);
        QCOMPARE(dup.rejection.code, QStringLiteral("duplicate_usage"));
        Receipt unknown
            = f.record(w.pm, "usage.recorded", bodies::usage("g-9", "u-1", w.resource, 1, now, now));
        QVERIFY(!unknown.accepted);
        QCOMPARE(unknown.rejection.code, QStringLiteral("unknown_object"));
        // A second grant of the same application is refused: its application is fetched with its grant.
        Receipt again = f.record(w.pm, "grant.created",
            bodies::grant("g-2", w.application, w.pool, { { 1'000, now } }, now + kDay));
        QVERIFY(!again.accepted);
        QCOMPARE(again.rejection.code, QStringLiteral("already_granted"));

        // Walking the state sees every row, the same as a full load of the projections.
        State whole;
        QVERIFY(store::loadState(f.store().db(), whole, store::LoadMode::Everything).ok());
        QCOMPARE(firstDifference(whole, f.state()), QString());
        QCOMPARE(firstDifference(f.state(), whole), QString());
        QCOMPARE(invariantProblem(f.state()), QString());
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
    }

    void copiesAreSnapshots()
    {
        LedgerFixture f;
        buildWithUsage(f);
        LF_STOP_IF_FAILED();
        const World &w = f.world();
        QVERIFY(f.reopen());
        const State snapshot = f.state(); // fetches everything: it must not follow the store afterwards
        QVERIFY(!snapshot.grants.hasSource());
        QCOMPARE(snapshot.grants.loadedSize(), size_t(1));
        const int64_t now = f.clock.nowMs();
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 20'000, now, now));
        LF_STOP_IF_FAILED();
        QCOMPARE(snapshot.grants.at("g-1").consumed, int64_t(30'000));
        QCOMPARE(snapshot.balance("consumed", w.resource), int64_t(30'000));
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(50'000));
    }

    void unreadableRowFailsTheBatch()
    {
        LedgerFixture f;
        buildWithUsage(f);
        LF_STOP_IF_FAILED();
        const World &w = f.world();
        QVERIFY(f.reopen());
        const int64_t sizeBefore = f.logSize();
        const auto tables = tableDigests(f.store().db());
        // Fault injection: another connection moves the grants table away, so the grant cannot be read.
        sql::Database other = secondConnection(f.path());
        QVERIFY(other.execScript("ALTER TABLE grants RENAME TO grants_away;").ok());
        const int64_t now = f.clock.nowMs();
        auto result = f.sequencer().submit(
            { f.sign(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 20'000, now, now)) });
        QVERIFY(!result.ok()); // an error, not a rejection for an "unknown" grant
        QCOMPARE(f.logSize(), sizeBefore);
        QVERIFY(other.execScript("ALTER TABLE grants_away RENAME TO grants;").ok());
        QCOMPARE(tableDigests(f.store().db()), tables);
        // Readable again: the same entry goes through.
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 20'000, now, now));
        LF_STOP_IF_FAILED();
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(50'000));
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
    }

    // A long-lived state keeps at most State::cacheLimit rows per on-demand map after each flush, dropping
    // only clean ones; what it dropped comes back, as it was, when it is looked up again.
    void evictsCleanRowsBeyondItsBound()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        std::vector<std::string> grants;
        for (int i = 0; i < 8; ++i) {
            const std::string app = "app-x" + std::to_string(i);
            grants.push_back("g-x" + std::to_string(i));
            f.standardApplication(app, w.startup2, 10'000);
            f.standardGrant(grants.back(), app, { { 10'000, now } }, now + 90 * kDay);
        }
        LF_STOP_IF_FAILED();

        sql::Database &db = f.store().db();
        State s;
        QVERIFY(store::loadState(db, s, store::LoadMode::OnDemand).ok());
        QCOMPARE(s.cacheLimit, State::kDefaultCacheRows);
        s.cacheLimit = 4;
        int64_t seq = s.size;
        // One usage record per grant and transaction, written as the sequencer writes them.
        auto use = [&](const std::string &grant, const std::string &usage, int64_t amount) {
            const SignedEntry signedEntry
                = f.sign(w.pm, "usage.recorded", bodies::usage(grant, usage, w.resource, amount, now, now));
            auto entry = decodeEntry(signedEntry.bytes);
            QVERIFY(entry.ok());
            EntryContext ctx { seq, now, std::string(64, 'e'), w.pm.publicKey().raw() };
            auto applied = Rules::apply(s, entry.value(), ctx);
            QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().toString()));
            ++seq;
        };
        for (const std::string &g : grants) {
            auto tx = sql::Transaction::begin(db);
            QVERIFY(tx.ok());
            use(g, "u-1", 1'000);
            QVERIFY(store::flushState(db, s).ok());
            QVERIFY(tx->commit().ok());
            QVERIFY2(s.grants.loadedSize() <= 4, qPrintable(QString::number(s.grants.loadedSize())));
            QVERIFY(s.balances.loadedSize() <= 4);
            QVERIFY(s.members.loadedSize() <= 4);
        }
        QVERIFY(s.grants.loadedSize() < grants.size()); // some did go

        // Rows changed and not yet written are never dropped: were g-x0 fetched again, it would read as
        // the store has it (1,000 consumed).
        s.cacheLimit = 1;
        {
            auto tx = sql::Transaction::begin(db);
            QVERIFY(tx.ok());
            for (const std::string &g : grants)
                QVERIFY(s.grants.find(g) != s.grants.end());
            use("g-x0", "u-2", 2'000);
            QVERIFY(s.dirty.grants.count("g-x0"));
            s.trimCache();
            QVERIFY(s.grants.loadedSize() < grants.size()); // clean ones went
            QVERIFY(s.grants.loadedSize() >= 1);
            QCOMPARE(s.grants.at("g-x0").consumed, int64_t(3'000));
            QCOMPARE(s.balance("consumed", w.resource), int64_t(8'000 + 2'000));
            QVERIFY(tx->rollback().ok());
        }

        // Every row as a full load of the store reads it, whether it stayed or went and came back.
        State fresh;
        QVERIFY(store::loadState(db, fresh, store::LoadMode::OnDemand).ok());
        fresh.cacheLimit = 4;
        for (const std::string &g : grants)
            QCOMPARE(fresh.grants.at(g).consumed, int64_t(1'000));
        fresh.trimCache();
        QVERIFY(fresh.grants.loadedSize() <= 4);
        State whole;
        QVERIFY(store::loadState(db, whole, store::LoadMode::Everything).ok());
        QCOMPARE(firstDifference(whole, fresh), QString());
        // A map walked whole stays whole: walking it again reads nothing.
        fresh.trimCache();
        QCOMPARE(fresh.grants.loadedSize(), whole.grants.size());
    }
};

QTEST_GUILESS_MAIN(TestLazyState)
#include "tst_lazystate.moc"
