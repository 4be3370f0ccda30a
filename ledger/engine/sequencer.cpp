#include "ledger/engine/sequencer.h"

#include "ledger/engine/parallel.h"
#include "ledger/log/checkpoint.h"
#include "ledger/store/projections.h"

#include <algorithm>
#include <atomic>
#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#endif
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace ledger {

std::vector<std::optional<Error>> verifySignatures(
    const std::vector<SignedEntry> &batch, std::vector<Entry> &decoded)
{
    std::vector<std::optional<Error>> result(batch.size());
    decoded.assign(batch.size(), Entry {});
    parallelFor(batch.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            auto opened = openSignedEntry(batch[i]);
            if (opened)
                decoded[i] = std::move(opened.value());
            else
                result[i] = opened.error();
        }
    });
    return result;
}

namespace {

// Checks the signatures of a batch on worker threads while the sequencer works through the batch in order:
// wait(i) returns as soon as entry i is checked, checking entries on the calling thread while it would
// otherwise wait. So verification, which is most of the work, overlaps the sequential part (rules, SQLite)
// instead of preceding it. The results are those of openSignedEntry, with the entry id.
// Built from entries this process is about to sign (submitOwn), the same workers sign them instead: the
// signature is made here from these very bytes, so there is nothing to verify.
class SignatureChecks
{
public:
    explicit SignatureChecks(const std::vector<SignedEntry> &batch)
        : m_size(batch.size())
        , m_batch(&batch)
        , m_checks(batch.size())
        , m_done(new std::atomic<bool>[batch.size()])
    {
        start();
    }
    SignatureChecks(std::vector<Entry> &own, const crypto::PrivateKey &key)
        : m_size(own.size())
        , m_own(&own)
        , m_key(&key)
        , m_keyId(key.keyId().toStdString())
        , m_checks(own.size())
        , m_done(new std::atomic<bool>[own.size()])
    {
        start();
    }
    ~SignatureChecks()
    {
        m_next.store(m_size); // nothing more to claim
        for (auto &t : m_threads)
            t.join();
    }
    SignatureChecks(const SignatureChecks &) = delete;
    SignatureChecks &operator=(const SignatureChecks &) = delete;

    void wait(size_t i)
    {
        while (!m_done[i].load(std::memory_order_acquire)) {
            if (!checkNext())
                m_done[i].wait(false, std::memory_order_acquire);
        }
    }
    // After wait(i):
    const QByteArray &id(size_t i) const { return m_checks[i].id; }
    const std::optional<Error> &error(size_t i) const { return m_checks[i].error; }
    const Entry &entry(size_t i) const { return m_own ? (*m_own)[i] : m_checks[i].entry; }
    const SignedEntry &signedEntry(size_t i) const { return m_own ? m_checks[i].made : (*m_batch)[i]; }
    std::string takeIdHex(size_t i) { return std::move(m_checks[i].idHex); }

private:
    struct Check
    {
        QByteArray id;
        std::string idHex;
        Entry entry; // decoded from a submitted entry
        SignedEntry made; // an own entry, signed here
        std::optional<Error> error;
    };
    static constexpr size_t kBlock = 4;

    void start()
    {
        for (size_t i = 0; i < m_size; ++i)
            m_done[i].store(false, std::memory_order_relaxed);
        // Small batches stay on the calling thread: starting a thread costs more than a few checks.
        const size_t workers = std::min<size_t>(size_t(workerCount()) - 1, m_size / 64);
        for (size_t t = 0; t < workers; ++t)
            m_threads.emplace_back([this] {
                while (checkNext()) { }
            });
    }

