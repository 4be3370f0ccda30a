// The sequencer (ledger/engine/sequencer.h) on real ledger files: a batch is one transaction with receipts in
// order and equals its entries one by one, checkpoints follow every batch and pass to an appointed registry,
// time never runs backwards in the log, and a reopened ledger is the same ledger. What it admits is in
// tst_sequencer_admission.cpp, how it fails in tst_sequencer_faults.cpp.

#include "ledger/engine/statediff.h"
#include "ledger/engine/verifier.h"
#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "sequencertest.h"

#include <QTest>

#include <sqlite3.h>

using namespace ledger;
using namespace testsupport;
using namespace seqtest;

namespace {

// Counts the commits on a connection while it lives (sqlite3_commit_hook on the real connection).
class CommitCounter
{
public:
    explicit CommitCounter(sql::Database &db)
        : m_db(db.handle())
    {
        sqlite3_commit_hook(m_db, &CommitCounter::hook, this);
    }
    ~CommitCounter() { sqlite3_commit_hook(m_db, nullptr, nullptr); }
    int commits = 0;

private:
    static int hook(void *self)
    {
        ++static_cast<CommitCounter *>(self)->commits;
        return 0;
    }
    sqlite3 *m_db;
};

} // namespace

class TestSequencer : public QObject
{
    Q_OBJECT

private slots:
    void batchIsOneTransactionWithReceiptsInOrder()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = testKey("pm");
        const int64_t before = f.logSize();
        const int64_t checkpointsBefore = checkpointCount(f);
        std::vector<SignedEntry> batch {
            f.sign(f.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm")),
            f.sign(pm, "sponsor.registered", bodies::sponsor("nipa")), // pm is enrolled by the entry before
            f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa")), // rejected: exists by now
            f.sign(testKey("stranger"), "sponsor.registered",
                bodies::sponsor("kvc")), // rejected: unknown author
            f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc", "vc")),
        };
        CommitCounter commits(f.store().db());
        const auto receipts = f.submit(batch);
        QCOMPARE(commits.commits, 1);
        QCOMPARE(receipts.size(), size_t(5));
        const bool accepted[] = { true, true, false, false, true };
        const int64_t seqs[] = { before, before + 1, -1, -1, before + 2 };
        for (size_t i = 0; i < receipts.size(); ++i) {
            QCOMPARE(receipts[i].accepted, accepted[i]);
            QCOMPARE(receipts[i].seq, seqs[i]);
            QCOMPARE(receipts[i].entryId, batch[i].id());
            QVERIFY(!receipts[i].duplicate);
        }
        QCOMPARE(receipts[2].rejection.code, QStringLiteral("already_exists"));
        QCOMPARE(receipts[3].rejection.code, QStringLiteral("unknown_author"));
        QCOMPARE(receipts[1].sequencedAt, kT0);
        QCOMPARE(f.logSize(), before + 3);
        // The log holds exactly the accepted entries, in order, with their exact bytes.
        for (int i : { 0, 1, 4 }) {
            auto rec = f.store().readLog(receipts[size_t(i)].seq);
            QVERIFY(rec.ok());
            QCOMPARE(rec->entry, batch[size_t(i)].bytes);
            QCOMPARE(rec->sig, batch[size_t(i)].signature);
            QCOMPARE(rec->entryId, batch[size_t(i)].id());
        }
        // One checkpoint for the batch, at its end.
        QCOMPARE(checkpointCount(f), checkpointsBefore + 1);
        auto latest = f.store().latestCheckpoint();
        QVERIFY(latest.ok() && latest->has_value());
        QCOMPARE((*latest)->treeSize, before + 3);
    }

