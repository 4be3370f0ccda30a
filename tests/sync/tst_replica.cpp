// Replicas (ledger/replica/replica.h) on real ledger files, fed pages of a real sequenced log (a fixture's
// ledger standing in for the registry's): a full replica built from nothing in pages equals the log it
// copies, table for table; an interrupted pull resumes where it stopped; a filtered replica keeps only the
// entries it was given, each checked by its inclusion proof; and every kind of bad page (a changed
// timestamp, a bad signature, a gap, a wrong root, a checkpoint by the wrong key, a bad proof, an entry the
// rules refuse) is refused with nothing stored.

#include "ledger/engine/session.h"
#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "ledger/replica/outbox.h"
#include "ledger/replica/replica.h"
#include "sync/syncworld.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;

namespace {

const QStringList kProjectionTables
    = { QStringLiteral("log"), QStringLiteral("members"), QStringLiteral("programmes"),
          QStringLiteral("sponsors"), QStringLiteral("pools"), QStringLiteral("startups"),
          QStringLiteral("applications"), QStringLiteral("grants"), QStringLiteral("pending"),
          QStringLiteral("balances"), QStringLiteral("movements"), QStringLiteral("usages") };

replica::RemoteEntry remoteEntry(store::LedgerStore &src, int64_t seq, int64_t treeSize, bool withProof)
{
    replica::RemoteEntry r;
    auto rec = src.readLog(seq);
    if (!rec)
        qFatal("readLog(%lld) failed", static_cast<long long>(seq));
    r.seq = rec->seq;
    r.sequencedAt = rec->sequencedAt;
    r.entry.bytes = rec->entry;
    r.entry.signature = rec->sig;
    r.entry.type = rec->type;
    r.entry.authorKey = crypto::PublicKey::fromRaw(rec->authorKey).value();
    if (withProof)
        r.proof = merkle::inclusionProof(*src.leafSource(), quint64(seq), quint64(treeSize));
    return r;
}

std::vector<replica::RemoteEntry> fullPage(
    store::LedgerStore &src, int64_t from, int64_t to, int64_t treeSize)
{
    std::vector<replica::RemoteEntry> page;
    for (int64_t s = from; s < to; ++s)
        page.push_back(remoteEntry(src, s, treeSize, false));
    return page;
}

QByteArray noteOfSize(store::LedgerStore &src, int64_t size)
{
    const auto all = src.checkpoints();
    if (!all)
        qFatal("checkpoints() failed");
    for (const auto &c : all.value())
        if (c.treeSize == size)
            return c.note;
    qFatal("no checkpoint of size %lld", static_cast<long long>(size));
}

// A new, empty ledger file bound as a replica.
std::unique_ptr<store::LedgerStore> emptyReplicaStore(const QString &path, replica::ReplicaKind kind)
{
    auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::Create);
    if (!store || !replica::writeBinding(*store.value(), { QStringLiteral("https://127.0.0.1:1"), kind }))
        return nullptr;
    return std::move(store.value());
}

// The log table's secondary indexes, by name and definition.
QStringList logIndexes(sql::Database &db)
{
    QStringList out;
    auto stmt = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log' "
                           "AND sql IS NOT NULL ORDER BY name");
    if (!stmt)
        qFatal("sqlite_master");
    for (auto row = stmt->step(); row && row.value(); row = stmt->step())
        out << QString::fromUtf8(stmt->textView(0).data(), qsizetype(stmt->textView(0).size()))
                + QLatin1Char(' ')
                + QString::fromUtf8(stmt->textView(1).data(), qsizetype(stmt->textView(1).size()));
    return out;
}

} // namespace

