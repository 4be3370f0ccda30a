// The real alliance-registry against bad input and bad clients (oversized bodies, batches, content types,
// malformed JSON, a client that vanishes mid-request, a client too slow to finish one), and its start-up
// rules: init only from a ledger that appointed the key, plain HTTP only with --insecure-http.

#include "tlsregistry.h"

#include "support/ctlprocess.h"
#include "sync/wire/messages.h"

#include <QSslSocket>
#include <QTest>

using namespace kit;

class TstRegistryLimits : public QObject
{
    Q_OBJECT

    TlsRegistry m_rig;
    std::unique_ptr<Https> m_http;
    const World &w() const { return m_rig.world(); }

    int64_t treeSize()
    {
        auto h = syncwire::decodeHealth(m_http->send("GET", "/v1/health").body);
        return h ? h->treeSize : -1;
    }

    // A TLS connection that trusts the test CA, for clients that misbehave below HTTP.
    std::unique_ptr<QSslSocket> rawConnection()
    {
        auto s = std::make_unique<QSslSocket>();
        s->setSslConfiguration(trustOnly(m_rig.pki->caFile()));
        s->connectToHostEncrypted(
            QStringLiteral("127.0.0.1"), m_rig.registry->port(), QStringLiteral("127.0.0.1"));
        if (!s->waitForEncrypted(10'000))
            return nullptr;
        return s;
    }

private slots:
    void initTestCase()
    {
        m_rig.start({ QStringLiteral("--max-body"), QStringLiteral("65536"), QStringLiteral("--max-batch"),
            QStringLiteral("3"), QStringLiteral("--request-timeout"), QStringLiteral("2") });
        QVERIFY(!QTest::currentTestFailed());
        m_http = std::make_unique<Https>(m_rig.registry->baseUrl(), m_rig.pki->caFile());
    }

    void oversizedBodyIs413AndCostsNothing()
    {
        const int64_t before = treeSize();
        const QByteArray body = "{\"entries\":[\"" + QByteArray(200'000, 'a') + "\"]}";
        const Reply r = m_http->send("POST", "/v1/entries", body, &w().pm);
        QVERIFY2(r.status == 413, qPrintable(describe(r)));
        QCOMPARE(errorCode(r), QStringLiteral("body_too_large"));
        QCOMPARE(treeSize(), before);
        QCOMPARE(m_http->send("GET", "/v1/me", {}, &w().pm).status, 200);
    }

    void batchTooLarge()
    {
        std::vector<ledger::SignedEntry> batch;
        for (int i = 0; i < 4; ++i)
            batch.push_back(
                makeEntry(w().pm, "sponsor.registered", bodies::sponsor("big-" + std::to_string(i))));
        const int64_t before = treeSize();
        const Reply r = m_http->send("POST", "/v1/entries", syncwire::encodeSubmit(batch), &w().pm);
        QCOMPARE(r.status, 413);
        QCOMPARE(errorCode(r), QStringLiteral("batch_too_large"));
        QCOMPARE(treeSize(), before);
        batch.pop_back();
        QCOMPARE(m_http->send("POST", "/v1/entries", syncwire::encodeSubmit(batch), &w().pm).status, 200);
        QCOMPARE(treeSize(), before + 3);
    }

    void wrongContentTypeAndMalformedJson()
    {
        const int64_t before = treeSize();
        const QByteArray body
            = syncwire::encodeSubmit({ makeEntry(w().pm, "sponsor.registered", bodies::sponsor("ct")) });
        const Reply wrongType = m_http->send("POST", "/v1/entries", body, &w().pm, "text/plain");
        QCOMPARE(wrongType.status, 415);
        QCOMPARE(errorCode(wrongType), QStringLiteral("unsupported_media_type"));
        for (const QByteArray &bad : { QByteArray("{\"entries\":[}"), QByteArray("[1,2]"),
                 QByteArray("{\"entries\":[{}]}"), QByteArray("\xff\xfe") }) {
            const Reply r = m_http->send("POST", "/v1/entries", bad, &w().pm);
            QVERIFY2(r.status == 400, qPrintable(describe(r)));
            QCOMPARE(errorCode(r), QStringLiteral("bad_request"));
        }
        QCOMPARE(treeSize(), before);
    }

    void vanishingClientCostsNothing()
    {
        for (int i = 0; i < 5; ++i) {
            auto s = rawConnection();
            QVERIFY(s);
            s->write("POST /v1/entries HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     "application/json\r\nContent-Length: 5000\r\n\r\n{\"entr");
            s->waitForBytesWritten(2000);
            s->abort(); // gone without a word
        }
        QCOMPARE(m_http->send("GET", "/v1/me", {}, &w().pm).status, 200);
    }

    void slowClientIsTimedOutWhileOthersAreServed()
    {
        auto slow = rawConnection();
        QVERIFY(slow);
        slow->write("GET /v1/health HTTP/1.1\r\nHost: x\r\n"); // and never the blank line
        slow->waitForBytesWritten(2000);
        QElapsedTimer t;
        t.start();
        // Meanwhile others are served at once.
        QCOMPARE(m_http->send("GET", "/v1/me", {}, &w().pm).status, 200);
        QVERIFY(t.elapsed() < 1500);
        // After --request-timeout (2 s) the registry answers 408 and closes.
        QVERIFY(QTest::qWaitFor([&] { return slow->state() == QAbstractSocket::UnconnectedState; }, 10'000));
        QVERIFY2(slow->readAll().startsWith("HTTP/1.1 408"), "expected 408 before the close");
    }

    void headersTooLargeAndChunkedBodies()
    {
        auto s = rawConnection();
        QVERIFY(s);
        s->write("GET /v1/health HTTP/1.1\r\nX-Pad: " + QByteArray(20'000, 'p') + "\r\n\r\n");
        QVERIFY(QTest::qWaitFor(
            [&] { return s->bytesAvailable() > 0 || s->state() != QAbstractSocket::ConnectedState; },
            10'000));
        QVERIFY(s->readAll().startsWith("HTTP/1.1 431"));
        auto c = rawConnection();
        QVERIFY(c);
        c->write("POST /v1/entries HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        QVERIFY(QTest::qWaitFor(
            [&] { return c->bytesAvailable() > 0 || c->state() != QAbstractSocket::ConnectedState; },
            10'000));
        QVERIFY(c->readAll().startsWith("HTTP/1.1 411"));
        QCOMPARE(m_http->send("GET", "/v1/health").status, 200);
    }

    void plainHttpOnlyWithTheFlag()
    {
        // Without certificate files and without --insecure-http the registry refuses to start.
        const ProcessResult refused
            = RegistryProcess::run({ QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--data"), m_rig.dataDir() },
                30'000);
        QVERIFY(refused.finished);
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.output.contains(QLatin1String("--insecure-http")), qPrintable(refused.output));
        // A TLS client cannot talk to a plain listener and vice versa: the flag really switches TLS off.
        ScratchDir other;
        QCOMPARE(m_rig.alliance.init(other.file(QStringLiteral("data"))).exitCode, 0);
        RegistryOptions o;
        o.dataDir = other.file(QStringLiteral("data"));
        o.insecureHttp = true;
        RegistryProcess plain(o);
        QVERIFY2(plain.start(), qPrintable(plain.output()));
        QVERIFY(plain.baseUrl().startsWith(QLatin1String("http://")));
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(plain.baseUrl() + QStringLiteral("/v1/health"))));
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30'000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
        plain.stop();
    }

    void initNeedsTheAppointment()
    {
        Alliance notAppointed;
        QVERIFY(notAppointed.build(false));
        ScratchDir target;
        const ProcessResult r = notAppointed.init(target.file(QStringLiteral("data")));
        QVERIFY(r.finished);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.output.contains(QLatin1String("alliancectl registry appoint")), qPrintable(r.output));
        QVERIFY(!QFile::exists(target.file(QStringLiteral("data/registry.ledger"))));
        // And a data directory is never initialised twice.
        const ProcessResult twice = m_rig.alliance.init(m_rig.dataDir());
        QVERIFY(twice.exitCode != 0);
        QVERIFY2(twice.output.contains(QLatin1String("already holds")), qPrintable(twice.output));
    }

    void appointThroughAlliancectlThenInit()
    {
        Alliance a;
        QVERIFY(a.build(false));
        const QString rootKey = a.ledger->dir().file(QStringLiteral("root.key"));
        QVERIFY(ledger::crypto::saveKeyFile(
            a.ledger->root, rootKey, "registry passphrase", ledger::crypto::KdfCost::Fast));
        const QStringList common { QStringLiteral("registry"), QStringLiteral("appoint"),
            QStringLiteral("--ledger"), a.ledger->path(), QStringLiteral("--key"), rootKey,
            QStringLiteral("--passphrase-file"), a.passFile, QStringLiteral("--registry-key"), a.keyFile,
            QStringLiteral("--yes"), QStringLiteral("--url") };
        RunOptions inTime;
        inTime.timeoutMs = 60'000;
        const RunResult bad
            = runAlliancectl(common + QStringList { QStringLiteral("http://plain.example") }, inTime);
        QCOMPARE(bad.exitCode, 1);
        const RunResult good
            = runAlliancectl(common + QStringList { QStringLiteral("https://registry.example") }, inTime);
        QVERIFY2(good.exitCode == 0, (good.out + good.err).constData());
        ScratchDir target;
        const ProcessResult init = a.init(target.file(QStringLiteral("data")));
        QVERIFY2(init.exitCode == 0, qPrintable(init.output));
        QVERIFY(init.output.contains(QStringLiteral("the same tree")));
    }

    void cleanupTestCase()
    {
        if (m_rig.registry) {
            QVERIFY2(m_rig.registry->isRunning(), qPrintable(m_rig.registry->output()));
            m_rig.registry->stop();
        }
    }
};

QTEST_GUILESS_MAIN(TstRegistryLimits)
#include "tst_registry_limits.moc"
