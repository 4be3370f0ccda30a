// The SQLite LogReader (one read-only connection per thread; WAL lets readers run beside the writer) and
// the Storage factory.

#include "sync/registry/sqlitestorage.h"
#include "sync/registry/sqlitetables.h"
#include "sync/registry/subtreecache.h"

#include "ledger/log/merkle.h"
#include "ledger/store/ledgerstore.h"

#include <map>

namespace registry {

using ledger::Result;

Result<std::unique_ptr<LogWriter>> openSqliteWriter(
    const QString &path, const ledger::crypto::PrivateKey &key, const ledger::Clock &clock);

namespace {

// Author keys of one page by raw bytes: a page has few authors, and decoding a key (a curve-point check and
// an OpenSSL key) costs about a fifth of a signature check.
using PageKeys = std::map<QByteArray, ledger::crypto::PublicKey>;

syncwire::PageEntry pageEntry(const ledger::store::LogView &v, PageKeys &keys)
{
    syncwire::PageEntry e;
    e.seq = v.seq;
    e.sequencedAt = v.sequencedAt;
    e.entry.bytes = v.entry.toByteArray();
    e.entry.signature = v.sig.toByteArray();
    e.entry.type = std::string(v.type);
    const QByteArray raw = v.authorKey.toByteArray();
    if (auto known = keys.find(raw); known != keys.end()) {
        e.entry.authorKey = known->second;
    } else if (auto key = ledger::crypto::PublicKey::fromRaw(raw)) {
        e.entry.authorKey = key.value();
        keys.emplace(raw, key.value());
    }
    return e;
}

class SqliteReader : public LogReader
{
public:
    SqliteReader(std::unique_ptr<ledger::store::LedgerStore> store, SubtreeCache &cache)
        : m_store(std::move(store))
        , m_storeLeaves(m_store->leafSource())
        , m_leaves(std::make_unique<CachedLeafSource>(*m_storeLeaves, cache))
    { }

    Result<std::optional<StoredCheckpoint>> checkpoint(std::optional<int64_t> treeSize) override
    {
        auto stmt = m_store->db().cached(treeSize
                ? "SELECT tree_size, root, note FROM checkpoints WHERE tree_size = ?"
                : "SELECT tree_size, root, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1");
        if (!stmt)
            return stmt.error();
        ledger::sql::Statement &s = *stmt.value();
        ledger::sql::ResetGuard guard(s);
        if (treeSize)
            s.bind(1, *treeSize);
        auto row = s.step();
        if (!row)
            return row.error();
        if (!row.value())
            return std::optional<StoredCheckpoint>();
        return std::optional<StoredCheckpoint>(StoredCheckpoint { s.int64(0), s.blob(1), s.blob(2) });
    }

    Result<syncwire::Page> page(
        int64_t from, int limit, const StoredCheckpoint &cp, const Scope &scope) override
    {
        syncwire::Page page;
        PageKeys keys;
        page.treeSize = cp.treeSize;
        page.checkpoint = cp.note;
        if (from >= cp.treeSize)
            return page;
        if (scope.wholeLog) {
            const int64_t to = std::min(cp.treeSize, from + limit);
            LEDGER_TRY(m_store->scanLog(from, to, [&](const ledger::store::LogView &v) {
                page.entries.push_back(pageEntry(v, keys));
                return true;
            }));
            if (to < cp.treeSize)
                page.next = to;
            return page;
        }
        auto seqs = visibleSeqs(from, cp.treeSize, limit, scope);
        if (!seqs)
            return seqs.error();
        for (int64_t seq : seqs.value()) {
            LEDGER_TRY(m_store->scanLog(seq, seq + 1, [&](const ledger::store::LogView &v) {
                page.entries.push_back(pageEntry(v, keys));
                return true;
            }));
            auto proof = inclusionProof(seq, cp.treeSize);
            if (!proof)
                return proof.error();
            page.entries.back().proof = proof.value();
        }
        if (int(seqs->size()) == limit && seqs->back() + 1 < cp.treeSize)
            page.next = seqs->back() + 1;
        return page;
    }

