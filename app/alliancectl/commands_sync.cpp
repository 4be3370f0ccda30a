// Verbs that talk to a registry (issue 3): sync, join, outbox (`registry appoint` is in
// commands_registry.cpp).

#include "cli.h"

#include "ledger/replica/endpoint.h"
#include "ledger/replica/outbox.h"
#include "ledger/replica/replica.h"
#include "sync/client/syncengine.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <csignal>

namespace cli {

namespace {

namespace replica = ledger::replica;
using ledger::json::Value;

// Ctrl-C during sync or join: stop at the next safe point (between pages, between retries); what was applied
// stays applied and the next run resumes.
std::atomic<bool> g_interrupted { false };
extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

struct InterruptGuard
{
    InterruptGuard()
    {
        g_interrupted.store(false);
        m_old = std::signal(SIGINT, onInterrupt);
    }
    ~InterruptGuard() { std::signal(SIGINT, m_old); }
    void (*m_old)(int) = nullptr;
};

QList<QCommandLineOption> connectionOptions(bool registryRequired)
{
    return {
        opt("registry",
            registryRequired ? "The registry's address, https://HOST[:PORT]."
                             : "The registry's address, https://HOST[:PORT] (default: the one this ledger is "
                               "bound to; given, a successful sync binds it to this one).",
            "URL"),
        opt("ca",
            registryRequired
                ? "Trust this PEM CA file for the registry's certificate (instead of the system's)."
                : "Trust this PEM CA file for the registry's certificate (default: the one stored for the "
                  "replica's registry, else the system's; given, a successful sync stores it).",
            "FILE"),
        opt("pin",
            registryRequired
                ? "Also require the registry's public key to have this SHA-256 (base64, or sha256//base64)."
                : "Also require the registry's public key to have this SHA-256 (base64, or sha256//base64; "
                  "default: the pin stored for the replica's registry; given, a successful sync stores "
                  "it).",
            "SHA256"),
        opt("timeout", "Give up on one request after this many seconds (default 120).", "SECONDS"),
        opt("retries", "Attempts per request on network errors and 429/503 (default 5).", "N"),
    };
}

// --registry, judged by the one rule for an address (the transport's, the desktop's) and in its stored
// form, so "https://host/" and "https://host" name the same registry; empty when not given.
QString registryOption(Invocation &inv)
{
    const QString url = inv.value(QStringLiteral("registry"));
    if (url.isEmpty())
        return url;
    if (const QString problem = replica::registryUrlProblem(url); !problem.isEmpty())
        usageError(QStringLiteral("--registry: %1").arg(problem));
    return replica::normalisedRegistryUrl(url);
}

syncclient::SyncOptions syncOptions(Invocation &inv, const QString &url)
{
    syncclient::SyncOptions o;
    o.transport.baseUrl = url;
    o.transport.caFile = inv.value(QStringLiteral("ca"));
    if (!o.transport.caFile.isEmpty() && !QFileInfo(o.transport.caFile).isReadable())
        usageError(QStringLiteral("--ca %1 is not a readable file.").arg(o.transport.caFile));
    o.transport.pinnedKey = inv.value(QStringLiteral("pin"));
    if (inv.isSet(QStringLiteral("timeout")))
        o.transport.totalTimeoutMs = int(inv.integer(QStringLiteral("timeout"), 1, 3600) * 1000);
    if (inv.isSet(QStringLiteral("retries")))
        o.transport.maxAttempts = int(inv.integer(QStringLiteral("retries"), 1, 20));
    if (inv.isSet(QStringLiteral("batch")))
        o.pushBatch = int(inv.integer(QStringLiteral("batch"), 1, 10000));
    if (inv.isSet(QStringLiteral("page")))
        o.pageLimit = int(inv.integer(QStringLiteral("page"), 1, 1000));
    if (inv.isSet(QStringLiteral("max-pages")))
        o.maxPages = int(inv.integer(QStringLiteral("max-pages"), 0, 1 << 30));
    return o;
}

QString phaseName(syncclient::SyncProgress::Phase p)
{
    switch (p) {
    case syncclient::SyncProgress::Phase::Push:
        return QStringLiteral("push");
    case syncclient::SyncProgress::Phase::Checkpoint:
        return QStringLiteral("checkpoint");
    case syncclient::SyncProgress::Phase::Pull:
        return QStringLiteral("pull");
    case syncclient::SyncProgress::Phase::Done:
        return QStringLiteral("done");
    }
    return QString();
}

// A failed sync: a fork is an alarm (exit 3), everything else an error that changed nothing more than what
// was already applied and recorded.
[[noreturn]] void failSync(const ledger::Error &e)
{
    if (e.code == QLatin1String("fork_detected"))
        fail(ExitVerifyFailed, e.message);
    if (e.code == QLatin1String("cancelled"))
        fail(ExitUsage,
            QStringLiteral("Interrupted; what was already applied is kept and the next run resumes."));
    failWith(e);
}

void printRejections(const std::vector<replica::OutboxItem> &items)
{
    for (const auto &item : items)
        out(QStringLiteral("Rejected by the registry: %1 %2 \u2014 %3: %4")
                .arg(QString::fromStdString(item.entry.type),
                    QString::fromLatin1(item.entryId.toHex().left(16)), item.reasonCode, item.reason));
}

// ---- sync -----------------------------------------------------------------------------------------------

// The endpoint a transport reached the registry with, in its stored form. The CA file is kept as an absolute
// path: a later sync may run from another directory.
replica::Endpoint endpointOf(const syncclient::TransportOptions &transport)
{
    return { transport.baseUrl,
        transport.caFile.isEmpty() ? QString() : QFileInfo(transport.caFile).absoluteFilePath(),
        replica::normalisedPin(transport.pinnedKey) };
}

bool sameEndpoint(const replica::Endpoint &a, const replica::Endpoint &b)
{
    return a.registryUrl == b.registryUrl && a.caFile == b.caFile && a.pin == b.pin;
}

// After a successful sync given --registry, --ca or --pin, the replica keeps what worked (the address, CA
// file and pin this sync used) for the next plain `sync`, as the desktop's settings would. Only then: a
// refused CA or pin fails the sync before this, so it never replaces a working one.
void rememberEndpoint(
    Invocation &inv, ledger::store::LedgerStore &store, const syncclient::TransportOptions &t)
{
    if (!inv.isSet(QStringLiteral("registry")) && !inv.isSet(QStringLiteral("ca"))
        && !inv.isSet(QStringLiteral("pin")))
        return;
    const replica::Endpoint used = endpointOf(t);
    auto stored = replica::readEndpoint(store);
    if (stored && stored.value() && sameEndpoint(*stored.value(), used))
        return;
    auto written = stored ? replica::writeEndpoint(store, used) : ledger::Result<void>(stored.error());
    if (!written) {
        err(QStringLiteral("sync: the registry's address, CA file and pin were not stored (give them to each "
                           "sync): %1")
                .arg(written.error().message));
        return;
    }
    out(QStringLiteral("Stored for later syncs: %1, %2, %3.")
            .arg(used.registryUrl,
                used.caFile.isEmpty() ? QStringLiteral("the system's CAs")
                                      : QStringLiteral("CA file %1").arg(used.caFile),
                used.pin.isEmpty() ? QStringLiteral("no pin") : QStringLiteral("pin %1").arg(used.pin)));
}

// A replica's own registry is trusted as it was when joined (its CA file and pin, see storeEndpoint) unless
// --ca or --pin say otherwise.
void useStoredTrust(Invocation &inv, ledger::store::LedgerStore &store, syncclient::SyncOptions &options)
{
    const auto endpoint = take(replica::readEndpoint(store));
    if (!endpoint)
        return;
    if (!inv.isSet(QStringLiteral("ca")) && !endpoint->caFile.isEmpty()) {
        if (!QFileInfo(endpoint->caFile).isReadable())
            usageError(QStringLiteral("The CA file %1 this replica trusts for its registry is not readable; "
                                      "give --ca FILE.")
                           .arg(endpoint->caFile));
        options.transport.caFile = endpoint->caFile;
    }
    if (!inv.isSet(QStringLiteral("pin")) && !endpoint->pin.isEmpty())
        options.transport.pinnedKey = endpoint->pin;
}

int runSync(Invocation &inv)
{
    ledger::LedgerSession &session = inv.readWriteSession();
    ledger::store::LedgerStore &store = session.store();
    const auto binding = take(replica::readBinding(store));
    QString url = registryOption(inv);
    bool newlyBound = false;
    if (!binding) {
        if (url.isEmpty())
            usageError(
                QStringLiteral("%1 is not bound to a registry yet; give --registry URL (or build a new "
                               "replica with `alliancectl join`).")
                    .arg(store.path()));
    } else if (url.isEmpty()) {
        url = binding->registryUrl;
    }
    syncclient::SyncOptions options = syncOptions(inv, url);
    if (binding && url == replica::normalisedRegistryUrl(binding->registryUrl))
        useStoredTrust(inv, store, options);
    if (inv.isSet(QStringLiteral("push-only")) && inv.isSet(QStringLiteral("pull-only")))
        usageError(QStringLiteral("--push-only and --pull-only exclude each other."));
    const ledger::crypto::PrivateKey key = inv.loadKey(inv.required(QStringLiteral("key")));

    if (!binding) {
        // A standalone ledger (an alliance that moved onto this registry) becomes its full replica; if the
        // first sync fails, the binding goes again and the ledger is as it was.
        take(replica::writeBinding(store, { url, replica::ReplicaKind::Full }));
        newlyBound = true;
    }
    auto engine = syncclient::SyncEngine::create(store, key, options);
    if (!engine) {
        if (newlyBound)
            (void)replica::clearBinding(store);
        failWith(engine.error());
    }
    InterruptGuard guard;
    engine.value()->setCancelFlag(&g_interrupted);
    Progress progress(QStringLiteral("sync"));
    engine.value()->setProgress([&](const syncclient::SyncProgress &p) {
        progress.update(p.done, p.total,
            phaseName(p.phase) + (p.detail.isEmpty() ? QString() : QStringLiteral(": ") + p.detail));
    });
    engine.value()->setRetryObserver([&](int attempt, int waitMs, const QString &why) {
        progress.finish();
        err(QStringLiteral("sync: retrying (attempt %1) in %2 ms: %3").arg(attempt).arg(waitMs).arg(why));
    });
    const bool pushOnly = inv.isSet(QStringLiteral("push-only"));
    const bool pullOnly = inv.isSet(QStringLiteral("pull-only"));
    auto result = pushOnly ? engine.value()->push()
        : pullOnly         ? engine.value()->pull()
                           : engine.value()->sync();
    progress.finish();
    if (!result) {
        if (newlyBound && !pushOnly)
            (void)replica::clearBinding(store);
        failSync(result.error());
    }
    const syncclient::SyncReport &r = result.value();
    if (newlyBound)
        out(QStringLiteral("%1 is now a replica of %2: new entries are queued in the outbox and sequenced by "
                           "the registry.")
                .arg(store.path(), url));
    rememberEndpoint(inv, store, options.transport);
    if (!pullOnly) {
        out(QStringLiteral("Pushed %1 entries: %2 sequenced, %3 rejected.")
                .arg(r.pushed)
                .arg(r.sequenced)
                .arg(r.rejected));
        printRejections(r.rejections);
        if (r.notMine > 0)
            out(QStringLiteral("%1 queued entries are signed by other keys; their authors push them.")
                    .arg(r.notMine));
    }
    if (!pushOnly) {
        if (r.complete)
            out(QStringLiteral(
                "Pulled %1 entries in %2 pages; verified the registry's checkpoint of %3 entries.")
                    .arg(r.pulled)
                    .arg(r.pages)
                    .arg(r.treeSize));
        else
            out(QStringLiteral(
                "Pulled %1 entries in %2 pages; stopped before the registry's %3 entries (run sync "
                "again to continue).")
                    .arg(r.pulled)
                    .arg(r.pages)
                    .arg(r.treeSize));
        if (r.unprojected > 0)
            out(QStringLiteral(
                "%1 entries are kept with their proofs but could not be judged from what this member "
                "may see.")
                    .arg(r.unprojected));
    }
    return r.rejected > 0 ? ExitRejected : ExitOk;
}

// ---- join -----------------------------------------------------------------------------------------------

// The new replica remembers how it reached its registry (as the desktop's join does), so a later sync needs
// neither --registry nor --ca nor --pin.
void storeEndpoint(const QString &path, const syncclient::TransportOptions &transport)
{
    const replica::Endpoint endpoint = endpointOf(transport);
    auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadWrite);
    auto written
        = store ? replica::writeEndpoint(*store.value(), endpoint) : ledger::Result<void>(store.error());
    if (!written)
        err(QStringLiteral("join: the replica was built, but its registry's CA file and pin were not stored "
                           "(give --ca/--pin to each sync): %1")
                .arg(written.error().message));
}

int runJoin(Invocation &inv)
{
    const QString path = inv.ledgerPath();
    inv.required(QStringLiteral("registry"));
    const QString url = registryOption(inv);
    syncclient::JoinOptions options;
    options.sync = syncOptions(inv, url);
    if (inv.isSet(QStringLiteral("root-key"))) {
        options.expectedRootKey
            = QByteArray::fromBase64(inv.value(QStringLiteral("root-key")).trimmed().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
        if (options.expectedRootKey.size() != 32)
            usageError(QStringLiteral("--root-key is the base64 of the alliance's 32-byte root public key."));
    }
    if (QFileInfo::exists(path))
        usageError(
            QStringLiteral("%1 already exists; join builds a new replica (use `alliancectl sync` to update "
                           "an existing one).")
                .arg(path));
    const ledger::crypto::PrivateKey key = inv.loadKey(inv.required(QStringLiteral("key")));
    InterruptGuard guard;
    Progress progress(QStringLiteral("join"));
    auto result = syncclient::join(
        path, key, options,
        [&](const syncclient::SyncProgress &p) { progress.update(p.done, p.total, phaseName(p.phase)); },
        &g_interrupted);
    progress.finish();
    if (!result)
        failSync(result.error());
    if (!result->complete) {
        out(QStringLiteral("Fetched %1 entries into %2.partial; run join again to continue.")
                .arg(result->pulled)
                .arg(path));
        return ExitOk;
    }
    storeEndpoint(path, options.sync.transport);
    auto session = take(ledger::LedgerSession::open(path, ledger::LedgerSession::Access::ReadOnly));
    const ledger::State &s = *take(session->state());
    const auto b = take(replica::readBinding(session->store()));
    auto m = s.members.find(key.keyId().toStdString());
    const QString who = m == s.members.end()
        ? key.keyId()
        : QStringLiteral("%1 (%2)").arg(
            QString::fromStdString(m->second.name), QLatin1String(ledger::roleName(m->second.role).data()));
    out(QStringLiteral(
        "Joined the alliance \"%1\" as %2: a %3 replica in %4 holding %5 entries, verified against the "
        "registry's checkpoint of %6 entries.")
            .arg(QString::fromStdString(s.allianceName), who,
                b && b->kind == replica::ReplicaKind::Filtered ? QStringLiteral("filtered")
                                                               : QStringLiteral("full"),
                path)
            .arg(result->pulled)
            .arg(result->treeSize));
    out(QStringLiteral("The alliance's root key is %1; compare it with the one your administrator gave you.")
            .arg(QString::fromLatin1(s.rootKey.toBase64())));
    return ExitOk;
}

// ---- outbox ---------------------------------------------------------------------------------------------

int runOutbox(Invocation &inv)
{
    ledger::LedgerSession &session = inv.readSession();
    replica::Outbox outbox(session.store());
    const QString which = inv.value(QStringLiteral("status"));
    std::vector<replica::OutboxItem> items;
    if (which.isEmpty()) {
        for (auto st : { replica::OutboxStatus::Pending, replica::OutboxStatus::Rejected })
            for (auto &item : take(outbox.list(st)))
                items.push_back(std::move(item));
        std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    } else if (which == QLatin1String("all")) {
        items = take(outbox.list());
    } else if (which == QLatin1String("pending") || which == QLatin1String("rejected")
        || which == QLatin1String("sequenced")) {
        items = take(outbox.list(which == QLatin1String("pending") ? replica::OutboxStatus::Pending
                : which == QLatin1String("rejected")               ? replica::OutboxStatus::Rejected
                                                                   : replica::OutboxStatus::Sequenced));
    } else {
        usageError(QStringLiteral("--status is pending, rejected, sequenced or all; not \"%1\".").arg(which));
    }
    if (inv.json()) {
        QJsonArray a;
        for (const auto &item : items) {
            QJsonObject o;
            o[QStringLiteral("id")] = qint64(item.id);
            o[QStringLiteral("entry_id")] = QString::fromLatin1(item.entryId.toHex());
            o[QStringLiteral("type")] = QString::fromStdString(item.entry.type);
            o[QStringLiteral("status")] = QString::fromLatin1(replica::outboxStatusName(item.status).data());
            o[QStringLiteral("queued_at_ms")] = qint64(item.queuedAt);
            if (item.seq >= 0)
                o[QStringLiteral("seq")] = qint64(item.seq);
            if (item.status == replica::OutboxStatus::Rejected) {
                o[QStringLiteral("reason_code")] = item.reasonCode;
                o[QStringLiteral("reason")] = item.reason;
            }
            a.append(o);
        }
        printJson(QJsonDocument(a));
        return ExitOk;
    }
    if (items.empty()) {
        out(QStringLiteral("The outbox has nothing %1.")
                .arg(which.isEmpty() ? QStringLiteral("pending or rejected") : which));
        return ExitOk;
    }
    for (const auto &item : items) {
        QString tail;
        if (item.status == replica::OutboxStatus::Sequenced)
            tail = QStringLiteral("sequenced as #%1").arg(item.seq);
        else if (item.status == replica::OutboxStatus::Rejected)
            tail = QStringLiteral("REJECTED %1: %2").arg(item.reasonCode, item.reason);
        else
            tail = QStringLiteral("pending");
        out(QStringLiteral("%1  %2  %3  queued %4  %5")
                .arg(item.id, 5)
                .arg(QString::fromStdString(item.entry.type), -22)
                .arg(QString::fromLatin1(item.entryId.toHex().left(16)), formatIsoTime(item.queuedAt), tail));
    }
    return ExitOk;
}

} // namespace

void addSyncVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(
        Verb { QStringLiteral("sync"), QStringLiteral("Push the outbox to the registry and pull new entries"),
            QStringLiteral(
                "Sends the entries waiting in the outbox (receipts are recorded; rejections are kept with "
                "their reason, see `alliancectl outbox`), then fetches the registry's checkpoint, proves it "
                "consistent with the last one verified here (else: a fork alarm, exit 3, nothing changed), "
                "and applies the new entries page by page after checking every signature and proof. An "
                "interrupted sync resumes where it stopped. A standalone ledger given --registry becomes "
                "the registry's replica. Requests are signed with --key. The registry's address, CA file "
                "and pin stored in the replica (by join) are used unless --registry, --ca or --pin are "
                "given; given, and the sync succeeds, they replace the stored ones for later syncs (a "
                "failed sync changes nothing stored)."),
            [] {
                auto o = connectionOptions(false);
                o << opt("push-only", "Only send the outbox.") << opt("pull-only", "Only fetch new entries.")
                  << opt("batch", "Entries per request when pushing (default 1000).", "N")
                  << opt("page", "Entries per page when pulling (default 1000).", "N")
                  << opt("max-pages", "Stop after this many pages (the next sync continues).", "N");
                return o;
            },
            runSync, false });
    verbs.push_back(
        Verb { QStringLiteral("join"), QStringLiteral("Build this member's replica from a registry"),
            QStringLiteral(
                "Creates --ledger FILE from nothing: asks the registry who --key is, then fetches the whole "
                "log (admins, programme managers, reviewers, auditors) or only what a startup or sponsor "
                "member may see, verifying every signature, proof and the checkpoint. Works in FILE.partial "
                "until complete; run it again after an interruption to resume. --root-key pins the "
                "alliance's root key."),
            [] {
                auto o = connectionOptions(true);
                o << opt("root-key",
                    "The alliance's root public key (base64) to accept; any other is refused.", "BASE64")
                  << opt("page", "Entries per page (default 1000).", "N")
                  << opt("max-pages", "Stop after this many pages (join again to continue).", "N");
                return o;
            },
            runJoin, false });
    verbs.push_back(
        Verb { QStringLiteral("outbox"), QStringLiteral("Entries waiting for the registry, and rejections"),
            QStringLiteral(
                "Lists the outbox of a ledger bound to a registry: entries pending until the next sync and "
                "those the registry rejected, with the reason (--status pending|rejected|sequenced|all)."),
            [] {
                return QList<QCommandLineOption> { opt(
                    "status", "Which entries (default: pending and rejected).", "STATUS") };
            },
            runOutbox, true });
}

} // namespace cli
