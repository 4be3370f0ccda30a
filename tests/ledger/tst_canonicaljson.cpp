// Tests for ledger/codec/json: the RFC 8785 (integers only) codec whose output every ledger signature
// covers. A change that breaks one of these changes the wire format.

#include "ledger/codec/json.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <type_traits>

using namespace ledger::json;

namespace {

// A byte string from a literal, keeping embedded NULs.
template<size_t N> QByteArray B(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<size_t>(b.size()));
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::string utf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// Parses text that must be valid and returns its canonical form (empty on failure, with a test warning).
QByteArray canon(const QByteArray &text)
{
    auto r = parse(sv(text));
    if (!r) {
        qWarning("unexpected parse failure: %s", qPrintable(r.error().toString()));
        return {};
    }
    return canonical(*r);
}

// The error of parsing text, which must fail.
ledger::Error parseError(const QByteArray &text, ParseLimits limits = {})
{
    auto r = parse(sv(text), limits);
    if (r)
        return ledger::Error { QStringLiteral("<parsed>"), QString::fromLatin1(canonical(*r)) };
    return r.error();
}

// The error of a failed result, for test messages (QVERIFY2 evaluates its message even on success).
template<typename T> QString why(const ledger::Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

bool mentionsOffset(const QString &message, qsizetype offset)
{
    return message.contains(QRegularExpression(QStringLiteral("\\bbyte %1\\b").arg(offset)));
}

const QByteArray kEntry = B(R"({"author":"0123456789abcdef0123456789abcdef","body":{"amount":1500000,)"
                            R"("expires_at":1767225600000,"grant":"g-42","resource":"naver-cloud/b200",)"
                            R"("tags":["gpu","b200"]},"created_at":1718000000000,"nonce":"3f9a2b7c1d",)"
                            R"("type":"grant.created"})");

} // namespace

class TestCanonicalJson : public QObject
{
    Q_OBJECT

private slots:
    // RFC 8785 and JCS reference data
    void rfc8785SortingExample();
    void rfc8785StringsAndLiterals();
    void jcsReferenceWeird();

    // writer
    void stringEscaping_data();
    void stringEscaping();
    void unescaping_data();
    void unescaping();
    void roundTrip_data();
    void roundTrip();
    void normalisation_data();
    void normalisation();
    void buildThenSerialise();
    void objectConstructorSortsAndKeepsLastDuplicate();
    void appendCanonicalAppends();

    // Value API
    void accessors();
    void findAndSet();
    void equality();
    void qstringInterop();
    void validateBuiltValues();

    // integers
    void integers_data();
    void integers();
    void builtIntegersSerialise();

    // rejection
    void reject_data();
    void reject();
    void exactMessages();
    void duplicateKeyMessageIsBounded();
    void depthLimit();
    void depthLimitIsCapped();
    void sizeLimit();

    // UTF-8
    void utf8EveryCodePointAccepted();
    void utf8TwoAndThreeByteSequencesMatchQt();
    void utf8FourByteSequencesMatchQt();

    // isCanonical / keyLess
    void isCanonicalCases_data();
    void isCanonicalCases();
    void keyLessCases_data();
    void keyLessCases();
    void keyLessMatchesUtf16Order();
    void parsedObjectsSortedByUtf16();

    // robustness
    void specialBytesAtEveryPosition();
    void largeInputs();
    void mutatedInputsNeverCrash();
};

// ---------------------------------------------------------------------------------------------------------
// RFC 8785 and JCS reference data

void TestCanonicalJson::rfc8785SortingExample()
{
    // RFC 8785 §3.2.3, verbatim.
    const QByteArray input = B(R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})");
    const QByteArray expected = B(R"({"\r":"Carriage Return","1":"One",")"
                                  "\xC2\x80"
                                  R"(":"Control",")"
                                  "\xC3\xB6"
                                  R"(":"Latin Small Letter O With Diaeresis",")"
                                  "\xE2\x82\xAC"
                                  R"(":"Euro Sign",")"
                                  "\xF0\x9F\x98\x80"
                                  R"(":"Emoji: Grinning Face",")"
                                  "\xEF\xAC\xB3"
                                  R"(":"Hebrew Letter Dalet With Dagesh"})");
    auto r = parse(sv(input));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(canonical(*r), expected);
    QVERIFY(isCanonical(sv(expected)));
    QVERIFY(!isCanonical(sv(input)));

    // The RFC lists the resulting order by value.
    const QStringList order
        = { QStringLiteral("Carriage Return"), QStringLiteral("One"), QStringLiteral("Control"),
              QStringLiteral("Latin Small Letter O With Diaeresis"), QStringLiteral("Euro Sign"),
              QStringLiteral("Emoji: Grinning Face"), QStringLiteral("Hebrew Letter Dalet With Dagesh") };
    QStringList got;
    for (const Member &m : r->toObject())
        got << m.second.toQString();
    QCOMPARE(got, order);

    // Built in code, in the RFC's order, it comes out the same.
    Value built;
    built.set("\xE2\x82\xAC", "Euro Sign");
    built.set("\r", "Carriage Return");
    built.set("\xEF\xAC\xB3", "Hebrew Letter Dalet With Dagesh");
    built.set("1", "One");
    built.set("\xF0\x9F\x98\x80", "Emoji: Grinning Face");
    built.set("\xC2\x80", "Control");
    built.set("\xC3\xB6", "Latin Small Letter O With Diaeresis");
    QCOMPARE(canonical(built), expected);
    QVERIFY(built == *r);
}

void TestCanonicalJson::rfc8785StringsAndLiterals()
{
    // RFC 8785 §3.2.2 example without its "numbers" member (floats are outside our subset; see reject()).
    const QByteArray input = B(R"({
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})");
    const QByteArray expected = B(R"({"literals":[null,true,false],"string":")"
                                  "\xE2\x82\xAC"
                                  R"($\u000f\nA'B\"\\\\\"/"})");
    QCOMPARE(canon(input), expected);
    QVERIFY(isCanonical(sv(expected)));
    auto r = parse(sv(input));
    QVERIFY(r.ok());
    QCOMPARE(bytes(r->find("string")->toString()), B("\xE2\x82\xAC$\x0F\nA'B\"\\\\\"/"));
}

void TestCanonicalJson::jcsReferenceWeird()
{
    // testdata/input/weird.json and its expected output from the JCS reference implementations
    // (github.com/cyberphone/json-canonicalization), as hex.
    const QByteArray input = B(R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\u000a": "Newline",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
})");
    const QByteArray expected = QByteArray::fromHex(
        "7b225c6e223a224e65776c696e65222c225c72223a2243617272696167652052657475726e222c2231223a224f6e6522"
        "2c223c2f7363726970743e223a2242726f77736572204368616c6c656e6765222c22c280223a22436f6e74726f6c7f22"
        "2c22c3b6223a224c6174696e20536d616c6c204c6574746572204f205769746820446961657265736973222c22e282ac"
        "223a224575726f205369676e222c22f09f9882223a22536d696c6579222c22efacb3223a2248656272657720"
        "4c65747465722044616c6574205769746820446167657368227d");
    QCOMPARE(canon(input), expected);
    QVERIFY(isCanonical(sv(expected)));
}

// ---------------------------------------------------------------------------------------------------------
// writer

void TestCanonicalJson::stringEscaping_data()
{
    QTest::addColumn<QByteArray>("value"); // the string's bytes
    QTest::addColumn<QByteArray>("canonical"); // its canonical JSON

    static const char *const kShort[0x20]
        = { nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "\\b", "\\t", "\\n",
              nullptr, "\\f", "\\r", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
              nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr };
    for (int c = 0; c < 0x20; ++c) {
        QByteArray expected = "\"";
        if (kShort[c])
            expected += kShort[c];
        else
            expected += QByteArray("\\u00") + QByteArray::number(c, 16).rightJustified(2, '0');
        expected += '"';
        QTest::addRow("control 0x%02x", c) << QByteArray(1, static_cast<char>(c)) << expected;
    }
    QTest::newRow("lowercase hex") << B("\x1a\x1f") << B(R"("\u001a\u001f")");
    QTest::newRow("quote") << B("\"") << B(R"("\"")");
    QTest::newRow("backslash") << B("\\") << B(R"("\\")");
    QTest::newRow("slash is not escaped") << B("/") << B(R"("/")");
    QTest::newRow("DEL literal") << B("\x7f") << B("\"\x7f\"");
    QTest::newRow("U+0080 literal") << B("\xC2\x80") << B("\"\xC2\x80\"");
    QTest::newRow("U+2028 literal") << B("\xE2\x80\xA8") << B("\"\xE2\x80\xA8\"");
    QTest::newRow("U+2029 literal") << B("\xE2\x80\xA9") << B("\"\xE2\x80\xA9\"");
    QTest::newRow("U+FEFF literal") << B("\xEF\xBB\xBF") << B("\"\xEF\xBB\xBF\"");
    QTest::newRow("U+FFFF literal") << B("\xEF\xBF\xBF") << B("\"\xEF\xBF\xBF\"");
    QTest::newRow("emoji literal") << B("\xF0\x9F\x98\x80") << B("\"\xF0\x9F\x98\x80\"");
    QTest::newRow("U+10FFFF literal") << B("\xF4\x8F\xBF\xBF") << B("\"\xF4\x8F\xBF\xBF\"");
    QTest::newRow("empty") << QByteArray() << B(R"("")");
    QTest::newRow("mixed") << B("a\"b\\c\nd\x01"
                                "e\xC3\xA9/")
                           << B(R"("a\"b\\c\nd\u0001e)"
                                "\xC3\xA9"
                                R"(/")");
    QTest::newRow("NUL inside") << B("a\0b") << B(R"("a\u0000b")");
    QTest::newRow("escapes at both ends") << B("\n\tx\t\n") << B(R"("\n\tx\t\n")");
    QTest::newRow("long plain") << QByteArray(1000, 'x') << "\"" + QByteArray(1000, 'x') + "\"";
}

