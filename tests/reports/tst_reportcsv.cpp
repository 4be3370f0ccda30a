// CSV per RFC 4180 with a BOM and formula-injection neutralisation, on hand-made cells and on a real report.

#include "ledger/reports/csv.h"
#include "ledger/reports/reports.h"
#include "reportworld.h"

#include <QBuffer>
#include <QTest>

using namespace ledger::reports;

class TestReportCsv : public QObject
{
    Q_OBJECT

private slots:
    void quoting_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QStringLiteral("st-1") << QByteArray("st-1");
        QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("two\nlines") << QByteArray("\"two\nlines\"");
        QTest::newRow("crlf inside") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
        QTest::newRow("korean") << QStringLiteral("서울 로보틱스")
                                << QStringLiteral("서울 로보틱스").toUtf8();
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("formula =") << QStringLiteral("=1+2") << QByteArray("'=1+2");
        QTest::newRow("formula +") << QStringLiteral("+cmd|' /C calc'!A0")
                                   << QByteArray("'+cmd|' /C calc'!A0");
        QTest::newRow("formula -") << QStringLiteral("-2+3") << QByteArray("'-2+3");
        QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
        QTest::newRow("carriage return") << QStringLiteral("\r=1") << QByteArray("\"'\r=1\"");
        QTest::newRow("formula with comma") << QStringLiteral("=HYPERLINK(\"x\",\"y\")")
                                            << QByteArray("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        QTest::newRow("negative number stays a number") << QStringLiteral("-12.500") << QByteArray("-12.500");
        QTest::newRow("negative integer") << QStringLiteral("-7") << QByteArray("-7");
        QTest::newRow("minus then text") << QStringLiteral("-12.5x") << QByteArray("'-12.5x");
        QTest::newRow("lone minus") << QStringLiteral("-") << QByteArray("'-");
        QTest::newRow("equals later is fine") << QStringLiteral("a=b") << QByteArray("a=b");
    }

    void quoting()
    {
        QFETCH(QString, cell);
        QFETCH(QByteArray, expected);
        QCOMPARE(csvField(cell), expected);
    }

    void plainAmountsAreExact()
    {
        QCOMPARE(plainAmount(0), QByteArray("0.000"));
        QCOMPARE(plainAmount(1), QByteArray("0.001"));
        QCOMPARE(plainAmount(-1), QByteArray("-0.001"));
        QCOMPARE(plainAmount(1'234'567), QByteArray("1234.567"));
        QCOMPARE(plainAmount(9007199254740991), QByteArray("9007199254740.991"));
        QCOMPARE(plainAmount(std::numeric_limits<int64_t>::min()), QByteArray("-9223372036854775.808"));
    }

    void recordsEndInCrlf()
    {
        QCOMPARE(csvRecord({ QStringLiteral("a"), QStringLiteral("b,c") }), QByteArray("a,\"b,c\"\r\n"));
    }

    void pipelineReportOfARealLedger()
    {
        testsupport::LedgerFixture fx;
        reporttest::build(fx);
        LF_STOP_IF_FAILED();
        ReportOptions o;
        o.now = fx.clock.nowMs();
        auto report = buildReport(fx.store(), QStringLiteral("pipeline"), o);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        QVERIFY(writeCsv(*report, buf).ok());
        const QByteArray csv = buf.data();
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
        QVERIFY(csv.endsWith("\r\n"));
        const QList<QByteArray> lines = csv.mid(3).split('\n');
        QCOMPARE(lines.first(),
            QByteArray("Programme,Application,Startup,Title,Resource,Requested,Stage,Submitted,Decided,"
                       "Days to decision,Scored reviews,Mean score\r"));
        // Four applications; the hostile title is neutralised and quoted, its Korean text intact.
        QCOMPARE(csv.count("\r\n"), 5);
        QVERIFY(csv.contains(
            QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"서울 \"\"\"\"AI\"\"\"\"\"\")\"").toUtf8()));
        // Typed amounts: "300.000", not "300,000.000"; the mean score of app-1 is (8+6+17) / 1 = 31.000.
        QVERIFY(csv.contains(",app-1,st-1,"));
        QVERIFY(csv.contains(",300.000,approved,"));
        QVERIFY(csv.contains(",1,31.000\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestReportCsv)
#include "tst_reportcsv.moc"
