#include "ledger/engine/rebuild.h"

#include "ledger/codec/entry.h"
#include "ledger/domain/rules.h"
#include "ledger/domain/usagerecord.h"
#include "ledger/engine/logreader.h"
#include "ledger/engine/parallel.h"
#include "ledger/store/projections.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace ledger {

namespace {

// The secondary indexes of the movements table, the one projection that grows with the log: dropped while a
// rebuild fills the table and created again (sorting once) before it commits. Read from the schema, so a
// later migration that changes them changes this too.
Result<std::vector<std::pair<std::string, std::string>>> movementIndexes(sql::Database &db)
{
    auto stmt
        = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'movements' "
                     "AND sql IS NOT NULL ORDER BY name");
    if (!stmt)
        return stmt.error();
    std::vector<std::pair<std::string, std::string>> out;
    LEDGER_TRY(stmt->eachRow([&](const sql::Statement &st) {
        out.emplace_back(std::string(st.textView(0)), std::string(st.textView(1)));
    }));
    return out;
}

Result<void> execOne(sql::Database &db, std::string_view sqlText)
{
    auto stmt = db.prepare(sqlText); // exactly one statement
    if (!stmt)
        return stmt.error();
    return stmt->exec();
}

// What a worker prepares for one row: the parsed entry and what the rules engine needs beside it.
struct Decoded
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    // A usage record in the canonical form readUsageRecord takes is read into `usage` (no JSON tree);
    // every other entry is decoded into `entry`.
    bool isUsage = false;
    UsageRecord usage;
    Result<Entry> entry = Entry {};
    char idHex[64]; // the entry id in lowercase hex (a stored id is 32 bytes; more is cut, as verify reports)
    size_t idHexSize = 0;
    QByteArray authorKey;
    bool hasLeaf = false; // the stored leaf hash is 32 bytes (CompactRange::append takes nothing else)
    unsigned char leaf[32];
};

// Writes the rows that grow with the log (movements and usage keys) on a thread of its own, through the
// rebuild's connection, while the replay goes on; the replay does not use the connection until finish().
// So SQLite's share of a rebuild overlaps the rules instead of following them. A few batches at most wait.
// Every write goes through `withDb`, which holds whatever lock others sharing the connection take.
class BulkWriter
{
public:
    using WithDb = std::function<Result<void>(const std::function<Result<void>(sql::Database &)> &)>;
    using Prologue = std::function<Result<void>(sql::Database &)>;
    BulkWriter(WithDb withDb, Prologue prologue)
        : m_withDb(std::move(withDb))
        , m_prologue(std::move(prologue))
        , m_thread([this] { run(); })
    { }
    ~BulkWriter() { (void)finish(); }
    BulkWriter(const BulkWriter &) = delete;
    BulkWriter &operator=(const BulkWriter &) = delete;

    // Takes the rows, leaving the vectors empty (with the capacity of an earlier batch); false once writing
    // has failed (finish() says why).
    bool push(std::vector<Movement> &movements, KeyList &usages)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return m_queue.size() < kMaxQueued || m_failed; });
        if (m_failed)
            return false;
        Batch batch;
        batch.movements.swap(movements);
        batch.usages.swap(usages);
        if (!m_spare.empty()) {
            movements.swap(m_spare.back().movements);
            usages.swap(m_spare.back().usages);
            m_spare.pop_back();
        }
        m_queue.push_back(std::move(batch));
        m_cv.notify_all();
        return true;
    }

    // Waits until everything pushed is written; the first error, if any.
    Result<void> finish()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_all();
        if (m_thread.joinable())
            m_thread.join();
        return m_result;
    }

private:
    static constexpr size_t kMaxQueued = 4;
    struct Batch
    {
        std::vector<Movement> movements;
        KeyList usages;
    };

    void run()
    {
        if (m_prologue) {
            Result<void> ready = m_withDb(m_prologue);
            if (!ready) {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_result = ready.error();
                m_failed = true;
                m_cv.notify_all();
                return;
            }
        }
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_cv.wait(lock, [&] { return !m_queue.empty() || m_done; });
            if (m_queue.empty())
                return;
            Batch batch = std::move(m_queue.front());
            m_queue.pop_front();
            m_cv.notify_all();
            lock.unlock();
            Result<void> written = m_withDb([&](sql::Database &db) -> Result<void> {
                LEDGER_TRY(store::writeMovements(db, batch.movements));
                return store::writeUsages(db, batch.usages);
            });
            lock.lock();
            if (!written) {
                m_result = written.error();
                m_failed = true;
                m_queue.clear();
                m_cv.notify_all();
                return;
            }
            m_spare.push_back(std::move(batch));
        }
    }

    WithDb m_withDb;
    Prologue m_prologue;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Batch> m_queue;
    std::vector<Batch> m_spare; // written batches, empty, whose capacity the replay reuses
    bool m_done = false;
    bool m_failed = false;
    Result<void> m_result;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace

