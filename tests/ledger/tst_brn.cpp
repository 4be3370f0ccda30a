// Korean business registration numbers (ledger/domain/brn.h): the check digit algorithm against numbers
// computed by hand, acceptance with and without dashes, and refusal of everything else.

#include "ledger/domain/brn.h"

#include <QTest>

#include <string>

using namespace ledger;

namespace {

// An independent implementation of the published algorithm, written from its description: weights
// 1 3 7 1 3 7 1 3 5 over the first nine digits, plus the tens digit of (ninth digit x 5); the check digit
// is (10 - sum mod 10) mod 10.
int referenceCheckDigit(const std::string &nine)
{
    const int w[9] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (nine[size_t(i)] - '0') * w[i];
    sum += (nine[8] - '0') * 5 / 10;
    return (10 - sum % 10) % 10;
}

std::optional<std::string> norm(const char *s)
{
    return normaliseBrn(std::string_view(s));
}

} // namespace

class TestBrn : public QObject
{
    Q_OBJECT

private slots:
    void handComputedExamples()
    {
        // 220-81-62517: 2*1 + 2*3 + 0*7 + 8*1 + 1*3 + 6*7 + 2*1 + 5*3 + 1*5 = 83; tens of 1*5 = 0;
        // (10 - 3) % 10 = 7.
        QCOMPARE(brnCheckDigit("220816251"), 7);
        // 124-81-00998: 1 + 6 + 28 + 8 + 3 + 0 + 0 + 27 + 45 = 118; tens of 9*5 = 4 -> 122; 10 - 2 = 8.
        QCOMPARE(brnCheckDigit("124810099"), 8);
        // 120-81-47521: 1 + 6 + 0 + 8 + 3 + 28 + 7 + 15 + 10 = 78; tens of 2*5 = 1 -> 79; 10 - 9 = 1.
        QCOMPARE(brnCheckDigit("120814752"), 1);
        // A sum that is a multiple of ten gives 0, not 10: 000-00-0000 sums to 0.
        QCOMPARE(brnCheckDigit("000000000"), 0);
        // 100-00-0000: 1*1 = 1 -> 9.
        QCOMPARE(brnCheckDigit("100000000"), 9);
        // The ninth digit's tens carry: 000-00-0002 -> 2*5 = 10, plus tens 1 = 11 -> 9.
        QCOMPARE(brnCheckDigit("000000002"), 9);
        // 000-00-0001 -> 5, tens 0 -> 5.
        QCOMPARE(brnCheckDigit("000000001"), 5);
    }

    void agreesWithReferenceImplementation()
    {
        // Every ninth digit and a spread of prefixes: the carry rule is exercised for each value.
        int checked = 0;
        for (int prefix = 0; prefix < 100000000; prefix += 7654321) {
            for (int last = 0; last <= 9; ++last) {
                std::string nine = std::to_string(prefix);
                nine = std::string(8 - nine.size(), '0') + nine + char('0' + last);
                QCOMPARE(brnCheckDigit(nine), referenceCheckDigit(nine));
                ++checked;
            }
        }
        QCOMPARE(checked, 140);
    }

    void acceptsValidNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("digits");
        QTest::newRow("naver dashed") << QStringLiteral("220-81-62517") << QStringLiteral("2208162517");
        QTest::newRow("naver plain") << QStringLiteral("2208162517") << QStringLiteral("2208162517");
        QTest::newRow("samsung dashed") << QStringLiteral("124-81-00998") << QStringLiteral("1248100998");
        QTest::newRow("samsung plain") << QStringLiteral("1248100998") << QStringLiteral("1248100998");
        QTest::newRow("kakao") << QStringLiteral("120-81-47521") << QStringLiteral("1208147521");
        QTest::newRow("all zeros") << QStringLiteral("000-00-00000") << QStringLiteral("0000000000");
        QTest::newRow("carry") << QStringLiteral("0000000029") << QStringLiteral("0000000029");
    }
    void acceptsValidNumbers()
    {
        QFETCH(QString, text);
        QFETCH(QString, digits);
        const auto n = normaliseBrn(text.toStdString());
        QVERIFY(n.has_value());
        QCOMPARE(QString::fromStdString(*n), digits);
    }

    void rejectsWrongCheckDigit()
    {
        // Every other last digit of a valid number is refused.
        for (char d = '0'; d <= '9'; ++d) {
            std::string s = "220816251";
            s.push_back(d);
            QCOMPARE(normaliseBrn(s).has_value(), d == '7');
            std::string dashed = "220-81-6251";
            dashed.push_back(d);
            QCOMPARE(normaliseBrn(dashed).has_value(), d == '7');
        }
        // A transposition of two digits is caught (the weights differ).
        QVERIFY(!norm("2028162517"));
        QVERIFY(!norm("124-81-00989"));
    }

    void rejectsWrongFormat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("nine digits") << QStringLiteral("220816251");
        QTest::newRow("eleven digits") << QStringLiteral("22081625170");
        QTest::newRow("dashes misplaced") << QStringLiteral("2208-1-62517");
        QTest::newRow("dashes misplaced 2") << QStringLiteral("22-081-62517");
        QTest::newRow("one dash") << QStringLiteral("220-8162517");
        QTest::newRow("spaces instead of dashes") << QStringLiteral("220 81 62517");
        QTest::newRow("letter") << QStringLiteral("220816251a");
        QTest::newRow("letter dashed") << QStringLiteral("22a-81-62517");
        QTest::newRow("dash in place of a digit") << QStringLiteral("220-81-6251-");
        QTest::newRow("leading space") << QStringLiteral(" 2208162517");
        QTest::newRow("trailing newline") << QStringLiteral("2208162517\n");
        QTest::newRow("sign") << QStringLiteral("+208162517");
        QTest::newRow("fullwidth digits") << QStringLiteral("２２０８１６２５１７");
        QTest::newRow("dashes and extra") << QStringLiteral("220-81-625170");
    }
    void rejectsWrongFormat()
    {
        QFETCH(QString, text);
        QVERIFY(!normaliseBrn(text.toStdString()).has_value());
    }

    void formats()
    {
        QCOMPARE(QString::fromStdString(formatBrn("2208162517")), QStringLiteral("220-81-62517"));
        QCOMPARE(QString::fromStdString(formatBrn("0000000000")), QStringLiteral("000-00-00000"));
        // Round trip: format(normalise(x)) is the dashed form whichever form x had.
        for (const char *s : { "1248100998", "124-81-00998" })
            QCOMPARE(QString::fromStdString(formatBrn(*norm(s))), QStringLiteral("124-81-00998"));
    }
};

QTEST_GUILESS_MAIN(TestBrn)
#include "tst_brn.moc"
