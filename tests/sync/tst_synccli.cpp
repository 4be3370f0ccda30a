// alliancectl join, sync and outbox (app/alliancectl/commands_sync.cpp): the real binary against the real
// alliance-registry over TLS, as two programme managers would use them from a terminal.

#include "sync/syncrig.h"

#include "ledger/replica/endpoint.h"
#include "support/ctlprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstring>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;

namespace {

using Run = TextRun;

Run ctl(const QStringList &args)
{
    RunOptions options;
    options.unsetEnv = alliancectlDefaultsEnv();
    options.timeoutMs = 120'000;
    return asText(runAlliancectl(args, options));
}

// The endpoint stored in the replica at `path` (empty when none could be read: the caller's QCOMPAREs fail).
replica::Endpoint storedEndpoint(const QString &path)
{
    auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
    if (!store)
        return {};
    auto endpoint = replica::readEndpoint(*store.value());
    return endpoint && endpoint.value() ? *endpoint.value() : replica::Endpoint {};
}

void compareEndpoints(const replica::Endpoint &actual, const replica::Endpoint &expected)
{
    QCOMPARE(actual.registryUrl, expected.registryUrl);
    QCOMPARE(actual.caFile, expected.caFile);
    QCOMPARE(actual.pin, expected.pin);
}

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

private slots:
    void twoManagersFromTheTerminal()
    {
        Rig rig;
        QVERIFY(rig.build());
        const World &w = rig.world;
        const QString pmKey = rig.file(QStringLiteral("pm.key")),
                      pm2Key = rig.file(QStringLiteral("pm2.key"));
        QVERIFY(crypto::saveKeyFile(w.pm, pmKey, "test passphrase", crypto::KdfCost::Fast));
        QVERIFY(crypto::saveKeyFile(w.pm2, pm2Key, "test passphrase", crypto::KdfCost::Fast));
        const QString a = rig.file(QStringLiteral("a.ledger")), b = rig.file(QStringLiteral("b.ledger"));
        const QString url = rig.registry->baseUrl();
        const QString rootKey = QString::fromLatin1(rig.ledger->root.publicKey().raw().toBase64());
        auto as = [&](const QString &ledgerPath, const QString &key) {
            return QStringList { QStringLiteral("--ledger"), ledgerPath, QStringLiteral("--key"), key,
                QStringLiteral("--passphrase-file"), rig.passFile };
        };
        const QStringList tls { QStringLiteral("--ca"), rig.pki->caFile() };
        const QString expires
            = QDateTime::currentDateTimeUtc().addDays(200).toString(QStringLiteral("yyyy-MM-dd"));

        // join refuses an alliance with another root key and leaves nothing behind.
        Run bad = ctl(QStringList { QStringLiteral("join"), QStringLiteral("--registry"), url,
                          QStringLiteral("--root-key"),
                          QString::fromLatin1(testKey("someone-else").publicKey().raw().toBase64()) }
            + tls + as(a, pmKey));
        QVERIFY2(bad.code != 0, qPrintable(bad.all()));
        QVERIFY2(bad.err.contains(QStringLiteral("root key")), qPrintable(bad.all()));
        QVERIFY(!QFile::exists(a) && !QFile::exists(a + QStringLiteral(".partial")));

        // b also pins the registry's key, typed without its sha256// prefix.
        const QString pin = QString::fromLatin1(rig.server.pin).mid(int(strlen("sha256//")));
        for (const auto &[path, key, extra] : { std::tuple { a, pmKey, QStringList() },
                 std::tuple { b, pm2Key, QStringList { QStringLiteral("--pin"), pin } } }) {
            Run j = ctl(QStringList { QStringLiteral("join"), QStringLiteral("--registry"), url,
                            QStringLiteral("--root-key"), rootKey }
                + tls + extra + as(path, key));
            QVERIFY2(j.code == 0, qPrintable(j.all()));
            QVERIFY2(j.out.contains(QStringLiteral("Joined the alliance")), qPrintable(j.all()));
            QVERIFY2(j.out.contains(QStringLiteral("a full replica")), qPrintable(j.all()));
        }
        // Each replica remembers how it reached the registry, as the desktop's join does.
        for (const auto &[path, storedPin] :
            { std::pair { a, QString() }, std::pair { b, QString::fromLatin1(rig.server.pin) } }) {
            compareEndpoints(
                storedEndpoint(path), { url, QFileInfo(rig.pki->caFile()).absoluteFilePath(), storedPin });
            if (QTest::currentTestFailed())
                return;
        }
        // Offline, both grant from the small pool.
        for (const auto &[path, key, app] :
            { std::tuple { a, pmKey, kAppA }, std::tuple { b, pm2Key, kAppB } }) {
            Run g = ctl(
                QStringList { QStringLiteral("grant"), QStringLiteral("--application"),
                    QString::fromStdString(app), QStringLiteral("--pool"), QString::fromStdString(kSmallPool),
                    QStringLiteral("--amount"), QStringLiteral("400"), QStringLiteral("--expires"), expires,
                    QStringLiteral("--yes") }
                + as(path, key));
            QVERIFY2(g.code == 0, qPrintable(g.all()));
            QVERIFY2(g.out.contains(QStringLiteral("Queued in the outbox")), qPrintable(g.all()));
        }
        Run pending = ctl({ QStringLiteral("outbox"), QStringLiteral("--ledger"), a });
        QVERIFY2(pending.code == 0 && pending.out.contains(QStringLiteral("grant.created"))
                && pending.out.contains(QStringLiteral("pending")),
            qPrintable(pending.all()));

        // A wrong CA: a clear error, nothing sent.
        QVERIFY(QDir().mkpath(rig.file(QStringLiteral("other"))));
        TestPki other(rig.file(QStringLiteral("other")), QStringLiteral("Other CA"));
        QVERIFY(other.ok());
        Run refused = ctl(
            QStringList { QStringLiteral("sync"), QStringLiteral("--ca"), other.caFile() } + as(a, pmKey));
        QCOMPARE(refused.code, 4);
        QVERIFY2(refused.err.contains(QStringLiteral("TLS")), qPrintable(refused.all()));
        QCOMPARE(storedEndpoint(a).caFile, QFileInfo(rig.pki->caFile()).absoluteFilePath());
        // --pin for one sync wins over the stored pin: a wrong one is refused.
        Run wrongPin = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--pin"),
                               QString::fromLatin1(QByteArray(32, 'x').toBase64()) }
            + as(b, pm2Key));
        QCOMPARE(wrongPin.code, 4);

        // Without --registry, --ca or --pin: the replica's own endpoint (the system's CAs would refuse).
        Run sa = ctl(QStringList { QStringLiteral("sync") } + as(a, pmKey));
        QVERIFY2(sa.code == 0, qPrintable(sa.all()));
        QVERIFY2(sa.out.contains(QStringLiteral("1 sequenced, 0 rejected")), qPrintable(sa.all()));
        Run sb = ctl(QStringList { QStringLiteral("sync") } + as(b, pm2Key));
        QVERIFY2(sb.code == 2, qPrintable(sb.all())); // a rejection
        QVERIFY2(sb.out.contains(QStringLiteral("insufficient_balance")), qPrintable(sb.all()));
        Run rejected
            = ctl({ QStringLiteral("outbox"), QStringLiteral("--ledger"), b, QStringLiteral("--json") });
        QVERIFY2(rejected.code == 0, qPrintable(rejected.all()));
        const QJsonArray items = QJsonDocument::fromJson(rejected.out.toUtf8()).array();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].toObject()[QStringLiteral("status")].toString(), QStringLiteral("rejected"));
        QCOMPARE(items[0].toObject()[QStringLiteral("reason_code")].toString(),
            QStringLiteral("insufficient_balance"));
        // Both replicas agree on the pool: 600 pledged, 400 granted.
        for (const QString &path : { a, b }) {
            Run bal = ctl({ QStringLiteral("balance"), QStringLiteral("--ledger"), path,
                QStringLiteral("--pool"), QString::fromStdString(kSmallPool), QStringLiteral("--json") });
            QVERIFY2(bal.code == 0, qPrintable(bal.all()));
            const QJsonObject pool
                = QJsonDocument::fromJson(bal.out.toUtf8()).object()[QStringLiteral("pool")].toObject();
            QCOMPARE(
                pool[QStringLiteral("balance_milli")].toInteger(), qint64(kSmallPoolAmount - kGrantAmount));
            QCOMPARE(pool[QStringLiteral("granted_milli")].toInteger(), qint64(kGrantAmount));
        }
    }

    // The registry moves (a new address, a new server key, its CA file handed out again): a sync given
    // --registry, --ca and --pin that succeeds stores them, so the next plain sync goes to the new place; a
    // sync whose CA or pin is refused stores nothing.
    void explicitEndpointIsStoredAfterSuccess()
    {
        Rig rig;
        QVERIFY(rig.build());
        const QString pmKey = rig.file(QStringLiteral("pm.key"));
        QVERIFY(crypto::saveKeyFile(rig.world.pm, pmKey, "test passphrase", crypto::KdfCost::Fast));
        const QString a = rig.file(QStringLiteral("a.ledger"));
        const QString ca1 = rig.file(QStringLiteral("ca1.pem")), ca2 = rig.file(QStringLiteral("ca2.pem"));
        QVERIFY(QFile::copy(rig.pki->caFile(), ca1) && QFile::copy(rig.pki->caFile(), ca2));
        const QStringList as { QStringLiteral("--ledger"), a, QStringLiteral("--key"), pmKey,
            QStringLiteral("--passphrase-file"), rig.passFile };
        const QString url1 = rig.registry->baseUrl(), pin1 = QString::fromLatin1(rig.server.pin);
        Run j = ctl(QStringList { QStringLiteral("join"), QStringLiteral("--registry"), url1,
                        QStringLiteral("--ca"), ca1, QStringLiteral("--pin"), pin1 }
            + as);
        QVERIFY2(j.code == 0, qPrintable(j.all()));
        const replica::Endpoint joined { url1, QFileInfo(ca1).absoluteFilePath(), pin1 };
        compareEndpoints(storedEndpoint(a), joined);
        if (QTest::currentTestFailed())
            return;

        // A plain sync with the stored endpoint stores nothing new.
        Run same = ctl(QStringList { QStringLiteral("sync") } + as);
        QVERIFY2(same.code == 0, qPrintable(same.all()));
        QVERIFY2(!same.out.contains(QStringLiteral("Stored for later syncs")), qPrintable(same.all()));

        const IssuedCert server2 = rig.pki->issue(QStringLiteral("server2"));
        QVERIFY(server2.ok);
        QVERIFY(server2.pin != rig.server.pin);
        QVERIFY(rig.start(server2));
        const QString url2 = rig.registry->baseUrl();
        QVERIFY(url2 != url1);
        // Typed without its sha256// prefix; stored in the normalised form.
        const QString pin2 = QString::fromLatin1(server2.pin).mid(int(strlen("sha256//")));
        const QStringList fast { QStringLiteral("--retries"), QStringLiteral("1") };

        // Refused: the old pin, then a CA that did not issue the certificate. Nothing stored either time.
        Run wrongPin = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--registry"), url2,
                               QStringLiteral("--ca"), ca2, QStringLiteral("--pin"), pin1 }
            + fast + as);
        QCOMPARE(wrongPin.code, 4);
        compareEndpoints(storedEndpoint(a), joined);
        QVERIFY(QDir().mkpath(rig.file(QStringLiteral("other"))));
        TestPki other(rig.file(QStringLiteral("other")), QStringLiteral("Other CA"));
        QVERIFY(other.ok());
        Run wrongCa = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--registry"), url2,
                              QStringLiteral("--ca"), other.caFile(), QStringLiteral("--pin"), pin2 }
            + fast + as);
        QCOMPARE(wrongCa.code, 4);
        QVERIFY2(wrongCa.err.contains(QStringLiteral("TLS")), qPrintable(wrongCa.all()));
        compareEndpoints(storedEndpoint(a), joined);
        if (QTest::currentTestFailed())
            return;

        // Refused before any request: an address with a path, by the ledger's one rule and in its words.
        const QString withPath = url2 + QStringLiteral("/v1");
        Run path = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--registry"), withPath,
                           QStringLiteral("--ca"), ca2, QStringLiteral("--pin"), pin2 }
            + fast + as);
        QCOMPARE(path.code, 1);
        QVERIFY2(path.err.contains(replica::registryUrlProblem(withPath)), qPrintable(path.all()));
        QVERIFY2(path.err.contains(QStringLiteral("type only ") + url2), qPrintable(path.all()));
        compareEndpoints(storedEndpoint(a), joined);

        // Accepted: stored (the address without the trailing '/' it was typed with, the CA file as an
        // absolute path, the pin as sha256//base64).
        Run moved
            = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--registry"), url2 + QLatin1Char('/'),
                      QStringLiteral("--ca"), ca2, QStringLiteral("--pin"), pin2 }
                + as);
        QVERIFY2(moved.code == 0, qPrintable(moved.all()));
        QVERIFY2(moved.out.contains(QStringLiteral("Stored for later syncs")), qPrintable(moved.all()));
        compareEndpoints(
            storedEndpoint(a), { url2, QFileInfo(ca2).absoluteFilePath(), QString::fromLatin1(server2.pin) });
        if (QTest::currentTestFailed())
            return;

        // The next plain sync uses the new address, CA file and pin: the old address is closed, the old CA
        // file gone, and the old pin would refuse server2's key.
        QVERIFY(QFile::remove(ca1));
        Run plain = ctl(QStringList { QStringLiteral("sync") } + fast + as);
        QVERIFY2(plain.code == 0, qPrintable(plain.all()));
        QVERIFY2(plain.out.contains(QStringLiteral("verified the registry's checkpoint")),
            qPrintable(plain.all()));

        // Only --pin, on the same registry: a wrong one is refused and the stored pin stays.
        Run wrongAgain
            = ctl(QStringList { QStringLiteral("sync"), QStringLiteral("--pin"), pin1 } + fast + as);
        QCOMPARE(wrongAgain.code, 4);
        QCOMPARE(storedEndpoint(a).pin, QString::fromLatin1(server2.pin));
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