    // The shape checks decodeEntry would make of bytes that encode `e` (the bytes are canonical by
    // construction), and that the signing key is the author's.
    std::optional<Error> ownShapeProblem(const Entry &e, const SignedEntry &s) const
    {
        auto hex32 = [](const std::string &t) {
            return t.size() == 32 && std::all_of(t.begin(), t.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            });
        };
        if (size_t(s.bytes.size()) > kMaxEntryBytes)
            return makeError("invalid_entry",
                QStringLiteral("The entry is %1 bytes; the limit is %2.")
                    .arg(s.bytes.size())
                    .arg(kMaxEntryBytes));
        if (e.author != m_keyId)
            return makeError(
                "bad_signature", QStringLiteral("The author's key does not match the entry's author id."));
        if (!hex32(e.nonce) || !e.body.isObject() || e.type.empty())
            return makeError(
                "invalid_entry", QStringLiteral("The entry's nonce, type or body is malformed."));
        return std::nullopt;
    }

    // Claims the next unclaimed entries and checks (or signs) them; false when none are left.
    bool checkNext()
    {
        const size_t begin = m_next.fetch_add(kBlock);
        if (begin >= m_size)
            return false;
        const size_t end = std::min(m_size, begin + kBlock);
        for (size_t i = begin; i < end; ++i) {
            Check &c = m_checks[i];
            if (m_own) {
                c.made = signEntry((*m_own)[i], *m_key);
                c.id = c.made.id();
                c.error = ownShapeProblem((*m_own)[i], c.made);
            } else {
                c.id = (*m_batch)[i].id();
                auto opened = openSignedEntry((*m_batch)[i]);
                if (opened)
                    c.entry = std::move(opened.value());
                else
                    c.error = opened.error();
            }
            c.idHex = c.id.toHex().toStdString();
            m_done[i].store(true, std::memory_order_release);
            m_done[i].notify_all();
        }
        return true;
    }

    const size_t m_size;
    const std::vector<SignedEntry> *m_batch = nullptr;
    std::vector<Entry> *m_own = nullptr;
    const crypto::PrivateKey *m_key = nullptr;
    std::string m_keyId;
    std::vector<Check> m_checks;
    std::unique_ptr<std::atomic<bool>[]> m_done;
    std::atomic<size_t> m_next { 0 };
    std::vector<std::thread> m_threads;
};

// The same interface over entries checked before (checkEntry): nothing to wait for.
class PriorChecks
{
public:
    explicit PriorChecks(const std::vector<CheckedEntry> &batch)
        : m_batch(batch)
    { }
    void wait(size_t) { }
    const QByteArray &id(size_t i) const { return m_batch[i].id; }
    const std::optional<Error> &error(size_t i) const { return m_batch[i].error; }
    const Entry &entry(size_t i) const { return m_batch[i].entry; }
    std::string takeIdHex(size_t i) const { return m_batch[i].id.toHex().toStdString(); }
    const SignedEntry &signedEntry(size_t i) const { return m_batch[i].signedEntry; }

private:
    const std::vector<CheckedEntry> &m_batch;
};

} // namespace

CheckedEntry checkEntry(SignedEntry signedEntry)
{
    CheckedEntry c;
    c.id = signedEntry.id();
    auto opened = openSignedEntry(signedEntry);
    if (opened)
        c.entry = std::move(opened.value());
    else
        c.error = opened.error();
    c.signedEntry = std::move(signedEntry);
    return c;
}

// SQLite's WAL autocheckpoint copies the WAL back into the database file (and syncs both) inside the commit
// that crosses 1000 pages; a batch of 1000 entries dirties thousands of pages (random index pages), so every
// commit paid for a checkpoint. This moves that work to a thread with its own connection, woken by the WAL
// hook after a commit once the WAL holds kFrames frames, with a PASSIVE checkpoint, which never blocks the
// sequencer's connection. kFrames is 4000 (16 MB), not 1000: index pages one commit dirties are mostly
// dirtied again by the next ones, and a checkpoint copies each page once however many commits wrote it.
// Under sustained writes (the registry at 12,000 entries/s) those checkpoints never catch up with the last
// commit, and SQLite starts the WAL again from its beginning only once every frame is copied: the WAL grew
// all run long (130-310 MB in 13 s). So once it holds kRestartFrames (64 MB), the writer copies what is left
// itself, in the hook (usually a commit or two), and its next transaction starts the WAL from the beginning.
// Commits still write and sync the WAL (synchronous=FULL) before they return, so durability is unchanged.
class WalCheckpointer
{
public:
    static constexpr int kFrames = 4000;
    static constexpr int kRestartFrames = 16000;
    static constexpr int kSqliteFrames = 1000; // SQLite's own autocheckpoint threshold

