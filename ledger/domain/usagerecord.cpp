#include "ledger/domain/usagerecord.h"

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/domain/bodyreader.h"

#include <cstring>

namespace ledger {

namespace {

constexpr int64_t kMaxTime = 253402300799999; // 9999-12-31T23:59:59.999Z, as BodyReader::time

// A cursor over the bytes; every step either matches exactly or fails the whole read.
struct Cursor
{
    const char *p;
    const char *end;

    bool literal(std::string_view s)
    {
        if (size_t(end - p) < s.size() || std::memcmp(p, s.data(), s.size()) != 0)
            return false;
        p += s.size();
        return true;
    }

    // A JSON string of printable ASCII without escapes (so its bytes are its value), of 1..max bytes.
    bool plainString(const char *&start, size_t &size, size_t max)
    {
        if (p == end || *p != '"')
            return false;
        start = ++p;
        while (p != end && *p != '"') {
            const auto c = uint8_t(*p);
            if (c < 0x20 || c > 0x7e || c == '\\')
                return false;
            ++p;
        }
        if (p == end)
            return false;
        size = size_t(p - start);
        ++p;
        return size >= 1 && size <= max;
    }

    // A non-negative JSON integer within I-JSON's range: 0 or a digit string without a leading zero.
    bool integer(int64_t &out)
    {
        if (p == end || *p < '0' || *p > '9')
            return false;
        if (*p == '0') {
            ++p;
            out = 0;
        } else {
            int64_t v = 0;
            int digits = 0;
            while (p != end && *p >= '0' && *p <= '9') {
                if (++digits > 16)
                    return false;
                v = v * 10 + (*p - '0');
                ++p;
            }
            if (v > json::kMaxSafeInteger)
                return false;
            out = v;
        }
        // A fraction or an exponent makes it a float (rejected by the parser): not ours.
        return p == end || (*p != '.' && *p != 'e' && *p != 'E');
    }
};

bool lowerHex32(const char *s, size_t size)
{
    if (size != 32)
        return false;
    for (size_t i = 0; i < size; ++i) {
        const char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

bool readUsageRecord(std::string_view entryBytes, UsageRecord &out)
{
    if (entryBytes.size() > kMaxEntryBytes)
        return false;
    Cursor c { entryBytes.data(), entryBytes.data() + entryBytes.size() };
    const char *s = nullptr;
    size_t n = 0;
    // Canonical order of the entry's keys and of the body's (RFC 8785: by code unit; all ASCII here).
    if (!c.literal("{\"author\":\"") || size_t(c.end - c.p) < 33)
        return false;
    if (!lowerHex32(c.p, 32) || c.p[32] != '"')
        return false;
    std::memcpy(out.author, c.p, 32);
    c.p += 33;
    if (!c.literal(",\"body\":{\"amount\":") || !c.integer(out.amount) || out.amount <= 0)
        return false;
    if (!c.literal(",\"grant\":") || !c.plainString(s, n, sizeof out.grant) || !BodyReader::isId({ s, n }))
        return false;
    std::memcpy(out.grant, s, n);
    out.grantSize = uint8_t(n);
    if (!c.literal(",\"period_end\":") || !c.integer(out.periodEnd) || out.periodEnd > kMaxTime)
        return false;
    if (!c.literal(",\"period_start\":") || !c.integer(out.periodStart) || out.periodStart > kMaxTime)
        return false;
    if (!c.literal(",\"resource\":") || !c.plainString(s, n, sizeof out.resource)
        || !BodyReader::isResource({ s, n }))
        return false;
    std::memcpy(out.resource, s, n);
    out.resourceSize = uint8_t(n);
    if (!c.literal(",\"usage\":") || !c.plainString(s, n, sizeof out.usage))
        return false;
    std::memcpy(out.usage, s, n);
    out.usageSize = uint8_t(n);
    if (!c.literal("},\"created_at\":") || !c.integer(out.createdAt))
        return false;
    if (!c.literal(",\"nonce\":\"") || size_t(c.end - c.p) < 33 || !lowerHex32(c.p, 32) || c.p[32] != '"')
        return false;
    c.p += 33;
    return c.literal(",\"type\":\"usage.recorded\"}") && c.p == c.end;
}

} // namespace ledger
