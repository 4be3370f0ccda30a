#pragma once
// Who an entry is about, for read scopes (docs/SYNC-PROTOCOL.md, "Who reads what"): public entries are
// read by every member; the others by whole-log readers and by the members of the startups and sponsors
// they concern. Decided from the state (the projections), never from what a client says.

#include "ledger/codec/entry.h"
#include "ledger/domain/state.h"

#include <functional>
#include <set>
#include <string>

namespace ledger {

struct Concerns
{
    bool isPublic = false;
    std::set<std::string> startups;
    std::set<std::string> sponsors;
};

// `state` must know every object the entry names (the state at or after the entry's position: object links
// such as grant -> startup never change once made). `targetConcerns` answers for `approval` and
// `pending.cancelled`, which are about whatever their target entry (hex id) is about.
Concerns concernsOf(const Entry &entry, const State &state,
    const std::function<Concerns(const std::string &targetEntryIdHex)> &targetConcerns);

// True for the types every member may read.
bool isPublicType(std::string_view type);

} // namespace ledger
