#include "ledger/store/migrations.h"

#include <string>

namespace ledger::sql {

namespace {

Error tooNew(int found, int newest)
{
    return makeError("schema_too_new",
        QStringLiteral("this ledger database has schema version %1 but this program only knows "
                       "versions up to %2: upgrade Alliance Portal to open it")
            .arg(found)
            .arg(newest));
}

QString describe(const Migration &m)
{
    return QStringLiteral("schema migration %1 (%2)").arg(m.version).arg(QString::fromUtf8(m.description));
}

// Refuses BEGIN / COMMIT / ROLLBACK inside a migration script: they would split it from its version bump.
int denyTransactionControl(void *, int action, const char *, const char *, const char *, const char *)
{
    return action == SQLITE_TRANSACTION ? SQLITE_DENY : SQLITE_OK;
}

Result<void> runScript(Database &db, const Migration &m)
{
    sqlite3_set_authorizer(db.handle(), denyTransactionControl, nullptr);
    auto r = db.execScript(m.sql);
    sqlite3_set_authorizer(db.handle(), nullptr, nullptr);
    if (!r.ok())
        return makeError(
            "migration_failed", QStringLiteral("%1 failed: %2").arg(describe(m), r.error().message));
    if (!db.inTransaction()) // belt and braces: the authorizer should have made this impossible
        return makeError("schema_invalid", QStringLiteral("%1 ended its own transaction").arg(describe(m)));
    const std::string bump = "PRAGMA user_version = " + std::to_string(m.version);
    if (auto b = db.execScript(bump); !b.ok())
        return Error { b.error().code, QStringLiteral("%1: %2").arg(describe(m), b.error().message) };
    return {};
}

} // namespace

Result<int> schemaVersion(Database &db)
{
    auto stmt = db.cached("PRAGMA user_version");
    if (!stmt.ok())
        return stmt.error();
    Statement &s = *stmt.value();
    ResetGuard guard(s);
    auto row = s.step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return makeError("database_error", QStringLiteral("PRAGMA user_version returned nothing"));
    return s.integer(0);
}

Result<int> migrate(Database &db, std::span<const Migration> migrations)
{
    for (size_t i = 0; i < migrations.size(); ++i) {
        const Migration &m = migrations[i];
        if (m.version != int(i) + 1)
            return makeError("schema_invalid",
                QStringLiteral("migration versions must be 1, 2, 3, ... in order; entry %1 has version %2")
                    .arg(i)
                    .arg(m.version));
        if (!m.description || m.sql.empty())
            return makeError(
                "schema_invalid", QStringLiteral("migration %1 has no description or no SQL").arg(m.version));
    }
    const int newest = migrations.empty() ? 0 : migrations.back().version;

    auto current = schemaVersion(db);
    if (!current.ok())
        return current.error();
    int version = current.value();
    if (version > newest)
        return tooNew(version, newest);

    for (const Migration &m : migrations) {
        if (m.version <= version)
            continue;
        auto txn = Transaction::begin(db); // BEGIN IMMEDIATE: we hold the write lock from here on
        if (!txn.ok())
            return Error { txn.error().code, QStringLiteral("%1: %2").arg(describe(m), txn.error().message) };
        // Re-read under the lock: another process may have migrated since we looked.
        auto locked = schemaVersion(db);
        if (!locked.ok())
            return locked.error();
        if (locked.value() > newest)
            return tooNew(locked.value(), newest);
        if (locked.value() >= m.version) {
            version = locked.value();
            continue; // nothing to do; the empty transaction is rolled back
        }
        if (auto r = runScript(db, m); !r.ok())
            return r.error(); // txn's destructor rolls the partial script back
        if (auto r = txn->commit(); !r.ok())
            return Error { r.error().code, QStringLiteral("%1: %2").arg(describe(m), r.error().message) };
        version = m.version;
    }
    return version;
}

} // namespace ledger::sql
