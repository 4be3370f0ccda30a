// Replays across restarts of the real alliance-registry: a signed request captured while the registry ran is
// still refused as a replay after it restarted, whether it stopped cleanly (SIGTERM) or was killed (SIGKILL),
// for as long as the request is inside the window; afterwards it is refused as stale and its record goes.

#include "tlsregistry.h"

#include "sync/wire/messages.h"

#include "ledger/store/sqlite.h"

#include <QTest>

using namespace kit;

class TstRegistryReplay : public QObject
{
    Q_OBJECT

    TlsRegistry m_rig;
    const World &w() const { return m_rig.world(); }
    static constexpr int kWindowS = 15; // long enough for a restart on a busy machine

    Https http() { return Https(m_rig.registry->baseUrl(), m_rig.pki->caFile()); }

    // Rows of the journal for one signature (the file is read while the registry is stopped).
    int journalRows(const QByteArray &signatureHeader)
    {
        auto db = ledger::sql::Database::open(
            m_rig.dir.file(QStringLiteral("data/replay.sqlite")), ledger::sql::Database::Mode::ReadOnly);
        if (!db)
            return -1;
        auto s = db->prepare("SELECT count(*) FROM replay_seen WHERE signature = ?");
        if (!s)
            return -1;
        s->bind(1, syncwire::parseSignature(signatureHeader));
        auto row = s->step();
        return row && row.value() ? int(s->int64(0)) : -1;
    }

private slots:
    void initTestCase()
    {
        m_rig.start({ QStringLiteral("--auth-window"), QString::number(kWindowS) });
        QVERIFY(!QTest::currentTestFailed());
    }

    void replayAfterCleanRestartIsRefused()
    {
        const qint64 at = uniqueNow();
        const Reply first = http().send("GET", "/v1/me", {}, &w().reviewer, "application/json", at);
        QVERIFY2(first.status == 200, qPrintable(describe(first)));
        const Reply again = http().send("GET", "/v1/me", {}, &w().reviewer, "application/json", at);
        QCOMPARE(again.status, 401);
        QCOMPARE(errorCode(again), QStringLiteral("replayed_request"));

        m_rig.registry->stop();
        QCOMPARE(m_rig.registry->lastExitCode(), 0);
        QVERIFY2(m_rig.registry->start(), qPrintable(m_rig.registry->output()));
        const Reply replayed = http().send("GET", "/v1/me", {}, &w().reviewer, "application/json", at);
        QCOMPARE(replayed.status, 401);
        QCOMPARE(errorCode(replayed), QStringLiteral("replayed_request"));
        // A request signed afresh is served.
        const Reply fresh = http().send("GET", "/v1/me", {}, &w().reviewer);
        QVERIFY2(fresh.status == 200, qPrintable(describe(fresh)));
    }

    void replayAfterSigkillIsRefusedThenExpires()
    {
        const QByteArray body = syncwire::encodeSubmit(
            { makeEntry(w().pm, "sponsor.registered", bodies::sponsor("replay-kill")) });
        const qint64 at = uniqueNow();
        const Reply first = http().send("POST", "/v1/entries", body, &w().pm, "application/json", at);
        QVERIFY2(first.status == 200, qPrintable(describe(first)));

        m_rig.registry->kill();
        QVERIFY2(m_rig.registry->start(), qPrintable(m_rig.registry->output()));
        const Reply replayed = http().send("POST", "/v1/entries", body, &w().pm, "application/json", at);
        QCOMPARE(replayed.status, 401);
        QCOMPARE(errorCode(replayed), QStringLiteral("replayed_request"));
        const Reply resigned = http().send("POST", "/v1/entries", body, &w().pm);
        QVERIFY2(resigned.status == 200, qPrintable(describe(resigned)));

        // Once the request's time has left the window it is stale, and a restart drops its record.
        const QByteArray sig = syncwire::signRequest(w().pm, "POST", "/v1/entries", body, at).signature;
        m_rig.registry->stop();
        QCOMPARE(journalRows(sig), 1);
        QTest::qWait(int(at + kWindowS * 1000 - QDateTime::currentMSecsSinceEpoch()) + 500);
        QVERIFY2(m_rig.registry->start(), qPrintable(m_rig.registry->output()));
        const Reply late = http().send("POST", "/v1/entries", body, &w().pm, "application/json", at);
        QCOMPARE(late.status, 401);
        QCOMPARE(errorCode(late), QStringLiteral("stale_request"));
        m_rig.registry->stop();
        QCOMPARE(journalRows(sig), 0);
    }

    void cleanupTestCase() { m_rig.registry.reset(); }
};

QTEST_GUILESS_MAIN(TstRegistryReplay)
#include "tst_registry_replay.moc"