void TestCanonicalJson::stringEscaping()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, canonical);

    QCOMPARE(ledger::json::canonical(Value(str(value))), canonical);
    auto r = parse(sv(canonical));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->isString());
    QCOMPARE(bytes(r->toString()), value);
    QVERIFY(ledger::json::isCanonical(sv(canonical)));

    // The same string as a key.
    Value o;
    o.set(str(value), 1);
    QCOMPARE(ledger::json::canonical(o), "{" + canonical + ":1}");
    QVERIFY(ledger::json::isCanonical(sv("{" + canonical + ":1}")));
}

void TestCanonicalJson::unescaping_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("\\u0041") << B(R"("\u0041")") << B("A") << B(R"("A")");
    QTest::newRow("\\/") << B(R"("\/")") << B("/") << B(R"("/")");
    QTest::newRow("\\u00e9") << B(R"("\u00e9")") << B("\xC3\xA9") << B("\"\xC3\xA9\"");
    QTest::newRow("\\u00E9 uppercase") << B(R"("\u00E9")") << B("\xC3\xA9") << B("\"\xC3\xA9\"");
    QTest::newRow("\\u20ac") << B(R"("\u20ac")") << B("\xE2\x82\xAC") << B("\"\xE2\x82\xAC\"");
    QTest::newRow("surrogate pair") << B(R"("\ud83d\ude00")") << B("\xF0\x9F\x98\x80")
                                    << B("\"\xF0\x9F\x98\x80\"");
    QTest::newRow("surrogate pair uppercase")
        << B(R"("\uD83D\uDE00")") << B("\xF0\x9F\x98\x80") << B("\"\xF0\x9F\x98\x80\"");
    QTest::newRow("U+10000") << B(R"("\ud800\udc00")") << B("\xF0\x90\x80\x80") << B("\"\xF0\x90\x80\x80\"");
    QTest::newRow("U+10FFFF") << B(R"("\udbff\udfff")") << B("\xF4\x8F\xBF\xBF") << B("\"\xF4\x8F\xBF\xBF\"");
    QTest::newRow("\\uffff") << B(R"("\uffff")") << B("\xEF\xBF\xBF") << B("\"\xEF\xBF\xBF\"");
    QTest::newRow("\\u001F") << B(R"("\u001F")") << B("\x1f") << B(R"("\u001f")");
    QTest::newRow("\\u0000") << B(R"("\u0000")") << B("\0") << B(R"("\u0000")");
    QTest::newRow("\\u0008 -> \\b") << B(R"("\u0008")") << B("\b") << B(R"("\b")");
    QTest::newRow("\\u000a -> \\n") << B(R"("\u000a")") << B("\n") << B(R"("\n")");
    QTest::newRow("\\u0022 -> \\\"") << B(R"("\u0022")") << B("\"") << B(R"("\"")");
    QTest::newRow("\\u005c -> \\\\") << B(R"("\u005c")") << B("\\") << B(R"("\\")");
    QTest::newRow("\\u007f") << B(R"("\u007f")") << B("\x7f") << B("\"\x7f\"");
    QTest::newRow("\\u2028") << B(R"("\u2028")") << B("\xE2\x80\xA8") << B("\"\xE2\x80\xA8\"");
    QTest::newRow("short forms") << B(R"("\b\f\n\r\t\"\\")") << B("\b\f\n\r\t\"\\")
                                 << B(R"("\b\f\n\r\t\"\\")");
    QTest::newRow("escape between text") << B(R"("ab\u0063de")") << B("abcde") << B(R"("abcde")");
    QTest::newRow("raw UTF-8 and escapes")
        << B("\"\xC3\xA9\\u00e9\xC3\xA9\"") << B("\xC3\xA9\xC3\xA9\xC3\xA9")
        << B("\"\xC3\xA9\xC3\xA9\xC3\xA9\"");
}

void TestCanonicalJson::unescaping()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, canonical);

    auto r = parse(sv(json));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(bytes(r->toString()), value);
    QCOMPARE(ledger::json::canonical(*r), canonical);
    QCOMPARE(ledger::json::isCanonical(sv(json)), json == canonical);
}

void TestCanonicalJson::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("null") << B("null");
    QTest::newRow("true") << B("true");
    QTest::newRow("false") << B("false");
    QTest::newRow("zero") << B("0");
    QTest::newRow("minus one") << B("-1");
    QTest::newRow("max safe") << B("9007199254740991");
    QTest::newRow("min safe") << B("-9007199254740991");
    QTest::newRow("empty string") << B(R"("")");
    QTest::newRow("empty array") << B("[]");
    QTest::newRow("empty object") << B("{}");
    QTest::newRow("nested empty") << B(R"([[],{},[[]],{"a":{}}])");
    QTest::newRow("mixed array") << B(R"([1,"a",null,true,false,[],{},-5])");
    QTest::newRow("empty key") << B(R"({"":0})");
    QTest::newRow("ledger entry") << kEntry;
    QTest::newRow("objects in arrays")
        << B(R"({"a":[{"x":1,"y":2},{"x":3}],"b":{"c":{"d":{"e":[1,[2,[3]]]}}}})");
    QTest::newRow("keys needing escapes") << B(R"({"\n":1,"\"":2,"\\":3})");
    QTest::newRow("ascii key order") << B(R"({"":0,"10":0,"9":0,"A":0,"B":0,"_":0,"a":0,"b":0})");
}

void TestCanonicalJson::roundTrip()
{
    QFETCH(QByteArray, json);
    auto r = parse(sv(json));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(canonical(*r), json);
    QVERIFY(isCanonical(sv(json)));
    // And once more through the value.
    auto again = parse(sv(canonical(*r)));
    QVERIFY(again.ok());
    QVERIFY(*again == *r);
}

void TestCanonicalJson::normalisation_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("whitespace everywhere")
        << B(" \t\r\n{ \"b\" : 1 ,\n\"a\" :\t[ 1 , 2 ] }\r\n ") << B(R"({"a":[1,2],"b":1})");
    QTest::newRow("scalar with whitespace") << B("\n 5 \t") << B("5");
    QTest::newRow("ascii keys") << B(R"({"b":0,"B":0,"a":0,"A":0,"_":0,"10":0,"9":0,"":0})")
                                << B(R"({"":0,"10":0,"9":0,"A":0,"B":0,"_":0,"a":0,"b":0})");
    QTest::newRow("prefix keys") << B(R"({"ab":1,"a":2,"abc":3,"aa":4})")
                                 << B(R"({"a":2,"aa":4,"ab":1,"abc":3})");
    QTest::newRow("every level sorted")
        << B(R"({"z":{"y":[{"b":1,"a":2}],"x":null},"a":{"d":true,"c":false}})")
        << B(R"({"a":{"c":false,"d":true},"z":{"x":null,"y":[{"a":2,"b":1}]}})");
    QTest::newRow("arrays keep order") << B("[3, 1, 2]") << B("[3,1,2]");
    QTest::newRow("escaped key sorts by its value") << B(R"({"\u0062":1,"a":2})") << B(R"({"a":2,"b":1})");
    QTest::newRow("escapes normalised") << B(R"({"\u0061":"\u0062\/"})") << B(R"({"a":"b/"})");
    QTest::newRow("supplementary before U+FFxx")
        << B("{\"\xEF\xBC\xA1\":1,\"\xF0\x9F\x98\x80\":2,\"\xEF\xBF\xBD\":3,\"\xF4\x8F\xBF\xBF\":4}")
        << B("{\"\xF0\x9F\x98\x80\":2,\"\xF4\x8F\xBF\xBF\":4,\"\xEF\xBC\xA1\":1,\"\xEF\xBF\xBD\":3}");
    QTest::newRow("entry reordered") << B(
        R"({ "type": "grant.created", "nonce": "3f9a2b7c1d", "created_at": 1718000000000,
               "body": { "tags": ["gpu", "b200"], "resource": "naver-cloud/b200", "grant": "g-42",
                         "expires_at": 1767225600000, "amount": 1500000 },
               "author": "0123456789abcdef0123456789abcdef" })")
                                     << kEntry;
}

void TestCanonicalJson::normalisation()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, canonical);
    QCOMPARE(canon(json), canonical);
    QVERIFY(!isCanonical(sv(json)));
    QVERIFY(isCanonical(sv(canonical)));
}

