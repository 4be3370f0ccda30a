#pragma once
// The projections: the rules engine's State written to SQLite tables, in the same transaction as the log
// rows it derives from, and read back when a ledger is opened. They can always be rebuilt from the log.

#include "ledger/domain/state.h"
#include "ledger/result.h"
#include "ledger/store/sqlite.h"

namespace ledger::store {

// How much of the projections loadState reads into memory.
enum class LoadMode {
    Everything, // every row: a State to compare or walk (verify)
    // The small tables now; members, startups, applications, grants and balances row by row when they are
    // looked up (see LazyMap): what the sequencer needs for a write, at a cost that does not grow with the
    // alliance. The state then reads through `db`, which must outlive it.
    OnDemand,
};

// Reads the projection tables into `state` (which must be empty) and hooks usage look-ups to the store.
Result<void> loadState(sql::Database &db, State &state, LoadMode mode = LoadMode::Everything);

// Writes the rows `state.dirty` names and clears it. Call inside the transaction that appends the log rows.
Result<void> flushState(sql::Database &db, State &state);

// Writes movements (as flushState does with state.dirty.movements) and clears the vector: for a bulk replay
// (rebuild) that writes them as they come and the rest once, with flushState, at the end. Call inside the
// same transaction.
Result<void> writeMovements(sql::Database &db, std::vector<Movement> &movements);

// Writes usage keys (as flushState does with state.dirty.usages, in key order) and clears the vector.
Result<void> writeUsages(sql::Database &db, KeyList &usages);

// Empties every projection table (before a rebuild writes them again).
Result<void> clearProjections(sql::Database &db);

// Marks every object and balance of `state` dirty, so flushState writes all of it.
void markAllDirty(State &state);

} // namespace ledger::store
