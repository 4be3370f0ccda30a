#pragma once
// The rules engine: decides whether an entry may follow the state before it and, if so, applies it.
// The same engine runs in the registry, in the standalone desktop sequencer and in the client's outbox
// pre-check. A rejection never changes the state: every handler checks everything before it mutates.

#include "ledger/codec/entry.h"
#include "ledger/domain/state.h"
#include "ledger/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace ledger {

struct EntryContext
{
    int64_t seq = 0; // position the entry would take
    int64_t at = 0; // sequenced_at, ms since the epoch: "now" for every time rule
    std::string entryId; // lowercase hex
    QByteArray authorKey; // raw 32-byte public key of the signer
};

// The body of a usage.recorded entry, field by field (see applyUsage).
struct UsageFields
{
    std::string_view grant;
    std::string_view usage;
    std::string_view resource;
    int64_t amount = 0;
    int64_t periodStart = 0;
    int64_t periodEnd = 0;
};

// What an accepted entry did, for the person who submitted it.
enum class Outcome { Applied, PendingApproval, ApprovedAndApplied };

class Rules
{
public:
    // Validates `entry` against `state` and applies it. On error the state is unchanged; the error code is
    // one of the stable reason codes listed in docs/ENTRY-TYPES.md.
    static Result<Outcome> apply(State &state, const Entry &entry, const EntryContext &ctx);

    // apply() for a usage.recorded entry whose body is `body`, given without a JSON tree: `header` carries
    // the entry's type, author and created_at, and its own body is not read. The fields must be ones the
    // body reader would accept (readUsageRecord guarantees it); the outcome is then exactly apply()'s.
    static Result<Outcome> applyUsage(
        State &state, const Entry &header, const UsageFields &body, const EntryContext &ctx);

    // Every entry type the engine knows.
    static const std::vector<std::string> &entryTypes();
};

} // namespace ledger
