#pragma once
// The ledger database schema, as forward-only migrations. Version 1 is the first released layout; never
// edit a released migration, add a new one.

#include "ledger/store/migrations.h"

#include <span>

namespace ledger::store {

std::span<const sql::Migration> ledgerMigrations();
int currentSchemaVersion();

} // namespace ledger::store
