#pragma once
// Entries signed here and still waiting in the outbox for the registry, read as what they concern (the
// application, the grant) so the pages can mark those rows "waiting to sync" before the log has them.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <string>
#include <vector>

namespace ledger::queries {

struct WaitingEntry
{
    std::string type; // e.g. "grant.created"
    std::string application; // the body's "application", when it names one
    std::string grant; // the body's "grant", when it names one
    std::string pool; // the body's "pool", when it names one
    int64_t amount = 0; // grant.created: the sum of its tranches
    int64_t expiresAt = 0; // grant.created: its "expires_at"
    int64_t queuedAt = 0;
};

// Every pending outbox entry, in queue order. An entry whose body cannot be read is skipped (the Sync page
// still lists it).
Result<std::vector<WaitingEntry>> waitingEntries(store::LedgerStore &store);

} // namespace ledger::queries
