#pragma once
// The ledger file: the append-only log, its checkpoints and Merkle frontier, the outbox, and the tables the
// projections live in. One SQLite database per ledger; this class owns the connection and the log tables.

#include "ledger/log/merkle.h"
#include "ledger/result.h"
#include "ledger/store/sqlite.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ledger::store {

// One row of the log. Views in LogView are valid only during a scan callback.
struct LogRecord
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    QByteArray entryId;
    QByteArray leafHash;
    std::string type;
    std::string author;
    std::string nonce;
    QByteArray authorKey;
    QByteArray entry;
    QByteArray sig;
};

struct LogView
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    QByteArrayView entryId;
    QByteArrayView leafHash;
    std::string_view type;
    std::string_view author;
    std::string_view nonce;
    QByteArrayView authorKey;
    QByteArrayView entry;
    QByteArrayView sig;
};

struct CheckpointRecord
{
    int64_t treeSize = 0;
    QByteArray root;
    QByteArray note;
    int64_t signedAt = 0;
};

class LedgerStore
{
public:
    enum class Mode { Create, ReadWrite, ReadOnly };

    // Opens (and for Create makes) a ledger file and brings its schema up to date.
    static Result<std::unique_ptr<LedgerStore>> open(const QString &path, Mode mode);

    sql::Database &db() { return m_db; }
    QString path() const { return m_db.path(); }
    bool readOnly() const { return m_readOnly; }

    Result<std::optional<QByteArray>> meta(std::string_view key);
    Result<void> setMeta(std::string_view key, QByteArrayView value);

    Result<int64_t> logSize();
    Result<void> appendLog(const LogRecord &record);
    Result<std::optional<int64_t>> findEntry(QByteArrayView entryId);
    Result<bool> nonceUsed(std::string_view author, std::string_view nonce);
    // The position of the entry that used this author's nonce, if any (the same index as nonceUsed).
    Result<std::optional<int64_t>> findNonce(std::string_view author, std::string_view nonce);
    Result<LogRecord> readLog(int64_t seq);
    // Streams rows [from, to) in sequence order; the callback returns false to stop early.
    Result<void> scanLog(int64_t from, int64_t to, const std::function<bool(const LogView &)> &fn);

    Result<void> addCheckpoint(const CheckpointRecord &checkpoint);
    Result<std::optional<CheckpointRecord>> latestCheckpoint();
    Result<std::vector<CheckpointRecord>> checkpoints();

    // The right frontier of the Merkle tree over the whole log, kept in meta so appends are O(log n).
    Result<merkle::CompactRange> frontier();
    Result<void> saveFrontier(const merkle::CompactRange &range);

    // Leaf hashes for inclusion and consistency proofs, read from the log.
    std::unique_ptr<merkle::LeafSource> leafSource();

private:
    LedgerStore(sql::Database db, bool readOnly)
        : m_db(std::move(db))
        , m_readOnly(readOnly)
    { }

    sql::Database m_db;
    bool m_readOnly = false;
};

} // namespace ledger::store