Result<RebuildReport> rebuildProjections(
    store::LedgerStore &store, const std::function<bool(int64_t done, int64_t total)> &progress)
{
    auto size = store.logSize();
    if (!size)
        return size.error();
    const int64_t total = size.value();

    auto tx = sql::Transaction::begin(store.db());
    if (!tx)
        return tx.error();
    auto indexes = movementIndexes(store.db());
    if (!indexes)
        return indexes.error();
    // Emptying the tables frees every page of the old projections: the writer does it before its first
    // batch, while the workers start reading the log.
    auto prologue = [&indexes](sql::Database &db) -> Result<void> {
        LEDGER_TRY(store::clearProjections(db));
        for (const auto &index : indexes.value()) {
            std::string drop = "DROP INDEX \"";
            for (char c : index.first)
                drop += c == '"' ? std::string("\"\"") : std::string(1, c);
            drop += '"';
            LEDGER_TRY(execOne(db, drop));
        }
        return {};
    };
    State state;
    state.trackDirty = true;
    state.trackDirtyRows = false; // every grant and balance is written at the end (markAllDirty)
    // Nearly every entry of a large ledger is a usage record, and a rebuild keeps all their keys: size the
    // set once instead of rehashing it some twenty times on the way to a million.
    state.usageKeys.reserve(size_t(total));
    merkle::CompactRange tree;
    {
        // Reading and parsing need no state: workers do them on all cores, through their own connections
        // (this transaction changes only projections, so they read the same log), while this thread replays.
        using Chunk = std::vector<Decoded>;
        ParallelLogScan<Chunk> scan(
            store, 0, total, 2048,
            [](const store::LogView &row, Chunk &out) {
                Decoded &d = out.emplace_back();
                d.seq = row.seq;
                d.sequencedAt = row.sequencedAt;
                d.isUsage
                    = readUsageRecord(std::string_view(row.entry.data(), size_t(row.entry.size())), d.usage);
                if (!d.isUsage)
                    d.entry = decodeEntry(row.entry, false);
                static constexpr char kHex[] = "0123456789abcdef";
                const size_t idBytes = std::min<size_t>(size_t(row.entryId.size()), sizeof d.idHex / 2);
                for (size_t i = 0; i < idBytes; ++i) {
                    d.idHex[2 * i] = kHex[uint8_t(row.entryId[qsizetype(i)]) >> 4];
                    d.idHex[2 * i + 1] = kHex[uint8_t(row.entryId[qsizetype(i)]) & 15];
                }
                d.idHexSize = 2 * idBytes;
                d.authorKey = recentBytes(row.authorKey);
                d.hasLeaf = row.leafHash.size() == merkle::HashSize;
                if (d.hasLeaf)
                    std::memcpy(d.leaf, row.leafHash.data(), sizeof d.leaf);
            },
            true);
        // Owns the connection (shared, if need be, with the scan's workers) until writer.finish().
        BulkWriter writer(
            [&scan](const std::function<Result<void>(sql::Database &)> &fn) {
                return scan.withStore([&](store::LedgerStore &s) { return fn(s.db()); });
            },
            prologue);
        int64_t done = 0;
        EntryContext ctx;
        Entry usageHeader; // what applyUsage reads of a usage record's envelope, reused
        usageHeader.type = "usage.recorded";
        while (auto *item = scan.next()) {
            if (item->error)
                return *item->error;
            for (Decoded &d : item->payload) {
                if (!d.isUsage && !d.entry)
                    return makeError("invalid_entry",
                        QStringLiteral("Entry %1 cannot be read: %2; run `alliancectl verify`.")
                            .arg(d.seq)
                            .arg(d.entry.error().message));
                // One context for all: its id string keeps its capacity (no allocation per entry).
                ctx.seq = d.seq;
                ctx.at = d.sequencedAt;
                ctx.entryId.assign(d.idHex, d.idHexSize);
                ctx.authorKey = d.authorKey;
                Result<Outcome> applied = Outcome::Applied;
                if (d.isUsage) {
                    usageHeader.author.assign(d.usage.authorView());
                    usageHeader.createdAt = d.usage.createdAt;
                    applied = Rules::applyUsage(state, usageHeader, d.usage.fields(), ctx);
                } else {
                    applied = Rules::apply(state, d.entry.value(), ctx);
                }
                if (!applied)
                    return makeError("rule_violation",
                        QStringLiteral("Entry %1 breaks the rules (%2); the log is damaged, run "
                                       "`alliancectl verify`.")
                            .arg(d.seq)
                            .arg(applied.error().toString()));
                if (d.hasLeaf)
                    tree.appendRaw(d.leaf);
            }
            // Movements and usage keys are written as they come, by the writer; every other row is written
            // once, at the end. The usage keys also stay in state.usageKeys (a rebuild has no usageLookup).
            if (!writer.push(state.dirty.movements, state.dirty.usages))
                return writer.finish().error();
            done += int64_t(item->payload.size());
            if (progress && !progress(done, total))
                return makeError(
                    "cancelled", QStringLiteral("The rebuild was cancelled; nothing was changed."));
        }
        LEDGER_TRY(writer.finish());
    } // the workers are done
    if (state.size != total)
        return makeError("rule_violation", QStringLiteral("The log has gaps; run `alliancectl verify`."));
    store::markAllDirty(state);
    LEDGER_TRY(store::flushState(store.db(), state));
    {
        // Let SQLite sort for the index on all cores, then restore the connection's setting.
        int64_t before = 0;
        if (auto threads = store.db().prepare("PRAGMA threads")) {
            auto row = threads->step();
            if (row && row.value())
                before = threads->int64(0);
        }
        LEDGER_TRY(execOne(store.db(), "PRAGMA threads = " + std::to_string(workerCount())));
        for (const auto &index : indexes.value())
            LEDGER_TRY(execOne(store.db(), index.second));
        LEDGER_TRY(execOne(store.db(), "PRAGMA threads = " + std::to_string(before)));
    }
    LEDGER_TRY(store.saveFrontier(tree));
    LEDGER_TRY(tx->commit());
    return RebuildReport { total };
}

} // namespace ledger
