// The one rule for a registry's address (ledger/replica/endpoint.h registryUrlProblem): what it accepts and
// stores, and that each refusal names what is wrong and what to type instead. The transport, alliancectl
// and the desktop's forms all ask this function (tests/sync/tst_synctls, tst_synccli, tests/ui/tst_portalsync
// check that they agree with it); writeEndpoint is checked here against a real replica file.

#include "ledger/replica/endpoint.h"
#include "ledger/replica/replica.h"
#include "support/templedger.h"

#include <QTest>

using namespace ledger;

class TestRegistryAddress : public QObject
{
    Q_OBJECT

private slots:
    void judgedByOneRule_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored"); // empty: refused
        QTest::addColumn<QString>("says"); // refused: the message contains this (what is wrong or the fix)
        QTest::newRow("host") << "https://registry.example"
                              << "https://registry.example"
                              << "";
        QTest::newRow("host and port") << "https://registry.example:8443"
                                       << "https://registry.example:8443"
                                       << "";
        QTest::newRow("trailing slash") << "https://registry.example:8443/"
                                        << "https://registry.example:8443"
                                        << "";
        QTest::newRow("spaces around") << "  https://registry.example/ "
                                       << "https://registry.example"
                                       << "";
        QTest::newRow("loopback") << "https://127.0.0.1:4443"
                                  << "https://127.0.0.1:4443"
                                  << "";
        QTest::newRow("ipv6") << "https://[::1]:4443"
                              << "https://[::1]:4443"
                              << "";
        QTest::newRow("scheme in capitals") << "HTTPS://registry.example"
                                            << "https://registry.example"
                                            << "";
        QTest::newRow("port 65535") << "https://h.example:65535"
                                    << "https://h.example:65535"
                                    << "";

        QTest::newRow("empty") << ""
                               << ""
                               << "e.g. https://registry.example:8443";
        QTest::newRow("blank") << "   "
                               << ""
                               << "e.g. https://registry.example:8443";
        QTest::newRow("no scheme") << "registry.example:8443"
                                   << ""
                                   << "type https://registry.example:8443";
        QTest::newRow("plain http") << "http://registry.example:8080"
                                    << ""
                                    << "type https:// instead of http://, e.g. https://registry.example:8080";
        QTest::newRow("other scheme") << "ftp://registry.example"
                                      << ""
                                      << "not ftp://";
        QTest::newRow("path") << "https://registry.example/alliance"
                              << ""
                              << "path (\"/alliance\")";
        QTest::newRow("api path") << "https://registry.example:8443/v1/"
                                  << ""
                                  << "type only https://registry.example:8443.";
        QTest::newRow("double slash") << "https://registry.example//"
                                      << ""
                                      << "path";
        QTest::newRow("query") << "https://registry.example?x=1"
                               << ""
                               << "type only https://registry.example.";
        QTest::newRow("empty query") << "https://registry.example/?"
                                     << ""
                                     << "query";
        QTest::newRow("fragment") << "https://registry.example#top"
                                  << ""
                                  << "fragment";
        QTest::newRow("user") << "https://pm@registry.example"
                              << ""
                              << "type https://registry.example without";
        QTest::newRow("user and password") << "https://pm:secret@registry.example:8443"
                                           << ""
                                           << "type https://registry.example:8443 without";
        QTest::newRow("port 0") << "https://registry.example:0"
                                << ""
                                << "port \"0\"";
        QTest::newRow("port too large") << "https://registry.example:65536"
                                        << ""
                                        << "from 1 to 65535";
        QTest::newRow("port not a number") << "https://registry.example:https"
                                           << ""
                                           << "port \"https\"";
        QTest::newRow("empty port") << "https://registry.example:/"
                                    << ""
                                    << "port \"\"";
        QTest::newRow("no host") << "https://"
                                 << ""
                                 << "no host name";
        QTest::newRow("port without host") << "https://:8443"
                                           << ""
                                           << "no host name";
        QTest::newRow("space in host") << "https://registry example"
                                       << ""
                                       << "not a valid web address";
    }

    void judgedByOneRule()
    {
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        QFETCH(QString, says);
        const QString problem = replica::registryUrlProblem(typed);
        if (stored.isEmpty()) {
            QVERIFY2(!problem.isEmpty(), qPrintable(typed));
            QVERIFY2(problem.contains(says), qPrintable(problem));
            QVERIFY2(problem.contains(QLatin1String("https://")), qPrintable(problem)); // what to type
            QVERIFY2(
                !problem.contains(QLatin1String("secret")), qPrintable(problem)); // a password is not echoed
            // The endpoint check (writeEndpoint's) refuses it with the same words.
            QCOMPARE(replica::endpointProblem({ typed, QString(), QString() }), problem);
            return;
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(replica::normalisedRegistryUrl(typed), stored);
        QCOMPARE(replica::registryUrlProblem(stored), QString()); // the stored form is accepted again
        QCOMPARE(replica::normalisedRegistryUrl(stored), stored);
        QCOMPARE(replica::endpointProblem({ typed, QString(), QString() }), QString());
    }

    // writeEndpoint stores the address in its stored form and refuses a path, changing nothing.
    void writeEndpointStoresTheNormalisedAddress()
    {
        testsupport::ScratchDir dir;
        auto store = store::LedgerStore::open(
            dir.file(QStringLiteral("r.ledger")), store::LedgerStore::Mode::Create);
        QVERIFY(store);
        QVERIFY(replica::writeBinding(
            *store.value(), { QStringLiteral("https://a.example"), replica::ReplicaKind::Full }));

        auto refused = replica::writeEndpoint(
            *store.value(), { QStringLiteral("https://b.example/registry"), {}, {} });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("invalid_endpoint"));
        QVERIFY(refused.error().message.contains(QLatin1String("type only https://b.example")));
        auto endpoint = replica::readEndpoint(*store.value());
        QVERIFY(endpoint && endpoint.value());
        QCOMPARE(endpoint.value()->registryUrl, QStringLiteral("https://a.example"));

        QVERIFY(
            replica::writeEndpoint(*store.value(), { QStringLiteral(" https://b.example:8443/ "), {}, {} }));
        endpoint = replica::readEndpoint(*store.value());
        QVERIFY(endpoint && endpoint.value());
        QCOMPARE(endpoint.value()->registryUrl, QStringLiteral("https://b.example:8443"));
    }
};

QTEST_GUILESS_MAIN(TestRegistryAddress)
#include "tst_registryaddress.moc"
