// The report verbs as a user runs them: alliancectl statement / verify-statement (with the root key's .pub
// file, tampering caught with exit 3) and import usage / applications with a real encrypted PM key file.

#include "ledger/crypto/keyfile.h"
#include "reportworld.h"
#include "support/ctlprocess.h"

#include <QFile>
#include <QTest>

using namespace testsupport;

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
        auto w = runAlliancectl(QStringList { QStringLiteral("statement"), QStringLiteral("--startup"),
                                    QStringLiteral("st-1"), QStringLiteral("--bundle"), bundle }
            + common());
        QVERIFY2(w.exitCode == 0, w.err.constData());
        auto v = runAlliancectl(
            { QStringLiteral("verify-statement"), bundle, QStringLiteral("--alliance-key"), rootPub });
        QVERIFY2(v.exitCode == 0, v.err.constData());
        QVERIFY(v.out.startsWith("Verified: "));
        QVERIFY(v.out.contains("219.500")); // st-1's b200 balance
        auto json = runAlliancectl({ QStringLiteral("verify-statement"), bundle,
            QStringLiteral("--alliance-key"), rootPub, QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.out.contains("\"balance_milli\": 219500"));

        QFile f(bundle);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x04);
        const QString tampered = write(QStringLiteral("tampered.bundle"), bytes);
        auto t = runAlliancectl(
            { QStringLiteral("verify-statement"), tampered, QStringLiteral("--alliance-key"), rootPub });
        QCOMPARE(t.exitCode, 3);
        QVERIFY(t.err.contains("does NOT verify"));
        auto noArg = runAlliancectl(
            { QStringLiteral("verify-statement"), QStringLiteral("--alliance-key"), rootPub });
        QCOMPARE(noArg.exitCode, 1);
    }

    void importUsage()
    {
        const QString file = write(QStringLiteral("usage.csv"),
            "provider,resource,startup,period,gpu_hours\n"
            "naver-cloud,b200,st-1,2026-02,1.5\n"
            "naver-cloud,b200,st-9,2026-02,1\n"
            "naver-cloud,b200,st-2,2026-02,2\n");
        auto bad = runAlliancectl(
            QStringList { QStringLiteral("import"), QStringLiteral("usage"), file } + asPm());
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains((file + QStringLiteral(":3: ")).toUtf8()), bad.err.constData());
        QVERIFY(bad.err.contains("nothing was imported"));
        auto skip = runAlliancectl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), file,
                                       QStringLiteral("--skip-bad") }
            + asPm());
        QVERIFY2(skip.exitCode == 0, skip.err.constData());
        QVERIFY2(
            skip.out.contains("3 rows: 2 recorded, 0 already recorded before, 1 bad"), skip.out.constData());
        auto again = runAlliancectl(QStringList { QStringLiteral("import"), QStringLiteral("usage"), file,
                                        QStringLiteral("--skip-bad") }
            + asPm());
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("0 recorded, 2 already recorded before"), again.out.constData());
        const QString empty = write(QStringLiteral("empty.csv"), QByteArray());
        auto e = runAlliancectl(
            QStringList { QStringLiteral("import"), QStringLiteral("usage"), empty } + asPm());
        QCOMPARE(e.exitCode, 1);
        QVERIFY(e.err.contains("empty"));
    }

    // Every option `report --help` lists is honoured or refused with the reason: never silently ignored. A
    // refused one writes no file; an honoured one changes the output (or is checked: an unknown id fails).
    void everyOptionIsHonouredOrRefused()
    {
        const QStringList reports { QStringLiteral("statement"), QStringLiteral("utilisation"),
            QStringLiteral("pipeline"), QStringLiteral("expiring"), QStringLiteral("forecast"),
            QStringLiteral("journal") };
        const std::vector<std::pair<QString, QString>> options { { QStringLiteral("--startup"),
                                                                     QStringLiteral("st-1") },
            { QStringLiteral("--sponsor"), QStringLiteral("kvc") },
            { QStringLiteral("--from"), QStringLiteral("2026-01-20") },
            { QStringLiteral("--to"), QStringLiteral("2026-01-12") },
            { QStringLiteral("--days"), QStringLiteral("400") } };
        auto run = [&](const QString &report, const QStringList &extra) {
            const QString out
                = dir + QStringLiteral("/opt-%1-%2.out").arg(report).arg(qHash(extra.join(QLatin1Char(' '))));
            const QString format
                = report == QLatin1String("journal") ? QStringLiteral("journal") : QStringLiteral("csv");
            auto r
                = runAlliancectl(QStringList { QStringLiteral("report"), report, QStringLiteral("--ledger"),
                                     path, QStringLiteral("--format"), format, QStringLiteral("--out"), out }
                    + extra);
            QFile f(out);
            const QByteArray body = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            return std::make_tuple(r, body);
        };
        // Lines that carry data (not the header lines naming the period or time of the run).
        auto data = [](const QByteArray &text) {
            QList<QByteArray> keep;
            for (const QByteArray &l : text.split('\n'))
                if (!l.startsWith(';') && !l.contains("Period") && !l.contains("Generated"))
                    keep << l;
            return keep;
        };
        int refused = 0, honoured = 0;
        for (const QString &report : reports) {
            const QStringList base = report == QLatin1String("statement")
                ? QStringList { QStringLiteral("--startup"), QStringLiteral("st-2") }
                : QStringList {};
            auto [plain, plainBody] = run(report, base);
            QVERIFY2(
                plain.exitCode == 0, qPrintable(report + QLatin1Char(' ') + QString::fromUtf8(plain.err)));
            for (const auto &[option, value] : options) {
                QStringList extra = base;
                if (option == QLatin1String("--startup"))
                    extra.clear();
                extra << option << value;
                auto [r, body] = run(report, extra);
                const QString what = report + QLatin1Char(' ') + option;
                if (r.exitCode != 0) {
                    QCOMPARE(r.exitCode, 1); // a usage error, with the reason
                    QVERIFY2(r.err.contains("does not take " + option.toUtf8()), qPrintable(what));
                    QVERIFY2(body.isEmpty(), qPrintable(what));
                    ++refused;
                    continue;
                }
                if (option == QLatin1String("--days")) {
                    // Past expiry, the world's grants are in every horizon; the option is read (0 is
                    // refused), and what it changes is tested on the report's data (tst_reportdata).
                    auto [zero, zeroBody] = run(report, QStringList { option, QStringLiteral("0") });
                    QVERIFY2(zero.exitCode == 1 && zeroBody.isEmpty(), qPrintable(what));
                    ++honoured;
                    continue;
                }
                QVERIFY2(
                    data(body) != data(plainBody), qPrintable(what + QStringLiteral(" changed nothing")));
                ++honoured;
                auto [unknown, unknownBody]
                    = run(report, QStringList(extra).replaceInStrings(value, QStringLiteral("zz-nobody")));
                if (option == QLatin1String("--startup") || option == QLatin1String("--sponsor"))
                    QVERIFY2(unknown.exitCode != 0 && unknown.err.contains("zz-nobody"), qPrintable(what));
            }
        }
        QVERIFY(refused >= 8);
        QVERIFY(honoured >= 15);
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
