#include "ledger/replica/replica.h"

#include "ledger/domain/rules.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/rebuild.h"
#include "ledger/replica/outbox.h"
#include "ledger/store/projections.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace ledger::replica {

namespace {

constexpr std::string_view kUrlKey = "sync.registry_url";
constexpr std::string_view kKindKey = "sync.replica_kind";
constexpr std::string_view kPositionKey = "sync.position"; // filtered replicas
constexpr std::string_view kUnprojectedKey = "sync.unprojected"; // filtered replicas
// A full replica built from nothing (rootAtEndOnly) whose projections are not written page by page: they are
// derived from the log in one pass (rebuildProjections) at the end, or when an interrupted build resumes.
constexpr std::string_view kDeferredKey = "sync.projections_deferred";
constexpr std::string_view kDeferredIndexesKey = "sync.deferred_indexes"; // see dropLogIndexes

Error outOfOrder(QString message)
{
    return makeError("replica_out_of_order", std::move(message));
}

} // namespace

Result<std::optional<Binding>> readBinding(store::LedgerStore &store)
{
    auto url = store.meta(kUrlKey);
    if (!url)
        return url.error();
    if (!url.value())
        return std::optional<Binding>();
    auto kind = store.meta(kKindKey);
    if (!kind)
        return kind.error();
    Binding b;
    b.registryUrl = QString::fromUtf8(*url.value());
    b.kind = kind.value() && *kind.value() == "filtered" ? ReplicaKind::Filtered : ReplicaKind::Full;
    return std::optional<Binding>(std::move(b));
}

Result<void> writeBinding(store::LedgerStore &store, const Binding &binding)
{
    LEDGER_TRY(store.setMeta(kUrlKey, binding.registryUrl.toUtf8()));
    return store.setMeta(kKindKey,
        binding.kind == ReplicaKind::Filtered ? QByteArrayView("filtered") : QByteArrayView("full"));
}

Result<void> clearBinding(store::LedgerStore &store)
{
    auto stmt = store.db().cached("DELETE FROM meta WHERE key IN (?, ?)");
    if (!stmt)
        return stmt.error();
    return stmt.value()->bind(1, kUrlKey).bind(2, kKindKey).exec();
}

Result<std::unique_ptr<Replica>> Replica::open(store::LedgerStore &store)
{
    auto binding = readBinding(store);
    if (!binding)
        return binding.error();
    if (!binding.value())
        return makeError("not_bound",
            QStringLiteral("%1 is not bound to a registry; run `alliancectl sync --registry URL` or "
                           "`alliancectl join` first.")
                .arg(store.path()));
    std::unique_ptr<Replica> r(new Replica(store, std::move(*binding.value())));
    LEDGER_TRY(r->reload());
    return r;
}

Result<void> Replica::reload()
{
    m_state = State {}; // first: a deferred build's state is large, and the rebuild below makes its own
    if (m_binding.kind == ReplicaKind::Full) {
        auto deferred = m_store.meta(kDeferredKey);
        if (!deferred)
            return deferred.error();
        if (deferred.value())
            LEDGER_TRY(finishDeferred());
    }
    LEDGER_TRY(store::loadState(m_store.db(), m_state));
    if (m_binding.kind == ReplicaKind::Full) {
        auto frontier = m_store.frontier();
        if (!frontier)
            return frontier.error();
        m_frontier = std::move(frontier.value());
        auto size = m_store.logSize();
        if (!size)
            return size.error();
        if (int64_t(m_frontier.size()) != size.value() || m_state.size != size.value())
            return makeError("projections_stale",
                QStringLiteral("The replica's projections (%1 entries) or Merkle frontier (%2) do not "
                               "match its log (%3 entries); run `alliancectl verify` and `alliancectl "
                               "rebuild`.")
                    .arg(m_state.size)
                    .arg(m_frontier.size())
                    .arg(size.value()));
        m_position = size.value();
    } else {
        auto pos = m_store.meta(kPositionKey);
        if (!pos)
            return pos.error();
        m_position = pos.value() ? pos.value()->toLongLong() : 0;
    }
    return {};
}

