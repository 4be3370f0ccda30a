#pragma once
// The alliance's startups for the desktop's Startups page and pickers: each with its BRN, sector, how many
// applications it has made and its balance per resource. Three grouped reads of the projection tables
// (startups, applications, grants), whatever the size of the log.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ledger::queries {

struct StartupListRow
{
    std::string id;
    std::string name;
    std::string brn; // ten digits
    std::string sector;
    int64_t applications = 0;
    int64_t grants = 0; // in effect (not waiting for approvals)
    // resource -> balance (unreleased + available) over its grants in effect, by resource; resources with
    // a zero balance are left out.
    std::vector<std::pair<std::string, int64_t>> balances;
    int64_t totalBalance() const;
};

// Every startup, by name then id.
Result<std::vector<StartupListRow>> startupList(store::LedgerStore &store);

} // namespace ledger::queries
