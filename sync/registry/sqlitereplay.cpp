// The SQLite ReplayJournal: its own small file beside the ledger, in WAL mode with synchronous=NORMAL. A
// commit is in the WAL before the request is served, so it survives the registry process being killed; only
// an operating-system crash or power loss can lose the last moments' signatures (docs/REGISTRY-API.md).

#include "sync/registry/sqlitestorage.h"

#include "ledger/store/sqlite.h"

namespace registry {

using ledger::Result;

namespace {

class SqliteReplayJournal : public ReplayJournal
{
public:
    explicit SqliteReplayJournal(ledger::sql::Database db)
        : m_db(std::move(db))
    { }

    Result<std::vector<std::pair<QByteArray, int64_t>>> load(int64_t nowMs) override
    {
        LEDGER_TRY(forget(nowMs));
        auto stmt = m_db.cached("SELECT signature, expiry FROM replay_seen");
        if (!stmt)
            return stmt.error();
        ledger::sql::Statement &s = *stmt.value();
        ledger::sql::ResetGuard guard(s);
        std::vector<std::pair<QByteArray, int64_t>> out;
        for (;;) {
            auto row = s.step();
            if (!row)
                return row.error();
            if (!row.value())
                break;
            out.emplace_back(s.blob(0), s.int64(1));
        }
        return out;
    }

    Result<void> record(const QByteArray &signature, int64_t expiryMs) override
    {
        auto stmt = m_db.cached("INSERT OR REPLACE INTO replay_seen (signature, expiry) VALUES (?, ?)");
        if (!stmt)
            return stmt.error();
        return stmt.value()->bind(1, signature).bind(2, expiryMs).exec();
    }

    Result<void> forget(int64_t expiredBeforeMs) override
    {
        auto stmt = m_db.cached("DELETE FROM replay_seen WHERE expiry < ?");
        if (!stmt)
            return stmt.error();
        return stmt.value()->bind(1, expiredBeforeMs).exec();
    }

private:
    ledger::sql::Database m_db;
};

} // namespace

Result<std::unique_ptr<ReplayJournal>> openSqliteReplayJournal(const QString &path)
{
    auto db = ledger::sql::Database::open(path, ledger::sql::Database::Mode::Create);
    if (!db)
        return db.error();
    LEDGER_TRY(db->setSynchronous(false));
    LEDGER_TRY(db->execScript(R"sql(
CREATE TABLE IF NOT EXISTS replay_seen (
    signature BLOB PRIMARY KEY,
    expiry    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_seen_expiry ON replay_seen(expiry);
)sql"));
    return std::unique_ptr<ReplayJournal>(new SqliteReplayJournal(std::move(db).value()));
}

} // namespace registry
