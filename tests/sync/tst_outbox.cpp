// The outbox of a ledger bound to a registry (ledger/replica/outbox.h and LedgerSession on a bound ledger),
// on real ledger files: record() signs, pre-checks against the local state plus what is already waiting,
// and queues instead of sequencing; receipts are recorded per entry and rejections are kept with their
// reason; a standalone ledger still sequences locally.

#include "ledger/engine/session.h"
#include "ledger/replica/outbox.h"
#include "sync/syncworld.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;

class TestOutbox : public QObject
{
    Q_OBJECT

private:
    // A fixture with the pool world, closed, and a bound copy of its file opened as a session.
    struct Bound
    {
        LedgerFixture f;
        QString path;
        std::unique_ptr<LedgerSession> session;
        World w;
    };
    std::unique_ptr<Bound> makeBound(replica::ReplicaKind kind = replica::ReplicaKind::Full)
    {
        auto b = std::make_unique<Bound>();
        buildPoolWorld(b->f);
        b->w = b->f.world();
        b->f.close();
        b->path = b->f.dir().file(QStringLiteral("replica.ledger"));
        if (!copyLedger(b->f.path(), b->path) || !bindLedger(b->path, kind))
            return nullptr;
        auto s = LedgerSession::open(b->path, LedgerSession::Access::ReadWrite, &b->f.clock);
        if (!s)
            return nullptr;
        b->session = std::move(s.value());
        return b;
    }

private slots:
    void recordQueuesInsteadOfSequencing()
    {
        auto b = makeBound();
        QVERIFY(b);
        QCOMPARE(b->session->boundToRegistry().value(), true);
        const int64_t sizeBefore = b->session->store().logSize().value();
        auto r = b->session->record(b->w.pm, "grant.created", grantBody("g-a", kAppA, b->f.clock.nowMs()));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QVERIFY(r->accepted);
        QVERIFY(r->queued);
        QCOMPARE(r->seq, int64_t(-1));
        QCOMPARE(b->session->store().logSize().value(), sizeBefore); // nothing sequenced locally
        replica::Outbox outbox(b->session->store());
        auto pending = outbox.pending();
        QVERIFY(pending);
        QCOMPARE(pending->size(), size_t(1));
        QCOMPARE(pending->front().entryId, r->entryId);
        QCOMPARE(pending->front().entry.type, std::string("grant.created"));
        QVERIFY(openSignedEntry(pending->front().entry)); // stored exactly as signed
        // The local state is the registry's: the queued grant does not exist yet.
        QVERIFY(!b->session->state().value()->grants.count("g-a"));
        // A bound ledger has no local sequencer.
        auto seq = b->session->sequencer();
        QVERIFY(!seq);
        QCOMPARE(seq.error().code, QStringLiteral("bound_to_registry"));
    }

    void precheckCountsWhatIsAlreadyWaiting()
    {
        auto b = makeBound();
        QVERIFY(b);
        const int64_t now = b->f.clock.nowMs();
        auto first = b->session->record(b->w.pm, "grant.created", grantBody("g-a", kAppA, now));
        QVERIFY(first && first->accepted && first->queued);
        // Alone it would fit the pool; after the waiting grant it would overdraw it.
        auto second = b->session->record(b->w.pm2, "grant.created", grantBody("g-b", kAppB, now));
        QVERIFY(second);
        QVERIFY(!second->accepted);
        QCOMPARE(second->rejection.code, QStringLiteral("insufficient_balance"));
        replica::Outbox outbox(b->session->store());
        QCOMPARE(outbox.count(replica::OutboxStatus::Pending).value(), int64_t(1));
        QVERIFY(!outbox.find(second->entryId).value()); // a local rejection is not queued
    }

