// The SQLite LogWriter: the ledger's Sequencer (rules, signatures, idempotency, Merkle frontier, signed
// checkpoints) plus the registry's stored rejections and read-scope rows.

#include "sync/registry/sqlitestorage.h"
#include "sync/registry/sqlitetables.h"

#include "ledger/engine/sequencer.h"
#include "ledger/store/ledgerstore.h"

#include <unordered_map>
#include <unordered_set>

namespace registry {

using ledger::Result;

namespace {

class SqliteWriter : public LogWriter
{
public:
    static Result<std::unique_ptr<LogWriter>> open(
        const QString &path, const ledger::crypto::PrivateKey &key, const ledger::Clock &clock)
    {
        std::unique_ptr<SqliteWriter> w(new SqliteWriter(key, clock));
        auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadWrite);
        if (!store)
            return store.error();
        w->m_store = std::move(store).value();
        LEDGER_TRY(tables::create(w->m_store->db()));
        auto rejected = tables::rejectionKeys(w->m_store->db());
        if (!rejected)
            return rejected.error();
        w->m_rejected = std::move(rejected).value();
        auto seq = ledger::Sequencer::open(*w->m_store, clock);
        if (!seq)
            return seq.error();
        w->m_seq = std::move(seq).value();
        if (w->m_seq->state().checkpointKey != key.publicKey().raw())
            return ledger::makeError("not_checkpoint_key",
                QStringLiteral(
                    "The registry key %1 is not this alliance's checkpoint key; an admin must appoint "
                    "it first (alliancectl registry appoint).")
                    .arg(key.keyId()));
        LEDGER_TRY(w->m_seq->setCheckpointSigner(key));
        LEDGER_TRY(w->m_seq->checkpoint());
        LEDGER_TRY(w->catchUpConcerns());
        w->publishDirectory();
        return std::unique_ptr<LogWriter>(std::move(w));
    }

    Result<SubmitOutcome> submit(std::vector<ledger::CheckedEntry> batch) override
    {
        SubmitOutcome out;
        out.receipts.resize(batch.size());
        // Earlier rejections answer for themselves; the rest go to the sequencer in order.
        std::vector<ledger::CheckedEntry> fresh;
        std::vector<size_t> freshIndex;
        fresh.reserve(batch.size());
        freshIndex.reserve(batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
            if (!m_rejected.count(tables::rejectionKey(batch[i].id))) {
                fresh.push_back(std::move(batch[i]));
                freshIndex.push_back(i);
                continue;
            }
            auto stored = tables::findRejection(m_store->db(), batch[i].id);
            if (!stored)
                return stored.error();
            if (stored.value()) {
                out.receipts[i] = std::move(*stored.value());
            } else {
                fresh.push_back(std::move(batch[i]));
                freshIndex.push_back(i);
            }
        }
        bool membersChanged = false;
        if (!fresh.empty()) {
            // Runs inside the sequencer's transaction: the rejections and read-scope rows commit with the log
            // rows or not at all, so a crash cannot leave sequenced entries that no scope can read.
            auto addRows = [&](const std::vector<ledger::Receipt> &receipts) -> Result<void> {
                std::unordered_map<std::string, syncwire::WireReceipt> rejectedNow; // same entry twice
                for (size_t k = 0; k < receipts.size(); ++k) {
                    const ledger::Receipt &r = receipts[k];
                    syncwire::WireReceipt &w = out.receipts[freshIndex[k]];
                    if (r.accepted) {
                        w.entryId = r.entryId;
                        w.sequenced = true;
                        w.seq = r.seq;
                        w.sequencedAt = r.sequencedAt;
                        if (!r.duplicate) {
                            ++out.sequenced;
                            membersChanged = membersChanged || fresh[k].entry.type.starts_with("member.");
                            LEDGER_TRY(recordConcerns(r.seq, fresh[k].entry));
                        }
                        continue;
                    }
                    if (auto it = rejectedNow.find(r.entryId.toStdString()); it != rejectedNow.end()) {
                        w = it->second;
                        continue;
                    }
                    w = signRejection(r);
                    LEDGER_TRY(tables::insertRejection(m_store->db(), w, m_clock.nowMs()));
                    // Kept even if the transaction then rolls back: a key too many only costs a look-up.
                    m_rejected.insert(tables::rejectionKey(r.entryId));
                    rejectedNow.emplace(r.entryId.toStdString(), w);
                    ++out.rejected;
                }
                return m_store->setMeta(tables::kConcernsSizeKey, QByteArray::number(m_seq->state().size));
            };
            auto receipts = m_seq->submitChecked(fresh, addRows);
            if (!receipts)
                return receipts.error();
        }
        if (membersChanged)
            publishDirectory();
        auto cp = m_store->latestCheckpoint();
        if (!cp)
            return cp.error();
        if (cp.value())
            out.checkpoint = cp.value()->note;
        return out;
    }

