// The verifiable statement bundle: it verifies with the alliance key and recomputes the balances the
// projections hold; any single changed byte anywhere makes it fail with a reason; the wrong key, a
// truncated file or an empty one fail too.

#include "ledger/queries/balances.h"
#include "ledger/statement/bundle.h"
#include "reportworld.h"

#include <QTest>

using namespace ledger::statement;
using namespace testsupport;

class TestStatementBundle : public QObject
{
    Q_OBJECT

    LedgerFixture *fx = nullptr;

    QByteArray bundleOf(const std::string &startup)
    {
        BundleStats stats;
        auto b = buildBundle(fx->store(), startup, {}, &stats);
        if (!b.ok()) {
            QTest::qFail(qPrintable(b.error().toString()), __FILE__, __LINE__);
            return {};
        }
        return *b;
    }

private slots:
    void initTestCase()
    {
        fx = new LedgerFixture;
        reporttest::build(*fx);
    }
    void cleanupTestCase() { delete fx; }

    void verifiesAndRecomputesTheBalances_data()
    {
        QTest::addColumn<QString>("startup");
        QTest::newRow("two resources, tranches, an expiry") << QStringLiteral("st-1");
        QTest::newRow("approved by k-of-n, partly clawed back") << QStringLiteral("st-2");
    }

    void verifiesAndRecomputesTheBalances()
    {
        QFETCH(QString, startup);
        const QByteArray bundle = bundleOf(startup.toStdString());
        LF_STOP_IF_FAILED();
        auto v = verifyBundle(bundle, fx->root.publicKey());
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().toString()));
        QCOMPARE(QString::fromStdString(v->startup), startup);
        auto b = ledger::queries::startupBalances(fx->store(), startup.toStdString());
        QVERIFY(b.ok());
        QCOMPARE(v->resources.size(), b->resources.size());
        for (size_t i = 0; i < b->resources.size(); ++i) {
            const auto &want = b->resources[i];
            const auto &got = v->resources[i];
            QCOMPARE(got.resource, want.resource);
            QCOMPARE(got.granted, want.granted);
            QCOMPARE(got.consumed, want.consumed);
            QCOMPARE(got.expired, want.expired);
            QCOMPARE(got.clawedBack, want.clawedBack);
            QCOMPARE(got.balance, want.balance);
        }
        auto info = ledger::queries::ledgerInfo(fx->store());
        QCOMPARE(int64_t(v->treeSize), info->checkpointSize);
    }

    void everyChangedByteFails()
    {
        const QByteArray bundle = bundleOf("st-2");
        LF_STOP_IF_FAILED();
        const auto key = fx->root.publicKey();
        QSet<QString> codes;
        for (qsizetype i = 0; i < bundle.size(); ++i) {
            for (const char mask : { char(0x01), char(0x20) }) {
                QByteArray bad = bundle;
                bad[i] = char(bad[i] ^ mask);
                auto v = verifyBundle(bad, key);
                if (v.ok())
                    QFAIL(qPrintable(
                        QStringLiteral("flipping bit %1 of byte %2 (%3) still verifies")
                            .arg(int(uchar(mask)))
                            .arg(i)
                            .arg(QString::fromLatin1(bundle.mid(std::max<qsizetype>(0, i - 20), 40)))));
                QVERIFY(!v.error().message.isEmpty());
                codes.insert(v.error().code);
            }
        }
        // The failures are told apart: shape, signatures, the checkpoint, proofs.
        QVERIFY2(codes.contains(QStringLiteral("bundle_invalid")),
            qPrintable(codes.values().join(QLatin1Char(' '))));
        QVERIFY(codes.contains(QStringLiteral("bundle_signature")));
        QVERIFY(codes.contains(QStringLiteral("bundle_checkpoint")));
        QVERIFY(codes.contains(QStringLiteral("bundle_proof")));
    }

    void wrongKeyTruncatedOrEmptyFail()
    {
        const QByteArray bundle = bundleOf("st-1");
        LF_STOP_IF_FAILED();
        QCOMPARE(verifyBundle(bundle, testKey("someone-else").publicKey()).error().code,
            QStringLiteral("bundle_genesis"));
        QCOMPARE(verifyBundle(bundle.left(bundle.size() / 2), fx->root.publicKey()).error().code,
            QStringLiteral("bundle_invalid"));
        QCOMPARE(
            verifyBundle(QByteArray(), fx->root.publicKey()).error().code, QStringLiteral("bundle_invalid"));
        QCOMPARE(verifyBundle(QByteArray(kMaxBundleBytes + 1, ' '), fx->root.publicKey()).error().code,
            QStringLiteral("bundle_invalid"));
    }

    void anotherStartupsEntryIsRefused()
    {
        // Swap the startup name: the registration inside no longer matches.
        QByteArray bundle = bundleOf("st-1");
        LF_STOP_IF_FAILED();
        bundle.replace("\"startup\":\"st-1\"", "\"startup\":\"st-2\"");
        auto v = verifyBundle(bundle, fx->root.publicKey());
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, QStringLiteral("bundle_content"));
    }

    void unknownStartupAndNoCheckpoint()
    {
        QCOMPARE(buildBundle(fx->store(), "nobody").error().code, QStringLiteral("unknown_object"));
        LedgerFixture::Options o;
        o.checkpoints = false;
        LedgerFixture bare(o);
        bare.startup("st-9", kBrnC);
        QCOMPARE(buildBundle(bare.store(), "st-9").error().code, QStringLiteral("no_checkpoint"));
    }
};

QTEST_GUILESS_MAIN(TestStatementBundle)
#include "tst_statementbundle.moc"
