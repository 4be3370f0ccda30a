// TLS of the sync client (sync/client/httpstransport.h) against the real alliance-registry: a CA the
// client does not trust, a certificate for another host name, an expired certificate and a wrong pin are
// each refused with tls_error before anything is sent (the outbox stays pending, the registry's log does not
// grow); the right CA with the right pin works, over one reused connection; plain http:// is refused.

#include "ledger/replica/endpoint.h"
#include "ledger/replica/outbox.h"
#include "sync/syncrig.h"
#include "sync/wire/messages.h"

#include <QElapsedTimer>
#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;

class TestSyncTls : public QObject
{
    Q_OBJECT

private:
    // The registry's tree size, asked over a correctly verified connection.
    int64_t treeSize(Rig &rig)
    {
        auto t = syncclient::HttpsTransport::create(rig.options().transport);
        auto r = t.value()->get(QByteArrayLiteral("/v1/health"));
        if (!r || r->status != 200)
            return -1;
        auto h = syncwire::decodeHealth(r->body);
        return h ? h->treeSize : -1;
    }

    // Syncs a member's replica with `o` and expects a TLS refusal that changed nothing.
    void expectRefused(Rig &rig, const QString &path, const syncclient::SyncOptions &o, const char *what)
    {
        const auto before = [&] {
            auto s = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
            return tableDigests(s.value()->db());
        }();
        Machine m;
        QVERIFY(m.open(path, rig.world.pm, o));
        auto r = m.engine->sync();
        QVERIFY2(!r, what);
        QVERIFY2(r.error().code == QLatin1String("tls_error"),
            qPrintable(QLatin1String(what) + QStringLiteral(": ") + r.error().toString()));
        QCOMPARE(m.engine->transport().requestsSent(), int64_t(1)); // refused at the handshake, never retried
        QCOMPARE(
            replica::Outbox(m.session->store()).count(replica::OutboxStatus::Pending).value(), int64_t(1));
        m.engine.reset();
        m.session.reset();
        auto s = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
        QCOMPARE(tableDigests(s.value()->db()), before);
    }

private slots:
    void badCertificatesAndPinsAreRefused()
    {
        Rig rig;
        QVERIFY(rig.build());
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        QVERIFY(rig.join(rig.world.pm, path));
        {
            Machine m;
            QVERIFY(m.open(path, rig.world.pm, rig.options()));
            QVERIFY(m.session->record(rig.world.pm, "sponsor.registered", bodies::sponsor("tls-sponsor"))
                        ->queued);
        }
        const int64_t size = treeSize(rig);
        QVERIFY(size > 0);

        // A CA the client does not trust.
        QDir().mkpath(rig.file(QStringLiteral("other-ca")));
        TestPki other(rig.file(QStringLiteral("other-ca")), QStringLiteral("Somebody Else's CA"));
        QVERIFY(other.ok());
        syncclient::SyncOptions wrongCa = rig.options();
        wrongCa.transport.caFile = other.caFile();
        expectRefused(rig, path, wrongCa, "wrong CA");

        // The right CA but a pin of another key.
        const IssuedCert stranger = rig.pki->issue(QStringLiteral("stranger"));
        QVERIFY(stranger.ok);
        syncclient::SyncOptions wrongPin = rig.options();
        wrongPin.transport.pinnedKey = QString::fromLatin1(stranger.pin);
        expectRefused(rig, path, wrongPin, "wrong pin");
        QCOMPARE(treeSize(rig), size);

        // A certificate for another host name, then an expired one.
        const IssuedCert otherHost = rig.pki->issue(
            QStringLiteral("otherhost"), CertOptions { { QStringLiteral("example.invalid") }, {}, -1, 30 });
        QVERIFY(otherHost.ok);
        QVERIFY(rig.start(otherHost));
        expectRefused(rig, path, rig.options(), "wrong host name");
        const IssuedCert expired = rig.pki->issue(QStringLiteral("expired"),
            CertOptions { { QStringLiteral("localhost") }, { QStringLiteral("127.0.0.1") }, -30, -1 });
        QVERIFY(expired.ok);
        QVERIFY(rig.start(expired));
        expectRefused(rig, path, rig.options(), "expired certificate");

        // The good certificate, the right pin (bare base64 or sha256//): the entry goes, on one connection.
        QVERIFY(rig.start(rig.server));
        QCOMPARE(treeSize(rig), size);
        syncclient::SyncOptions pinned = rig.options();
        pinned.transport.pinnedKey = QString::fromLatin1(rig.server.pin).mid(8);
        Machine m;
        QVERIFY(m.open(path, rig.world.pm, pinned));
        auto r = m.engine->sync();
        QVERIFY2(r, qPrintable(why(r)));
        QCOMPARE(r->sequenced, int64_t(1));
        QVERIFY(m.engine->transport().requestsSent() >= 4);
        QCOMPARE(m.engine->transport().connectionsOpened(), int64_t(1));
        QCOMPARE(treeSize(rig), size + 1);
    }