    void precheckRejectsWhatTheRulesRefuse()
    {
        auto b = makeBound();
        QVERIFY(b);
        // A reviewer may not make grants.
        auto r
            = b->session->record(b->w.reviewer, "grant.created", grantBody("g-x", kAppA, b->f.clock.nowMs()));
        QVERIFY(r);
        QVERIFY(!r->accepted);
        QVERIFY(!r->rejection.code.isEmpty());
        QCOMPARE(replica::Outbox(b->session->store()).list()->size(), size_t(0));
        // A bad body is an error and stores nothing either.
        auto bad = b->session->record(b->w.pm, "grant.created", Value(std::string("not an object")));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("invalid_body"));
    }

    void submitTwiceQueuesOnce()
    {
        auto b = makeBound();
        QVERIFY(b);
        const SignedEntry e
            = b->f.sign(b->w.pm, "grant.created", grantBody("g-a", kAppA, b->f.clock.nowMs()));
        auto r1 = b->session->submit(e);
        QVERIFY(r1 && r1->accepted && r1->queued && !r1->duplicate);
        auto r2 = b->session->submit(e);
        QVERIFY(r2 && r2->accepted && r2->queued && r2->duplicate);
        replica::Outbox outbox(b->session->store());
        QCOMPARE(outbox.list()->size(), size_t(1));
        auto again = outbox.queue(e, 0);
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("already_queued"));
    }

    void receiptsAreRecordedAndRejectionsKept()
    {
        auto b = makeBound();
        QVERIFY(b);
        const int64_t now = b->f.clock.nowMs();
        auto a = b->session->record(b->w.pm, "grant.created", grantBody("g-a", kAppA, now));
        QVERIFY(a && a->queued);
        const SignedEntry other = b->f.sign(b->w.pm2, "sponsor.registered", bodies::sponsor("new-sponsor"));
        auto o = b->session->submit(other);
        QVERIFY(o && o->queued);
        replica::Outbox outbox(b->session->store());
        auto pending = outbox.pending();
        QCOMPARE(pending->size(), size_t(2));
        QCOMPARE(pending->at(0).entryId, a->entryId); // queue order
        QCOMPARE(outbox.pending(1)->size(), size_t(1));

        QVERIFY(outbox.recordSequenced(a->entryId, 77));
        QVERIFY(outbox.recordSequenced(a->entryId, 77)); // the same receipt twice is harmless
        QVERIFY(outbox.recordRejected(
            o->entryId, QStringLiteral("already_exists"), QStringLiteral("It exists.")));
        auto sequenced = outbox.find(a->entryId).value();
        QVERIFY(sequenced);
        QCOMPARE(sequenced->status, replica::OutboxStatus::Sequenced);
        QCOMPARE(sequenced->seq, int64_t(77));
        auto rejected = outbox.list(replica::OutboxStatus::Rejected);
        QCOMPARE(rejected->size(), size_t(1));
        QCOMPARE(rejected->front().reasonCode, QStringLiteral("already_exists"));
        QCOMPARE(rejected->front().reason, QStringLiteral("It exists."));
        QCOMPARE(outbox.pending()->size(), size_t(0));

        // Receipts for entries this outbox never queued are refused.
        const QByteArray stranger(32, '\x07');
        QCOMPARE(outbox.recordSequenced(stranger, 1).error().code, QStringLiteral("not_in_outbox"));
        QCOMPARE(outbox.recordRejected(stranger, QStringLiteral("x"), QStringLiteral("y")).error().code,
            QStringLiteral("not_in_outbox"));

        // Re-submitting a rejected entry gives its rejection back, not a second row.
        auto again = b->session->submit(other);
        QVERIFY(again);
        QVERIFY(!again->accepted);
        QCOMPARE(again->rejection.code, QStringLiteral("already_exists"));
        QCOMPARE(outbox.list()->size(), size_t(2));
    }

    void outboxSurvivesReopening()
    {
        auto b = makeBound();
        QVERIFY(b);
        auto a = b->session->record(b->w.pm, "grant.created", grantBody("g-a", kAppA, b->f.clock.nowMs()));
        QVERIFY(a && a->queued);
        b->session.reset();
        auto s = LedgerSession::open(b->path, LedgerSession::Access::ReadWrite, &b->f.clock);
        QVERIFY(s);
        auto pending = replica::Outbox(s.value()->store()).pending();
        QCOMPARE(pending->size(), size_t(1));
        QCOMPARE(pending->front().entryId, a->entryId);
        // The pre-check still sees it after reopening.
        auto second
            = s.value()->record(b->w.pm2, "grant.created", grantBody("g-b", kAppB, b->f.clock.nowMs()));
        QVERIFY(second && !second->accepted);
        QCOMPARE(second->rejection.code, QStringLiteral("insufficient_balance"));
    }

    void standaloneLedgerStillSequences()
    {
        LedgerFixture f;
        buildPoolWorld(f);
        const World w = f.world();
        f.close();
        auto s = LedgerSession::open(f.path(), LedgerSession::Access::ReadWrite, &f.clock);
        QVERIFY(s);
        QCOMPARE(s.value()->boundToRegistry().value(), false);
        const int64_t before = s.value()->store().logSize().value();
        auto r = s.value()->record(w.pm, "grant.created", grantBody("g-a", kAppA, f.clock.nowMs()));
        QVERIFY(r && r->accepted && !r->queued);
        QCOMPARE(r->seq, before);
        QCOMPARE(s.value()->store().logSize().value(), before + 1);
        QCOMPARE(replica::Outbox(s.value()->store()).list()->size(), size_t(0));
    }

    void readOnlySessionQueuesNothing()
    {
        auto b = makeBound();
        QVERIFY(b);
        b->session.reset();
        auto s = LedgerSession::open(b->path, LedgerSession::Access::ReadOnly, &b->f.clock);
        QVERIFY(s);
        auto r = s.value()->record(b->w.pm, "grant.created", grantBody("g-a", kAppA, b->f.clock.nowMs()));
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("database_readonly"));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