void TestCanonicalJson::buildThenSerialise()
{
    Value body;
    body.set("resource", "naver-cloud/b200");
    body.set("tags", Array { Value("gpu"), Value("b200") });
    body.set("amount", int64_t { 1500000 });
    body.set("grant", std::string("g-42"));
    body.set("expires_at", 1767225600000LL);

    Value entry;
    entry.set("type", std::string_view("grant.created"));
    entry.set("nonce", QStringLiteral("3f9a2b7c1d"));
    entry.set("body", body);
    entry.set("created_at", int64_t { 1718000000000 });
    entry.set("author", "0123456789abcdef0123456789abcdef");
    QCOMPARE(canonical(entry), kEntry);

    auto parsed = parse(sv(kEntry));
    QVERIFY(parsed.ok());
    QVERIFY(*parsed == entry);

    Value list;
    list.append(1);
    list.append(nullptr);
    list.append(true);
    list.append(Value());
    list.append("x");
    list.append(Object { { "b", 1 }, { "a", 2 } });
    list.append(Array {});
    QCOMPARE(canonical(list), B(R"([1,null,true,null,"x",{"a":2,"b":1},[]])"));

    // Mutable array access.
    Value arr;
    arr.toArray().push_back(3);
    arr.toArray().push_back(4);
    QCOMPARE(canonical(arr), B("[3,4]"));
    QCOMPARE(canonical(Value()), B("null"));
    QCOMPARE(canonical(Value(Object {})), B("{}"));
    QCOMPARE(canonical(Value(Array {})), B("[]"));
}

void TestCanonicalJson::objectConstructorSortsAndKeepsLastDuplicate()
{
    const Value v(Object { { "b", 1 }, { "a", 2 }, { "b", 3 }, { "c", 4 }, { "a", 5 }, { "b", 6 } });
    QCOMPARE(canonical(v), B(R"({"a":5,"b":6,"c":4})"));
    QCOMPARE(v.toObject().size(), size_t(3));
    QCOMPARE(v.find("b")->toInt(), int64_t { 6 });

    const Value sorted(Object { { "a", 1 }, { "b", 2 } });
    QCOMPARE(canonical(sorted), B(R"({"a":1,"b":2})"));
    const Value emoji(Object { { "\xEF\xAC\xB3", 1 }, { "\xF0\x9F\x98\x80", 2 } });
    QCOMPARE(canonical(emoji), B("{\"\xF0\x9F\x98\x80\":2,\"\xEF\xAC\xB3\":1}"));
}

void TestCanonicalJson::appendCanonicalAppends()
{
    std::string out = "prefix:";
    appendCanonical(out, Value(Object { { "k", Array { Value(1), Value(-2) } } }));
    QCOMPARE(bytes(out), B(R"(prefix:{"k":[1,-2]})"));
}

// ---------------------------------------------------------------------------------------------------------
// Value API

// What may become a Value at compile time.
static_assert(std::is_constructible_v<Value, long long>);
static_assert(std::is_constructible_v<Value, long>);
static_assert(std::is_constructible_v<Value, const char *>);
static_assert(std::is_constructible_v<Value, std::nullptr_t>);
static_assert(!std::is_constructible_v<Value, double>);
static_assert(!std::is_constructible_v<Value, float>);
static_assert(!std::is_constructible_v<Value, uint64_t>);
static_assert(!std::is_constructible_v<Value, const Value *>);
static_assert(!std::is_constructible_v<Value, const std::string *>);
static_assert(!std::is_convertible_v<int *, Value>);

void TestCanonicalJson::accessors()
{
    QCOMPARE(Value().type(), Value::Type::Null);
    QCOMPARE(Value(nullptr).type(), Value::Type::Null);
    QCOMPARE(Value(true).type(), Value::Type::Bool);
    QCOMPARE(Value(7).type(), Value::Type::Int);
    QCOMPARE(Value(int64_t { 7 }).type(), Value::Type::Int);
    QCOMPARE(Value(7LL).type(), Value::Type::Int);
    QCOMPARE(Value("s").type(), Value::Type::String);
    QCOMPARE(Value(std::string("s")).type(), Value::Type::String);
    QCOMPARE(Value(std::string_view("s")).type(), Value::Type::String);
    QCOMPARE(Value(QStringLiteral("s")).type(), Value::Type::String);
    QCOMPARE(Value(Array {}).type(), Value::Type::Array);
    QCOMPARE(Value(Object {}).type(), Value::Type::Object);

    QVERIFY(Value().isNull());
    QVERIFY(Value(false).isBool());
    QVERIFY(Value(0).isInt());
    QVERIFY(Value("").isString());
    QVERIFY(Value(Array {}).isArray());
    QVERIFY(Value(Object {}).isObject());
    QVERIFY(!Value(0).isBool());
    QVERIFY(!Value(false).isInt());
    QVERIFY(!Value("0").isInt());

    QCOMPARE(Value(true).toBool(), true);
    QCOMPARE(Value(-42).toInt(), int64_t { -42 });
    QCOMPARE(Value(kMaxSafeInteger).toInt(), kMaxSafeInteger);
    QCOMPARE(Value(9007199254740991LL).toInt(), kMaxSafeInteger);
    QCOMPARE(Value("abc").toString(), std::string("abc"));
    QCOMPARE(Value("abc").toQString(), QStringLiteral("abc"));

    // Wrong type: neutral values, no crash.
    const Value s("1");
    QCOMPARE(s.toBool(), false);
    QCOMPARE(s.toInt(), int64_t { 0 });
    QVERIFY(s.toArray().empty());
    QVERIFY(s.toObject().empty());
    QVERIFY(Value(1).toString().empty());
    QVERIFY(Value(1).toQString().isEmpty());
    QVERIFY(Value(1).find("a") == nullptr);
    QVERIFY(Value().find("a") == nullptr);
    QVERIFY(Value(Array { Value(1) }).find("a") == nullptr);
}

void TestCanonicalJson::findAndSet()
{
    Value o;
    QVERIFY(o.find("a") == nullptr);
    o.set("b", 2);
    QVERIFY(o.isObject());
    o.set("a", 1);
    o.set("c", 3);
    QCOMPARE(o.find("a")->toInt(), int64_t { 1 });
    QCOMPARE(o.find("b")->toInt(), int64_t { 2 });
    QCOMPARE(o.find("c")->toInt(), int64_t { 3 });
    QVERIFY(o.find("d") == nullptr);
    QVERIFY(o.find("") == nullptr);
    QVERIFY(o.find("aa") == nullptr);
    o.set("b", "two");
    QCOMPARE(o.toObject().size(), size_t(3));
    QCOMPARE(o.find("b")->toString(), std::string("two"));
    QCOMPARE(canonical(o), B(R"({"a":1,"b":"two","c":3})"));

    // Many keys, including ones whose UTF-16 order differs from byte order; set in reverse, find all.
    std::vector<std::string> keys;
    for (int i = 0; i < 200; ++i) {
        keys.push_back("k" + std::to_string(i));
        keys.push_back(utf8(static_cast<char32_t>(0xE000 + i * 37)));
        keys.push_back(utf8(static_cast<char32_t>(0x10000 + i * 4099)));
        keys.push_back(utf8(static_cast<char32_t>(0x80 + i)) + "x");
    }
    Value big;
    for (auto it = keys.rbegin(); it != keys.rend(); ++it)
        big.set(*it, Value(*it));
    QCOMPARE(big.toObject().size(), keys.size());
    QVERIFY(std::is_sorted(big.toObject().begin(), big.toObject().end(),
        [](const Member &a, const Member &b) { return keyLess(a.first, b.first); }));
    for (const std::string &k : keys) {
        const Value *v = big.find(k);
        QVERIFY(v);
        QCOMPARE(v->toString(), k);
    }
    QVERIFY(big.find("k200") == nullptr);

    // A parsed object finds the same way, and its canonical form is what was built.
    auto parsed = parse(sv(canonical(big)));
    QVERIFY(parsed.ok());
    for (const std::string &k : keys)
        QVERIFY(parsed->find(k));
    QVERIFY(*parsed == big);
}

void TestCanonicalJson::equality()
{
    QVERIFY(Value() == Value(nullptr));
    QVERIFY(Value(1) == Value(int64_t { 1 }));
    QVERIFY(!(Value(1) == Value(2)));
    QVERIFY(!(Value(1) == Value(true)));
    QVERIFY(!(Value(0) == Value()));
    QVERIFY(!(Value("1") == Value(1)));
    QVERIFY(Value(Object { { "a", 1 }, { "b", 2 } }) == Value(Object { { "b", 2 }, { "a", 1 } }));
    QVERIFY(!(Value(Object { { "a", 1 } }) == Value(Object { { "a", 2 } })));
    QVERIFY(!(Value(Array { Value(1), Value(2) }) == Value(Array { Value(2), Value(1) })));
    QVERIFY(!(Value(Array {}) == Value(Object {})));
    auto a = parse(R"({"x":[1,{"y":"z"}]})");
    auto b = parse(R"( { "x" : [ 1 , { "y" : "\u007a" } ] } )");
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a == *b);
}

