#include "ledger/engine/rebuild.h"

#include "ledger/codec/entry.h"
#include "ledger/domain/rules.h"
#include "ledger/engine/logreader.h"
#include "ledger/engine/parallel.h"
#include "ledger/store/projections.h"

#include <cstring>

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
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        out.emplace_back(std::string(stmt->textView(0)), std::string(stmt->textView(1)));
    }
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
    Result<Entry> entry = Entry {};
    std::string idHex;
    QByteArray authorKey;
    bool hasLeaf = false; // the stored leaf hash is 32 bytes (CompactRange::append takes nothing else)
    unsigned char leaf[32];
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
    LEDGER_TRY(store::clearProjections(store.db()));
    auto indexes = movementIndexes(store.db());
    if (!indexes)
        return indexes.error();
    for (const auto &index : indexes.value()) {
        std::string drop = "DROP INDEX \"";
        for (char c : index.first)
            drop += c == '"' ? std::string("\"\"") : std::string(1, c);
        drop += '"';
        LEDGER_TRY(execOne(store.db(), drop));
    }

    State state;
    state.trackDirty = true;
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
                d.entry = decodeEntry(row.entry, false);
                d.idHex = row.entryId.toByteArray().toHex().toStdString();
                d.authorKey = recentBytes(row.authorKey);
                d.hasLeaf = row.leafHash.size() == merkle::HashSize;
                if (d.hasLeaf)
                    std::memcpy(d.leaf, row.leafHash.data(), sizeof d.leaf);
            },
            true);
        int64_t done = 0;
        while (auto *item = scan.next()) {
            if (item->error)
                return *item->error;
            for (Decoded &d : item->payload) {
                if (!d.entry)
                    return makeError("invalid_entry",
                        QStringLiteral("Entry %1 cannot be read: %2; run `alliancectl verify`.")
                            .arg(d.seq)
                            .arg(d.entry.error().message));
                EntryContext ctx { d.seq, d.sequencedAt, std::move(d.idHex), d.authorKey };
                auto applied = Rules::apply(state, d.entry.value(), ctx);
                if (!applied)
                    return makeError("rule_violation",
                        QStringLiteral("Entry %1 breaks the rules (%2); the log is damaged, run "
                                       "`alliancectl verify`.")
                            .arg(d.seq)
                            .arg(applied.error().toString()));
                if (d.hasLeaf)
                    tree.appendRaw(d.leaf);
            }
            // Movements are written as they come; every other row is written once, at the end. The usage keys
            // stay in state.usageKeys (a rebuild has no usageLookup) and are written sorted at the end.
            LEDGER_TRY(scan.withStore(
                [&](store::LedgerStore &s) { return store::writeMovements(s.db(), state.dirty.movements); }));
            state.dirty.usages.clear();
            done += int64_t(item->payload.size());
            if (progress && !progress(done, total))
                return makeError(
                    "cancelled", QStringLiteral("The rebuild was cancelled; nothing was changed."));
        }
    } // the workers are done
    if (state.size != total)
        return makeError("rule_violation", QStringLiteral("The log has gaps; run `alliancectl verify`."));
    state.dirty.usages.reserve(state.usageKeys.size());
    while (!state.usageKeys.empty())
        state.dirty.usages.push_back(std::move(state.usageKeys.extract(state.usageKeys.begin()).value()));
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
