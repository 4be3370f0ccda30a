#pragma once
// Read models of grants for the desktop: every grant (GrantRow of balances.h), the entries waiting for k-of-n
// approvals, and the movements of a startup's grants (its statement rows and burn-down). Projection tables.

#include "ledger/queries/balances.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ledger::queries {

// Every grant, newest first.
Result<std::vector<GrantRow>> grants(store::LedgerStore &store);
// The grants drawn from one pool, largest first.
Result<std::vector<GrantRow>> poolGrants(store::LedgerStore &store, std::string_view poolId);

struct PendingRow
{
    std::string target; // entry id, hex
    std::string type;
    std::string author; // key id
    std::string body; // canonical JSON of the entry's body
    std::vector<std::string> approvers; // key ids, the author first
    int64_t required = 1;
    int64_t createdAt = 0;
};

// Entries waiting for approvals, oldest first.
Result<std::vector<PendingRow>> pendingActions(store::LedgerStore &store);

struct MovementRow
{
    int64_t seq = 0;
    int64_t at = 0;
    std::string from;
    std::string to;
    std::string resource;
    int64_t amount = 0;
    std::string grant;
};

// Movements into or out of the grants of one startup, in log order.
Result<std::vector<MovementRow>> startupMovements(store::LedgerStore &store, std::string_view startupId);

} // namespace ledger::queries