void TestCanonicalJson::qstringInterop()
{
    const QString s = QStringLiteral("caf\u00e9 \u20ac ") + QString::fromUcs4(U"\U0001F600");
    const Value v(s);
    QCOMPARE(bytes(v.toString()), B("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
    QCOMPARE(v.toQString(), s);
    QCOMPARE(canonical(v), B("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\""));
    Value o;
    o.set("name", s);
    QCOMPARE(o.find("name")->toQString(), s);
}

void TestCanonicalJson::validateBuiltValues()
{
    QVERIFY(validate(Value()).ok());
    QVERIFY(validate(*parse(sv(kEntry))).ok());
    QVERIFY(validate(Value(kMaxSafeInteger)).ok());
    QVERIFY(validate(Value(-kMaxSafeInteger)).ok());

    const auto tooBig = validate(Value(kMaxSafeInteger + 1));
    QVERIFY(!tooBig.ok());
    QCOMPARE(tooBig.error().code, QStringLiteral("invalid_json"));
    QVERIFY(!validate(Value(-kMaxSafeInteger - 1)).ok());
    QVERIFY(!validate(Value(std::numeric_limits<int64_t>::min())).ok());
    QVERIFY(!validate(Value(std::string("\xC3"))).ok());
    QVERIFY(!validate(Value(Array { Value(std::string("ok")), Value(std::string("\xED\xA0\x80")) })).ok());
    Value badKey;
    badKey.set("\xFF", 1);
    QVERIFY(!validate(badKey).ok());
    Value nestedBad;
    nestedBad.set("a", Value(Object { { "b", Value(int64_t { 1 } << 60) } }));
    QVERIFY(!validate(nestedBad).ok());

    Value deep = Array {};
    for (int i = 0; i < 40; ++i)
        deep = Array { deep };
    QVERIFY(!validate(deep).ok());
    QVERIFY(validate(deep, ParseLimits { 1 << 20, 41 }).ok());
    QVERIFY(!validate(deep, ParseLimits { 1 << 20, 40 }).ok());

    QVERIFY(isValidUtf8(""));
    QVERIFY(isValidUtf8("abc\xC3\xA9\xF0\x9F\x98\x80"));
    QVERIFY(!isValidUtf8("\xC0\x80"));
    QVERIFY(!isValidUtf8("abc\xE2\x82"));
}

// ---------------------------------------------------------------------------------------------------------
// integers

void TestCanonicalJson::integers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("value");

    QTest::newRow("0") << B("0") << qint64(0);
    QTest::newRow("1") << B("1") << qint64(1);
    QTest::newRow("-1") << B("-1") << qint64(-1);
    QTest::newRow("10") << B("10") << qint64(10);
    QTest::newRow("1234567890") << B("1234567890") << qint64(1234567890);
    QTest::newRow("2^31") << B("2147483648") << qint64(2147483648LL);
    QTest::newRow("-2^31-1") << B("-2147483649") << qint64(-2147483649LL);
    QTest::newRow("2^32") << B("4294967296") << qint64(4294967296LL);
    QTest::newRow("2^53-1") << B("9007199254740991") << qint64(9007199254740991LL);
    QTest::newRow("-(2^53-1)") << B("-9007199254740991") << qint64(-9007199254740991LL);
    QTest::newRow("2^53-2") << B("9007199254740990") << qint64(9007199254740990LL);
    QTest::newRow("15 nines") << B("999999999999999") << qint64(999999999999999LL);
    QTest::newRow("1e15") << B("1000000000000000") << qint64(1000000000000000LL);
    QTest::newRow("ms timestamp") << B("1718000000000") << qint64(1718000000000LL);
}

void TestCanonicalJson::integers()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, value);
    auto r = parse(sv(json));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QVERIFY(r->isInt());
    QCOMPARE(qint64(r->toInt()), value);
    QCOMPARE(canonical(*r), json);
    QCOMPARE(canonical(Value(static_cast<int64_t>(value))), json);
    auto inArray = parse(sv("[" + json + "," + json + "]"));
    QVERIFY(inArray.ok());
    QCOMPARE(qint64(inArray->toArray().at(1).toInt()), value);
}

void TestCanonicalJson::builtIntegersSerialise()
{
    // The writer trusts built values (validate() is the check); out-of-range ones still write plain
    // decimal, which parse() then rejects, rather than anything silently altered.
    QCOMPARE(canonical(Value(std::numeric_limits<int64_t>::max())), B("9223372036854775807"));
    QCOMPARE(canonical(Value(std::numeric_limits<int64_t>::min())), B("-9223372036854775808"));
    QCOMPARE(canonical(Value(std::numeric_limits<int>::min())), B("-2147483648"));
    QVERIFY(!parse("9223372036854775807").ok());
    QVERIFY(!isCanonical("-9223372036854775808"));
}

// ---------------------------------------------------------------------------------------------------------
// rejection

