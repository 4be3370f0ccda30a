#include "ledger/codec/json.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

namespace ledger::json {

namespace {

const std::string kEmptyString;
const Array kEmptyArray;
const Object kEmptyObject;

// keyLess() compares bytes after this permutation: the UTF-8 lead bytes of U+10000..U+10FFFF (F0..F4,
// with the invalid F5..FF) move down by two, and those of U+E000..U+FFFF (EE, EF) go to the top. For valid
// UTF-8 the first differing byte of two strings is either a lead byte in both or a continuation byte in
// both (same lead byte, so same plane group), which makes this exactly UTF-16 code unit order. Being a
// bijection on bytes, it is a strict weak order on any input.
constexpr unsigned char utf16OrderByte(unsigned char c)
{
    if (c < 0xEE)
        return c;
    if (c >= 0xF0)
        return static_cast<unsigned char>(c - 2);
    return static_cast<unsigned char>(c + 0x10); // EE -> FE, EF -> FF
}

bool memberLess(const Member &a, const Member &b)
{
    return keyLess(a.first, b.first);
}

// Length of the valid UTF-8 sequence starting at p (p < end, *p >= 0x80), or 0 if invalid.
// Unicode Table 3-7: no overlongs, no surrogates (ED A0..BF), nothing above U+10FFFF.
inline size_t utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    const size_t avail = static_cast<size_t>(end - p);
    auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
        return avail >= 2 && cont(p[1]) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3)
            return 0;
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return p[1] >= lo && p[1] <= hi && cont(p[2]) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4)
            return 0;
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= lo && p[1] <= hi && cont(p[2]) && cont(p[3]) ? 4 : 0;
    }
    return 0;
}

// Bytes a string can contain as they are without further checks: printable ASCII except '"' and '\\'.
struct PlainTable
{
    bool plain[256] = {};
    constexpr PlainTable()
    {
        for (int c = 0x20; c < 0x80; ++c)
            plain[c] = c != '"' && c != '\\';
    }
};
constexpr PlainTable kPlain;

// SWAR tests of the 8 bytes at p. They may report a false positive for a byte after a matching one, never
// a false negative; callers then look bytewise.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

inline uint64_t load8(const unsigned char *p)
{
    uint64_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// High bit set in the result if some byte is < 0x20, '"' or '\\'.
inline uint64_t escapeBits(uint64_t x)
{
    const uint64_t quote = x ^ (kOnes * '"');
    const uint64_t backslash = x ^ (kOnes * '\\');
    return ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
}

// Some byte needs escaping in canonical output.
inline bool needsEscape8(const unsigned char *p)
{
    return (escapeBits(load8(p)) & kHigh) != 0;
}

// Some byte is not plain for the parser (needs escaping, or is non-ASCII).
inline bool hasSpecialByte(const unsigned char *p)
{
    const uint64_t x = load8(p);
    return ((escapeBits(x) | x) & kHigh) != 0;
}

void appendUtf8(std::string &out, uint32_t cp)
{
    char buf[4];
    size_t n;
    if (cp < 0x80) {
        buf[0] = static_cast<char>(cp);
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0 | (cp >> 6));
        buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0 | (cp >> 12));
        buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = static_cast<char>(0xF0 | (cp >> 18));
        buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 4;
    }
    out.append(buf, n);
}