    void onlyHttpsAndWellFormedPins()
    {
        syncclient::TransportOptions o;
        o.baseUrl = QStringLiteral("http://127.0.0.1:1");
        auto plain = syncclient::HttpsTransport::create(o);
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, QStringLiteral("invalid_url"));
        // The ledger's one rule for an address, in its words (tests/ledger/tst_registryaddress has the rows).
        QCOMPARE(plain.error().message, ledger::replica::registryUrlProblem(o.baseUrl));
        o.baseUrl = QStringLiteral("https://127.0.0.1:1/some/path");
        QCOMPARE(syncclient::HttpsTransport::create(o).error().code, QStringLiteral("invalid_url"));
        QCOMPARE(syncclient::HttpsTransport::create(o).error().message,
            ledger::replica::registryUrlProblem(o.baseUrl));
        o.baseUrl = QStringLiteral(" https://127.0.0.1:1/ ");
        auto slash = syncclient::HttpsTransport::create(o);
        QVERIFY2(slash, qPrintable(slash ? QString() : slash.error().message));
        QCOMPARE(slash.value()->options().baseUrl, QStringLiteral("https://127.0.0.1:1"));
        o.baseUrl = QStringLiteral("https://127.0.0.1:1");
        o.pinnedKey = QStringLiteral("sha256//not-a-hash");
        QCOMPARE(syncclient::HttpsTransport::create(o).error().code, QStringLiteral("invalid_pin"));
    }

    void unreachableRegistryIsRetriedWithBackoffThenReported()
    {
        // A port nobody listens on: every attempt fails to connect; backoff between them, then network_error.
        syncclient::TransportOptions o;
        o.baseUrl = QStringLiteral("https://127.0.0.1:9"); // discard port, closed on test machines
        o.maxAttempts = 3;
        o.backoffBaseMs = 40;
        o.backoffMaxMs = 1000;
        auto t = syncclient::HttpsTransport::create(o);
        QVERIFY(t);
        std::vector<int> waits;
        t.value()->setRetryObserver([&](int, int waitMs, const QString &) { waits.push_back(waitMs); });
        QElapsedTimer timer;
        timer.start();
        auto r = t.value()->get(QByteArrayLiteral("/v1/health"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("network_error"));
        QCOMPARE(t.value()->requestsSent(), int64_t(3));
        QCOMPARE(waits.size(), size_t(2));
        QVERIFY(waits[0] >= 20 && waits[0] <= 40);
        QVERIFY(waits[1] >= 40 && waits[1] <= 80);
        QVERIFY(timer.elapsed() >= waits[0] + waits[1]);
        // Cancelling during the backoff ends it at once.
        std::atomic<bool> cancel { false };
        o.backoffBaseMs = 60'000;
        o.backoffMaxMs = 60'000;
        auto slow = syncclient::HttpsTransport::create(o);
        slow.value()->setCancelFlag(&cancel);
        slow.value()->setRetryObserver([&](int, int, const QString &) { cancel.store(true); });
        timer.restart();
        auto c = slow.value()->get(QByteArrayLiteral("/v1/health"));
        QCOMPARE(c.error().code, QStringLiteral("cancelled"));
        QVERIFY(timer.elapsed() < 10'000);
    }

    void backoffGrowsWithJitterAndACap()
    {
        for (int attempt = 1; attempt <= 12; ++attempt) {
            const int64_t d = std::min<int64_t>(5000, int64_t(100) << (attempt - 1));
            for (int i = 0; i < 50; ++i) {
                const int w = syncclient::backoffDelayMs(attempt, 100, 5000);
                QVERIFY2(
                    w >= d / 2 && w <= d, qPrintable(QStringLiteral("attempt %1: %2").arg(attempt).arg(w)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncTls)
#include "tst_synctls.moc"