void TestCanonicalJson::reject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("offset"); // the byte the message must name

    // top level
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("only whitespace") << B(" \n\t") << 3;
    QTest::newRow("BOM") << B("\xEF\xBB\xBF{}") << 0;
    QTest::newRow("BOM alone") << B("\xEF\xBB\xBF") << 0;
    QTest::newRow("trailing value") << B("{} x") << 3;
    QTest::newRow("two objects") << B("{}{}") << 2;
    QTest::newRow("extra closer") << B("[1] ]") << 4;
    QTest::newRow("trailing NUL") << B("1\0") << 1;
    QTest::newRow("trailing comma top") << B("1,") << 1;
    QTest::newRow("comment") << B("// c\n1") << 0;
    QTest::newRow("block comment") << B("/**/1") << 0;
    QTest::newRow("trailing comment") << B("[1]//") << 3;
    QTest::newRow("form feed is not whitespace") << B("\f1") << 0;
    QTest::newRow("vertical tab") << B("1\v") << 1;
    QTest::newRow("NBSP") << B("\xC2\xA0"
                               "1")
                          << 0;
    QTest::newRow("U+2028 as whitespace") << B("[1,\xE2\x80\xA8"
                                               "2]")
                                          << 3;

    // numbers
    QTest::newRow("fraction") << B("1.0") << 0;
    QTest::newRow("fraction in array") << B("[1.5]") << 1;
    QTest::newRow("fraction in object") << B(R"({"a":12.0})") << 5;
    QTest::newRow("dot no digits") << B("1.") << 0;
    QTest::newRow("exponent") << B("1e3") << 0;
    QTest::newRow("exponent upper") << B("1E3") << 0;
    QTest::newRow("exponent plus") << B("[2e+3]") << 1;
    QTest::newRow("negative exponent") << B("-1e-3") << 0;
    QTest::newRow("zero exponent") << B("0e0") << 0;
    QTest::newRow("-0") << B("-0") << 0;
    QTest::newRow("-0 in array") << B("[-0]") << 1;
    QTest::newRow("-0.0") << B("-0.0") << 0;
    QTest::newRow("leading zero") << B("01") << 0;
    QTest::newRow("negative leading zero") << B("-01") << 0;
    QTest::newRow("double zero") << B("00") << 0;
    QTest::newRow("many leading zeros") << B("0000000000000000009") << 0;
    QTest::newRow("plus sign") << B("+1") << 0;
    QTest::newRow("leading dot") << B(".5") << 0;
    QTest::newRow("lone minus") << B("-") << 0;
    QTest::newRow("minus letter") << B("-a") << 0;
    QTest::newRow("minus in array") << B("[-]") << 1;
    QTest::newRow("double minus") << B("--1") << 0;
    QTest::newRow("minus space") << B("- 1") << 0;
    QTest::newRow("2^53") << B("9007199254740992") << 0;
    QTest::newRow("2^53+1") << B("9007199254740993") << 0;
    QTest::newRow("-2^53") << B("-9007199254740992") << 0;
    QTest::newRow("1e16") << B("10000000000000000") << 0;
    QTest::newRow("int64 max") << B("9223372036854775807") << 0;
    QTest::newRow("int64 min") << B("-9223372036854775808") << 0;
    QTest::newRow("uint64 max") << B("18446744073709551615") << 0;
    QTest::newRow("2^64") << B("18446744073709551616") << 0;
    QTest::newRow("huge") << QByteArray(400, '9') << 0;
    QTest::newRow("huge negative in object") << "{\"a\":-" + QByteArray(400, '9') + "}" << 5;
    QTest::newRow("NaN") << B("NaN") << 0;
    QTest::newRow("Infinity") << B("Infinity") << 0;
    QTest::newRow("-Infinity") << B("-Infinity") << 0;
    QTest::newRow("hex") << B("0x10") << 1;
    QTest::newRow("RFC 8785 3.2.2 numbers")
        << B(R"({"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], )"
             R"("string": "x", "literals": [null, true, false]})")
        << 13;

    // duplicate keys (offset of the object)
    QTest::newRow("duplicate key") << B(R"({"a":1,"a":2})") << 0;
    QTest::newRow("duplicate key same value") << B(R"({"a":1,"a":1})") << 0;
    QTest::newRow("duplicate key nested") << B(R"([{"a":1,"b":2,"a":1}])") << 1;
    QTest::newRow("duplicate key deep") << B(R"({"x":{"y":{"k":1,"j":0,"k":2}}})") << 10;
    QTest::newRow("duplicate via escape") << B(R"({"a":1,"\u0061":2})") << 0;
    QTest::newRow("duplicate empty key") << B(R"({"":1,"":2})") << 0;
    QTest::newRow("duplicate non-ascii") << B("{\"\xC3\xA9\":1,\"\\u00e9\":2}") << 0;
    QTest::newRow("duplicate emoji") << B("{\"\xF0\x9F\x98\x80\":1,\"\\ud83d\\ude00\":2}") << 0;
    QTest::newRow("duplicate among many") << B(R"({"e":1,"d":1,"c":1,"b":1,"a":1,"f":1,"c":2})") << 0;

    // strings
    QTest::newRow("unterminated") << B(R"("abc)") << 0;
    QTest::newRow("unterminated in array") << B(R"(["abc])") << 1;
    QTest::newRow("unterminated key") << B(R"({"abc)") << 1;
    QTest::newRow("quote escaped at end") << B(R"("abc\")") << 0;
    QTest::newRow("raw control") << B("\"a\x01\"") << 2;
    QTest::newRow("raw tab") << B("\"a\tb\"") << 2;
    QTest::newRow("raw newline") << B("\"a\nb\"") << 2;
    QTest::newRow("raw CR in key") << B("{\"a\rb\":1}") << 3;
    QTest::newRow("raw NUL") << B("\"a\0b\"") << 2;
    QTest::newRow("raw 0x1f") << B("\"\x1f\"") << 1;
    QTest::newRow("single quotes") << B("'a'") << 0;
    QTest::newRow("bad escape x") << B(R"("\x41")") << 1;
    QTest::newRow("bad escape quote") << B(R"("\'")") << 1;
    QTest::newRow("bad escape U") << B(R"("\U0041")") << 1;
    QTest::newRow("bad escape a") << B(R"("a\a")") << 2;
    QTest::newRow("escape then NUL") << B("\"\\\0\"") << 1;
    QTest::newRow("short \\u") << B(R"("\u12")") << 1;
    QTest::newRow("non-hex \\u") << B(R"("\u12G4")") << 1;
    QTest::newRow("\\u with sign") << B(R"("\u+123")") << 1;
    QTest::newRow("backslash at end") << B(R"("\)") << 1;
    QTest::newRow("\\u at end") << B(R"("\u)") << 1;
    QTest::newRow("\\u00 at end") << B(R"("\u00)") << 1;

    // surrogates in escapes
    QTest::newRow("lone high") << B(R"("\ud800")") << 1;
    QTest::newRow("lone high at end of input") << B(R"("\ud800)") << 1;
    QTest::newRow("lone low") << B(R"("\udc00")") << 1;
    QTest::newRow("lone low uppercase") << B(R"("\uDFFF")") << 1;
    QTest::newRow("high then BMP escape") << B(R"("\ud800\u0041")") << 1;
    QTest::newRow("high then high") << B(R"("\ud800\ud800")") << 1;
    QTest::newRow("reversed pair") << B(R"("\ude00\ud83d")") << 1;
    QTest::newRow("high then text") << B(R"("\ud83dx")") << 1;
    QTest::newRow("high then \\n") << B(R"("a\ud83d\n")") << 2;
    QTest::newRow("high then raw low") << B("\"\\ud83d\xED\xB8\x80\"") << 1;
    QTest::newRow("high then short \\u") << B(R"("\ud83d\ude0")") << 7;
    QTest::newRow("lone high in key") << B(R"({"\udbff":1})") << 2;

    // invalid UTF-8
    QTest::newRow("overlong NUL") << B("\"\xC0\x80\"") << 1;
    QTest::newRow("overlong C1") << B("\"\xC1\xBF\"") << 1;
    QTest::newRow("overlong 3-byte") << B("\"\xE0\x80\x80\"") << 1;
    QTest::newRow("overlong 3-byte max") << B("\"\xE0\x9F\xBF\"") << 1;
    QTest::newRow("overlong 4-byte") << B("\"\xF0\x80\x80\x80\"") << 1;
    QTest::newRow("overlong 4-byte max") << B("\"\xF0\x8F\xBF\xBF\"") << 1;
    QTest::newRow("overlong slash") << B("\"\xC0\xAF\"") << 1;
    QTest::newRow("encoded U+D800") << B("\"\xED\xA0\x80\"") << 1;
    QTest::newRow("encoded U+DFFF") << B("\"\xED\xBF\xBF\"") << 1;
    QTest::newRow("CESU-8 emoji") << B("\"\xED\xA0\xBD\xED\xB8\x80\"") << 1;
    QTest::newRow("U+110000") << B("\"\xF4\x90\x80\x80\"") << 1;
    QTest::newRow("F5 lead") << B("\"\xF5\x80\x80\x80\"") << 1;
    QTest::newRow("F8 lead") << B("\"\xF8\x88\x80\x80\x80\"") << 1;
    QTest::newRow("FE") << B("\"\xFE\"") << 1;
    QTest::newRow("FF") << B("\"\xFF\"") << 1;
    QTest::newRow("lone continuation") << B("\"\x80\"") << 1;
    QTest::newRow("lone continuation BF") << B("\"a\xBF\"") << 2;
    QTest::newRow("truncated 2-byte") << B("\"\xC3\"") << 1;
    QTest::newRow("truncated 3-byte") << B("\"\xE2\x82\"") << 1;
    QTest::newRow("truncated 4-byte") << B("\"\xF0\x9F\x98\"") << 1;
    QTest::newRow("truncated at end of input") << B("\"\xE2\x82") << 1;
    QTest::newRow("bad continuation") << B("\"\xC3\x28\"") << 1;
    QTest::newRow("continuation is ASCII") << B("\"\xE2\x28\xA1\"") << 1;
    QTest::newRow("invalid in key") << B("{\"ok\":1,\"\xC3\x28\":1}") << 9;
    QTest::newRow("raw UTF-8 outside string") << B("[\xC3\xA9]") << 1;
    QTest::newRow("Latin-1 text") << B("\"caf\xE9\"") << 4;

    // structure
    QTest::newRow("open array") << B("[") << 1;
    QTest::newRow("open array value") << B("[1") << 2;
    QTest::newRow("open array comma") << B("[1,") << 3;
    QTest::newRow("trailing comma array") << B("[1,]") << 3;
    QTest::newRow("leading comma array") << B("[,1]") << 1;
    QTest::newRow("double comma") << B("[1,,2]") << 3;
    QTest::newRow("missing comma") << B("[1 2]") << 3;
    QTest::newRow("open object") << B("{") << 1;
    QTest::newRow("key without colon") << B(R"({"a"})") << 4;
    QTest::newRow("key at end") << B(R"({"a")") << 4;
    QTest::newRow("colon at end") << B(R"({"a":)") << 5;
    QTest::newRow("key without value") << B(R"({"a":})") << 5;
    QTest::newRow("trailing comma object") << B(R"({"a":1,})") << 7;
    QTest::newRow("comma only object") << B("{,}") << 1;
    QTest::newRow("missing colon") << B(R"({"a" 1})") << 5;
    QTest::newRow("unquoted key") << B("{a:1}") << 1;
    QTest::newRow("single-quoted key") << B("{'a':1}") << 1;
    QTest::newRow("number key") << B("{1:1}") << 1;
    QTest::newRow("null key") << B("{null:1}") << 1;
    QTest::newRow("missing comma object") << B(R"({"a":1 "b":2})") << 7;
    QTest::newRow("double colon") << B(R"({"a"::1})") << 5;
    QTest::newRow("lone closer ]") << B("]") << 0;
    QTest::newRow("lone closer }") << B("}") << 0;
    QTest::newRow("mismatched [}") << B("[}") << 1;
    QTest::newRow("mismatched {]") << B("{]") << 1;
    QTest::newRow("mismatched [1}") << B("[1}") << 2;
    QTest::newRow("mismatched object ]") << B(R"({"a":1])") << 6;
    QTest::newRow("unclosed nested") << B(R"({"a":[1,{"b":2}})") << 15;
    QTest::newRow("colon in array") << B("[1:2]") << 2;
    QTest::newRow("semicolon") << B(R"({"a":1;"b":2})") << 6;

    // literals
    QTest::newRow("tru") << B("tru") << 0;
    QTest::newRow("nul") << B("nul") << 0;
    QTest::newRow("fals") << B("[fals]") << 1;
    QTest::newRow("True") << B("True") << 0;
    QTest::newRow("NULL") << B("NULL") << 0;
    QTest::newRow("undefined") << B("undefined") << 0;
    QTest::newRow("falsey") << B("falsey") << 5;
    QTest::newRow("nulll") << B("[nulll]") << 5;
    QTest::newRow("truefalse") << B("[truefalse]") << 5;
}

void TestCanonicalJson::reject()
{
    QFETCH(QByteArray, json);
    QFETCH(int, offset);

    auto r = parse(sv(json));
    QVERIFY2(!r.ok(), "parsed but must be rejected");
    const ledger::Error &e = r.error();
    QCOMPARE(e.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(e.message, offset), qPrintable(e.message));
    // One sentence for a person.
    QVERIFY2(e.message.endsWith(u'.'), qPrintable(e.message));
    QVERIFY(!e.message.contains(u'\n'));
    QVERIFY(e.message.size() < 200);
    QVERIFY(e.message.at(0).isUpper());
    QVERIFY(!isCanonical(sv(json)));
}

void TestCanonicalJson::exactMessages()
{
    QCOMPARE(parseError(QByteArray(17, ' ') + "1.5").message,
        QStringLiteral("Number at byte 17 has a fraction; only integers are allowed."));
    QCOMPARE(parseError(B(R"({"amount": 1e6})")).message,
        QStringLiteral("Number at byte 11 has an exponent; only integers are allowed."));
    QCOMPARE(parseError(B("[1,-0]")).message,
        QStringLiteral("Number at byte 3 is negative zero, which is not allowed."));
    QCOMPARE(parseError(B("9007199254740992")).message,
        QStringLiteral("Number at byte 0 is outside the range +-(2^53-1)."));
    QCOMPARE(parseError(B(R"({"a":1,"a":2})")).message,
        QStringLiteral("Object at byte 0 has the key \"a\" more than once."));
    QCOMPARE(
        parseError(B("[] x")).message, QStringLiteral("Unexpected data after the JSON value at byte 3."));
    QCOMPARE(parseError(B("\"\xC0\x80\"")).message, QStringLiteral("Invalid UTF-8 at byte 1."));
    QCOMPARE(
        parseError(B("[\"a\tb\"]")).message, QStringLiteral("Control character at byte 3 must be escaped."));
    QCOMPARE(
        parseError(B("\xEF\xBB\xBF[]")).message, QStringLiteral("Byte order mark at byte 0 is not allowed."));
    QCOMPARE(parseError(B(R"("\ude00")")).message,
        QStringLiteral("Escape at byte 1 is a low surrogate without a high surrogate before it."));
    QCOMPARE(parseError(B(R"(["\q"])")).message, QStringLiteral("Invalid escape sequence at byte 2."));
    QCOMPARE(parseError(B(R"({"a":1,})")).message, QStringLiteral("Expected a string key at byte 7."));
    QCOMPARE(parseError(B("[[1]]"), ParseLimits { 1 << 20, 1 }).message,
        QStringLiteral("Nesting at byte 1 exceeds the maximum depth of 1."));
}

