// Sync against the real alliance-registry over real TLS on 127.0.0.1 (syncclient + ledger/replica): two
// programme managers who overdraw one pool while offline, a startup member's filtered replica and what the
// registry refuses it, an interrupted pull that resumes where it stopped, and retries that never duplicate
// an entry. Faults come only from a TCP relay that cuts connections (tests/sync/faultrelay.h).

#include "faultrelay.h"
#include "ledger/replica/outbox.h"
#include "sync/syncrig.h"
#include "sync/wire/messages.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <set>
#include <thread>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;

namespace {

QStringList logIds(sql::Database &db)
{
    QStringList rows;
    auto st = db.prepare("SELECT seq, hex(entry_id), hex(leaf_hash) FROM log ORDER BY seq");
    while (st && st->step().value())
        rows << st->text(0) + QLatin1Char(' ') + st->text(1) + QLatin1Char(' ') + st->text(2);
    return rows;
}

int64_t countGrantsFrom(store::LedgerStore &store, const std::string &pool)
{
    int64_t n = 0;
    (void)store.scanLog(0, store.logSize().value(), [&](const store::LogView &v) {
        if (v.type == "grant.created" && v.entry.toByteArray().contains(("\"" + pool + "\"").c_str()))
            ++n;
        return true;
    });
    return n;
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private slots:
    void twoManagersOverdrawOnePoolOffline()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        const QString pathA = rig.file(QStringLiteral("pm-kim.ledger"));
        const QString pathB = rig.file(QStringLiteral("pm-lee.ledger"));
        auto ja = rig.join(w.pm, pathA);
        QVERIFY2(ja, qPrintable(why(ja)));
        QVERIFY(ja->complete);
        auto jb = rig.join(w.pm2, pathB);
        QVERIFY2(jb, qPrintable(why(jb)));

        // Both offline: each grants 400 of the pool's 600 GPU-hours. Each pre-check passes on its own.
        Machine a, b;
        QVERIFY(a.open(pathA, w.pm, rig.options()));
        QVERIFY(b.open(pathB, w.pm2, rig.options()));
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        auto ga = a.session->record(w.pm, "grant.created", grantBody("g-a", kAppA, now));
        QVERIFY2(ga && ga->accepted && ga->queued, qPrintable(ga ? ga->rejection.toString() : why(ga)));
        auto gb = b.session->record(w.pm2, "grant.created", grantBody("g-b", kAppB, now));
        QVERIFY2(gb && gb->accepted && gb->queued, qPrintable(gb ? gb->rejection.toString() : why(gb)));

        auto sa = a.engine->sync();
        QVERIFY2(sa, qPrintable(why(sa)));
        QCOMPARE(sa->sequenced, int64_t(1));
        QCOMPARE(sa->rejected, int64_t(0));
        QVERIFY(sa->complete);
        auto sb = b.engine->sync();
        QVERIFY2(sb, qPrintable(why(sb)));
        QCOMPARE(sb->sequenced, int64_t(0));
        QCOMPARE(sb->rejected, int64_t(1));
        QCOMPARE(sb->rejections.size(), size_t(1));
        QCOMPARE(sb->rejections[0].reasonCode, QStringLiteral("insufficient_balance"));
        auto again = a.engine->sync(); // A learns nothing new: the rejection is not in the log
        QVERIFY2(again, qPrintable(why(again)));
        QCOMPARE(again->pulled, int64_t(0));

        // The rejection is kept, visible, with its reason; the accepted grant is settled.
        replica::Outbox outboxA(a.session->store()), outboxB(b.session->store());
        auto itemA = outboxA.find(ga->entryId).value();
        QVERIFY(itemA);
        QCOMPARE(itemA->status, replica::OutboxStatus::Sequenced);
        auto itemB = outboxB.find(gb->entryId).value();
        QVERIFY(itemB);
        QCOMPARE(itemB->status, replica::OutboxStatus::Rejected);
        QCOMPARE(itemB->reasonCode, QStringLiteral("insufficient_balance"));
        QVERIFY(!itemB->reason.isEmpty());

        // Exactly one grant from the pool in the log, and every balance right on both replicas.
        QCOMPARE(countGrantsFrom(a.session->store(), kSmallPool), int64_t(1));
        QCOMPARE(countGrantsFrom(b.session->store(), kSmallPool), int64_t(1));
        for (Machine *m : { &a, &b }) {
            const State &s = m->state();
            QVERIFY(s.grants.count("g-a"));
            QVERIFY(!s.grants.count("g-b"));
            QCOMPARE(s.balance(poolAccount(kSmallPool), w.resource), kSmallPoolAmount - kGrantAmount);
            QCOMPARE(s.balance(grantAccount("g-a"), w.resource), kGrantAmount);
            QCOMPARE(invariantProblem(s), QString());
        }
        QCOMPARE(logIds(a.session->store().db()), logIds(b.session->store().db()));
        QCOMPARE(tableRows(a.session->store().db(), QStringLiteral("balances")),
            tableRows(b.session->store().db(), QStringLiteral("balances")));
        // A third member joining now sees the same log.
        const QString pathC = rig.file(QStringLiteral("auditor.ledger"));
        auto jc = rig.join(w.auditor, pathC);
        QVERIFY2(jc, qPrintable(why(jc)));
        auto c = store::LedgerStore::open(pathC, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(c);
        QCOMPARE(logIds(c.value()->db()), logIds(a.session->store().db()));
    }

    void startupReplicaHoldsOnlyWhatItMaySee()
    {
        Rig rig;
        QVERIFY(rig.build([](LedgerFixture &f) {
            const World &w = f.world();
            f.mustRecord(w.pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
            f.mustRecord(w.pm, "grant.created",
                bodies::grant("g-b", kAppB, kSmallPool, { { 100'000, f.clock.nowMs() } },
                    f.clock.nowMs() + 100 * kDay));
        }));
        const World &w = rig.world;
        const QString fullPath = rig.file(QStringLiteral("auditor.ledger"));
        QVERIFY2(rig.join(w.auditor, fullPath), "auditor join");
        const QString path = rig.file(QStringLiteral("founder.ledger"));
        auto j = rig.join(w.founder, path);
        QVERIFY2(j, qPrintable(why(j)));
        QVERIFY(j->complete);

        auto full = store::LedgerStore::open(fullPath, store::LedgerStore::Mode::ReadOnly);
        auto mine = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(full && mine);
        QCOMPARE(replica::readBinding(*mine.value()).value()->kind, replica::ReplicaKind::Filtered);
        const QStringList fullRows = logIds(full.value()->db());
        const QStringList myRows = logIds(mine.value()->db());
        QVERIFY(myRows.size() < fullRows.size());
        for (const QString &row : myRows)
            QVERIFY2(fullRows.contains(row), qPrintable(row)); // same seq, id and leaf as the whole log
        // Nothing about the other startup, its application or its grant; everything about its own.
        int64_t st2Seq = -1;
        (void)full.value()->scanLog(0, full.value()->logSize().value(), [&](const store::LogView &v) {
            if (v.type == "startup.registered" && v.entry.toByteArray().contains("\"st-2\""))
                st2Seq = v.seq;
            return true;
        });
        QVERIFY(st2Seq >= 0);
        QStringList leaked;
        (void)mine.value()->scanLog(0, mine.value()->logSize().value(), [&](const store::LogView &v) {
            const QByteArray e = v.entry.toByteArray();
            if (v.type.rfind("member.", 0) != 0
                && (e.contains("\"st-2\"") || e.contains("\"app-b\"") || e.contains("\"g-b\"")))
                leaked << QString::fromUtf8(e);
            return true;
        });
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked.join(QLatin1Char('\n'))));
        auto r = replica::Replica::open(*mine.value());
        QVERIFY(r);
        const State &s = r.value()->state();
        QVERIFY(s.grants.count("g-a"));
        QVERIFY(!s.grants.count("g-b"));
        QVERIFY(!s.startups.count(w.startup2));
        QCOMPARE(s.balance(grantAccount("g-a"), w.resource), kGrantAmount);
        QCOMPARE(r.value()->lastVerified().value()->treeSize, int64_t(fullRows.size()));

        // What the registry refuses this member: a proof of st-2's registration, and submitting another's
        // entry.
        auto e = syncclient::SyncEngine::create(*mine.value(), w.founder, rig.options());
        QVERIFY(e);
        const int64_t T = int64_t(fullRows.size());
        auto proof = e.value()->transport().get(
            QStringLiteral("/v1/proof/inclusion?seq=%1&tree_size=%2").arg(st2Seq).arg(T).toLatin1());
        QVERIFY2(proof, qPrintable(why(proof)));
        QCOMPARE(proof->status, 403L);
        auto own = e.value()->transport().get(
            QStringLiteral("/v1/proof/inclusion?seq=0&tree_size=%1").arg(T).toLatin1());
        QVERIFY(own);
        QCOMPARE(own->status, 200L);
        const SignedEntry others = rig.ledger->sign(w.pm, "sponsor.registered", bodies::sponsor("sneaky"));
        auto post = e.value()->transport().post(
            QByteArrayLiteral("/v1/entries"), syncwire::encodeSubmit({ others }));
        QVERIFY(post);
        QCOMPARE(post->status, 403L);
        QCOMPARE(syncwire::decodeError(post->body).code, QStringLiteral("not_author"));
        // And a sync from the filtered replica is quiet: nothing new, nothing refused.
        auto again = e.value()->sync();
        QVERIFY2(again, qPrintable(why(again)));
        QCOMPARE(again->pulled, int64_t(0));
    }

    void interruptedPullResumesWhereItStopped()
    {
        Rig rig;
        QVERIFY(rig.build());
        faultrelay::Relay relay(rig.registry->port());
        QVERIFY(relay.port() != 0);
        const QString relayUrl = QStringLiteral("https://127.0.0.1:%1").arg(relay.port());
        syncclient::SyncOptions o = rig.options(relayUrl);
        o.pageLimit = 5;
        const QString path = rig.file(QStringLiteral("reviewer.ledger"));
        syncclient::JoinOptions j;
        j.sync = o;
        // First interruption: the member cancels (Ctrl-C, or closing the desktop) in the middle of the pull.
        std::atomic<bool> cancel { false };
        auto first = syncclient::join(
            path, rig.world.reviewer, j,
            [&](const syncclient::SyncProgress &p) {
                if (p.phase == syncclient::SyncProgress::Phase::Pull && p.done >= 15)
                    cancel.store(true);
            },
            &cancel);
        QVERIFY(!first);
        QCOMPARE(first.error().code, QStringLiteral("cancelled"));
        QVERIFY(!QFile::exists(path));
        const QString partial = path + QStringLiteral(".partial");
        int64_t stoppedAt = -1;
        {
            auto store = store::LedgerStore::open(partial, store::LedgerStore::Mode::ReadWrite);
            QVERIFY(store);
            auto r = replica::Replica::open(*store.value());
            QVERIFY(r);
            stoppedAt = r.value()->position();
            QVERIFY(stoppedAt >= 15);
            QVERIFY(!r.value()->lastVerified().value());
        }
        // Join again: it resumes the partial file and fetches only the rest.
        auto second = syncclient::join(path, rig.world.reviewer, j);
        QVERIFY2(second, qPrintable(why(second)));
        QVERIFY(second->complete);
        QCOMPARE(second->pulled, second->treeSize - stoppedAt);
        QVERIFY(QFile::exists(path));
        QVERIFY(!QFile::exists(partial));
        // The result equals a replica pulled in one go.
        const QString direct = rig.file(QStringLiteral("direct.ledger"));
        QVERIFY(rig.join(rig.world.reviewer2, direct));
        auto x = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
        auto y = store::LedgerStore::open(direct, store::LedgerStore::Mode::ReadOnly);
        for (const QString &t : { QStringLiteral("log"), QStringLiteral("balances"), QStringLiteral("grants"),
                 QStringLiteral("checkpoints"), QStringLiteral("applications") })
            QCOMPARE(tableRows(x.value()->db(), t), tableRows(y.value()->db(), t));

        // Second interruption: the network drops in the middle of a response. The retry (freshly signed)
        // carries on; nothing is fetched twice or lost.
        const QString third = rig.file(QStringLiteral("third.ledger"));
        bool armed = false;
        auto r3 = syncclient::join(third, rig.world.pm3, j, [&](const syncclient::SyncProgress &p) {
            if (p.phase == syncclient::SyncProgress::Phase::Pull && p.done >= 10 && !armed) {
                armed = true;
                relay.cutResponseAfter(500);
            }
        });
        QVERIFY2(r3, qPrintable(why(r3)));
        QVERIFY(r3->complete);
        QCOMPARE(relay.cuts(), 1);
        auto z = store::LedgerStore::open(third, store::LedgerStore::Mode::ReadOnly);
        QCOMPARE(tableRows(z.value()->db(), QStringLiteral("log")),
            tableRows(y.value()->db(), QStringLiteral("log")));
    }

    void retriesNeverDuplicateAnEntry()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        QVERIFY(rig.join(w.pm, path));
        faultrelay::Relay relay(rig.registry->port());
        Machine m;
        QVERIFY(m.open(path, w.pm, rig.options(QStringLiteral("https://127.0.0.1:%1").arg(relay.port()))));
        std::vector<QByteArray> ids;
        for (int i = 0; i < 3; ++i) {
            auto r = m.session->record(
                w.pm, "sponsor.registered", bodies::sponsor("retry-sponsor-" + std::to_string(i)));
            QVERIFY(r && r->queued);
            ids.push_back(r->entryId);
        }
        const int64_t before = m.session->store().logSize().value();
        // The registry sequences the batch, but its answer never arrives.
        m.engine->setProgress([&](const syncclient::SyncProgress &p) {
            if (p.phase == syncclient::SyncProgress::Phase::Push && p.done == 0 && relay.cuts() == 0
                && !relay.armed())
                relay.cutResponseAfter(0);
        });
        auto s = m.engine->sync();
        QVERIFY2(s, qPrintable(why(s)));
        QCOMPARE(relay.cuts(), 1);
        QCOMPARE(s->sequenced, int64_t(3)); // the retry got the original receipts
        QCOMPARE(m.session->store().logSize().value(), before + 3);
        replica::Outbox outbox(m.session->store());
        std::set<int64_t> seqs;
        for (const QByteArray &id : ids) {
            auto item = outbox.find(id).value();
            QVERIFY(item && item->status == replica::OutboxStatus::Sequenced);
            auto at = m.session->store().findEntry(id).value();
            QVERIFY(at);
            QCOMPARE(*at, item->seq);
            seqs.insert(item->seq);
        }
        QCOMPARE(seqs.size(), size_t(3));
        // Pushing the same entries again (as after a crash before the receipts were stored) changes nothing.
        std::vector<SignedEntry> same;
        const auto listed = outbox.list();
        QVERIFY(listed);
        for (const auto &item : listed.value())
            same.push_back(item.entry);
        auto post
            = m.engine->transport().post(QByteArrayLiteral("/v1/entries"), syncwire::encodeSubmit(same));
        QVERIFY(post && post->status == 200);
        auto receipts = syncwire::decodeSubmitResponse(post->body);
        QVERIFY(receipts);
        for (size_t i = 0; i < same.size(); ++i)
            QCOMPARE(receipts->receipts[i].seq, outbox.find(same[i].id()).value()->seq);
        auto after = m.engine->pull();
        QVERIFY2(after, qPrintable(why(after)));
        QCOMPARE(after->pulled, int64_t(0));
        QCOMPARE(m.session->store().logSize().value(), before + 3);
    }

    void registryKilledInTheMiddleOfABatch()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        QVERIFY(rig.join(w.pm, path));
        Machine m;
        syncclient::SyncOptions o = rig.options();
        o.transport.maxAttempts = 3;
        QVERIFY(m.open(path, w.pm, o));
        const int64_t before = m.session->store().logSize().value();
        const int kEntries = 400;
        for (int i = 0; i < kEntries; ++i) {
            auto r = m.session->record(
                w.pm, "sponsor.registered", bodies::sponsor("killed-" + std::to_string(i)));
            QVERIFY(r && r->queued);
        }
        // The push runs on its own thread; the registry is killed (SIGKILL) while the batch is in flight.
        std::atomic<bool> sending { false };
        m.engine->setProgress([&](const syncclient::SyncProgress &p) {
            if (p.phase == syncclient::SyncProgress::Phase::Push && p.done == 0)
                sending.store(true);
        });
        Result<syncclient::SyncReport> pushed = syncclient::SyncReport {};
        std::thread pusher([&] { pushed = m.engine->push(); });
        QElapsedTimer t;
        t.start();
        while (!sending.load() && t.elapsed() < 30'000)
            QThread::msleep(1);
        QThread::msleep(15);
        rig.registry->kill();
        pusher.join();
        QVERIFY(sending.load());
        // Either the batch landed before the kill or the retries found nobody: nothing is lost locally.
        replica::Outbox outbox(m.session->store());
        QCOMPARE(outbox.count(replica::OutboxStatus::Rejected).value(), int64_t(0));
        QCOMPARE(outbox.count(replica::OutboxStatus::Pending).value()
                + outbox.count(replica::OutboxStatus::Sequenced).value(),
            int64_t(kEntries));

        qInfo("after the kill: %lld sequenced, %lld pending (push: %s)",
            static_cast<long long>(outbox.count(replica::OutboxStatus::Sequenced).value()),
            static_cast<long long>(outbox.count(replica::OutboxStatus::Pending).value()),
            pushed ? "done" : qPrintable(pushed.error().code));
        // Restarted on the same data, the registry answers the retry with the original receipts.
        QVERIFY(rig.start(rig.server));
        Machine again;
        QVERIFY(again.open(path, w.pm, rig.options()));
        m.engine.reset();
        m.session.reset();
        auto s = again.engine->sync();
        QVERIFY2(s, qPrintable(why(s)));
        replica::Outbox after(again.session->store());
        QCOMPARE(after.count(replica::OutboxStatus::Sequenced).value(), int64_t(kEntries));
        QCOMPARE(again.session->store().logSize().value(), before + kEntries);
        std::set<int64_t> seqs;
        const auto sequenced = after.list(replica::OutboxStatus::Sequenced);
        QVERIFY(sequenced);
        for (const auto &item : sequenced.value()) {
            QCOMPARE(again.session->store().findEntry(item.entryId).value().value_or(-1), item.seq);
            seqs.insert(item.seq);
        }
        QCOMPARE(seqs.size(), size_t(kEntries));
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