    void batchEqualsOneByOne()
    {
        // The same entries, as one batch or one at a time, give the same log and the same projections.
        LedgerFixture a;
        LedgerFixture b;
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = testKey("pm");
        std::vector<SignedEntry> batch {
            a.sign(a.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm")),
            a.sign(pm, "sponsor.registered", bodies::sponsor("nipa")),
            a.sign(pm, "programme.created", bodies::programme("p", kT0, kT0 + kDay, 0, 1)),
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "naver-cloud/b200", 5000, kT0 + kDay)),
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "kt-cloud/h100", 5000, kT0 + kDay)), // mismatch
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "naver-cloud/b200", 7000, kT0 + kDay)),
        };
        const auto together = a.submit(batch);
        std::vector<Receipt> single;
        for (const SignedEntry &e : batch)
            single.push_back(b.recordSigned(e));
        QCOMPARE(together.size(), single.size());
        for (size_t i = 0; i < single.size(); ++i) {
            QCOMPARE(together[i].accepted, single[i].accepted);
            QCOMPARE(together[i].seq, single[i].seq);
            QCOMPARE(together[i].rejection.code, single[i].rejection.code);
        }
        QCOMPARE(together[4].rejection.code, QStringLiteral("pool_mismatch"));
        QCOMPARE(firstDifference(a.state(), b.state()), QString());
        QCOMPARE(a.state().balance("pool:pool", "naver-cloud/b200"), int64_t(12000));
        for (const char *table :
            { "log", "members", "sponsors", "programmes", "pools", "balances", "movements" })
            QCOMPARE(tableRows(a.store().db(), QLatin1String(table)),
                tableRows(b.store().db(), QLatin1String(table)));
    }

    void checkpointsFollowEveryBatch()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const crypto::PublicKey rootPub = f.root.publicKey();
        const QString origin = QStringLiteral("alliance.example/ledger");
        for (int batchSize : { 1, 3, 5, 2 }) {
            std::vector<SignedEntry> batch;
            for (int i = 0; i < batchSize; ++i)
                batch.push_back(
                    f.sign(f.root, "sponsor.registered", bodies::sponsor("s-" + f.nextNonce().substr(24))));
            f.clock.advance(kSecond);
            const auto receipts = f.submit(batch);
            QCOMPARE(receipts.size(), size_t(batchSize));
            auto latest = f.store().latestCheckpoint();
            QVERIFY(latest.ok() && latest->has_value());
            const store::CheckpointRecord &cp = **latest;
            const int64_t size = f.logSize();
            QCOMPARE(cp.treeSize, size);
            const QByteArray root = merkle::rootOf(*f.store().leafSource(), quint64(size));
            QCOMPARE(cp.root, root);
            QCOMPARE(cp.signedAt, f.clock.nowMs());
            auto opened = note::openNote(cp.note, origin, rootPub);
            QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
            QCOMPARE(opened->origin, origin);
            QCOMPARE(qint64(opened->size), size);
            QCOMPARE(opened->root, root);
            // Another key does not open it.
            QVERIFY(!note::openNote(cp.note, origin, testKey("other").publicKey()).ok());
        }
        QCOMPARE(checkpointCount(f), int64_t(5)); // genesis + four batches
        // A batch of rejections only (or an empty batch) signs nothing new.
        f.submit({ f.sign(testKey("stranger"), "sponsor.registered", bodies::sponsor("x")) });
        f.submit({});
        QCOMPARE(checkpointCount(f), int64_t(5));
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok() && report->ok);
        QCOMPARE(report->checkpoints, int64_t(5));
        QCOMPARE(report->uncheckpointed, int64_t(0));
    }

    void checkpointSigner()
    {
        auto o = LedgerFixture::Options {};
        o.checkpoints = false;
        LedgerFixture f(o);
        LF_STOP_IF_FAILED();
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        QCOMPARE(checkpointCount(f), int64_t(0));
        QVERIFY(!f.sequencer().canCheckpoint());
        auto r = f.sequencer().checkpoint();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("not_authorised"));
        auto wrong = f.sequencer().setCheckpointSigner(testKey("other"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, QStringLiteral("not_authorised"));
        QVERIFY(!f.sequencer().canCheckpoint());
        QVERIFY(f.sequencer().setCheckpointSigner(f.root).ok());
        QVERIFY(f.sequencer().checkpoint().ok());
        QCOMPARE(checkpointCount(f), int64_t(1));
        QVERIFY(f.sequencer().checkpoint().ok()); // nothing new: no second checkpoint of the same tree
        QCOMPARE(checkpointCount(f), int64_t(1));
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));

        // An appointed registry takes over: the root key stops signing, the registry's key continues the
        // same tree, and verify follows the hand-over.
        const crypto::PrivateKey registry = testKey("registry");
        f.mustRecord(f.root, "registry.appointed", bodies::appointRegistry(registry));
        // The key is checked after the batch: the appointment itself is first covered by the registry.
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("kvc"));
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));
        QVERIFY(!f.sequencer().setCheckpointSigner(f.root).ok());
        QVERIFY(f.sequencer().setCheckpointSigner(registry).ok());
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("kt"));
        const store::CheckpointRecord cp = f.store().latestCheckpoint()->value();
        QCOMPARE(cp.treeSize, int64_t(5));
        QVERIFY(
            note::openNote(cp.note, QStringLiteral("alliance.example/ledger"), registry.publicKey()).ok());
        QVERIFY(!note::openNote(cp.note, QStringLiteral("alliance.example/ledger"), f.root.publicKey()).ok());
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
        QCOMPARE(report->checkpoints, int64_t(2));
    }

    void sequencedAtIsMonotonic()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        f.clock.set(kT0 + kHour);
        const Receipt a = f.record(f.root, "sponsor.registered", bodies::sponsor("a"));
        f.clock.set(kT0 + kMinute); // the computer's clock goes back
        const Receipt b = f.record(f.root, "sponsor.registered", bodies::sponsor("b"));
        const auto batch = f.submit({ f.sign(f.root, "sponsor.registered", bodies::sponsor("c")),
            f.sign(f.root, "sponsor.registered", bodies::sponsor("d")) });
        f.clock.set(kT0 + 2 * kHour);
        const Receipt e = f.record(f.root, "sponsor.registered", bodies::sponsor("e"));
        QCOMPARE(a.sequencedAt, kT0 + kHour);
        QCOMPARE(b.sequencedAt, kT0 + kHour);
        QCOMPARE(batch[0].sequencedAt, kT0 + kHour);
        QCOMPARE(batch[1].sequencedAt, kT0 + kHour);
        QCOMPARE(e.sequencedAt, kT0 + 2 * kHour);
        QCOMPARE(f.state().lastAt, kT0 + 2 * kHour);
        // Also across a restart, and the time rules use the sequenced time, not the clock.
        QVERIFY(f.reopen());
        f.clock.set(kT0);
        const Receipt g = f.record(f.root, "sponsor.registered", bodies::sponsor("g"));
        QCOMPARE(g.sequencedAt, kT0 + 2 * kHour);
        int64_t previous = 0;
        auto scanned = f.store().scanLog(0, f.logSize(), [&](const store::LogView &v) {
            if (v.sequencedAt < previous)
                return false;
            previous = v.sequencedAt;
            return true;
        });
        QVERIFY(scanned.ok());
        QCOMPARE(previous, kT0 + 2 * kHour);
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok() && report->ok);
    }

    void reopenGivesIdenticalState()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardApplication("app-2", w.startup2, 700'000);
        f.standardGrant(
            "g-1", w.application, { { 100'000, now }, { 200'000, now + 10 * kDay } }, now + 90 * kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 30'000, now, now));
        // A pending grant and a pending clawback stay pending across the restart.
        const Receipt pendingGrant = f.mustRecord(w.pm, "grant.created",
            bodies::grant("g-2", "app-2", w.pool, { { 700'000, now } }, now + kDay),
            Outcome::PendingApproval);
        f.mustRecord(w.pm, "application.submitted",
            bodies::application("app-3", w.startup, w.programme, w.resource, 5));
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer2) }));
        f.mustRecord(w.reviewer2, "application.reviewed", bodies::conflict("app-3"));
        LF_STOP_IF_FAILED();
        const State before = f.state();
        const auto tables = tableDigests(f.store().db());
        QVERIFY(f.reopen());
        QCOMPARE(firstDifference(before, f.state()), QString());
        QCOMPARE(firstDifference(f.state(), before), QString());
        QCOMPARE(tableDigests(f.store().db()), tables);
        QCOMPARE(f.state().size, before.size);
        QCOMPARE(f.state().lastAt, before.lastAt);
        QCOMPARE(f.state().pending.size(), size_t(1));
        // The details firstDifference looks at too: scores in rubric order, tranche flags, approvers.
        const Application &a = f.state().applications.at(w.application);
        QCOMPARE(a.reviews.size(), size_t(1));
        QCOMPARE(a.reviews[0].scores,
            (std::vector<std::pair<std::string, int64_t>> {
                { "team", 8 }, { "market", 6 }, { "tech", 17 } }));
        QVERIFY(f.state().applications.at("app-3").reviews.at(0).conflict);
        // Appending continues where it left off; the approval completes after the restart.
        const Receipt approval = f.mustRecord(
            w.pm2, "approval", bodies::approval(pendingGrant.entryId), Outcome::ApprovedAndApplied);
        QCOMPARE(approval.seq, before.size);
        QCOMPARE(f.state().balance("grant:g-2", w.resource), int64_t(700'000));
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
    }
};

QTEST_GUILESS_MAIN(TestSequencer)
#include "tst_sequencer.moc"