void TestCanonicalJson::duplicateKeyMessageIsBounded()
{
    const QByteArray key(100000, 'k');
    const QByteArray json = "{\"" + key + "\":1,\"" + key + "\":2}";
    const ledger::Error e = parseError(json);
    QCOMPARE(e.code, QStringLiteral("invalid_json"));
    QVERIFY(e.message.size() < 200);
    QVERIFY(mentionsOffset(e.message, 0));

    // A key with control characters and multibyte text is quoted as JSON and cut on a character boundary.
    QByteArray odd = "\\n";
    for (int i = 0; i < 30; ++i)
        odd += "\xE2\x82\xAC";
    const ledger::Error e2 = parseError("{\"" + odd + "\":1,\"" + odd + "\":2}");
    QVERIFY2(e2.message.contains(QStringLiteral("\"\\n\u20ac")), qPrintable(e2.message));
    QVERIFY(!e2.message.contains(QChar::ReplacementCharacter));
    QVERIFY(!e2.message.contains(u'\n'));
}

void TestCanonicalJson::depthLimit()
{
    auto nestedArrays = [](int n) { return QByteArray(n, '[') + QByteArray(n, ']'); };
    auto nestedObjects = [](int n) {
        QByteArray s;
        for (int i = 0; i < n; ++i)
            s += "{\"a\":";
        s += "1";
        s += QByteArray(n, '}');
        return s;
    };

    QVERIFY(parse(sv(nestedArrays(32))).ok());
    QVERIFY(parse(sv(nestedObjects(32))).ok());
    QVERIFY(isCanonical(sv(nestedArrays(32))));
    QVERIFY(isCanonical(sv(nestedObjects(32))));

    const ledger::Error arrays = parseError(nestedArrays(33));
    QCOMPARE(arrays.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(arrays.message, 32), qPrintable(arrays.message));
    const ledger::Error objects = parseError(nestedObjects(33));
    QCOMPARE(objects.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(objects.message, 160), qPrintable(objects.message)); // the 33rd '{', 32 * 5

    // Mixed nesting counts both kinds.
    QByteArray mixed;
    for (int i = 0; i < 16; ++i)
        mixed += "[{\"k\":";
    mixed += "[]";
    for (int i = 0; i < 16; ++i)
        mixed += "}]";
    QVERIFY(!parse(sv(mixed)).ok()); // 33 levels
    QVERIFY(parse(sv(mixed), ParseLimits { 1 << 20, 33 }).ok());

    // Scalars have no depth; an empty container counts.
    QVERIFY(parse("1", ParseLimits { 1 << 20, 0 }).ok());
    QVERIFY(!parse("[]", ParseLimits { 1 << 20, 0 }).ok());
    QVERIFY(!parse("{}", ParseLimits { 1 << 20, 0 }).ok());
    QVERIFY(parse("[]", ParseLimits { 1 << 20, 1 }).ok());
    QVERIFY(parse("[1,2,{}]", ParseLimits { 1 << 20, 2 }).ok());
    QVERIFY(!parse("[1,2,{}]", ParseLimits { 1 << 20, 1 }).ok());
    QVERIFY(!parse("[]", ParseLimits { 1 << 20, -5 }).ok());

    // Deeper than the parser's inline frame stack.
    const ParseLimits deep { 1 << 20, 200 };
    auto r = parse(sv(nestedArrays(200)), deep);
    QVERIFY(r.ok());
    QCOMPARE(canonical(*r), nestedArrays(200));
    auto o = parse(sv(nestedObjects(200)), deep);
    QVERIFY(o.ok());
    QCOMPARE(canonical(*o), nestedObjects(200));
    QVERIFY(!parse(sv(nestedArrays(201)), deep).ok());
    // Going deep, back up, and deep again reuses the frames.
    const QByteArray twice = "[" + nestedArrays(150) + "," + nestedArrays(150) + "]";
    auto t = parse(sv(twice), deep);
    QVERIFY(t.ok());
    QCOMPARE(canonical(*t), twice);

    // Hostile: a megabyte of '[' fails fast at the limit.
    const QByteArray hostile(1 << 20, '[');
    const ledger::Error h = parseError(hostile);
    QCOMPARE(h.code, QStringLiteral("invalid_json"));
    QVERIFY(mentionsOffset(h.message, 32));
}

void TestCanonicalJson::depthLimitIsCapped()
{
    const ParseLimits huge { 16 << 20, std::numeric_limits<int>::max() };
    const QByteArray ok = QByteArray(kMaxDepthCap, '[') + QByteArray(kMaxDepthCap, ']');
    QVERIFY(parse(sv(ok), huge).ok());
    const QByteArray tooDeep = QByteArray(kMaxDepthCap + 1, '[') + QByteArray(kMaxDepthCap + 1, ']');
    const ledger::Error e = parseError(tooDeep, huge);
    QCOMPARE(e.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(e.message, kMaxDepthCap), qPrintable(e.message));
    QVERIFY(!parse(sv(QByteArray(4 << 20, '[')), huge).ok());
}

void TestCanonicalJson::sizeLimit()
{
    // Exactly the default limit parses; one byte more is rejected even if only whitespace.
    const QByteArray exact = "\"" + QByteArray((1 << 20) - 2, 'a') + "\"";
    QCOMPARE(exact.size(), qsizetype(1 << 20));
    auto r = parse(sv(exact));
    QVERIFY(r.ok());
    QCOMPARE(r->toString().size(), size_t((1 << 20) - 2));
    const ledger::Error e = parseError(exact + " ");
    QCOMPARE(e.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(e.message, 1 << 20), qPrintable(e.message));
    QVERIFY(!isCanonical(sv(exact + " ")));

    const ParseLimits small { 10, 32 };
    QVERIFY(parse("[1,2,3,44]", small).ok());
    const ledger::Error s = parseError(B("[1,2,3,444]"), small);
    QCOMPARE(s.code, QStringLiteral("invalid_json"));
    QVERIFY2(mentionsOffset(s.message, 10), qPrintable(s.message));
    QVERIFY(!parse("1", ParseLimits { 0, 32 }).ok());
}

// ---------------------------------------------------------------------------------------------------------
// UTF-8

void TestCanonicalJson::utf8EveryCodePointAccepted()
{
    // Every scalar value from U+0020 up, raw in a string, in chunks under the size limit; each chunk's
    // canonical form is itself (except '"' and '\\', which are escaped) and matches Qt's UTF-8.
    std::string chunk = "\"";
    int chunks = 0;
    auto flush = [&]() {
        chunk += '"';
        auto r = parse(chunk);
        QVERIFY2(r.ok(), qPrintable(why(r)));
        QCOMPARE(canonical(*r), bytes(chunk));
        QCOMPARE(r->toQString().toUtf8(), bytes(r->toString()));
        chunk = "\"";
        ++chunks;
    };
    for (char32_t cp = 0x20; cp <= 0x10FFFF; ++cp) {
        if (cp == '"' || cp == '\\' || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        chunk += utf8(cp);
        if (chunk.size() > 500000) {
            flush();
            if (QTest::currentTestFailed())
                return;
        }
    }
    flush();
    QVERIFY(chunks >= 8);

    // And every one of them as a \u escape (surrogate pairs above U+FFFF) decodes to the same bytes.
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x10000 ? 1 : 97)) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char esc[32];
        if (cp < 0x10000) {
            std::snprintf(esc, sizeof esc, "\"\\u%04x\"", static_cast<unsigned>(cp));
        } else {
            const unsigned v = static_cast<unsigned>(cp) - 0x10000;
            std::snprintf(esc, sizeof esc, "\"\\u%04X\\u%04X\"", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
        }
        auto r = parse(esc);
        QVERIFY2(r.ok(), esc);
        QCOMPARE(r->toString(), utf8(cp));
    }
}

namespace {

// Whether Qt's UTF-8 decoder takes bytes as valid: it decodes them without substitution. (Prefixed,
// because QString::fromUtf8 drops a leading BOM.)
bool qtAcceptsUtf8(const QByteArray &b)
{
    const QByteArray prefixed = "a" + b;
    return QString::fromUtf8(prefixed).toUtf8() == prefixed;
}

bool parsesAsString(const QByteArray &content)
{
    return parse(sv("\"" + content + "\"")).ok();
}

} // namespace