namespace {

// While a replica is built from nothing, the log's secondary indexes (entry id, author and nonce) are
// dropped: each page's thousand random insertions into them dirtied about as many index pages, written
// through the WAL at every commit. Their CREATE statements wait in meta; restoreLogIndexes builds them
// again once, from sorted keys. Nothing a replica does while it is being built reads them.
Result<void> dropLogIndexes(store::LedgerStore &store)
{
    auto saved = store.meta(kDeferredIndexesKey);
    if (!saved)
        return saved.error();
    if (saved.value())
        return {};
    std::vector<std::string> names;
    QByteArray creates;
    {
        auto stmt = store.db().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                       "tbl_name = 'log' AND sql IS NOT NULL ORDER BY name");
        if (!stmt)
            return stmt.error();
        LEDGER_TRY(stmt->eachRow([&](const sql::Statement &row) {
            names.emplace_back(row.textView(0));
            creates.append(row.textView(1).data(), qsizetype(row.textView(1).size())).append(";\n");
        }));
    } // finalised before the indexes are dropped
    LEDGER_TRY(store.setMeta(kDeferredIndexesKey, creates));
    for (const std::string &name : names) {
        std::string drop = "DROP INDEX \"";
        for (char c : name)
            drop += c == '"' ? std::string("\"\"") : std::string(1, c);
        drop += '"';
        LEDGER_TRY(store.db().execScript(drop));
    }
    return {};
}

Result<void> restoreLogIndexes(store::LedgerStore &store)
{
    auto saved = store.meta(kDeferredIndexesKey);
    if (!saved)
        return saved.error();
    if (!saved.value())
        return {};
    if (auto made
        = store.db().execScript(std::string_view(saved.value()->constData(), size_t(saved.value()->size())));
        !made)
        return makeError("replica_bad_entry",
            QStringLiteral("The log cannot be indexed (two entries with the same id or author nonce?): %1")
                .arg(made.error().message));
    auto stmt = store.db().cached("DELETE FROM meta WHERE key = ?");
    if (!stmt)
        return stmt.error();
    return stmt.value()->bind(1, kDeferredIndexesKey).exec();
}

} // namespace

Result<void> Replica::finishDeferred()
{
    // Every entry in the log passed its signature check and the rules when its page was applied; this pass
    // only writes what they derive (the rebuild's bulk path), in its own transaction.
    auto rebuilt = rebuildProjections(m_store);
    if (!rebuilt)
        return rebuilt.error();
    auto tx = sql::Transaction::begin(m_store.db());
    if (!tx)
        return tx.error();
    LEDGER_TRY(restoreLogIndexes(m_store));
    auto stmt = m_store.db().cached("DELETE FROM meta WHERE key = ?");
    if (!stmt)
        return stmt.error();
    LEDGER_TRY(stmt.value()->bind(1, kDeferredKey).exec());
    return tx->commit();
}

Result<std::optional<store::CheckpointRecord>> Replica::lastVerified()
{
    return m_store.latestCheckpoint();
}

Result<note::Checkpoint> Replica::openWithKey(QByteArrayView signedNote, const State &state) const
{
    if (state.checkpointKey.isEmpty() || state.origin.empty())
        return makeError("checkpoint_invalid",
            QStringLiteral("The replica does not know the alliance's checkpoint key yet."));
    auto key = crypto::PublicKey::fromRaw(state.checkpointKey);
    if (!key)
        return key.error();
    const QString origin = QString::fromStdString(state.origin);
    auto cp = note::openNote(signedNote, origin, key.value());
    if (!cp)
        return cp.error();
    if (cp->origin != origin)
        return makeError("checkpoint_invalid",
            QStringLiteral("The checkpoint is for the log \"%1\", not \"%2\".").arg(cp->origin, origin));
    return cp;
}

Result<note::Checkpoint> Replica::openCheckpoint(QByteArrayView signedNote) const
{
    return openWithKey(signedNote, m_state);
}

namespace {

// decodeEntry once, then the checks of openSignedEntry on the decoded entry. A page decoder that skipped
// decoding the entries (syncwire::decodePage with EntryDecoding::Deferred) leaves `type` empty: it is taken
// from the bytes here, so each entry is parsed once in all. A type given beside the bytes must match them.
Result<Entry> openRemoteEntry(SignedEntry &s)
{
    auto decoded = decodeEntry(s.bytes);
    if (!decoded)
        return decoded.error();
    if (s.type.empty())
        s.type = decoded->type;
    else if (decoded->type != s.type)
        return makeError("invalid_entry", QStringLiteral("The stored type does not match the signed entry."));
    LEDGER_TRY(verifyDecodedEntry(s, decoded.value()));
    return decoded;
}

} // namespace

