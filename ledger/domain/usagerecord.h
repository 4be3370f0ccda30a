#pragma once
// A `usage.recorded` entry read straight from its canonical bytes into fixed slots, without a JSON tree.
// Usage records are nearly all of a large log, and a replay (rebuild) spends most of its parsing on them.
// The reader is deliberately narrow: it accepts only the canonical layout with plain ASCII strings and
// values that every check of decodeEntry and the rules' body reader would accept. Anything else (escapes,
// non-ASCII text, another key, a negative or oversized number, whitespace) returns false and the caller
// takes the general path, which gives the same result or the proper error. So accepting here never changes
// an outcome; it only skips building the tree.

#include "ledger/domain/rules.h"

#include <cstdint>
#include <string_view>

namespace ledger {

struct UsageRecord
{
    char author[32]; // key id, lowercase hex
    int64_t createdAt = 0;
    int64_t amount = 0;
    int64_t periodStart = 0;
    int64_t periodEnd = 0;
    uint8_t grantSize = 0;
    uint8_t usageSize = 0;
    uint8_t resourceSize = 0;
    char grant[64]; // an id
    char usage[128]; // text of 1..128 bytes
    char resource[129]; // "provider/gpu-class"

    std::string_view authorView() const { return { author, sizeof author }; }
    UsageFields fields() const
    {
        return UsageFields { { grant, grantSize }, { usage, usageSize }, { resource, resourceSize }, amount,
            periodStart, periodEnd };
    }
};

// True when `entryBytes` is a canonical usage.recorded entry this reader takes (see above); `out` is then
// filled. False says nothing about the entry's validity: use decodeEntry and Rules::apply.
bool readUsageRecord(std::string_view entryBytes, UsageRecord &out);

} // namespace ledger