    std::shared_ptr<const Directory> directory() const override { return m_directory; }
    int64_t treeSize() const override { return m_seq->state().size; }
    QString origin() const override { return QString::fromStdString(m_seq->state().origin); }

private:
    SqliteWriter(const ledger::crypto::PrivateKey &key, const ledger::Clock &clock)
        : m_key(key)
        , m_clock(clock)
    { }

    syncwire::WireReceipt signRejection(const ledger::Receipt &r) const
    {
        syncwire::WireReceipt w;
        w.entryId = r.entryId;
        w.code = r.rejection.code;
        w.message = r.rejection.message;
        w.rejection = syncwire::rejectionBytes(m_clock.nowMs(), w.code, r.entryId.toHex(), w.message);
        w.rejectionSig = m_key.sign(syncwire::rejectionMessage(w.rejection));
        return w;
    }

    // Who the entry at `seq` concerns, judged by the current state (at or after the entry: object links never
    // change once made).
    Result<void> recordConcerns(int64_t seq, const ledger::Entry &entry)
    {
        auto &db = m_store->db();
        auto target = [&](const std::string &hex) -> ledger::Concerns {
            auto at = m_store->findEntry(QByteArray::fromHex(QByteArray::fromStdString(hex)));
            if (!at || !at.value())
                return {};
            auto c = tables::concernsAt(db, *at.value());
            return c ? c.value() : ledger::Concerns {};
        };
        return tables::insertConcerns(db, seq, ledger::concernsOf(entry, m_seq->state(), target));
    }

    // Records who each log entry not yet covered concerns: for a data directory written before read-scope
    // rows shared the log's transaction (it runs once, at open; afterwards submit() keeps them in step).
    Result<void> catchUpConcerns()
    {
        auto done = m_store->meta(tables::kConcernsSizeKey);
        if (!done)
            return done.error();
        int64_t from = done.value() ? done.value()->toLongLong() : 0;
        const int64_t to = m_seq->state().size;
        if (from >= to)
            return {};
        auto tx = ledger::sql::Transaction::begin(m_store->db());
        if (!tx)
            return tx.error();
        std::vector<std::pair<int64_t, QByteArray>> rows;
        LEDGER_TRY(m_store->scanLog(from, to, [&](const ledger::store::LogView &v) {
            rows.emplace_back(v.seq, v.entry.toByteArray());
            return true;
        }));
        for (const auto &[seq, bytes] : rows) {
            auto entry = ledger::decodeEntry(bytes, false);
            if (!entry)
                return entry.error();
            LEDGER_TRY(recordConcerns(seq, entry.value()));
        }
        LEDGER_TRY(m_store->setMeta(tables::kConcernsSizeKey, QByteArray::number(to)));
        return tx->commit();
    }

    void publishDirectory()
    {
        // The members map loads lazily; iterating it loads it whole once, then it stays complete.
        const auto &members = m_seq->state().members;
        auto d = std::make_shared<Directory>(members.begin(), members.end());
        m_directory = std::move(d);
    }

    ledger::crypto::PrivateKey m_key;
    const ledger::Clock &m_clock;
    std::unique_ptr<ledger::store::LedgerStore> m_store;
    std::unique_ptr<ledger::Sequencer> m_seq;
    std::shared_ptr<const Directory> m_directory;
    std::unordered_set<uint64_t> m_rejected; // tables::rejectionKey of every stored rejection
};

} // namespace

Result<std::unique_ptr<LogWriter>> openSqliteWriter(
    const QString &path, const ledger::crypto::PrivateKey &key, const ledger::Clock &clock)
{
    return SqliteWriter::open(path, key, clock);
}

} // namespace registry
