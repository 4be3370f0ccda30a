#pragma once
// Canonical JSON for signed ledger entries: RFC 8785 (JSON Canonicalization Scheme) restricted to
// integers. Every entry is serialised once by its author with canonical(); those exact bytes are stored
// and signed, so this file is part of the wire format (see docs/ and ARCHITECTURE.md, "The ledger").
//
// Values:   null, bool, integers in [-(2^53-1), 2^53-1], UTF-8 strings, arrays, objects. No floats.
// Parsing:  strict RFC 8259 grammar for hostile input (see parse()); objects come out sorted.
// Writing:  RFC 8785 §3.2: no whitespace, members sorted by the UTF-16 code units of their keys, strings
//           escaped only where RFC 8785 requires it, integers in plain decimal.
//
// The writer cannot fail, so it trusts its input: a Value built in code must hold valid UTF-8 and
// integers within kMaxSafeInteger (validate() checks both). Values produced by parse() always do.

#include "ledger/result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ledger::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>; // always sorted by keyLess(), keys unique

// I-JSON (RFC 7493) limit: integers outside +-(2^53-1) are rejected by parse() and validate().
constexpr int64_t kMaxSafeInteger = 9007199254740991;

// RFC 8785 §3.2.3 order of two UTF-8 keys: lexicographic by UTF-16 code units. For valid UTF-8 this is
// byte order except that U+E000..U+FFFF sorts after U+10000..U+10FFFF (surrogates are 0xD800..0xDFFF).
// It is a strict weak order on arbitrary bytes too.
bool keyLess(std::string_view a, std::string_view b);

class Value
{
public:
    enum class Type { Null, Bool, Int, String, Array, Object };

    Value() = default;
    Value(std::nullptr_t) { }
    Value(bool b)
        : m_v(b)
    { }
    Value(int i)
        : m_v(int64_t { i })
    { }
    Value(int64_t i)
        : m_v(i)
    { }
    // `long long` is a distinct type from int64_t (= long) on LP64 Linux; accept both.
    template<typename T>
    requires(std::is_same_v<T, long long> && !std::is_same_v<long long, int64_t>) Value(T i)
        : m_v(static_cast<int64_t>(i))
    { }
    Value(std::string s)
        : m_v(std::move(s))
    { }
    Value(std::string_view s)
        : m_v(std::string(s))
    { }
    Value(const char *s)
        : m_v(std::string(s))
    { }
    Value(const QString &s); // stored as UTF-8
    Value(Array a)
        : m_v(std::move(a))
    { }
    Value(Object o); // sorted with keyLess(); of duplicate keys the last one wins, as with set()
    // No floats anywhere, and no pointer may silently become a bool. (Unsigned integers are ambiguous,
    // hence rejected too: cast to int64_t.)
    Value(float) = delete;
    Value(double) = delete;
    template<typename T> Value(const T *) = delete;

    Type type() const { return static_cast<Type>(m_v.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInt() const { return type() == Type::Int; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    // Typed access. On a value of another type these return false / 0 / "" / an empty array or object.
    bool toBool() const;
    int64_t toInt() const;
    const std::string &toString() const;
    QString toQString() const; // the string converted from UTF-8; empty if not a string
    const Array &toArray() const;
    Array &toArray(); // precondition: isArray() or isNull() (null becomes an empty array)
    const Object &toObject() const;

    // The value of member `key`; nullptr if this is not an object or has no such member. O(log n).
    const Value *find(std::string_view key) const;
    // Object only (null becomes an empty object): inserts keeping keyLess order, or replaces.
    void set(std::string_view key, Value v);
    // Array only (null becomes an empty array).
    void append(Value v);

    bool operator==(const Value &other) const { return m_v == other.m_v; }

private:
    friend class Parser;
    std::variant<std::monostate, bool, int64_t, std::string, Array, Object> m_v;
};

// Destroying and serialising a Value recurse once per nesting level, so parse() never accepts nesting
// deeper than this, whatever ParseLimits::maxDepth says.
constexpr int kMaxDepthCap = 512;

struct ParseLimits
{
    size_t maxBytes = 1 << 20; // longer input is rejected before parsing
    int maxDepth = 32; // arrays/objects nested deeper than this are rejected (at most kMaxDepthCap)
};

// Strict parser for untrusted input. Accepts RFC 8259 JSON (whitespace allowed) with integers only and
// rejects: fractions, exponents, "-0", leading zeros, integers beyond +-kMaxSafeInteger, duplicate keys,
// invalid UTF-8 (overlong, encoded surrogates, > U+10FFFF), lone or mismatched \u surrogates, raw control
// characters, trailing data, a BOM, input over limits.maxBytes and nesting deeper than limits.maxDepth.
// Every error has code "invalid_json" and a message naming the byte offset. Not recursive.
ledger::Result<Value> parse(std::string_view text, ParseLimits limits = {});

// RFC 8785 serialisation of v appended to out.
void appendCanonical(std::string &out, const Value &v);
QByteArray canonical(const Value &v);

// True iff text parses (default limits) and re-serialises to exactly the same bytes.
bool isCanonical(std::string_view text);

// Helpers.
bool isValidUtf8(std::string_view s);
// Checks a value built in code: all strings valid UTF-8, all integers within +-kMaxSafeInteger, nesting
// no deeper than limits.maxDepth (limits.maxBytes is not checked). If this passes and the canonical form
// fits in limits.maxBytes, then parse(canonical(v)) == v.
ledger::Result<void> validate(const Value &v, ParseLimits limits = {});

} // namespace ledger::json
