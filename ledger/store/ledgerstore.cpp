#include "ledger/store/ledgerstore.h"

#include "ledger/store/schema.h"

namespace ledger::store {

namespace {

// Reads leaf hashes from the log on demand; one prepared statement, reused.
class StoreLeafSource : public merkle::LeafSource
{
public:
    explicit StoreLeafSource(sql::Database &db)
        : m_db(db)
    { }
    QByteArray leafHash(quint64 index) const override
    {
        auto stmt = m_db.cached("SELECT leaf_hash FROM log WHERE seq = ?");
        if (!stmt)
            return {};
        sql::Statement &s = *stmt.value();
        sql::ResetGuard guard(s);
        s.bind(1, int64_t(index));
        auto row = s.step();
        return row && row.value() ? s.blob(0) : QByteArray();
    }

private:
    sql::Database &m_db;
};

} // namespace

Result<std::unique_ptr<LedgerStore>> LedgerStore::open(const QString &path, Mode mode)
{
    const auto dbMode = mode == Mode::Create ? sql::Database::Mode::Create
        : mode == Mode::ReadWrite            ? sql::Database::Mode::ReadWrite
                                             : sql::Database::Mode::ReadOnly;
    auto db = sql::Database::open(path, dbMode);
    if (!db)
        return db.error();
    LEDGER_TRY(db->execScript("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"));
    if (mode == Mode::ReadOnly) {
        auto version = sql::schemaVersion(db.value());
        if (!version)
            return version.error();
        if (version.value() == 0)
            return makeError("database_corrupt",
                QStringLiteral("%1 is not a ledger (it has no ledger tables).").arg(path));
        if (version.value() > currentSchemaVersion())
            return makeError("schema_too_new",
                QStringLiteral("%1 was written by a newer version of Alliance Portal; "
                               "upgrade to open it.")
                    .arg(path));
        if (version.value() < currentSchemaVersion())
            return makeError("schema_too_old",
                QStringLiteral("%1 needs an upgrade; open it once without read-only "
                               "mode.")
                    .arg(path));
    } else {
        auto version = sql::migrate(db.value(), ledgerMigrations());
        if (!version)
            return version.error();
    }
    return std::unique_ptr<LedgerStore>(new LedgerStore(std::move(db.value()), mode == Mode::ReadOnly));
}

Result<std::optional<QByteArray>> LedgerStore::meta(std::string_view key)
{
    auto stmt = m_db.cached("SELECT value FROM meta WHERE key = ?");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    s.bind(1, key);
    auto row = s.step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(s.blob(0));
}

Result<void> LedgerStore::setMeta(std::string_view key, QByteArrayView value)
{
    auto stmt = m_db.cached("INSERT INTO meta(key, value) VALUES(?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt)
        return stmt.error();
    return stmt.value()->bind(1, key).bind(2, value).exec();
}

Result<int64_t> LedgerStore::logSize()
{
    auto stmt = m_db.cached("SELECT COALESCE(MAX(seq) + 1, 0) FROM log");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    auto row = s.step();
    if (!row)
        return row.error();
    return s.int64(0);
}

Result<void> LedgerStore::appendLog(const LogRecord &r)
{
    auto stmt = m_db.cached("INSERT INTO log(seq, sequenced_at, entry_id, leaf_hash, type, author, nonce, "
                            "author_key, entry, sig) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    s.bind(1, r.seq)
        .bind(2, r.sequencedAt)
        .bindStatic(3, QByteArrayView(r.entryId))
        .bindStatic(4, QByteArrayView(r.leafHash))
        .bindStatic(5, std::string_view(r.type))
        .bindStatic(6, std::string_view(r.author))
        .bindStatic(7, std::string_view(r.nonce))
        .bindStatic(8, QByteArrayView(r.authorKey))
        .bindStatic(9, QByteArrayView(r.entry))
        .bindStatic(10, QByteArrayView(r.sig));
    return s.exec();
}

Result<std::optional<int64_t>> LedgerStore::findEntry(QByteArrayView entryId)
{
    auto stmt = m_db.cached("SELECT seq FROM log WHERE entry_id = ?");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    s.bind(1, entryId);
    auto row = s.step();
    if (!row)
        return row.error();
    return row.value() ? std::optional<int64_t>(s.int64(0)) : std::nullopt;
}

Result<bool> LedgerStore::nonceUsed(std::string_view author, std::string_view nonce)
{
    auto seq = findNonce(author, nonce);
    if (!seq)
        return seq.error();
    return seq.value().has_value();
}

Result<std::optional<int64_t>> LedgerStore::findNonce(std::string_view author, std::string_view nonce)
{
    auto stmt = m_db.cached("SELECT seq FROM log WHERE author = ? AND nonce = ?");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    s.bind(1, author).bind(2, nonce);
    auto row = s.step();
    if (!row)
        return row.error();
    return row.value() ? std::optional<int64_t>(s.int64(0)) : std::nullopt;
}

Result<LogRecord> LedgerStore::readLog(int64_t seq)
{
    auto stmt = m_db.cached(
        "SELECT seq, sequenced_at, entry_id, leaf_hash, type, author, nonce, author_key, entry, "
        "sig FROM log WHERE seq = ?");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    s.bind(1, seq);
    auto row = s.step();
    if (!row)
        return row.error();
    if (!row.value())
        return makeError("unknown_object", QStringLiteral("The log has no entry %1.").arg(seq));
    LogRecord r;
    r.seq = s.int64(0);
    r.sequencedAt = s.int64(1);
    r.entryId = s.blob(2);
    r.leafHash = s.blob(3);
    r.type = std::string(s.textView(4));
    r.author = std::string(s.textView(5));
    r.nonce = std::string(s.textView(6));
    r.authorKey = s.blob(7);
    r.entry = s.blob(8);
    r.sig = s.blob(9);
    return r;
}

Result<void> LedgerStore::scanLog(int64_t from, int64_t to, const std::function<bool(const LogView &)> &fn)
{
    auto stmt = m_db.prepare(
        "SELECT seq, sequenced_at, entry_id, leaf_hash, type, author, nonce, author_key, entry, sig "
        "FROM log WHERE seq >= ? AND seq < ? ORDER BY seq");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = stmt.value();
    s.bind(1, from).bind(2, to);
    LogView v;
    return s.eachRow([&](const sql::Statement &) {
        v.seq = s.int64(0);
        v.sequencedAt = s.int64(1);
        v.entryId = s.blobView(2);
        v.leafHash = s.blobView(3);
        v.type = s.textView(4);
        v.author = s.textView(5);
        v.nonce = s.textView(6);
        v.authorKey = s.blobView(7);
        v.entry = s.blobView(8);
        v.sig = s.blobView(9);
        return fn(v);
    });
}

Result<void> LedgerStore::addCheckpoint(const CheckpointRecord &c)
{
    auto stmt
        = m_db.cached("INSERT OR REPLACE INTO checkpoints(tree_size, root, note, signed_at) VALUES(?,?,?,?)");
    if (!stmt)
        return stmt.error();
    return stmt.value()->bind(1, c.treeSize).bind(2, c.root).bind(3, c.note).bind(4, c.signedAt).exec();
}

namespace {
CheckpointRecord readCheckpoint(const sql::Statement &s)
{
    return CheckpointRecord { s.int64(0), s.blob(1), s.blob(2), s.int64(3) };
}
} // namespace

Result<std::optional<CheckpointRecord>> LedgerStore::latestCheckpoint()
{
    auto stmt = m_db.cached(
        "SELECT tree_size, root, note, signed_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    auto row = s.step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<CheckpointRecord>();
    return std::optional<CheckpointRecord>(readCheckpoint(s));
}

Result<std::vector<CheckpointRecord>> LedgerStore::checkpoints()
{
    auto stmt = m_db.prepare("SELECT tree_size, root, note, signed_at FROM checkpoints ORDER BY tree_size");
    if (!stmt)
        return stmt.error();
    std::vector<CheckpointRecord> out;
    LEDGER_TRY(stmt->eachRow([&](const sql::Statement &st) { out.push_back(readCheckpoint(st)); }));
    return out;
}

Result<merkle::CompactRange> LedgerStore::frontier()
{
    auto blob = meta("merkle_frontier");
    if (!blob)
        return blob.error();
    if (!blob.value())
        return merkle::CompactRange();
    return merkle::CompactRange::deserialize(*blob.value());
}

Result<void> LedgerStore::saveFrontier(const merkle::CompactRange &range)
{
    return setMeta("merkle_frontier", range.serialize());
}

std::unique_ptr<merkle::LeafSource> LedgerStore::leafSource()
{
    return std::make_unique<StoreLeafSource>(m_db);
}

} // namespace ledger::store