VerifiedPage Replica::verifyPage(std::vector<RemoteEntry> page)
{
    VerifiedPage v;
    const size_t n = page.size();
    v.m_entries = std::move(page);
    v.m_decoded.assign(n, Entry {});
    v.m_errors.assign(n, std::nullopt);
    v.m_ids.assign(n, QByteArray());
    v.m_leaves.assign(n, QByteArray());
    std::atomic<size_t> nextIndex { 0 };
    auto work = [&v, &nextIndex, n] {
        constexpr size_t kStep = 16;
        for (size_t begin = nextIndex.fetch_add(kStep); begin < n; begin = nextIndex.fetch_add(kStep)) {
            for (size_t i = begin; i < std::min(n, begin + kStep); ++i) {
                RemoteEntry &r = v.m_entries[i];
                auto opened = openRemoteEntry(r.entry);
                if (opened) {
                    v.m_decoded[i] = std::move(opened.value());
                } else {
                    v.m_errors[i] = opened.error();
                    if (r.entry.type.empty())
                        continue; // no id without a type; the error stops the page anyway
                }
                v.m_ids[i] = r.entry.id();
                v.m_leaves[i] = merkle::entryLeafHash(r.sequencedAt, v.m_ids[i]);
            }
        }
    };
    const size_t threads = std::min<size_t>(size_t(workerCount()), std::max<size_t>(1, n / 64));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    return v;
}

Result<PageResult> Replica::applyPage(const std::vector<RemoteEntry> &page, std::optional<int64_t> next,
    QByteArrayView targetNote, const QList<QByteArray> &consistency, bool rootAtEndOnly)
{
    return applyPage(verifyPage(page), next, targetNote, consistency, rootAtEndOnly);
}