class TestReplica : public QObject
{
    Q_OBJECT

private:
    // Pulls [position, treeSize) from src in pages of `pageSize`, with consistency proofs; stops after
    // `maxPages` pages. Returns false on the first error (reported).
    bool pullFull(replica::Replica &r, store::LedgerStore &src, int64_t treeSize, int64_t pageSize,
        int maxPages = 1 << 30, bool rootAtEndOnly = false)
    {
        const QByteArray target = noteOfSize(src, treeSize);
        for (int n = 0; n < maxPages && r.position() < treeSize; ++n) {
            const int64_t from = r.position();
            const int64_t to = std::min(treeSize, from + pageSize);
            QList<QByteArray> proof;
            if (to < treeSize && !rootAtEndOnly)
                proof = merkle::consistencyProof(*src.leafSource(), quint64(to), quint64(treeSize));
            auto res = r.applyPage(fullPage(src, from, to, treeSize),
                to < treeSize ? std::optional<int64_t>(to) : std::nullopt, target, proof, rootAtEndOnly);
            if (!res) {
                qWarning("page %lld..%lld: %s", static_cast<long long>(from), static_cast<long long>(to),
                    qPrintable(res.error().toString()));
                return false;
            }
            if (res->complete != (to == treeSize))
                return false;
        }
        return true;
    }

    void compareTables(sql::Database &a, sql::Database &b)
    {
        for (const QString &t : kProjectionTables)
            QCOMPARE(tableRows(a, t), tableRows(b, t));
    }

private slots:
    void fullReplicaFromNothingEqualsTheLog()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        f.mustRecord(f.world().pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
        const int64_t T = f.logSize();
        auto store
            = emptyReplicaStore(f.dir().file(QStringLiteral("replica.ledger")), replica::ReplicaKind::Full);
        QVERIFY(store);
        auto r = replica::Replica::open(*store);
        QVERIFY(r);
        QCOMPARE(r.value()->position(), int64_t(0));
        QVERIFY(pullFull(*r.value(), f.store(), T, 7));
        QCOMPARE(r.value()->position(), T);
        compareTables(store->db(), f.store().db());
        auto verified = r.value()->lastVerified().value();
        QVERIFY(verified);
        QCOMPARE(verified->treeSize, T);
        QCOMPARE(verified->note, noteOfSize(f.store(), T));
        QCOMPARE(r.value()->state().grants.at("g-a").available, kGrantAmount);
        QCOMPARE(r.value()->state().balance(poolAccount(kSmallPool), f.world().resource),
            kSmallPoolAmount - kGrantAmount);
        // The replica's own frontier agrees with the checkpoint, and a session on it reads the same state.
        QCOMPARE(store->frontier()->root(), verified->root);
        store.reset();
        auto s = LedgerSession::open(
            f.dir().file(QStringLiteral("replica.ledger")), LedgerSession::Access::ReadWrite);
        QVERIFY(s);
        QCOMPARE(s.value()->state().value()->size, T);
    }