inline int hexValue(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// Bytes that a canonical string must escape: '"', '\\' and C0 controls.
struct EscapeTable
{
    bool needs[256] = {};
    constexpr EscapeTable()
    {
        for (int c = 0; c < 0x20; ++c)
            needs[c] = true;
        needs[static_cast<unsigned char>('"')] = true;
        needs[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr EscapeTable kEscape;

void appendString(std::string &out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *const end = p + s.size();
    const auto *run = p;
    auto appendRun = [&out](const unsigned char *from, const unsigned char *to) {
        out.append(reinterpret_cast<const char *>(from), static_cast<size_t>(to - from));
    };
    for (; p != end; ++p) {
        while (end - p >= 8 && !needsEscape8(p))
            p += 8;
        if (p == end)
            break;
        const unsigned char c = *p;
        if (!kEscape.needs[c])
            continue;
        appendRun(run, p);
        run = p + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char esc[6] = { '\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF] };
            out.append(esc, 6);
        }
        }
    }
    appendRun(run, end);
    out.push_back('"');
}

void appendInt(std::string &out, int64_t i)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// A key quoted for an error message: escaped as JSON, cut to a readable length on a UTF-8 boundary.
QString quotedKey(std::string_view key)
{
    constexpr size_t kMax = 40;
    bool cut = false;
    if (key.size() > kMax) {
        size_t n = kMax;
        while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80)
            --n;
        key = key.substr(0, n);
        cut = true;
    }
    std::string s;
    appendString(s, key);
    if (cut)
        s.insert(s.size() - 1, "...");
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// keyLess

bool keyLess(std::string_view a, std::string_view b)
{
    const size_t n = std::min(a.size(), b.size());
    const auto *pa = reinterpret_cast<const unsigned char *>(a.data());
    const auto *pb = reinterpret_cast<const unsigned char *>(b.data());
    for (size_t i = 0; i < n; ++i) {
        if (pa[i] != pb[i])
            return utf16OrderByte(pa[i]) < utf16OrderByte(pb[i]);
    }
    return a.size() < b.size();
}

// ---------------------------------------------------------------------------------------------------------
// Value

Value::Value(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    m_v = std::string(utf8.constData(), static_cast<size_t>(utf8.size()));
}

Value::Value(Object o)
{
    // Stable, so that of equal keys the last one given ends up last, and is the one kept.
    if (!std::is_sorted(o.begin(), o.end(), memberLess))
        std::stable_sort(o.begin(), o.end(), memberLess);
    auto out = o.begin();
    for (auto it = o.begin(); it != o.end(); ++it) {
        auto next = it + 1;
        if (next != o.end() && next->first == it->first)
            continue; // a later duplicate follows; drop this one
        if (out != it)
            *out = std::move(*it);
        ++out;
    }
    o.erase(out, o.end());
    m_v = std::move(o);
}

bool Value::toBool() const
{
    const bool *b = std::get_if<bool>(&m_v);
    return b ? *b : false;
}

int64_t Value::toInt() const
{
    const int64_t *i = std::get_if<int64_t>(&m_v);
    return i ? *i : 0;
}

const std::string &Value::toString() const
{
    const std::string *s = std::get_if<std::string>(&m_v);
    return s ? *s : kEmptyString;
}

QString Value::toQString() const
{
    const std::string &s = toString();
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

const Array &Value::toArray() const
{
    const Array *a = std::get_if<Array>(&m_v);
    return a ? *a : kEmptyArray;
}

Array &Value::toArray()
{
    Q_ASSERT(isArray() || isNull());
    if (!isArray())
        m_v = Array {};
    return std::get<Array>(m_v);
}

const Object &Value::toObject() const
{
    const Object *o = std::get_if<Object>(&m_v);
    return o ? *o : kEmptyObject;
}

const Value *Value::find(std::string_view key) const
{
    const Object *o = std::get_if<Object>(&m_v);
    if (!o)
        return nullptr;
    auto it = std::lower_bound(
        o->begin(), o->end(), key, [](const Member &m, std::string_view k) { return keyLess(m.first, k); });
    if (it == o->end() || it->first != key)
        return nullptr;
    return &it->second;
}

void Value::set(std::string_view key, Value v)
{
    Q_ASSERT(isObject() || isNull());
    if (isNull())
        m_v = Object {};
    Object *o = std::get_if<Object>(&m_v);
    if (!o)
        return;
    auto it = std::lower_bound(
        o->begin(), o->end(), key, [](const Member &m, std::string_view k) { return keyLess(m.first, k); });
    if (it != o->end() && it->first == key)
        it->second = std::move(v);
    else
        o->emplace(it, std::string(key), std::move(v));
}

void Value::append(Value v)
{
    Q_ASSERT(isArray() || isNull());
    if (isNull())
        m_v = Array {};
    if (Array *a = std::get_if<Array>(&m_v))
        a->push_back(std::move(v));
}

// ---------------------------------------------------------------------------------------------------------
// Parser: iterative. The stack holds pointers to the open containers; each is the last element of its
// parent, and only the innermost one grows, so the pointers stay valid.

class Parser
{
public:
    Parser(std::string_view text, ParseLimits limits)
        : m_begin(reinterpret_cast<const unsigned char *>(text.data()))
        , m_p(m_begin)
        , m_end(m_begin + text.size())
        , m_limits(limits)
    { }

    ledger::Result<Value> run();

private:
    struct Frame
    {
        Value *container;
        size_t offset; // of the '[' or '{'
    };
    static constexpr size_t kInlineFrames = 32;

    size_t offset(const unsigned char *p) const { return static_cast<size_t>(p - m_begin); }
    size_t offset() const { return offset(m_p); }

    void skipWhitespace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool fail(QString message)
    {
        if (!m_error)
            m_error = makeError("invalid_json", std::move(message));
        return false;
    }
    bool fail(const char *fmtUtf8, size_t at) { return fail(QString::fromUtf8(fmtUtf8).arg(at)); }

    bool push(Value *container);
    Frame &top() { return m_frames[m_depth - 1]; }
    bool closeObject(Object &o, size_t at);
    bool parseScalar(Value &target);
    bool parseString(std::string &out);
    bool parseEscape(std::string &out);
    bool parseHex4(uint32_t &cp);
    bool parseNumber(Value &target);
    bool parseKey(Object &o); // at '"' (after whitespace); adds a member, leaves m_p after ':' + whitespace

    const unsigned char *const m_begin;
    const unsigned char *m_p;
    const unsigned char *const m_end;
    const ParseLimits m_limits;
    std::optional<Error> m_error;

    Frame m_inline[kInlineFrames] = {};
    std::vector<Frame> m_heap;
    Frame *m_frames = m_inline;
    size_t m_depth = 0;
};

bool Parser::push(Value *container)
{
    const int limit = std::clamp(m_limits.maxDepth, 0, kMaxDepthCap);
    if (m_depth >= static_cast<size_t>(limit))
        return fail(
            QStringLiteral("Nesting at byte %1 exceeds the maximum depth of %2.").arg(offset()).arg(limit));
    if (m_depth == kInlineFrames && m_frames == m_inline) {
        m_heap.assign(m_inline, m_inline + kInlineFrames);
        m_heap.reserve(kInlineFrames * 2);
    }
    if (m_depth >= kInlineFrames) {
        m_heap.resize(m_depth + 1);
        m_frames = m_heap.data();
    }
    m_frames[m_depth++] = Frame { container, offset() };
    ++m_p;
    return true;
}

bool Parser::closeObject(Object &o, size_t at)
{
    // Canonical input is already sorted; check that first (one pass, also proves keys unique).
    bool sorted = true;
    for (size_t i = 1; i < o.size(); ++i) {
        if (!keyLess(o[i - 1].first, o[i].first)) {
            sorted = false;
            break;
        }
    }
    if (sorted)
        return true;
    std::sort(o.begin(), o.end(), memberLess);
    for (size_t i = 1; i < o.size(); ++i) {
        if (o[i - 1].first == o[i].first)
            return fail(QStringLiteral("Object at byte %1 has the key %2 more than once.")
                            .arg(at)
                            .arg(quotedKey(o[i].first)));
    }
    return true;
}

bool Parser::parseHex4(uint32_t &cp)
{
    // m_p is at the 'u'
    if (m_end - m_p < 5)
        return fail("Escape \\u at byte %1 needs four hex digits.", offset() - 1);
    uint32_t v = 0;
    for (int i = 1; i <= 4; ++i) {
        const int h = hexValue(m_p[i]);
        if (h < 0)
            return fail("Escape \\u at byte %1 needs four hex digits.", offset() - 1);
        v = (v << 4) | static_cast<uint32_t>(h);
    }
    cp = v;
    m_p += 5;
    return true;
}

bool Parser::parseEscape(std::string &out)
{
    // m_p is at the backslash
    const size_t at = offset();
    ++m_p;
    if (m_p == m_end)
        return fail("String ends inside the escape at byte %1.", at);
    char c;
    switch (*m_p) {
    case '"':
        c = '"';
        break;
    case '\\':
        c = '\\';
        break;
    case '/':
        c = '/';
        break;
    case 'b':
        c = '\b';
        break;
    case 'f':
        c = '\f';
        break;
    case 'n':
        c = '\n';
        break;
    case 'r':
        c = '\r';
        break;
    case 't':
        c = '\t';
        break;
    case 'u': {
        uint32_t cp;
        if (!parseHex4(cp))
            return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail("Escape at byte %1 is a low surrogate without a high surrogate before it.", at);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                return fail("Escape at byte %1 is a high surrogate not followed by a low surrogate.", at);
            ++m_p;
            uint32_t lo;
            if (!parseHex4(lo))
                return false;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return fail("Escape at byte %1 is a high surrogate not followed by a low surrogate.", at);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        appendUtf8(out, cp);
        return true;
    }
    default:
        return fail("Invalid escape sequence at byte %1.", at);
    }
    out.push_back(c);
    ++m_p;
    return true;
}

bool Parser::parseString(std::string &out)
{
    // m_p is at the opening quote
    const size_t start = offset();
    ++m_p;
    const unsigned char *run = m_p;
    while (true) {
        // Fast path: printable ASCII other than '"' and '\\', eight bytes at a time, then bytewise.
        while (m_end - m_p >= 8 && !hasSpecialByte(m_p))
            m_p += 8;
        while (m_p != m_end && kPlain.plain[*m_p])
            ++m_p;
        if (m_p == m_end)
            return fail("String starting at byte %1 is not terminated.", start);
        const unsigned char c = *m_p;
        if (c == '"') {
            out.append(reinterpret_cast<const char *>(run), static_cast<size_t>(m_p - run));
            ++m_p;
            return true;
        }
        if (c == '\\') {
            out.append(reinterpret_cast<const char *>(run), static_cast<size_t>(m_p - run));
            if (!parseEscape(out))
                return false;
            run = m_p;
            continue;
        }
        if (c < 0x20)
            return fail("Control character at byte %1 must be escaped.", offset());
        const size_t n = utf8SequenceLength(m_p, m_end);
        if (n == 0)
            return fail("Invalid UTF-8 at byte %1.", offset());
        m_p += n;
    }
}

bool Parser::parseNumber(Value &target)
{
    const size_t at = offset();
    bool negative = false;
    if (*m_p == '-') {
        negative = true;
        ++m_p;
    }
    if (m_p == m_end || *m_p < '0' || *m_p > '9')
        return fail("Number at byte %1 has no digits.", at);
    const unsigned char *digits = m_p;
    if (*m_p == '0' && m_p + 1 != m_end && m_p[1] >= '0' && m_p[1] <= '9')
        return fail("Number at byte %1 has a leading zero.", at);
    while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
        ++m_p;
    if (m_p != m_end && *m_p == '.')
        return fail("Number at byte %1 has a fraction; only integers are allowed.", at);
    if (m_p != m_end && (*m_p == 'e' || *m_p == 'E'))
        return fail("Number at byte %1 has an exponent; only integers are allowed.", at);
    const size_t ndigits = static_cast<size_t>(m_p - digits);
    // kMaxSafeInteger has 16 digits; 16 digits fit in uint64_t without overflow.
    if (ndigits > 16)
        return fail("Number at byte %1 is outside the range +-(2^53-1).", at);
    uint64_t v = 0;
    for (const unsigned char *d = digits; d != m_p; ++d)
        v = v * 10 + static_cast<uint64_t>(*d - '0');
    if (v > static_cast<uint64_t>(kMaxSafeInteger))
        return fail("Number at byte %1 is outside the range +-(2^53-1).", at);
    if (negative && v == 0)
        return fail("Number at byte %1 is negative zero, which is not allowed.", at);
    target.m_v = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
    return true;
}

bool Parser::parseScalar(Value &target)
{
    const unsigned char c = *m_p;
    auto literal = [&](const char *word, size_t len) {
        return static_cast<size_t>(m_end - m_p) >= len && std::memcmp(m_p, word, len) == 0;
    };
    switch (c) {
    case '"':
        target.m_v.emplace<std::string>();
        return parseString(std::get<std::string>(target.m_v));
    case 't':
        if (!literal("true", 4))
            break;
        target.m_v = true;
        m_p += 4;
        return true;
    case 'f':
        if (!literal("false", 5))
            break;
        target.m_v = false;
        m_p += 5;
        return true;
    case 'n':
        if (!literal("null", 4))
            break;
        m_p += 4;
        return true;
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber(target);
        break;
    }
    if (c == '.' || c == '+')
        return fail("Number at byte %1 must start with a digit or '-'.", offset());
    return fail("Unexpected character at byte %1; expected a value.", offset());
}

bool Parser::parseKey(Object &o)
{
    if (m_p == m_end)
        return fail("Unexpected end of input at byte %1; expected a key.", offset());
    if (*m_p != '"')
        return fail("Expected a string key at byte %1.", offset());
    if (o.empty())
        o.reserve(8);
    o.emplace_back();
    if (!parseString(o.back().first))
        return false;
    skipWhitespace();
    if (m_p == m_end)
        return fail("Unexpected end of input at byte %1; expected ':'.", offset());
    if (*m_p != ':')
        return fail("Expected ':' at byte %1.", offset());
    ++m_p;
    skipWhitespace();
    return true;
}

ledger::Result<Value> Parser::run()
{
    if (static_cast<size_t>(m_end - m_begin) > m_limits.maxBytes)
        return makeError("invalid_json",
            QStringLiteral("Input is longer than the limit of %1 bytes (rejected at byte %1).")
                .arg(m_limits.maxBytes));
    if (m_end - m_begin >= 3 && m_p[0] == 0xEF && m_p[1] == 0xBB && m_p[2] == 0xBF)
        return makeError("invalid_json", QStringLiteral("Byte order mark at byte 0 is not allowed."));

    Value root;
    Value *target = &root;
    skipWhitespace();

    // Each pass parses one value into *target, then consumes closers and separators until either the
    // next value slot is known (continue) or the top-level value is complete (break).
    while (true) {
        if (m_p == m_end) {
            fail(m_begin == m_end
                    ? QStringLiteral("Input is empty; expected a value at byte 0.")
                    : QStringLiteral("Unexpected end of input at byte %1; expected a value.").arg(offset()));
            break;
        }
        if (*m_p == '{') {
            target->m_v.emplace<Object>();
            if (!push(target))
                break;
            skipWhitespace();
            Object &o = std::get<Object>(target->m_v);
            if (m_p == m_end || *m_p != '}') {
                if (!parseKey(o))
                    break;
                target = &o.back().second;
                continue;
            }
        } else if (*m_p == '[') {
            target->m_v.emplace<Array>();
            if (!push(target))
                break;
            skipWhitespace();
            Array &a = std::get<Array>(target->m_v);
            if (m_p == m_end || *m_p != ']') {
                a.reserve(4);
                target = &a.emplace_back();
                continue;
            }
        } else if (!parseScalar(*target)) {
            break;
        }

        // A value is complete (an empty container is still open, its closer not yet consumed).
        bool next = false;
        while (m_depth > 0 && !next) {
            skipWhitespace();
            Frame &f = top();
            if (m_p == m_end) {
                fail("Unexpected end of input at byte %1.", offset());
                break;
            }
            if (Object *o = std::get_if<Object>(&f.container->m_v)) {
                if (*m_p == ',') {
                    ++m_p;
                    skipWhitespace();
                    if (!parseKey(*o))
                        break;
                    target = &o->back().second;
                    next = true;
                } else if (*m_p == '}') {
                    ++m_p;
                    if (!closeObject(*o, f.offset))
                        break;
                    --m_depth;
                } else {
                    fail("Expected ',' or '}' at byte %1.", offset());
                    break;
                }
            } else {
                Array &a = std::get<Array>(f.container->m_v);
                if (*m_p == ',') {
                    ++m_p;
                    skipWhitespace();
                    target = &a.emplace_back();
                    next = true;
                } else if (*m_p == ']') {
                    ++m_p;
                    --m_depth;
                } else {
                    fail("Expected ',' or ']' at byte %1.", offset());
                    break;
                }
            }
        }
        if (m_error || !next)
            break;
    }
    if (m_error)
        return *m_error;
    skipWhitespace();
    if (m_p != m_end)
        return makeError(
            "invalid_json", QStringLiteral("Unexpected data after the JSON value at byte %1.").arg(offset()));
    return root;
}

ledger::Result<Value> parse(std::string_view text, ParseLimits limits)
{
    return Parser(text, limits).run();
}

// ---------------------------------------------------------------------------------------------------------
// Writer

void appendCanonical(std::string &out, const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        out.append("null", 4);
        return;
    case Value::Type::Bool:
        if (v.toBool())
            out.append("true", 4);
        else
            out.append("false", 5);
        return;
    case Value::Type::Int:
        appendInt(out, v.toInt());
        return;
    case Value::Type::String:
        appendString(out, v.toString());
        return;
    case Value::Type::Array: {
        out.push_back('[');
        bool first = true;
        for (const Value &e : v.toArray()) {
            if (!first)
                out.push_back(',');
            first = false;
            appendCanonical(out, e);
        }
        out.push_back(']');
        return;
    }
    case Value::Type::Object: {
        out.push_back('{');
        bool first = true;
        for (const Member &m : v.toObject()) {
            if (!first)
                out.push_back(',');
            first = false;
            appendString(out, m.first);
            out.push_back(':');
            appendCanonical(out, m.second);
        }
        out.push_back('}');
        return;
    }
    }
}

QByteArray canonical(const Value &v)
{
    std::string out;
    out.reserve(256);
    appendCanonical(out, v);
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

bool isCanonical(std::string_view text)
{
    auto parsed = parse(text);
    if (!parsed)
        return false;
    thread_local std::string buffer;
    buffer.clear();
    if (buffer.capacity() > (64u << 10))
        buffer.shrink_to_fit();
    appendCanonical(buffer, *parsed);
    return std::string_view(buffer) == text;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

bool isValidUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p != end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const size_t n = utf8SequenceLength(p, end);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

namespace {

ledger::Result<void> validateAt(const Value &v, int depth, const ParseLimits &limits)
{
    auto invalid = [](QString message) { return makeError("invalid_json", std::move(message)); };
    switch (v.type()) {
    case Value::Type::Null:
    case Value::Type::Bool:
        return {};
    case Value::Type::Int:
        if (v.toInt() > kMaxSafeInteger || v.toInt() < -kMaxSafeInteger)
            return invalid(QStringLiteral("Integer %1 is outside the range +-(2^53-1).").arg(v.toInt()));
        return {};
    case Value::Type::String:
        if (!isValidUtf8(v.toString()))
            return invalid(QStringLiteral("A string is not valid UTF-8."));
        return {};
    case Value::Type::Array:
    case Value::Type::Object:
        break;
    }
    if (depth >= limits.maxDepth)
        return invalid(QStringLiteral("Nesting is deeper than the limit of %1 levels.").arg(limits.maxDepth));
    if (v.isArray()) {
        for (const Value &e : v.toArray()) {
            if (auto r = validateAt(e, depth + 1, limits); !r)
                return r;
        }
    } else {
        for (const Member &m : v.toObject()) {
            if (!isValidUtf8(m.first))
                return invalid(QStringLiteral("An object key is not valid UTF-8."));
            if (auto r = validateAt(m.second, depth + 1, limits); !r)
                return r;
        }
    }
    return {};
}

} // namespace

ledger::Result<void> validate(const Value &v, ParseLimits limits)
{
    return validateAt(v, 0, limits);
}

} // namespace ledger::json