void TestCanonicalJson::utf8TwoAndThreeByteSequencesMatchQt()
{
    // Bytes 0x20..0xFF except '"' and '\\' (control characters and escapes are tested elsewhere).
    QByteArray interesting;
    for (int b = 0x20; b <= 0xFF; ++b) {
        if (b != '"' && b != '\\')
            interesting += static_cast<char>(b);
    }
    int accepted = 0;
    for (int lead = 0x80; lead <= 0xFF; ++lead) {
        for (char second : interesting) {
            QByteArray s;
            s += static_cast<char>(lead);
            s += second;
            if (parsesAsString(s) != qtAcceptsUtf8(s))
                QFAIL(qPrintable(QStringLiteral("disagree on %1").arg(QString::fromLatin1(s.toHex()))));
            accepted += parsesAsString(s);
        }
    }
    QCOMPARE(accepted, 30 * 64); // C2..DF followed by 80..BF
    for (int lead = 0xE0; lead <= 0xEF; ++lead) {
        for (char second : interesting) {
            for (char third : interesting) {
                QByteArray s;
                s += static_cast<char>(lead);
                s += second;
                s += third;
                if (parsesAsString(s) != qtAcceptsUtf8(s))
                    QFAIL(qPrintable(QStringLiteral("disagree on %1").arg(QString::fromLatin1(s.toHex()))));
            }
        }
    }
}

void TestCanonicalJson::utf8FourByteSequencesMatchQt()
{
    const QByteArray seconds = QByteArray::fromHex("20417f808f909fa0afb0bfc0f4ff");
    const QByteArray rest = QByteArray::fromHex("41808fbfc0ff");
    for (int lead = 0xF0; lead <= 0xFF; ++lead) {
        for (int second = 0x80; second <= 0xBF; ++second) {
            for (char third : rest) {
                for (char fourth : rest) {
                    QByteArray s;
                    s += static_cast<char>(lead);
                    s += static_cast<char>(second);
                    s += third;
                    s += fourth;
                    if (parsesAsString(s) != qtAcceptsUtf8(s))
                        QFAIL(
                            qPrintable(QStringLiteral("disagree on %1").arg(QString::fromLatin1(s.toHex()))));
                }
            }
        }
        for (char second : seconds) {
            QByteArray s;
            s += static_cast<char>(lead);
            s += second;
            s += "\x80\x80";
            if (parsesAsString(s) != qtAcceptsUtf8(s))
                QFAIL(qPrintable(QStringLiteral("disagree on %1").arg(QString::fromLatin1(s.toHex()))));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// isCanonical / keyLess

void TestCanonicalJson::isCanonicalCases_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("canonical");

    QTest::newRow("{}") << B("{}") << true;
    QTest::newRow("[]") << B("[]") << true;
    QTest::newRow("0") << B("0") << true;
    QTest::newRow("\"\"") << B(R"("")") << true;
    QTest::newRow("entry") << kEntry << true;
    QTest::newRow("\\u001f") << B(R"("\u001f")") << true;
    QTest::newRow("\\b") << B(R"("\b")") << true;
    QTest::newRow("raw DEL") << B("\"\x7f\"") << true;
    QTest::newRow("raw U+2028") << B("\"\xE2\x80\xA8\"") << true;
    QTest::newRow("nested") << B(R"({"a":[1,{"b":null}]})") << true;
    QTest::newRow("emoji key before U+FB33") << B("{\"\xF0\x9F\x98\x80\":2,\"\xEF\xAC\xB3\":1}") << true;

    QTest::newRow("leading space") << B(" {}") << false;
    QTest::newRow("trailing space") << B("{} ") << false;
    QTest::newRow("trailing newline") << B("{}\n") << false;
    QTest::newRow("space inside") << B("{ }") << false;
    QTest::newRow("space after comma") << B("[1, 2]") << false;
    QTest::newRow("space after colon") << B(R"({"a": 1})") << false;
    QTest::newRow("unsorted") << B(R"({"b":1,"a":2})") << false;
    QTest::newRow("unsorted nested") << B(R"({"a":{"d":1,"c":2}})") << false;
    QTest::newRow("U+FB33 key before emoji (byte order)")
        << B("{\"\xEF\xAC\xB3\":1,\"\xF0\x9F\x98\x80\":2}") << false;
    QTest::newRow("escaped A") << B(R"("\u0041")") << false;
    QTest::newRow("escaped slash") << B(R"("\/")") << false;
    QTest::newRow("uppercase hex") << B(R"("\u001F")") << false;
    QTest::newRow("\\u0008 for \\b") << B(R"("\u0008")") << false;
    QTest::newRow("\\u000a for \\n") << B(R"("\u000a")") << false;
    QTest::newRow("escaped DEL") << B(R"("\u007f")") << false;
    QTest::newRow("escaped U+2028") << B(R"("\u2028")") << false;
    QTest::newRow("escaped emoji") << B(R"("\ud83d\ude00")") << false;
    QTest::newRow("escaped e-acute") << B(R"("\u00e9")") << false;
    QTest::newRow("fraction") << B("1.0") << false;
    QTest::newRow("-0") << B("-0") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("duplicate") << B(R"({"a":1,"a":1})") << false;
    QTest::newRow("BOM") << B("\xEF\xBB\xBF{}") << false;
    QTest::newRow("invalid UTF-8") << B("\"\xC0\x80\"") << false;
    QTest::newRow("newline only") << B("\n") << false;
}

void TestCanonicalJson::isCanonicalCases()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, canonical);
    QCOMPARE(ledger::json::isCanonical(sv(json)), canonical);
    if (canonical)
        QCOMPARE(canon(json), json);
}

void TestCanonicalJson::keyLessCases_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("less"); // keyLess(a, b)

    QTest::newRow("empty < a") << QByteArray() << B("a") << true;
    QTest::newRow("empty, empty") << QByteArray() << QByteArray() << false;
    QTest::newRow("equal") << B("abc") << B("abc") << false;
    QTest::newRow("a < b") << B("a") << B("b") << true;
    QTest::newRow("b > a") << B("b") << B("a") << false;
    QTest::newRow("prefix") << B("a") << B("ab") << true;
    QTest::newRow("B < a") << B("B") << B("a") << true;
    QTest::newRow("10 < 9") << B("10") << B("9") << true;
    QTest::newRow("CR < 1") << B("\r") << B("1") << true;
    QTest::newRow("NUL suffix") << B("a") << B("a\0") << true;
    QTest::newRow("NUL < SOH") << B("\0") << B("\x01") << true;
    QTest::newRow("DEL < U+0080") << B("\x7f") << B("\xC2\x80") << true;
    QTest::newRow("U+0080 < U+00F6") << B("\xC2\x80") << B("\xC3\xB6") << true;
    QTest::newRow("U+00F6 < euro") << B("\xC3\xB6") << B("\xE2\x82\xAC") << true;
    QTest::newRow("euro < emoji") << B("\xE2\x82\xAC") << B("\xF0\x9F\x98\x80") << true;
    QTest::newRow("emoji < U+FB33") << B("\xF0\x9F\x98\x80") << B("\xEF\xAC\xB3") << true;
    QTest::newRow("U+FB33 > emoji") << B("\xEF\xAC\xB3") << B("\xF0\x9F\x98\x80") << false;
    QTest::newRow("U+10000 < U+E000") << B("\xF0\x90\x80\x80") << B("\xEE\x80\x80") << true;
    QTest::newRow("U+10FFFF < U+FFFF") << B("\xF4\x8F\xBF\xBF") << B("\xEF\xBF\xBF") << true;
    QTest::newRow("U+10FFFF < U+FF21") << B("\xF4\x8F\xBF\xBF") << B("\xEF\xBC\xA1") << true;
    QTest::newRow("U+FF21 > U+1F600") << B("\xEF\xBC\xA1") << B("\xF0\x9F\x98\x80") << false;
    QTest::newRow("U+D7FF < U+10000") << B("\xED\x9F\xBF") << B("\xF0\x90\x80\x80") << true;
    QTest::newRow("U+D7FF < U+E000") << B("\xED\x9F\xBF") << B("\xEE\x80\x80") << true;
    QTest::newRow("U+E000 < U+FFFF") << B("\xEE\x80\x80") << B("\xEF\xBF\xBF") << true;
    QTest::newRow("U+1F600 < U+1F601") << B("\xF0\x9F\x98\x80") << B("\xF0\x9F\x98\x81") << true;
    QTest::newRow("U+10000 < U+10FFFF") << B("\xF0\x90\x80\x80") << B("\xF4\x8F\xBF\xBF") << true;
    QTest::newRow("after common prefix") << B("a\xF0\x9F\x98\x80z") << B("a\xEF\xBF\xBD") << true;
    QTest::newRow("supplementary longer") << B("\xF0\x9F\x98\x80")
                                          << B("\xF0\x9F\x98\x80"
                                               "a")
                                          << true;
}

void TestCanonicalJson::keyLessCases()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, less);
    QCOMPARE(ledger::json::keyLess(sv(a), sv(b)), less);
    // Strict weak order: irreflexive and asymmetric.
    QVERIFY(!ledger::json::keyLess(sv(a), sv(a)));
    QCOMPARE(ledger::json::keyLess(sv(b), sv(a)), !less && a != b);
}

