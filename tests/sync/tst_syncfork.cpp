// Forks (docs/SYNC-CLIENT.md "Pull"), against real alliance-registry processes over TLS: a registry whose
// data was replaced by a diverging history — longer, or of the same size with another root — stops sync
// with an alarm naming both checkpoints, and nothing local changes or is lost (the outbox included).

#include "ledger/replica/outbox.h"
#include "sync/syncrig.h"
#include "sync/wire/messages.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;

class TestSyncFork : public QObject
{
    Q_OBJECT

private slots:
    void divergingRegistryIsAFork()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        // Two more data directories: the same alliance at the moment it moved onto the registry.
        rig.registry->stop();
        const QString forkDir = rig.file(QStringLiteral("fork-data"));
        const QString sameSize = rig.file(QStringLiteral("fork-data-2"));
        QVERIFY(copyDir(rig.dataDir, forkDir));
        QVERIFY(copyDir(rig.dataDir, sameSize));
        QVERIFY(rig.start(rig.server));

        // The honest registry goes on: one entry. The member syncs it and verifies that checkpoint.
        const syncclient::SyncOptions honest = rig.options();
        auto sent = submitDirect(
            honest, w.pm2, { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("honest")) });
        QVERIFY2(sent && sent->receipts.size() == 1 && sent->receipts[0].sequenced, qPrintable(why(sent)));
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        QVERIFY(rig.join(w.pm, path));
        Machine m;
        QVERIFY(m.open(path, w.pm, honest));
        auto queued = m.session->record(w.pm, "sponsor.registered", bodies::sponsor("waiting"));
        QVERIFY(queued && queued->queued);
        auto verified = m.session->store().latestCheckpoint().value();
        QVERIFY(verified);

        // The other history: two different entries where the honest log has one.
        rig.registry->stop();
        QVERIFY(rig.start(rig.server, forkDir));
        const syncclient::SyncOptions forked = rig.options();
        auto other = submitDirect(forked, w.pm2,
            { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("forked-1")),
                rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("forked-2")) });
        QVERIFY2(other && other->receipts.size() == 2, qPrintable(why(other)));

        const auto before = tableDigests(m.session->store().db());
        Machine f;
        QVERIFY(f.open(path, w.pm, forked));
        auto r = f.engine->sync(); // the fork check comes before the push: nothing goes to a forked registry
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("fork_detected"));
        QVERIFY(f.engine->fork().has_value());
        const syncclient::ForkAlarm &alarm = *f.engine->fork();
        QCOMPARE(alarm.localSize, verified->treeSize);
        QCOMPARE(alarm.localRoot, verified->root);
        QCOMPARE(alarm.remoteSize, verified->treeSize + 1);
        QVERIFY(alarm.remoteRoot != verified->root);
        QVERIFY(r.error().message.contains(QString::fromLatin1(verified->root.toBase64())));
        QVERIFY(r.error().message.contains(QString::fromLatin1(alarm.remoteRoot.toBase64())));
        QVERIFY(r.error().message.contains(QString::number(alarm.remoteSize)));
        QCOMPARE(tableDigests(m.session->store().db()), before);
        auto item = replica::Outbox(m.session->store()).find(queued->entryId).value();
        QVERIFY(item && item->status == replica::OutboxStatus::Pending);
        auto head = f.engine->transport().get(QByteArrayLiteral("/v1/checkpoint"));
        QVERIFY(head && head->status == 200);
        QCOMPARE(syncwire::decodeCheckpoint(head->body)->treeSize, alarm.remoteSize); // nothing was pushed
        // Pulling again gives the same alarm; the replica keeps working with the honest registry later.
        auto again = f.engine->pull();
        QVERIFY(!again);
        QCOMPARE(again.error().code, QStringLiteral("fork_detected"));

        // The same size with another root: a registry that rewrote the entry the member verified.
        rig.registry->stop();
        QVERIFY(rig.start(rig.server, sameSize));
        auto rewritten = submitDirect(rig.options(), w.pm2,
            { rig.ledger->sign(w.pm2, "sponsor.registered", bodies::sponsor("rewritten")) });
        QVERIFY2(rewritten && rewritten->receipts.size() == 1, qPrintable(why(rewritten)));
        Machine g;
        QVERIFY(g.open(path, w.pm, rig.options()));
        auto r2 = g.engine->pull();
        QVERIFY(!r2);
        QCOMPARE(r2.error().code, QStringLiteral("fork_detected"));
        QCOMPARE(g.engine->fork()->remoteSize, verified->treeSize);
        QCOMPARE(tableDigests(m.session->store().db()), before);
    }
};

QTEST_GUILESS_MAIN(TestSyncFork)
#include "tst_syncfork.moc"
