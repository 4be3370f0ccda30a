#include "sync/client/syncengine.h"

#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "sync/wire/binarypage.h"
#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <future>

namespace syncclient {

namespace {

using ledger::makeError;
namespace replica = ledger::replica;
namespace note = ledger::note;

Error invalidResponse(const QString &message)
{
    return makeError("invalid_response", message);
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// X-Alliance-Time strictly increasing in this process (so per key, across both connections): Ed25519 is
// deterministic, and the same request signed twice in one millisecond would be refused as a replay.
qint64 requestTime()
{
    static std::atomic<qint64> last { 0 };
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 prev = last.load();
    qint64 t = 0;
    do {
        t = std::max(now, prev + 1);
    } while (!last.compare_exchange_weak(prev, t));
    return t;
}

Result<std::unique_ptr<HttpsTransport>> makeTransport(
    const TransportOptions &options, const ledger::crypto::PrivateKey &member)
{
    TransportOptions o = options;
    if (o.maxResponseBytes <= 0)
        o.maxResponseBytes = int64_t(syncwire::kMaxResponseBytes);
    auto t = HttpsTransport::create(o);
    if (!t)
        return t.error();
    t.value()->setSigner([member](const QByteArray &method, const QByteArray &path, const QByteArray &body) {
        // Signed afresh for every attempt: the registry refuses a signature it has already seen.
        const syncwire::AuthHeaders h = syncwire::signRequest(member, method, path, body, requestTime());
        return QList<Header> { { QByteArray(syncwire::kKeyHeader), h.keyId },
            { QByteArray(syncwire::kTimeHeader), h.time },
            { QByteArray(syncwire::kSignatureHeader), h.signature } };
    });
    t.value()->setRetryableResponse([](const HttpResponse &r) {
        return r.status == 401 && syncwire::decodeError(r.body).code == QLatin1String("replayed_request");
    });
    return t;
}

// The checkpoint inside a signed note, without checking its signature.
Result<note::Checkpoint> peekCheckpoint(QByteArrayView signedNote)
{
    auto n = note::parseNote(signedNote);
    if (!n)
        return n.error();
    return note::parseCheckpoint(n->text);
}

} // namespace

QString ForkAlarm::describe() const
{
    return QStringLiteral(
        "FORK: the registry's log \"%1\" is not an extension of the log verified here (%2). "
        "Verified here: %3 entries, root %4. The registry now: %5 entries, root %6. Sync "
        "stopped; nothing local was changed. Keep both checkpoints and tell the alliance's "
        "administrators.")
        .arg(origin, reason)
        .arg(localSize)
        .arg(b64(localRoot))
        .arg(remoteSize)
        .arg(b64(remoteRoot));
}

SyncEngine::SyncEngine(
    ledger::store::LedgerStore &store, const ledger::crypto::PrivateKey &member, SyncOptions options)
    : m_store(store)
    , m_member(member)
    , m_options(std::move(options))
{ }

SyncEngine::~SyncEngine() = default;

Result<std::unique_ptr<SyncEngine>> SyncEngine::create(
    ledger::store::LedgerStore &store, const ledger::crypto::PrivateKey &member, SyncOptions options)
{
    if (!member.isValid())
        return makeError("invalid_key", QStringLiteral("Sync needs the member's signing key."));
    std::unique_ptr<SyncEngine> e(new SyncEngine(store, member, std::move(options)));
    auto r = replica::Replica::open(store);
    if (!r)
        return r.error();
    e->m_replica = std::move(r.value());
    auto t = makeTransport(e->m_options.transport, member);
    if (!t)
        return t.error();
    e->m_transport = std::move(t.value());
    e->m_transport->setCancelFlag(e->m_cancelFlag);
    auto prefetch = makeTransport(e->m_options.transport, member);
    if (!prefetch)
        return prefetch.error();
    e->m_prefetch = std::move(prefetch.value());
    e->m_prefetch->setCancelFlag(e->m_cancelFlag);
    return e;
}

void SyncEngine::setCancelFlag(const std::atomic<bool> *flag)
{
    m_cancelFlag = flag ? flag : &m_cancel;
    m_transport->setCancelFlag(m_cancelFlag);
    m_prefetch->setCancelFlag(m_cancelFlag);
}

void SyncEngine::report(SyncProgress::Phase phase, int64_t done, int64_t total, const QString &detail)
{
    if (m_progress)
        m_progress(SyncProgress { phase, done, total, detail });
}

Result<QByteArray> SyncEngine::expectOk(Result<HttpResponse> response, const QByteArray &what)
{
    if (!response)
        return response.error();
    if (response->status != 200) {
        const Error e = syncwire::decodeError(response->body);
        if (e.code == QLatin1String(syncwire::kInvalidResponse))
            return invalidResponse(
                QStringLiteral("The registry answered %1 with HTTP %2 and no error it explains.")
                    .arg(QString::fromLatin1(what))
                    .arg(response->status));
        return Error { e.code,
            QStringLiteral("The registry refused %1 (HTTP %2): %3")
                .arg(QString::fromLatin1(what))
                .arg(response->status)
                .arg(e.message) };
    }
    if (!response->contentType.toLower().startsWith("application/json"))
        return invalidResponse(
            QStringLiteral("The registry answered %1 with \"%2\", not JSON.")
                .arg(QString::fromLatin1(what), QString::fromLatin1(response->contentType)));
    return std::move(response->body);
}

Result<QByteArray> SyncEngine::getJson(const QByteArray &pathAndQuery)
{
    return expectOk(m_transport->get(pathAndQuery), "GET " + pathAndQuery);
}

Result<QByteArray> SyncEngine::postJson(const QByteArray &pathAndQuery, const QByteArray &body)
{
    return expectOk(m_transport->post(pathAndQuery, body), "POST " + pathAndQuery);
}

Result<QString> SyncEngine::whoAmI(QString *role, QString *startup, QString *sponsor)
{
    auto body = getJson(QByteArrayLiteral("/v1/me"));
    if (!body)
        return body.error();
    auto me = syncwire::decodeMe(body.value());
    if (!me)
        return me.error();
    if (role)
        *role = me->role;
    if (startup)
        *startup = me->startup;
    if (sponsor)
        *sponsor = me->sponsor;
    return me->name;
}

Result<SyncReport> SyncEngine::sync()
{
    SyncReport r;
    // The fork check first: nothing is pushed to a registry whose log is not the one verified here.
    auto head = fetchHead();
    if (!head)
        return head.error();
    LEDGER_TRY(pushInto(r));
    // Nothing pushed: the head just checked is still the pull's target (an idle sync is one request).
    LEDGER_TRY(pullInto(r, r.pushed == 0 ? &head.value() : nullptr));
    return r;
}

Result<SyncReport> SyncEngine::push()
{
    SyncReport r;
    LEDGER_TRY(pushInto(r));
    return r;
}

Result<SyncReport> SyncEngine::pull()
{
    SyncReport r;
    LEDGER_TRY(pullInto(r));
    return r;
}

// ---- push -------------------------------------------------------------------------------------------------

Result<void> SyncEngine::pushInto(SyncReport &rep)
{
    replica::Outbox outbox(m_store);
    const QByteArray mine = m_member.publicKey().raw();
    int64_t total = -1;
    for (;;) {
        if (cancelled())
            return makeError("cancelled", QStringLiteral("Sync was cancelled."));
        auto pending = outbox.pending();
        if (!pending)
            return pending.error();
        // The registry takes only what the authenticated key signed; others' entries wait for them.
        std::vector<replica::OutboxItem> batch;
        int64_t notMine = 0;
        for (replica::OutboxItem &item : pending.value()) {
            if (item.entry.authorKey.raw() != mine)
                ++notMine;
            else if (int64_t(batch.size()) < m_options.pushBatch)
                batch.push_back(std::move(item));
        }
        rep.notMine = notMine;
        if (total < 0)
            total = int64_t(pending->size()) - notMine;
        if (batch.empty())
            break;
        report(SyncProgress::Phase::Push, rep.pushed, total,
            QStringLiteral("sending %1 entries").arg(batch.size()));

        std::vector<ledger::SignedEntry> entries;
        for (const auto &item : batch)
            entries.push_back(item.entry);
        auto body = postJson(QByteArrayLiteral("/v1/entries"), syncwire::encodeSubmit(entries));
        if (!body)
            return body.error();
        auto resp = syncwire::decodeSubmitResponse(body.value());
        if (!resp)
            return resp.error();
        if (resp->receipts.size() != batch.size())
            return invalidResponse(QStringLiteral("The registry sent %1 receipts for %2 entries.")
                                       .arg(resp->receipts.size())
                                       .arg(batch.size()));
        auto key = ledger::crypto::PublicKey::fromRaw(m_replica->state().checkpointKey);

        auto tx = ledger::sql::Transaction::begin(m_store.db());
        if (!tx)
            return tx.error();
        for (size_t i = 0; i < batch.size(); ++i) {
            const syncwire::WireReceipt &rc = resp->receipts[i];
            if (rc.entryId != batch[i].entryId)
                return invalidResponse(
                    QStringLiteral("Receipt %1 is for another entry than the one sent.").arg(i));
            if (rc.sequenced) {
                LEDGER_TRY(outbox.recordSequenced(rc.entryId, rc.seq));
                ++rep.sequenced;
            } else {
                // A rejection is signed by the registry's checkpoint key, so nobody on the way can forge one.
                if (key && !rc.verifyRejection(key.value()))
                    return invalidResponse(QStringLiteral(
                        "The rejection of entry %1 is not signed by the alliance's checkpoint key.")
                                               .arg(QString::fromLatin1(rc.entryId.toHex())));
                LEDGER_TRY(outbox.recordRejected(rc.entryId, rc.code, rc.message));
                replica::OutboxItem item = batch[i];
                item.status = replica::OutboxStatus::Rejected;
                item.reasonCode = rc.code;
                item.reason = rc.message;
                rep.rejections.push_back(std::move(item));
                ++rep.rejected;
            }
        }
        LEDGER_TRY(tx->commit());
        rep.pushed += int64_t(batch.size());
        report(SyncProgress::Phase::Push, rep.pushed, total);
    }
    return {};
}

// ---- pull -------------------------------------------------------------------------------------------------

Result<QList<QByteArray>> SyncEngine::consistencyProof(HttpsTransport &t, int64_t from, int64_t to)
{
    const QByteArray target
        = QStringLiteral("/v1/proof/consistency?from=%1&to=%2").arg(from).arg(to).toLatin1();
    auto body = expectOk(t.get(target), "GET " + target);
    if (!body)
        return body.error();
    auto proof = syncwire::decodeConsistency(body.value());
    if (!proof)
        return proof.error();
    if (proof->from != from || proof->to != to)
        return invalidResponse(QStringLiteral("The registry sent a consistency proof for %1..%2, not %3..%4.")
                                   .arg(proof->from)
                                   .arg(proof->to)
                                   .arg(from)
                                   .arg(to));
    return proof->proof;
}

SyncEngine::Fetched SyncEngine::fetchPage(int64_t from, int64_t treeSize, bool full)
{
    Fetched f;
    f.from = from;
    // Binary pages (format=2, sync/wire/binarypage.h) unless the registry does not know them: it then
    // refuses the parameter (invalid_query) and the rest of this pull asks for JSON.
    auto ask = [&](bool binary) {
        const QByteArray target = QStringLiteral("/v1/entries?from=%1&limit=%2&tree_size=%3%4")
                                      .arg(from)
                                      .arg(m_options.pageLimit)
                                      .arg(treeSize)
                                      .arg(binary ? QStringLiteral("&format=2") : QString())
                                      .toLatin1();
        return std::make_pair(target, m_prefetch->get(target));
    };
    auto [target, response] = ask(m_options.binaryPages && !m_jsonPages);
    if (response && response->status == 400 && m_options.binaryPages && !m_jsonPages
        && syncwire::decodeError(response->body).code == QLatin1String("invalid_query")) {
        m_jsonPages = true;
        std::tie(target, response) = ask(false);
    }
    // The entries are decoded once, by Replica::verifyPage, when their signatures are checked.
    constexpr size_t kMaxKeys = 4096; // a bound on what a hostile registry can make this pull keep
    if (m_pageKeys.size() > kMaxKeys)
        m_pageKeys.clear();
    const syncwire::PageDecoding how { true, &m_pageKeys };
    Result<syncwire::Page> page = syncwire::Page {};
    if (response && response->status == 200
        && response->contentType.toLower().startsWith(syncwire::kBinaryPageType)) {
        page = syncwire::decodeBinaryPage(response->body, syncwire::kInvalidResponse, how);
    } else {
        auto body = expectOk(std::move(response), "GET " + target);
        if (!body) {
            f.error = body.error();
            return f;
        }
        page = syncwire::decodePage(body.value(), syncwire::kInvalidResponse, how);
    }
    if (!page) {
        f.error = page.error();
        return f;
    }
    f.page = std::move(page.value());
    f.raw.reserve(f.page.entries.size());
    for (syncwire::PageEntry &e : f.page.entries)
        f.raw.push_back({ e.seq, e.sequencedAt, std::move(e.entry), e.proof.value_or(QList<QByteArray>()) });
    f.page.entries.clear();
    // A full replica proves a page that stops short of the checkpoint by consistency to it.
    if (full && !m_options.rootAtEndOnly && f.page.next && *f.page.next < treeSize && !f.raw.empty()) {
        auto proof = consistencyProof(*m_prefetch, f.raw.back().seq + 1, treeSize);
        if (!proof)
            f.error = proof.error();
        else
            f.proof = std::move(proof.value());
    }
    return f;
}

Error SyncEngine::forkError(ForkAlarm alarm)
{
    m_fork = std::move(alarm);
    return makeError("fork_detected", m_fork->describe());
}

Result<SyncEngine::Head> SyncEngine::fetchHead()
{
    report(SyncProgress::Phase::Checkpoint, 0, 0, QStringLiteral("fetching the registry's checkpoint"));
    auto body = getJson(QByteArrayLiteral("/v1/checkpoint"));
    if (!body)
        return body.error();
    auto cpr = syncwire::decodeCheckpoint(body.value());
    if (!cpr)
        return cpr.error();
    auto remote = peekCheckpoint(cpr->checkpoint);
    if (!remote)
        return remote.error();
    const int64_t T = int64_t(remote->size);
    if (T != cpr->treeSize || remote->root != cpr->root || T <= 0)
        return invalidResponse(
            QStringLiteral("The registry's checkpoint does not say what its response says."));
    // Signed by the key this replica knows? If not (a new member, or a registry appointed since), the
    // signature is checked with the key of the log itself when the last page is applied.
    auto authentic = m_replica->openCheckpoint(cpr->checkpoint);

    auto last = m_replica->lastVerified();
    if (!last)
        return last.error();
    const bool full = m_replica->kind() == replica::ReplicaKind::Full;
    if (last.value()) {
        const ledger::store::CheckpointRecord &M = *last.value();
        ForkAlarm alarm { remote->origin, M.treeSize, M.root, M.note, T, remote->root, cpr->checkpoint, {} };
        auto local = peekCheckpoint(M.note);
        if (local && local->origin != remote->origin) {
            alarm.reason = QStringLiteral("it is for the log \"%1\"").arg(remote->origin);
            alarm.origin = local->origin;
            return forkError(alarm);
        }
        if (T < M.treeSize) {
            alarm.reason = QStringLiteral("the registry's log is shorter than the one verified here");
            return authentic ? forkError(alarm) : authentic.error();
        }
        if (T == M.treeSize && remote->root != M.root) {
            alarm.reason = QStringLiteral("the same size with a different root");
            return authentic ? forkError(alarm) : authentic.error();
        }
        if (T > M.treeSize) {
            auto proof = consistencyProof(*m_transport, M.treeSize, T);
            if (!proof)
                return proof.error();
            if (!ledger::merkle::verifyConsistency(
                    quint64(M.treeSize), quint64(T), M.root, remote->root, *proof)) {
                alarm.reason = QStringLiteral("the consistency proof between them does not verify");
                return authentic ? forkError(alarm) : authentic.error();
            }
        }
        if (full && m_replica->position() > T) {
            alarm.reason = QStringLiteral("this replica holds entries beyond the registry's log");
            return forkError(alarm);
        }
    }
    return Head { cpr->checkpoint, remote.value() };
}

Result<void> SyncEngine::pullInto(SyncReport &rep, const Head *checked)
{
    std::optional<Head> fetched;
    if (!checked) {
        auto head = fetchHead();
        if (!head)
            return head.error();
        fetched = std::move(head.value());
        checked = &*fetched;
    }
    const QByteArray &targetNote = checked->note;
    const note::Checkpoint *remote = &checked->checkpoint;
    const int64_t T = int64_t(remote->size);
    const bool full = m_replica->kind() == replica::ReplicaKind::Full;
    rep.treeSize = T;
    // A three-stage pipeline: page k+2 is fetched (second connection, one page at a time) while page k+1's
    // signatures are checked on all cores and this thread applies page k. So the cores never wait for the
    // network, the registry or the apply: join is bounded by signature checks.
    auto launchFetch = [this, T, full](int64_t from) {
        return std::async(std::launch::async, [this, from, T, full] { return fetchPage(from, T, full); });
    };
    auto launchVerify = [](Fetched f) {
        return std::async(std::launch::async, [f = std::move(f)]() mutable {
            if (!f.error)
                f.verified = replica::Replica::verifyPage(std::move(f.raw));
            return std::move(f);
        });
    };
    std::optional<std::future<Fetched>> fetching;
    std::optional<std::future<Fetched>> verifying;
    int64_t launched = 0;
    if (m_replica->position() < T && m_options.maxPages != 0) {
        fetching = launchFetch(m_replica->position());
        launched = 1;
    }
    // Moves the fetched page on to verification and starts fetching the one after it. A page that is
    // refused here is passed on with its error, which stops the pull once the pages before it are applied.
    auto promote = [&] {
        Fetched f = fetching->get();
        fetching.reset();
        if (!f.error) {
            const syncwire::Page &page = f.page;
            auto pageCp = peekCheckpoint(page.checkpoint);
            if (page.treeSize != T || !pageCp || pageCp->root != remote->root || int64_t(pageCp->size) != T)
                f.error = invalidResponse(
                    QStringLiteral("A page of entries is proven against another checkpoint."));
        }
        if (!f.error) {
            std::optional<int64_t> next = f.page.next;
            if (next && *next >= T)
                next.reset();
            f.page.next = next;
            if (next && *next > f.from && !cancelled()
                && (m_options.maxPages < 0 || launched < m_options.maxPages)) {
                fetching = launchFetch(*next);
                ++launched;
            }
        }
        verifying = launchVerify(std::move(f));
    };
    if (fetching)
        promote();
    while (verifying) {
        const int64_t from = m_replica->position();
        report(SyncProgress::Phase::Pull, from, T);
        Fetched f = verifying->get();
        verifying.reset();
        if (f.error)
            return *f.error;
        if (fetching)
            promote(); // page k+1 is checked while page k is applied
        auto applied
            = m_replica->applyPage(f.verified, f.page.next, targetNote, f.proof, m_options.rootAtEndOnly);
        if (!applied)
            return applied.error();
        rep.pages += 1;
        rep.pulled += applied->applied;
        rep.unprojected += applied->unprojected;
        rep.complete = applied->complete;
        if (m_replica->position() <= from && !applied->complete)
            return invalidResponse(QStringLiteral("The registry's page did not move the pull forward."));
        if (cancelled())
            return makeError(
                "cancelled", QStringLiteral("Sync was cancelled; the pull resumes from here next time."));
    }
    if (m_replica->position() < T)
        return {}; // stopped by maxPages: not complete; the next pull resumes at position()
    if (!rep.complete) {
        // Everything is here already (say, a ledger that moved onto this registry): just verify and record
        // the checkpoint.
        auto latest = m_replica->lastVerified();
        if (!latest)
            return latest.error();
        if (!latest.value() || latest.value()->treeSize < T || latest.value()->root != remote->root) {
            auto applied
                = m_replica->applyPage(std::vector<replica::RemoteEntry>(), std::nullopt, targetNote);
            if (!applied)
                return applied.error();
        }
        rep.complete = true;
    }
    report(SyncProgress::Phase::Done, T, T);
    return {};
}

// ---- join -------------------------------------------------------------------------------------------------

Result<SyncReport> join(const QString &path, const ledger::crypto::PrivateKey &member,
    const JoinOptions &options, const std::function<void(const SyncProgress &)> &progress,
    const std::atomic<bool> *cancel)
{
    if (QFileInfo::exists(path))
        return makeError("already_exists",
            QStringLiteral("%1 already exists; join builds a new replica and never touches an existing file.")
                .arg(path));
    const QString partial = path + QStringLiteral(".partial");
    SyncReport rep;
    {
        auto store = ledger::store::LedgerStore::open(partial, ledger::store::LedgerStore::Mode::Create);
        if (!store)
            return store.error();
        auto binding = replica::readBinding(*store.value());
        if (!binding)
            return binding.error();
        if (!binding.value()) {
            // Who does the registry say this key is? That decides how much of the log it may hold.
            auto t = makeTransport(options.sync.transport, member);
            if (!t)
                return t.error();
            t.value()->setCancelFlag(cancel);
            auto resp = t.value()->get(QByteArrayLiteral("/v1/me"));
            if (!resp)
                return resp.error();
            if (resp->status != 200) {
                const Error e = syncwire::decodeError(resp->body);
                return Error { e.code,
                    QStringLiteral("The registry refused this key (HTTP %1): %2")
                        .arg(resp->status)
                        .arg(e.message) };
            }
            auto me = syncwire::decodeMe(resp->body);
            if (!me)
                return me.error();
            const bool filtered
                = me->role == QLatin1String("startup") || me->role == QLatin1String("sponsor");
            LEDGER_TRY(replica::writeBinding(*store.value(),
                { options.sync.transport.baseUrl,
                    filtered ? replica::ReplicaKind::Filtered : replica::ReplicaKind::Full }));
        }
        // The partial file is nobody's ledger until its root matches the checkpoint: one check at the end.
        SyncOptions syncOptions = options.sync;
        syncOptions.rootAtEndOnly = true;
        auto engine = SyncEngine::create(*store.value(), member, syncOptions);
        if (!engine)
            return engine.error();
        if (cancel)
            engine.value()->setCancelFlag(cancel);
        if (progress)
            engine.value()->setProgress(progress);
        // With an expected root key, the first page (which holds the genesis) is checked before the rest.
        const bool checkFirst
            = !options.expectedRootKey.isEmpty() && engine.value()->replica().position() == 0;
        if (checkFirst)
            engine.value()->setMaxPages(1);
        auto pulled = engine.value()->pull();
        if (pulled && checkFirst && !pulled->complete
            && engine.value()->replica().state().rootKey == options.expectedRootKey) {
            engine.value()->setMaxPages(options.sync.maxPages);
            SyncReport first = pulled.value();
            pulled = engine.value()->pull();
            if (pulled) {
                pulled->pulled += first.pulled;
                pulled->pages += first.pages;
                pulled->unprojected += first.unprojected;
            }
        }
        const ledger::State &s = engine.value()->replica().state();
        if (!options.expectedRootKey.isEmpty() && !s.rootKey.isEmpty()
            && s.rootKey != options.expectedRootKey) {
            engine.value().reset();
            store.value().reset();
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(partial + QLatin1String(suffix));
            return makeError("untrusted_alliance",
                QStringLiteral("The registry serves an alliance whose root key is %1, not the one expected; "
                               "nothing was kept.")
                    .arg(b64(s.rootKey)));
        }
        if (!pulled && pulled.error().code == QLatin1String("proof_invalid")) {
            // Pages that do not add up to the checkpoint: this partial file can never be completed.
            engine.value().reset();
            store.value().reset();
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(partial + QLatin1String(suffix));
            return pulled.error();
        }
        if (!pulled)
            return pulled.error(); // the partial file stays; join again resumes it
        rep = pulled.value();
    }
    if (!rep.complete)
        return rep;
    if (QFile::exists(partial + QStringLiteral("-wal"))
        && !QFile::rename(partial + QStringLiteral("-wal"), path + QStringLiteral("-wal")))
        return makeError("io_error", QStringLiteral("Could not rename %1-wal.").arg(partial));
    QFile::remove(partial + QStringLiteral("-shm"));
    if (!QFile::rename(partial, path))
        return makeError("io_error", QStringLiteral("Could not rename %1 to %2.").arg(partial, path));
    return rep;
}

} // namespace syncclient