    static std::unique_ptr<WalCheckpointer> start(sql::Database &db)
    {
        if (db.path().isEmpty())
            return nullptr;
        auto own = sql::Database::open(db.path(), sql::Database::Mode::ReadWrite);
        if (!own)
            return nullptr; // keep SQLite's own autocheckpoint
        std::unique_ptr<WalCheckpointer> c(new WalCheckpointer(db.handle(), std::move(own.value())));
        sqlite3_wal_hook(db.handle(), &WalCheckpointer::hook, c.get()); // replaces the autocheckpoint hook
        c->m_thread = std::thread([p = c.get()] { p->run(); });
        return c;
    }

    ~WalCheckpointer()
    {
        sqlite3_wal_autocheckpoint(m_writer, kSqliteFrames); // SQLite's own hook again
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

private:
    WalCheckpointer(sqlite3 *writer, sql::Database own)
        : m_writer(writer)
        , m_db(std::move(own))
    { }

    static int hook(void *self, sqlite3 *db, const char *name, int frames)
    {
        if (frames >= kRestartFrames) {
            // Returns at once if the background checkpoint is running (PASSIVE never waits); a later commit
            // tries again.
            sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } else if (frames >= kFrames) {
            auto *c = static_cast<WalCheckpointer *>(self);
            {
                std::lock_guard<std::mutex> lock(c->m_mutex);
                c->m_pending = true;
            }
            c->m_cv.notify_one();
        }
        return SQLITE_OK;
    }

    void run()
    {
#if defined(Q_OS_LINUX)
        // Background work: on Linux nice values are per thread, so this yields the CPU to the sequencer and
        // its signature checks and runs mostly while they wait (for the disk, in their own commits).
        setpriority(PRIO_PROCESS, 0, 10);
#endif
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_cv.wait(lock, [&] { return m_pending || m_stop; });
            if (m_stop)
                return;
            m_pending = false;
            lock.unlock();
            // Errors (another checkpoint running, a reader holding old frames) just leave it for next time.
            sqlite3_wal_checkpoint_v2(m_db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.lock();
        }
    }

    sqlite3 *m_writer;
    sql::Database m_db;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_pending = false;
    bool m_stop = false;
};

Sequencer::Sequencer(store::LedgerStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }
Sequencer::~Sequencer() = default;

Result<std::unique_ptr<Sequencer>> Sequencer::open(store::LedgerStore &store, const Clock &clock)
{
    if (store.readOnly())
        return makeError("database_readonly", QStringLiteral("The ledger is open read-only."));
    std::unique_ptr<Sequencer> s(new Sequencer(store, clock));
    LEDGER_TRY(s->reload());
    s->m_walCheckpointer = WalCheckpointer::start(store.db());
    return s;
}

Result<void> Sequencer::reload()
{
    m_state = State {};
    // Startups, applications, grants and balances are read as entries need them: opening costs the same
    // for ten startups or a hundred thousand.
    LEDGER_TRY(store::loadState(m_store.db(), m_state, store::LoadMode::OnDemand));
    auto frontier = m_store.frontier();
    if (!frontier)
        return frontier.error();
    m_frontier = std::move(frontier.value());
    auto size = m_store.logSize();
    if (!size)
        return size.error();
    if (size.value() != m_state.size || int64_t(m_frontier.size()) != size.value())
        return makeError("projections_stale",
            QStringLiteral("The ledger's projections (%1 entries) or Merkle "
                           "frontier (%2) do not match its log (%3 entries); run "
                           "`alliancectl verify` and `alliancectl rebuild`.")
                .arg(m_state.size)
                .arg(m_frontier.size())
                .arg(size.value()));
    return {};
}

Result<void> Sequencer::setCheckpointSigner(const crypto::PrivateKey &key)
{
    if (!m_state.checkpointKey.isEmpty() && key.publicKey().raw() != m_state.checkpointKey)
        return makeError("not_authorised", QStringLiteral("This key is not the alliance's checkpoint key."));
    m_signer = key;
    return {};
}

bool Sequencer::canCheckpoint() const
{
    return m_signer && m_signer->publicKey().raw() == m_state.checkpointKey;
}

Result<std::vector<Receipt>> Sequencer::submit(const std::vector<SignedEntry> &batch)
{
    SignatureChecks checks(batch);
    return sequence(checks, batch.size(), {}, {});
}

Result<std::vector<Receipt>> Sequencer::submitChecked(
    const std::vector<CheckedEntry> &batch, const BeforeCommit &beforeCommit)
{
    PriorChecks checks(batch);
    return sequence(checks, batch.size(), {}, beforeCommit);
}

Result<std::vector<Receipt>> Sequencer::submitOwn(
    std::vector<Entry> entries, const crypto::PrivateKey &key, const OwnOptions &options)
{
    SignatureChecks checks(entries, key);
    return sequence(checks, entries.size(), options, {});
}

template<typename Checks>
Result<std::vector<Receipt>> Sequencer::sequence(
    Checks &checks, size_t count, const OwnOptions &options, const BeforeCommit &beforeCommit)
{
    auto tx = sql::Transaction::begin(m_store.db());
    if (!tx)
        return tx.error();

    std::vector<Receipt> receipts(count);
    store::LogRecord row;
    bool appended = false;
    auto failed = [&](const Error &e) -> Result<std::vector<Receipt>> {
        // Nothing of this batch is stored; the in-memory state went ahead, so read it back.
        // Nothing useful can be done if the rollback fails too: the transaction's destructor retries, and the
        // reload below re-reads whatever the file holds.
        (void)tx->rollback();
        (void)reload();
        return e;
    };

    bool rejected = false;
    for (size_t i = 0; i < count; ++i) {
        Receipt &r = receipts[i];
        checks.wait(i);
        const SignedEntry &s = checks.signedEntry(i);
        r.entryId = checks.id(i);
        // One index look-up per entry finds both an earlier copy of this entry and another entry with its
        // nonce: an entry with the same id has the same bytes, so the same author and nonce. The log row
        // at that nonce tells which of the two it is. (Entries appended earlier in this batch are in the
        // log already: the look-up sees this transaction's rows.)
        std::optional<int64_t> atNonce;
        if (checks.error(i)) {
            // Bytes that do not decode have no nonce to look up; the same bytes cannot be in the log
            // unless they passed these checks once, so only the id is looked up.
            auto existing = m_store.findEntry(r.entryId);
            if (!existing)
                return failed(existing.error());
            atNonce = existing.value();
        } else {
            auto found = m_store.findNonce(checks.entry(i).author, checks.entry(i).nonce);
            if (!found)
                return failed(found.error());
            atNonce = found.value();
        }
        if (atNonce) {
            auto rec = m_store.readLog(*atNonce);
            if (!rec)
                return failed(rec.error());
            if (rec->entryId == r.entryId) {
                r.accepted = true;
                r.duplicate = true;
                r.seq = rec->seq;
                r.sequencedAt = rec->sequencedAt;
                continue;
            }
            // Only an appended entry uses up its nonce: a rejected one never reaches the log, so a later
            // entry with that nonce is judged exactly as if the rejected one had never been sent.
            const Entry &e = checks.entry(i);
            r.rejection = makeError("duplicate_nonce",
                QStringLiteral("This author has already used the nonce %1.")
                    .arg(QString::fromStdString(e.nonce)));
            rejected = true;
            continue;
        }
        if (checks.error(i)) {
            r.rejection = *checks.error(i);
            rejected = true;
            continue;
        }
        const Entry &e = checks.entry(i);
        const int64_t seq = m_state.size;
        const int64_t at = std::max(m_clock.nowMs(), m_state.lastAt);
        EntryContext ctx { seq, at, checks.takeIdHex(i), s.authorKey.raw() };
        auto outcome = Rules::apply(m_state, e, ctx);
        if (!outcome) {
            r.rejection = outcome.error();
            rejected = true;
            continue;
        }
        row.seq = seq;
        row.sequencedAt = at;
        row.entryId = r.entryId;
        row.leafHash = merkle::entryLeafHash(at, r.entryId);
        row.type = e.type;
        row.author = e.author;
        row.nonce = e.nonce;
        row.authorKey = ctx.authorKey;
        row.entry = s.bytes;
        row.sig = s.signature;
        if (auto stored = m_store.appendLog(row); !stored)
            return failed(stored.error());
        m_frontier.append(row.leafHash);
        r.accepted = true;
        r.seq = seq;
        r.sequencedAt = at;
        r.outcome = outcome.value();
        appended = true;
    }
    // A row the rules needed could not be read: their decisions in this batch may be wrong, so none stands.
    if (auto unread = m_state.takeSourceError())
        return failed(*unread);
    // A dry run, or an all-or-nothing batch with a rejection: the receipts say what would have happened.
    if (options.dryRun || (options.allOrNothing && rejected)) {
        (void)tx->rollback();
        LEDGER_TRY(reload());
        for (Receipt &r : receipts)
            if (r.accepted && !r.duplicate) {
                r.accepted = false;
                r.seq = -1;
                r.rejection = makeError("not_stored",
                    options.dryRun ? QStringLiteral("A dry run stores nothing.")
                                   : QStringLiteral("Another entry of the batch was rejected."));
            }
        return receipts;
    }
    if (appended) {
        if (auto flushed = store::flushState(m_store.db(), m_state); !flushed)
            return failed(flushed.error());
        if (auto saved = m_store.saveFrontier(m_frontier); !saved)
            return failed(saved.error());
        if (canCheckpoint()) {
            if (auto cp = writeCheckpoint(m_state.lastAt); !cp)
                return failed(cp.error());
        }
    }
    if (beforeCommit) {
        if (auto added = beforeCommit(receipts); !added)
            return failed(added.error());
    }
    if (auto committed = tx->commit(); !committed)
        return failed(committed.error());
    return receipts;
}

Result<void> Sequencer::writeCheckpoint(int64_t signedAt)
{
    note::Checkpoint cp;
    cp.origin = QString::fromStdString(m_state.origin);
    cp.size = m_frontier.size();
    cp.root = m_frontier.root();
    const QByteArray text = note::signNote(cp, cp.origin, *m_signer);
    if (text.isEmpty())
        return makeError("checkpoint_invalid",
            QStringLiteral("A checkpoint for origin \"%1\" could not be signed.").arg(cp.origin));
    return m_store.addCheckpoint(store::CheckpointRecord { int64_t(cp.size), cp.root, text, signedAt });
}

Result<void> Sequencer::checkpoint()
{
    if (!canCheckpoint())
        return makeError(
            "not_authorised", QStringLiteral("Signing a checkpoint needs the alliance's checkpoint key."));
    if (m_frontier.size() == 0)
        return {};
    auto latest = m_store.latestCheckpoint();
    if (!latest)
        return latest.error();
    if (latest.value() && latest.value()->treeSize == int64_t(m_frontier.size()))
        return {};
    auto tx = sql::Transaction::begin(m_store.db());
    if (!tx)
        return tx.error();
    LEDGER_TRY(writeCheckpoint(std::max(m_clock.nowMs(), m_state.lastAt)));
    return tx->commit();
}

} // namespace ledger