    Result<bool> mayRead(int64_t seq, const Scope &scope) override
    {
        if (scope.wholeLog)
            return true;
        const auto [a, b] = tables::partiesOf(scope);
        auto stmt = m_store->db().cached(
            "SELECT 1 FROM registry_concerns WHERE seq = ? AND party IN ('*', ?, ?) LIMIT 1");
        if (!stmt)
            return stmt.error();
        ledger::sql::Statement &s = *stmt.value();
        ledger::sql::ResetGuard guard(s);
        s.bind(1, seq).bind(2, a).bind(3, b);
        auto row = s.step();
        if (!row)
            return row.error();
        return row.value();
    }

    Result<QList<QByteArray>> inclusionProof(int64_t seq, int64_t treeSize) override
    {
        if (treeSize <= 1)
            return QList<QByteArray>();
        auto proof = ledger::merkle::inclusionProof(*m_leaves, quint64(seq), quint64(treeSize));
        if (proof.isEmpty())
            return ledger::makeError(
                "database_error", QStringLiteral("The log could not prove entry %1.").arg(seq));
        return proof;
    }

    Result<QList<QByteArray>> consistencyProof(int64_t from, int64_t to) override
    {
        if (from == 0 || from == to)
            return QList<QByteArray>();
        auto proof = ledger::merkle::consistencyProof(*m_leaves, quint64(from), quint64(to));
        if (proof.isEmpty())
            return ledger::makeError("database_error",
                QStringLiteral("The log could not prove %1 consistent with %2.").arg(from).arg(to));
        return proof;
    }

private:
    Result<std::vector<int64_t>> visibleSeqs(int64_t from, int64_t to, int limit, const Scope &scope)
    {
        const auto [a, b] = tables::partiesOf(scope);
        auto stmt
            = m_store->db().cached("SELECT DISTINCT seq FROM registry_concerns WHERE party IN ('*', ?, ?) "
                                   "AND seq >= ? AND seq < ? ORDER BY seq LIMIT ?");
        if (!stmt)
            return stmt.error();
        ledger::sql::Statement &s = *stmt.value();
        ledger::sql::ResetGuard guard(s);
        s.bind(1, a).bind(2, b).bind(3, from).bind(4, to).bind(5, limit);
        std::vector<int64_t> out;
        for (;;) {
            auto row = s.step();
            if (!row)
                return row.error();
            if (!row.value())
                break;
            out.push_back(s.int64(0));
        }
        return out;
    }

    std::unique_ptr<ledger::store::LedgerStore> m_store;
    std::unique_ptr<ledger::merkle::LeafSource> m_storeLeaves;
    std::unique_ptr<ledger::merkle::LeafSource> m_leaves; // cached subtrees over m_storeLeaves
};

class SqliteStorage : public Storage
{
public:
    SqliteStorage(QString path, QString replayPath)
        : m_path(std::move(path))
        , m_replayPath(std::move(replayPath))
    { }
    Result<std::unique_ptr<LogWriter>> openWriter(
        const ledger::crypto::PrivateKey &key, const ledger::Clock &clock) override
    {
        return openSqliteWriter(m_path, key, clock);
    }
    Result<std::unique_ptr<LogReader>> openReader() override
    {
        auto store = ledger::store::LedgerStore::open(m_path, ledger::store::LedgerStore::Mode::ReadOnly);
        if (!store)
            return store.error();
        return std::unique_ptr<LogReader>(new SqliteReader(std::move(store).value(), m_subtrees));
    }
    Result<std::unique_ptr<ReplayJournal>> openReplayJournal() override
    {
        return openSqliteReplayJournal(m_replayPath);
    }

private:
    QString m_path;
    QString m_replayPath;
    SubtreeCache m_subtrees; // shared by all readers: complete subtrees never change
};

} // namespace

std::unique_ptr<Storage> makeSqliteStorage(const QString &ledgerPath, const QString &replayPath)
{
    return std::make_unique<SqliteStorage>(ledgerPath, replayPath);
}

} // namespace registry