Result<PageResult> Replica::applyPage(const VerifiedPage &verified, std::optional<int64_t> next,
    QByteArrayView targetNote, const QList<QByteArray> &consistency, bool rootAtEndOnly)
{
    const std::vector<RemoteEntry> &page = verified.m_entries;
    if (m_store.readOnly())
        return makeError("database_readonly", QStringLiteral("%1 is open read-only.").arg(m_store.path()));
    // The target's text is parsed now and its signature checked once the page is applied (the key may
    // change inside the page, by a registry.appointed entry).
    auto parsedNote = note::parseNote(targetNote);
    if (!parsedNote)
        return parsedNote.error();
    auto target = note::parseCheckpoint(parsedNote->text);
    if (!target)
        return target.error();
    const int64_t treeSize = int64_t(target->size);
    const bool full = m_binding.kind == ReplicaKind::Full;

    // Order and range first: cheap, and nothing below depends on a page that does not fit.
    int64_t expect = m_position;
    for (const RemoteEntry &r : page) {
        if (full ? r.seq != expect : r.seq < expect)
            return outOfOrder(QStringLiteral("The registry sent entry #%1 where #%2%3 was expected.")
                                  .arg(r.seq)
                                  .arg(expect)
                                  .arg(full ? QString() : QStringLiteral(" or later")));
        if (r.seq >= treeSize)
            return outOfOrder(QStringLiteral("The registry sent entry #%1 for a checkpoint of %2 entries.")
                                  .arg(r.seq)
                                  .arg(treeSize));
        expect = r.seq + 1;
    }
    if (next && (*next < expect || *next > treeSize || (*next == m_position && page.empty())))
        return outOfOrder(
            QStringLiteral("The registry's next position %1 does not follow this page.").arg(*next));
    if (full && page.empty() && next)
        return outOfOrder(QStringLiteral("The registry sent an empty page that is not the last."));

    // Building from nothing: the projections are derived once, at the end (see kDeferredKey), so the rules
    // run on the in-memory state only and nothing is marked for writing.
    const bool defer = full && rootAtEndOnly;
    if (defer)
        m_state.trackDirty = false;
    const std::vector<Entry> &decoded = verified.m_decoded;
    const auto &sigErrors = verified.m_errors;

    // From here the in-memory state moves ahead; any failure reads it back from the file.
    auto failed = [&](Error e) -> Result<PageResult> {
        (void)reload();
        return e;
    };
    PageResult result;
    merkle::CompactRange frontier = m_frontier;
    std::vector<store::LogRecord> rows(page.size());
    for (size_t i = 0; i < page.size(); ++i) {
        const RemoteEntry &r = page[i];
        if (sigErrors[i])
            return failed(makeError("replica_bad_entry",
                QStringLiteral("Entry #%1 from the registry does not verify: %2")
                    .arg(r.seq)
                    .arg(sigErrors[i]->toString())));
        store::LogRecord &row = rows[i];
        row.seq = r.seq;
        row.sequencedAt = r.sequencedAt;
        row.entryId = verified.m_ids[i];
        row.leafHash = verified.m_leaves[i];
        if (full) {
            frontier.append(row.leafHash);
        } else if (!merkle::verifyInclusion(
                       quint64(r.seq), quint64(treeSize), row.leafHash, r.proof, target->root)) {
            return failed(makeError("proof_invalid",
                QStringLiteral(
                    "The inclusion proof of entry #%1 does not match the checkpoint of %2 entries.")
                    .arg(r.seq)
                    .arg(treeSize)));
        }
        const EntryContext ctx { r.seq, r.sequencedAt, row.entryId.toHex().toStdString(),
            r.entry.authorKey.raw() };
        auto outcome = Rules::apply(m_state, decoded[i], ctx);
        if (!outcome) {
            if (full)
                return failed(makeError("replica_rule_violation",
                    QStringLiteral("The registry sequenced entry #%1 (%2), which the rules refuse here: %3")
                        .arg(r.seq)
                        .arg(QString::fromStdString(decoded[i].type), outcome.error().toString())));
            // A partial view: keep the proven entry, move the position on, count it.
            m_state.size = r.seq + 1;
            m_state.lastAt = std::max(m_state.lastAt, r.sequencedAt);
            ++result.unprojected;
        }
        row.type = decoded[i].type;
        row.author = decoded[i].author;
        row.nonce = decoded[i].nonce;
        row.authorKey = ctx.authorKey;
        row.entry = r.entry.bytes;
        row.sig = r.entry.signature;
    }

    // Does the page lead to the target? Full: by the root (last page) or a consistency proof (earlier pages).
    // Filtered: each entry was proven above; the last page settles the position at T.
    const bool last = !next.has_value();
    if (full) {
        const int64_t size = int64_t(frontier.size());
        if (last) {
            if (size != treeSize)
                return failed(
                    outOfOrder(QStringLiteral("The pull ended at %1 entries, short of the checkpoint's %2.")
                                   .arg(size)
                                   .arg(treeSize)));
            if (frontier.root() != target->root)
                return failed(makeError("proof_invalid",
                    QStringLiteral("The log's root at %1 entries does not match the registry's checkpoint.")
                        .arg(treeSize)));
        } else if (!rootAtEndOnly
            && !merkle::verifyConsistency(
                quint64(size), quint64(treeSize), frontier.root(), target->root, consistency)) {
            return failed(makeError("proof_invalid",
                QStringLiteral("The consistency proof from %1 to %2 entries does not verify.")
                    .arg(size)
                    .arg(treeSize)));
        }
    }
    if (last) {
        if (auto opened = openWithKey(targetNote, m_state); !opened)
            return failed(opened.error());
    }

    auto tx = sql::Transaction::begin(m_store.db());
    if (!tx)
        return failed(tx.error());
    Outbox outbox(m_store);
    auto settledAll = outbox.nothingUnsettled();
    if (!settledAll)
        return failed(settledAll.error());
    for (const store::LogRecord &row : rows) {
        if (auto stored = m_store.appendLog(row); !stored)
            return failed(stored.error());
        if (settledAll.value())
            continue; // a new member's join: an empty outbox
        auto settled = outbox.settleFromLog(row.entryId, row.seq);
        if (!settled)
            return failed(settled.error());
        result.outboxSettled += settled.value() ? 1 : 0;
    }
    if (defer) {
        if (auto saved = m_store.setMeta(kDeferredKey, "1"); !saved)
            return failed(saved.error());
        if (auto dropped = dropLogIndexes(m_store); !dropped)
            return failed(dropped.error());
    } else if (auto flushed = store::flushState(m_store.db(), m_state); !flushed) {
        return failed(flushed.error());
    }
    int64_t position = full ? int64_t(frontier.size()) : (next ? *next : treeSize);
    if (full) {
        if (auto saved = m_store.saveFrontier(frontier); !saved)
            return failed(saved.error());
    } else {
        if (auto saved = m_store.setMeta(kPositionKey, QByteArray::number(position)); !saved)
            return failed(saved.error());
        if (result.unprojected > 0) {
            auto before = m_store.meta(kUnprojectedKey);
            if (!before)
                return failed(before.error());
            const int64_t total = (before.value() ? before.value()->toLongLong() : 0) + result.unprojected;
            if (auto saved = m_store.setMeta(kUnprojectedKey, QByteArray::number(total)); !saved)
                return failed(saved.error());
        }
    }
    if (last) {
        auto latest = m_store.latestCheckpoint();
        if (!latest)
            return failed(latest.error());
        if (!latest.value() || latest.value()->treeSize < treeSize) {
            const store::CheckpointRecord record { treeSize, target->root, targetNote.toByteArray(),
                m_state.lastAt };
            if (auto saved = m_store.addCheckpoint(record); !saved)
                return failed(saved.error());
        }
        result.complete = true;
    }
    if (auto committed = tx->commit(); !committed)
        return failed(committed.error());
    m_frontier = std::move(frontier);
    m_position = position;
    result.applied = int64_t(page.size());
    if (defer && last) {
        // The log is complete and verified: write the projections now, then read them back like any ledger.
        if (auto reloaded = reload(); !reloaded)
            return reloaded.error();
    }
    return result;
}

} // namespace ledger::replica
