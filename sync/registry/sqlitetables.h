#pragma once
// The registry's own tables inside the ledger file, and the party names of read scopes.
//   registry_rejections  entry id -> the signed rejection first given for it
//   registry_concerns    (party, seq): party "*" public, "s:<startup>", "p:<sponsor>"
// meta "registry.concerns_size": how many log entries have their concerns recorded.

#include "sync/registry/storage.h"

#include "ledger/domain/visibility.h"
#include "ledger/store/sqlite.h"

#include <string>
#include <unordered_set>

namespace registry::tables {

ledger::Result<void> create(ledger::sql::Database &db);

inline constexpr char kConcernsSizeKey[] = "registry.concerns_size";
inline std::string startupParty(const std::string &id)
{
    return "s:" + id;
}
inline std::string sponsorParty(const std::string &id)
{
    return "p:" + id;
}

ledger::Result<std::optional<syncwire::WireReceipt>> findRejection(
    ledger::sql::Database &db, QByteArrayView entryId);
// The first 8 bytes of an entry id: what the writer keeps in memory of each stored rejection, so that the
// entries of a batch (almost never rejected before) need no look-up in the table.
uint64_t rejectionKey(QByteArrayView entryId);
ledger::Result<std::unordered_set<uint64_t>> rejectionKeys(ledger::sql::Database &db);
ledger::Result<void> insertRejection(
    ledger::sql::Database &db, const syncwire::WireReceipt &receipt, int64_t at);
ledger::Result<void> insertConcerns(ledger::sql::Database &db, int64_t seq, const ledger::Concerns &c);
ledger::Result<ledger::Concerns> concernsAt(ledger::sql::Database &db, int64_t seq);
// The two party names a scope reads besides "*" (empty strings match nothing).
std::pair<std::string, std::string> partiesOf(const Scope &scope);

} // namespace registry::tables
