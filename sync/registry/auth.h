#pragma once
// Who sent a request (docs/SYNC-PROTOCOL.md, "Authentication"): the three X-Alliance headers, the time
// window, the member directory, the signature, then the replay cache — in that order, so that a request
// that fails early costs one map look-up and nothing is remembered for it.

#include "sync/registry/httptypes.h"
#include "sync/registry/replaycache.h"
#include "sync/registry/storage.h"

namespace registry {

struct Caller
{
    ledger::Member member;
    ledger::crypto::PublicKey key;
};

// Errors: unauthenticated, stale_request, unknown_key, key_revoked, bad_signature, replayed_request,
// overloaded (replay cache full), replay_journal (the journal failed: an internal error).
ledger::Result<Caller> authenticate(const HttpRequest &request, const Directory &directory,
    ReplayCache &replays, int64_t windowMs, int64_t nowMs);

// What a member's role lets it read.
Scope scopeOf(const ledger::Member &member);

} // namespace registry
