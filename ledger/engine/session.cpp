#include "ledger/engine/session.h"

#include "ledger/domain/rules.h"
#include "ledger/replica/outbox.h"
#include "ledger/replica/replica.h"
#include "ledger/store/projections.h"

#include <QFile>
#include <QFileInfo>

namespace ledger {

namespace {

void removeLedgerFiles(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

LedgerSession::~LedgerSession() = default;

Result<std::unique_ptr<LedgerSession>> LedgerSession::open(
    const QString &path, Access access, const Clock *clock)
{
    std::unique_ptr<LedgerSession> s(new LedgerSession);
    if (clock) {
        s->m_clock = clock;
    } else {
        s->m_ownedClock = std::make_unique<SystemClock>();
        s->m_clock = s->m_ownedClock.get();
    }
    auto store = store::LedgerStore::open(path,
        access == Access::ReadOnly ? store::LedgerStore::Mode::ReadOnly
                                   : store::LedgerStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    s->m_store = std::move(store.value());
    return s;
}

Result<std::unique_ptr<LedgerSession>> LedgerSession::createAlliance(const QString &path,
    const crypto::PrivateKey &rootKey, const std::string &allianceId, const std::string &name,
    const std::string &origin, const Clock *clock)
{
    if (!rootKey.isValid())
        return makeError("invalid_key", QStringLiteral("The alliance root key is not a valid key."));
    if (QFileInfo::exists(path))
        return makeError("already_exists",
            QStringLiteral("%1 already exists; a new alliance needs a new ledger file.").arg(path));

    std::unique_ptr<LedgerSession> s(new LedgerSession);
    if (clock) {
        s->m_clock = clock;
    } else {
        s->m_ownedClock = std::make_unique<SystemClock>();
        s->m_clock = s->m_ownedClock.get();
    }
    auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::Create);
    if (!store) {
        removeLedgerFiles(path);
        return store.error();
    }
    s->m_store = std::move(store.value());

    auto fail = [&](Error e) -> Result<std::unique_ptr<LedgerSession>> {
        s.reset(); // closes the database before its files go
        removeLedgerFiles(path);
        return e;
    };

    if (auto signer = s->setCheckpointSigner(rootKey); !signer)
        return fail(signer.error());
    json::Value body { json::Object {} };
    body.set("alliance", json::Value(allianceId));
    body.set("name", json::Value(name));
    body.set("origin", json::Value(origin));
    body.set("root_key", json::Value(rootKey.publicKey().raw().toBase64().toStdString()));
    auto receipt = s->record(rootKey, "alliance.genesis", std::move(body));
    if (!receipt)
        return fail(receipt.error());
    if (!receipt->accepted)
        return fail(makeError("genesis_rejected", receipt->rejection.toString()));
    return s;
}

Result<bool> LedgerSession::boundToRegistry()
{
    auto binding = replica::readBinding(*m_store);
    if (!binding)
        return binding.error();
    return binding->has_value();
}

Result<const State *> LedgerSession::boundState()
{
    auto size = m_store->logSize();
    if (!size)
        return size.error();
    if (!m_boundState || m_boundState->size != size.value()) {
        auto s = std::make_unique<State>();
        LEDGER_TRY(store::loadState(m_store->db(), *s));
        s->dirty.clear();
        m_boundState = std::move(s);
    }
    return m_boundState.get();
}

Result<Receipt> LedgerSession::queue(const SignedEntry &entry)
{
    Receipt r;
    r.entryId = entry.id();
    auto inLog = m_store->findEntry(r.entryId);
    if (!inLog)
        return inLog.error();
    if (inLog.value()) {
        auto rec = m_store->readLog(*inLog.value());
        if (!rec)
            return rec.error();
        r.accepted = true;
        r.duplicate = true;
        r.seq = rec->seq;
        r.sequencedAt = rec->sequencedAt;
        return r;
    }
    replica::Outbox outbox(*m_store);
    auto queued = outbox.find(r.entryId);
    if (!queued)
        return queued.error();
    if (queued.value()) {
        r.accepted = queued.value()->status != replica::OutboxStatus::Rejected;
        r.duplicate = true;
        r.queued = queued.value()->status == replica::OutboxStatus::Pending;
        r.seq = queued.value()->seq;
        if (!r.accepted)
            r.rejection = Error { queued.value()->reasonCode, queued.value()->reason };
        return r;
    }
    auto opened = openSignedEntry(entry);
    if (!opened) {
        r.rejection = opened.error();
        return r;
    }
    auto used = m_store->nonceUsed(opened->author, opened->nonce);
    if (!used)
        return used.error();
    if (used.value()) {
        r.rejection = makeError("duplicate_nonce",
            QStringLiteral("This author has already used the nonce %1.")
                .arg(QString::fromStdString(opened->nonce)));
        return r;
    }

    // The pre-check: the rules judge the entry after everything already waiting in the outbox, as the
    // registry will (unless someone else's entries get there first; then its receipt says why).
    auto base = boundState();
    if (!base)
        return base.error();
    State trial = *base.value();
    trial.trackDirty = false;
    const int64_t now = std::max(m_clock->nowMs(), trial.lastAt);
    auto waiting = outbox.pending();
    if (!waiting)
        return waiting.error();
    for (const replica::OutboxItem &item : waiting.value()) {
        auto e = decodeEntry(item.entry.bytes, false);
        if (!e)
            continue; // the registry will reject it; it cannot affect what follows
        const EntryContext ctx { trial.size, now, item.entryId.toHex().toStdString(),
            item.entry.authorKey.raw() };
        (void)Rules::apply(trial, e.value(), ctx); // a waiting entry the rules refuse changes nothing
    }
    const EntryContext ctx { trial.size, now, r.entryId.toHex().toStdString(), entry.authorKey.raw() };
    auto outcome = Rules::apply(trial, opened.value(), ctx);
    if (!outcome) {
        r.rejection = outcome.error();
        return r;
    }
    LEDGER_TRY(outbox.queue(entry, m_clock->nowMs()));
    r.accepted = true;
    r.queued = true;
    r.outcome = outcome.value();
    return r;
}

Result<Sequencer *> LedgerSession::sequencer()
{
    if (m_sequencer)
        return m_sequencer.get();
    auto bound = boundToRegistry();
    if (!bound)
        return bound.error();
    if (bound.value())
        return makeError("bound_to_registry",
            QStringLiteral("%1 is a replica of a registry: the registry sequences its entries; new entries "
                           "wait in the outbox until `alliancectl sync`.")
                .arg(m_store->path()));
    if (m_store->readOnly())
        return makeError("database_readonly", QStringLiteral("%1 is open read-only.").arg(m_store->path()));
    auto seq = Sequencer::open(*m_store, *m_clock);
    if (!seq)
        return seq.error();
    m_sequencer = std::move(seq.value());
    if (m_checkpointSigner) {
        if (auto signer = m_sequencer->setCheckpointSigner(*m_checkpointSigner); !signer) {
            m_sequencer.reset();
            return signer.error();
        }
    }
    return m_sequencer.get();
}

Result<const State *> LedgerSession::state()
{
    auto bound = boundToRegistry();
    if (!bound)
        return bound.error();
    if (bound.value())
        return boundState();
    auto seq = sequencer();
    if (!seq)
        return seq.error();
    return &seq.value()->state();
}

Result<void> LedgerSession::refreshIfStale()
{
    if (!m_sequencer)
        return {};
    auto size = m_store->logSize();
    if (!size)
        return size.error();
    if (size.value() == m_sequencer->state().size)
        return {};
    // Another writer appended since the state was loaded: read it again rather than sequence against the
    // past.
    m_sequencer.reset();
    auto seq = sequencer();
    if (!seq)
        return seq.error();
    return {};
}

Result<Receipt> LedgerSession::submit(const SignedEntry &entry)
{
    if (m_store->readOnly())
        return makeError("database_readonly", QStringLiteral("%1 is open read-only.").arg(m_store->path()));
    auto bound = boundToRegistry();
    if (!bound)
        return bound.error();
    if (bound.value())
        return queue(entry);
    LEDGER_TRY(refreshIfStale());
    auto seq = sequencer();
    if (!seq)
        return seq.error();
    auto receipts = seq.value()->submit({ entry });
    if (!receipts)
        return receipts.error();
    if (receipts->size() != 1)
        return makeError("database_error", QStringLiteral("The sequencer returned no receipt."));
    return std::move(receipts->front());
}

Result<Receipt> LedgerSession::record(const crypto::PrivateKey &author, std::string type, json::Value body)
{
    if (!author.isValid())
        return makeError("invalid_key", QStringLiteral("The signing key is not a valid key."));
    if (!body.isObject())
        return makeError("invalid_body", QStringLiteral("An entry's body must be a JSON object."));
    if (auto valid = json::validate(body); !valid)
        return makeError("invalid_body", valid.error().message);
    if (m_store->readOnly())
        return makeError("database_readonly", QStringLiteral("%1 is open read-only.").arg(m_store->path()));
    Entry e;
    e.type = std::move(type);
    e.author = author.keyId().toStdString();
    e.createdAt = m_clock->nowMs();
    e.nonce = makeNonce();
    e.body = std::move(body);
    const SignedEntry signedEntry = signEntry(e, author);
    if (signedEntry.bytes.size() > qsizetype(kMaxEntryBytes))
        return makeError("invalid_body",
            QStringLiteral("The entry is %1 bytes; at most %2 are allowed.")
                .arg(signedEntry.bytes.size())
                .arg(kMaxEntryBytes));
    return submit(signedEntry);
}

Result<void> LedgerSession::setCheckpointSigner(const crypto::PrivateKey &key)
{
    if (!key.isValid())
        return makeError("invalid_key", QStringLiteral("The checkpoint key is not a valid key."));
    if (m_sequencer)
        LEDGER_TRY(m_sequencer->setCheckpointSigner(key));
    m_checkpointSigner = key;
    return {};
}

bool LedgerSession::canCheckpoint()
{
    if (!m_checkpointSigner || m_store->readOnly())
        return false;
    auto seq = sequencer();
    return seq && seq.value()->canCheckpoint();
}

Result<void> LedgerSession::checkpoint()
{
    if (!m_checkpointSigner)
        return makeError(
            "not_authorised", QStringLiteral("Signing a checkpoint needs the alliance's checkpoint key."));
    LEDGER_TRY(refreshIfStale());
    auto seq = sequencer();
    if (!seq)
        return seq.error();
    return seq.value()->checkpoint();
}

} // namespace ledger
