// The report verbs as a user runs them: alliancectl statement / verify-statement (with the root key's .pub
// file, tampering caught with exit 3) and import usage / applications with a real encrypted PM key file.

#include "ledger/crypto/keyfile.h"
#include "reportworld.h"

#include <QFile>
#include <QTest>

using namespace testsupport;
using reporttest::ctl;

class TestReportCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<LedgerFixture> fx;
    QString path, dir, pmKey, rootPub, pass;

    QStringList common() { return { QStringLiteral("--ledger"), path }; }
    QStringList asPm()
    {
        return { QStringLiteral("--ledger"), path, QStringLiteral("--key"), pmKey,
            QStringLiteral("--passphrase-file"), pass };
    }
    QString write(const QString &name, const QByteArray &data)
    {
        QFile f(dir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(data);
        return f.fileName();
    }

private slots:
    void initTestCase()
    {
        fx = std::make_unique<LedgerFixture>();
        reporttest::build(*fx);
        path = fx->path();
        dir = fx->dir().path();
        pmKey = dir + QStringLiteral("/pm.key");
        pass = write(QStringLiteral("pass.txt"), "correct horse\n");
        QVERIFY(
            ledger::crypto::saveKeyFile(fx->world().pm, pmKey, "correct horse", ledger::crypto::KdfCost::Fast)
                .ok());
        QVERIFY(ledger::crypto::saveKeyFile(
            fx->root, dir + QStringLiteral("/root.key"), "correct horse", ledger::crypto::KdfCost::Fast)
                    .ok());
        rootPub = dir + QStringLiteral("/root.key.pub");
        fx->close();
    }

    void statementRoundTrip()
    {
        const QString bundle = dir + QStringLiteral("/st-1.bundle");
        auto w = ctl(QStringList { QStringLiteral("statement"), QStringLiteral("--startup"),
                         QStringLiteral("st-1"), QStringLiteral("--bundle"), bundle }
            + common());
        QVERIFY2(w.exitCode == 0, w.err.constData());
        auto v
            = ctl({ QStringLiteral("verify-statement"), bundle, QStringLiteral("--alliance-key"), rootPub });
        QVERIFY2(v.exitCode == 0, v.err.constData());
        QVERIFY(v.out.startsWith("Verified: "));
        QVERIFY(v.out.contains("219.500")); // st-1's b200 balance
        auto json = ctl({ QStringLiteral("verify-statement"), bundle, QStringLiteral("--alliance-key"),
            rootPub, QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.out.contains("\"balance_milli\": 219500"));

        QFile f(bundle);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x04);
        const QString tampered = write(QStringLiteral("tampered.bundle"), bytes);
        auto t = ctl(
            { QStringLiteral("verify-statement"), tampered, QStringLiteral("--alliance-key"), rootPub });
        QCOMPARE(t.exitCode, 3);
        QVERIFY(t.err.contains("does NOT verify"));
        auto noArg = ctl({ QStringLiteral("verify-statement"), QStringLiteral("--alliance-key"), rootPub });
        QCOMPARE(noArg.exitCode, 1);
    }

    void importUsage()
    {
        const QString file = write(QStringLiteral("usage.csv"),
            "provider,resource,startup,period,gpu_hours\n"
            "naver-cloud,b200,st-1,2026-02,1.5\n"
            "naver-cloud,b200,st-9,2026-02,1\n"
            "naver-cloud,b200,st-2,2026-02,2\n");
        auto bad = ctl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), file } + asPm());
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains((file + QStringLiteral(":3: ")).toUtf8()), bad.err.constData());
        QVERIFY(bad.err.contains("nothing was imported"));
        auto skip = ctl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), file,
                            QStringLiteral("--skip-bad") }
            + asPm());
        QVERIFY2(skip.exitCode == 0, skip.err.constData());
        QVERIFY2(
            skip.out.contains("3 rows: 2 recorded, 0 already recorded before, 1 bad"), skip.out.constData());
        auto again = ctl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), file,
                             QStringLiteral("--skip-bad") }
            + asPm());
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("0 recorded, 2 already recorded before"), again.out.constData());
        const QString empty = write(QStringLiteral("empty.csv"), QByteArray());
        auto e = ctl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), empty } + asPm());
        QCOMPARE(e.exitCode, 1);
        QVERIFY(e.err.contains("empty"));
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
