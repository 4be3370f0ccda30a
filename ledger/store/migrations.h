#pragma once
// Forward-only schema migrations, versioned by PRAGMA user_version.
//
// Each migration runs in its own transaction together with `PRAGMA user_version = N`, so a database is
// always exactly at one version: a failing migration leaves it at the previous one. Migrations are additive
// and never edited once shipped; fix a mistake with a new migration.

#include "ledger/result.h"
#include "ledger/store/sqlite.h"

#include <span>
#include <string_view>

namespace ledger::sql {

struct Migration
{
    int version; // 1, 2, 3, ... with no gaps, in this order
    const char *description; // for error messages, e.g. "log and checkpoints"
    std::string_view sql; // constant DDL script; must not contain BEGIN / COMMIT / ROLLBACK
};

// Applies, in ascending order, every migration newer than the database's user_version and returns the
// final version. Errors: "schema_invalid" (versions not 1, 2, 3, ..., or a script that tries to end the
// transaction), "schema_too_new" (the database was written by a newer program), "migration_failed" (a
// script failed; the database stays at the previous version), or the database error of BEGIN / COMMIT.
// Safe against another process migrating the same file at the same time.
Result<int> migrate(Database &db, std::span<const Migration> migrations);

// PRAGMA user_version: 0 for a new database.
Result<int> schemaVersion(Database &db);

} // namespace ledger::sql