namespace {

char32_t randomCodePoint(QRandomGenerator &rng)
{
    switch (rng.bounded(6)) {
    case 0:
        return static_cast<char32_t>(rng.bounded(0x20, 0x80));
    case 1:
        return static_cast<char32_t>(rng.bounded(0x80, 0x800));
    case 2:
        return static_cast<char32_t>(rng.bounded(0x800, 0xD800));
    case 3:
        return static_cast<char32_t>(rng.bounded(0xE000, 0x10000));
    case 4:
        return static_cast<char32_t>(rng.bounded(0x10000, 0x110000));
    default: // few distinct values, so that strings share prefixes
        return U"a\u00e9\uffff\U00010000\uE000\U0010FFFF"[rng.bounded(6)];
    }
}

std::u32string randomText(QRandomGenerator &rng, int maxLen)
{
    std::u32string s;
    const int n = rng.bounded(maxLen + 1);
    for (int i = 0; i < n; ++i)
        s += randomCodePoint(rng);
    return s;
}

QString toQString(const std::u32string &s)
{
    return QString::fromUcs4(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

void TestCanonicalJson::keyLessMatchesUtf16Order()
{
    QRandomGenerator rng(8785);
    for (int i = 0; i < 50000; ++i) {
        const std::u32string a32 = randomText(rng, 4);
        std::u32string b32 = randomText(rng, 4);
        if (rng.bounded(3) == 0) // share a prefix
            b32.insert(0, a32, 0, static_cast<size_t>(rng.bounded(static_cast<int>(a32.size()) + 1)));
        const QString a = toQString(a32);
        const QString b = toQString(b32);
        const std::u16string ua = a.toStdU16String();
        const std::u16string ub = b.toStdU16String();
        const QByteArray a8 = a.toUtf8();
        const QByteArray b8 = b.toUtf8();
        if (ledger::json::keyLess(sv(a8), sv(b8)) != (ua < ub))
            QFAIL(qPrintable(QStringLiteral("keyLess(%1, %2) is wrong")
                                 .arg(QString::fromLatin1(a8.toHex()), QString::fromLatin1(b8.toHex()))));
    }
}

void TestCanonicalJson::parsedObjectsSortedByUtf16()
{
    QRandomGenerator rng(3);
    for (int round = 0; round < 200; ++round) {
        std::vector<QString> keys;
        for (int i = rng.bounded(1, 40); i > 0; --i) {
            const QString k = toQString(randomText(rng, 3));
            if (std::find(keys.begin(), keys.end(), k) == keys.end())
                keys.push_back(k);
        }
        // Unsorted input, keys raw or \u-escaped at random.
        QByteArray json = "{";
        for (size_t i = 0; i < keys.size(); ++i) {
            if (i)
                json += ",";
            json += "\"";
            if (rng.bounded(2)) {
                json += keys[i].toUtf8().replace("\\", "\\\\").replace("\"", "\\\"");
            } else {
                for (QChar c : keys[i])
                    json += QByteArray("\\u") + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
            }
            json += "\":" + QByteArray::number(static_cast<int>(i));
        }
        json += "}";
        auto r = parse(sv(json));
        QVERIFY2(r.ok(), qPrintable(why(r)));

        std::vector<QString> expected = keys;
        std::sort(expected.begin(), expected.end(),
            [](const QString &x, const QString &y) { return x.toStdU16String() < y.toStdU16String(); });
        QCOMPARE(r->toObject().size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(QString::fromUtf8(r->toObject()[i].first.data(),
                         static_cast<qsizetype>(r->toObject()[i].first.size())),
                expected[i]);
            const size_t original = static_cast<size_t>(r->toObject()[i].second.toInt());
            QCOMPARE(keys[original], expected[i]);
        }
        QVERIFY(isCanonical(sv(canonical(*r))));
    }
}

// ---------------------------------------------------------------------------------------------------------
// robustness

void TestCanonicalJson::specialBytesAtEveryPosition()
{
    // The reader and writer scan plain text several bytes at a time; put each kind of special byte at every
    // position of strings up to 40 bytes long and check against a bytewise reference.
    auto reference = [](const QByteArray &raw) {
        QByteArray out = "\"";
        for (char ch : raw) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20)
                    out += QByteArray("\\u00") + QByteArray::number(c, 16).rightJustified(2, '0');
                else
                    out += ch;
            }
        }
        return out + "\"";
    };
    const QList<QByteArray> specials = { B("\""), B("\\"), B("\x01"), B("\x1f"), B("\n"), B("\x7f"), B(" "),
        B("\xC3\xA9"), B("\xE2\x82\xAC"), B("\xEF\xBF\xBF"), B("\xF0\x9F\x98\x80"), B("\0") };
    for (int len = 0; len <= 40; ++len) {
        for (int pos = 0; pos <= len; ++pos) {
            for (const QByteArray &special : specials) {
                const QByteArray raw = QByteArray(pos, 'a') + special + QByteArray(len - pos, 'b');
                const QByteArray expected = reference(raw);
                QCOMPARE(canonical(Value(str(raw))), expected);
                auto r = parse(sv(expected));
                QVERIFY2(r.ok(), qPrintable(why(r)));
                QCOMPARE(bytes(r->toString()), raw);
            }
            // Raw control characters and invalid UTF-8 are caught at their exact offset.
            const QList<QByteArray> bad
                = { B("\x01"), B("\n"), B("\0"), B("\x80"), B("\xC3("), B("\xED\xA0\x80") };
            for (const QByteArray &b : bad) {
                const QByteArray json = "\"" + QByteArray(pos, 'a') + b + QByteArray(len - pos, 'b') + "\"";
                const ledger::Error e = parseError(json);
                QCOMPARE(e.code, QStringLiteral("invalid_json"));
                QVERIFY2(mentionsOffset(e.message, 1 + pos), qPrintable(e.message));
            }
        }
    }
}

void TestCanonicalJson::largeInputs()
{
    // 50,000 keys in reverse order.
    QByteArray json = "{";
    for (int i = 49999; i >= 0; --i) {
        json += "\"k" + QByteArray::number(i).rightJustified(5, '0') + "\":" + QByteArray::number(i);
        if (i)
            json += ",";
    }
    json += "}";
    auto r = parse(sv(json));
    QVERIFY(r.ok());
    QCOMPARE(r->toObject().size(), size_t(50000));
    QCOMPARE(r->toObject().front().first, std::string("k00000"));
    QCOMPARE(r->find("k31415")->toInt(), int64_t { 31415 });
    QVERIFY(isCanonical(sv(canonical(*r))));

    // ... with one duplicate at the end.
    json.chop(1);
    json += ",\"k12345\":0}";
    QVERIFY(!parse(sv(json)).ok());

    // 100,000-element array.
    QByteArray arr = "[";
    for (int i = 0; i < 100000; ++i)
        arr += i ? ",1" : "1";
    arr += "]";
    auto a = parse(sv(arr));
    QVERIFY(a.ok());
    QCOMPARE(a->toArray().size(), size_t(100000));
    QCOMPARE(canonical(*a), arr);

    // A 1 MiB string full of escapes.
    QByteArray esc = "\"";
    while (esc.size() < (1 << 20) - 8)
        esc += "\\u00e9\\n";
    esc += "\"";
    QVERIFY(parse(sv(esc)).ok());
}

void TestCanonicalJson::mutatedInputsNeverCrash()
{
    const QList<QByteArray> seeds = {
        kEntry,
        B(R"({"a":[1,-2,{"b":"\u00e9\ud83d\ude00\n"}],"c":null,"d":true,"e":false,"f":""})"),
        B("{\"\xF0\x9F\x98\x80\":[[[]]],\"\xEF\xAC\xB3\":{\"\":9007199254740991}}"),
        B(R"([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])"),
    };
    const QByteArray alphabet
        = B("{}[]\",:\\-0123456789.eEtrufalsn \t\n\x01\x7f\x80\xBF\xC3\xE2\xED\xF0\xF4\xFF");
    QRandomGenerator rng(42);
    int parsed = 0;
    for (int i = 0; i < 30000; ++i) {
        QByteArray s = seeds[rng.bounded(static_cast<int>(seeds.size()))];
        for (int m = rng.bounded(1, 5); m > 0; --m) {
            const int pos = rng.bounded(static_cast<int>(s.size()) + 1);
            switch (rng.bounded(5)) {
            case 0: // replace
                if (pos < s.size())
                    s[pos] = alphabet[rng.bounded(static_cast<int>(alphabet.size()))];
                break;
            case 1: // insert
                s.insert(pos, alphabet[rng.bounded(static_cast<int>(alphabet.size()))]);
                break;
            case 2: // delete a run
                s.remove(pos, rng.bounded(1, 6));
                break;
            case 3: // duplicate a run
                s.insert(pos, s.mid(rng.bounded(static_cast<int>(s.size()) + 1), rng.bounded(1, 12)));
                break;
            default: // random byte
                if (pos < s.size())
                    s[pos] = static_cast<char>(rng.bounded(256));
                break;
            }
        }
        auto r = parse(sv(s));
        if (r) {
            ++parsed;
            // Whatever parses re-serialises to something canonical that parses to the same value.
            const QByteArray c = canonical(*r);
            auto again = parse(sv(c));
            QVERIFY(again.ok());
            QVERIFY(*again == *r);
            QVERIFY(ledger::json::isCanonical(sv(c)));
            QCOMPARE(ledger::json::isCanonical(sv(s)), s == c);
            QVERIFY(validate(*r).ok());
        } else {
            QCOMPARE(r.error().code, QStringLiteral("invalid_json"));
            QVERIFY(r.error().message.contains(QStringLiteral("byte ")));
        }
    }
    QVERIFY(parsed > 100); // the mutations do not only produce garbage
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