    void interruptedPullResumesWhereItStopped()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        const int64_t T = f.logSize();
        const QString path = f.dir().file(QStringLiteral("replica.ledger"));
        auto store = emptyReplicaStore(path, replica::ReplicaKind::Full);
        QVERIFY(store);
        {
            auto r = replica::Replica::open(*store);
            QVERIFY(r);
            QVERIFY(pullFull(*r.value(), f.store(), T, 5, 2)); // two pages, then "the network drops"
            QCOMPARE(r.value()->position(), int64_t(10));
            QVERIFY(!r.value()->lastVerified().value()); // not verified until the last page
        }
        store.reset();
        auto reopened = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(reopened);
        auto r = replica::Replica::open(*reopened.value());
        QVERIFY(r);
        QCOMPARE(r.value()->position(), int64_t(10));
        QVERIFY(pullFull(*r.value(), f.store(), T, 5));
        compareTables(reopened.value()->db(), f.store().db());
        QCOMPARE(reopened.value()->latestCheckpoint().value()->treeSize, T);
    }

    void replicaBuiltFromNothingWritesItsProjectionsOnceAndResumes()
    {
        // join's .partial file: pages store the log only; the projections come in one pass at the end, or
        // when an interrupted build is opened again; either way the file ends equal to the log it copies.
        LedgerFixture f;
        buildPoolWorld(f);
        f.mustRecord(f.world().pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
        const int64_t T = f.logSize();
        const QString path = f.dir().file(QStringLiteral("replica.ledger"));
        auto store = emptyReplicaStore(path, replica::ReplicaKind::Full);
        QVERIFY(store);
        {
            auto r = replica::Replica::open(*store);
            QVERIFY(r);
            QVERIFY(pullFull(*r.value(), f.store(), T, 5, 2, true));
            QCOMPARE(r.value()->position(), int64_t(10));
            QVERIFY(r.value()->state().members.size() > 0); // the rules ran in memory...
        }
        QCOMPARE(tableRows(store->db(), QStringLiteral("members")).size(), 0); // ...and wrote nothing yet
        QVERIFY(store->meta("sync.projections_deferred").value());
        QCOMPARE(logIndexes(store->db()), QStringList()); // built once, at the end
        store.reset();
        auto reopened = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(reopened);
        {
            auto r = replica::Replica::open(*reopened.value()); // derives the projections of the 10 entries
            QVERIFY(r);
            QCOMPARE(r.value()->position(), int64_t(10));
            QVERIFY(tableRows(reopened.value()->db(), QStringLiteral("members")).size() > 0);
            QVERIFY(!reopened.value()->meta("sync.projections_deferred").value());
            QVERIFY(pullFull(*r.value(), f.store(), T, 5, 1 << 30, true));
            QCOMPARE(r.value()->state().grants.at("g-a").available, kGrantAmount);
        }
        compareTables(reopened.value()->db(), f.store().db());
        QVERIFY(!reopened.value()->meta("sync.projections_deferred").value());
        QCOMPARE(logIndexes(reopened.value()->db()), logIndexes(f.store().db()));
        QCOMPARE(logIndexes(reopened.value()->db()).size(), 2);
        QCOMPARE(reopened.value()->latestCheckpoint().value()->treeSize, T);
        QCOMPARE(reopened.value()->frontier()->root(), reopened.value()->latestCheckpoint().value()->root);
    }

    void badPagesChangeNothing_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<QString>("code");
        QTest::newRow("changed sequenced_at") << "time"
                                              << "proof_invalid";
        QTest::newRow("bad signature") << "signature"
                                       << "replica_bad_entry";
        QTest::newRow("gap") << "gap"
                             << "replica_out_of_order";
        QTest::newRow("bad consistency proof") << "consistency"
                                               << "proof_invalid";
        QTest::newRow("wrong root at the end") << "root"
                                               << "proof_invalid";
        QTest::newRow("checkpoint by another key") << "key"
                                                   << "checkpoint_unsigned";
        QTest::newRow("entry the rules refuse here") << "rules"
                                                     << "replica_rule_violation";
    }
    void badPagesChangeNothing()
    {
        QFETCH(QString, defect);
        QFETCH(QString, code);
        LedgerFixture f;
        buildPoolWorld(f);
        const int64_t T = f.logSize();
        auto store
            = emptyReplicaStore(f.dir().file(QStringLiteral("replica.ledger")), replica::ReplicaKind::Full);
        QVERIFY(store);
        auto r = replica::Replica::open(*store);
        QVERIFY(r);
        QVERIFY(pullFull(*r.value(), f.store(), T, 6, 1)); // a first good page
        const int64_t from = r.value()->position();
        const bool last = defect == QLatin1String("root") || defect == QLatin1String("key");
        const int64_t to = last ? T : from + 6;
        auto page = fullPage(f.store(), from, to, T);
        QByteArray target = noteOfSize(f.store(), T);
        QList<QByteArray> proof;
        if (!last)
            proof = merkle::consistencyProof(*f.store().leafSource(), quint64(to), quint64(T));
        if (defect == QLatin1String("time"))
            page[2].sequencedAt += 1;
        else if (defect == QLatin1String("signature"))
            page[3].entry.signature[5] = char(page[3].entry.signature[5] ^ 0x01);
        else if (defect == QLatin1String("gap"))
            page.erase(page.begin() + 1);
        else if (defect == QLatin1String("consistency"))
            proof[0][0] = char(proof[0][0] ^ 0x01);
        else if (defect == QLatin1String("root")) {
            note::Checkpoint cp = note::parseCheckpoint(note::parseNote(target)->text).value();
            cp.root[0] = char(cp.root[0] ^ 0x01);
            target = note::signNote(cp, cp.origin, f.root);
        } else if (defect == QLatin1String("key")) {
            note::Checkpoint cp = note::parseCheckpoint(note::parseNote(target)->text).value();
            target = note::signNote(cp, cp.origin, testKey("not-the-checkpoint-key"));
        } else if (defect == QLatin1String("rules")) {
            // The last entry of the log (an application decision) where the log had something else.
            page[0] = remoteEntry(f.store(), T - 1, T, false);
            page[0].seq = from;
        }
        const auto before = tableDigests(store->db());
        auto res
            = r.value()->applyPage(page, last ? std::nullopt : std::optional<int64_t>(to), target, proof);
        QVERIFY(!res);
        QCOMPARE(res.error().code, code);
        QCOMPARE(tableDigests(store->db()), before);
        QCOMPARE(r.value()->position(), from);
        // And the replica carries on with good pages afterwards.
        QVERIFY(pullFull(*r.value(), f.store(), T, 6));
        compareTables(store->db(), f.store().db());
    }

    void rootAtEndOnlyStillCatchesEveryChange()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        const int64_t T = f.logSize();
        const QByteArray target = noteOfSize(f.store(), T);
        for (bool tamper : { false, true }) {
            auto store = emptyReplicaStore(
                f.dir().file(QStringLiteral("partial-%1.ledger").arg(tamper)), replica::ReplicaKind::Full);
            QVERIFY(store);
            auto r = replica::Replica::open(*store);
            QVERIFY(r);
            Result<replica::PageResult> res = replica::PageResult {};
            for (int64_t from = 0; from < T && res; from += 8) {
                const int64_t to = std::min(T, from + 8);
                auto page = fullPage(f.store(), from, to, T);
                if (tamper && from == 8)
                    page[1].sequencedAt += 1; // a page before the last, stored without a proof...
                res = r.value()->applyPage(
                    page, to < T ? std::optional<int64_t>(to) : std::nullopt, target, {}, true);
            }
            if (tamper) {
                QVERIFY(!res); // ...is caught by the root check of the last page
                QCOMPARE(res.error().code, QStringLiteral("proof_invalid"));
                QVERIFY(!r.value()->lastVerified().value());
            } else {
                QVERIFY2(res, qPrintable(res ? QString() : res.error().toString()));
                QVERIFY(res->complete);
                compareTables(store->db(), f.store().db());
            }
        }
    }

    void pullSettlesTheOutbox()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        const World w = f.world();
        const int64_t N = f.logSize();
        f.close();
        const QString path = f.dir().file(QStringLiteral("replica.ledger"));
        QVERIFY(copyLedger(f.path(), path));
        QVERIFY(bindLedger(path, replica::ReplicaKind::Full));
        QVERIFY(f.reopen());
        // Offline, the member queues a grant; the registry (the fixture) later sequences the same entry.
        auto session = LedgerSession::open(path, LedgerSession::Access::ReadWrite, &f.clock);
        QVERIFY(session);
        const SignedEntry grant = f.sign(w.pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
        auto queued = session.value()->submit(grant);
        QVERIFY(queued && queued->queued);
        f.mustRecord(w.pm2, "sponsor.registered", bodies::sponsor("late-sponsor"));
        QVERIFY(f.recordSigned(grant).accepted);
        const int64_t T = f.logSize();
        QCOMPARE(T, N + 2);
        auto r = replica::Replica::open(session.value()->store());
        QVERIFY(r);
        QCOMPARE(r.value()->position(), N);
        auto res = r.value()->applyPage(fullPage(f.store(), N, T, T), std::nullopt, noteOfSize(f.store(), T));
        QVERIFY2(res, qPrintable(res ? QString() : res.error().toString()));
        QCOMPARE(res->outboxSettled, int64_t(1));
        auto item = replica::Outbox(session.value()->store()).find(grant.id()).value();
        QVERIFY(item);
        QCOMPARE(item->status, replica::OutboxStatus::Sequenced);
        QCOMPARE(item->seq, T - 1);
        // The session sees the grant now that the registry sequenced it.
        QCOMPARE(session.value()->state().value()->grants.count("g-a"), size_t(1));
    }

    void filteredReplicaKeepsOnlyProvenEntries()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        const World w = f.world();
        f.mustRecord(w.pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
        f.mustRecord(w.pm, "grant.created",
            bodies::grant(
                "g-b", kAppB, kSmallPool, { { 100'000, f.clock.nowMs() } }, f.clock.nowMs() + 200 * kDay));
        const int64_t T = f.logSize();
        // What a member of st-1 may see, as the registry would choose it: everything but st-2's business.
        std::vector<int64_t> visible;
        for (int64_t s = 0; s < T; ++s) {
            const auto rec = f.store().readLog(s).value();
            const bool other = rec.entry.contains("\"st-2\"") || rec.entry.contains("\"app-b\"")
                || rec.entry.contains("\"g-b\"");
            if (rec.type.rfind("member.", 0) == 0 || !other)
                visible.push_back(s);
        }
        QVERIFY(int64_t(visible.size()) < T);
        const QString path = f.dir().file(QStringLiteral("startup.ledger"));
        auto store = emptyReplicaStore(path, replica::ReplicaKind::Filtered);
        QVERIFY(store);
        const QByteArray target = noteOfSize(f.store(), T);
        const size_t pageSize = 4;
        size_t done = 0;
        {
            auto r = replica::Replica::open(*store);
            QVERIFY(r);
            // One bad proof first: refused, nothing stored.
            auto bad = remoteEntry(f.store(), visible[0], T, true);
            bad.proof[0][3] = char(bad.proof[0][3] ^ 0x40);
            const auto before = tableDigests(store->db());
            auto refused = r.value()->applyPage({ bad }, visible[1], target);
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, QStringLiteral("proof_invalid"));
            QCOMPARE(tableDigests(store->db()), before);
            // Two pages, then an interruption.
            for (int n = 0; n < 2; ++n, done += pageSize) {
                std::vector<replica::RemoteEntry> page;
                for (size_t i = done; i < done + pageSize; ++i)
                    page.push_back(remoteEntry(f.store(), visible[i], T, true));
                auto res = r.value()->applyPage(page, visible[done + pageSize], target);
                QVERIFY2(res, qPrintable(res ? QString() : res.error().toString()));
            }
        }
        store.reset();
        auto reopened = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(reopened);
        auto r = replica::Replica::open(*reopened.value());
        QVERIFY(r);
        QCOMPARE(r.value()->kind(), replica::ReplicaKind::Filtered);
        QCOMPARE(r.value()->position(), visible[done]);
        while (done < visible.size()) {
            std::vector<replica::RemoteEntry> page;
            const size_t end = std::min(visible.size(), done + pageSize);
            for (size_t i = done; i < end; ++i)
                page.push_back(remoteEntry(f.store(), visible[i], T, true));
            auto res = r.value()->applyPage(
                page, end < visible.size() ? std::optional<int64_t>(visible[end]) : std::nullopt, target);
            QVERIFY2(res, qPrintable(res ? QString() : res.error().toString()));
            QCOMPARE(res->complete, end == visible.size());
            done = end;
        }
        QCOMPARE(r.value()->position(), T);
        QCOMPARE(reopened.value()->latestCheckpoint().value()->treeSize, T);
        QCOMPARE(tableRows(reopened.value()->db(), QStringLiteral("log")).size(), qsizetype(visible.size()));
        const State &s = r.value()->state();
        QVERIFY(s.grants.count("g-a"));
        QVERIFY(!s.grants.count("g-b"));
        QVERIFY(!s.startups.count(w.startup2));
        QCOMPARE(s.grants.at("g-a").available, f.state().grants.at("g-a").available);
        QCOMPARE(
            s.balance(grantAccount("g-a"), w.resource), f.state().balance(grantAccount("g-a"), w.resource));
    }
};

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"
