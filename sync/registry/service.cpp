#include "sync/registry/service.h"

#include "ledger/log/merkle.h"
#include "sync/wire/binarypage.h"

#include <QElapsedTimer>

#include <map>
#include <thread>

namespace registry {

using ledger::makeError;

int statusOf(const QString &code)
{
    static const std::map<QString, int> statuses {
        { QStringLiteral("bad_request"), 400 },
        { QStringLiteral("invalid_query"), 400 },
        { QStringLiteral("unauthenticated"), 401 },
        { QStringLiteral("stale_request"), 401 },
        { QStringLiteral("replayed_request"), 401 },
        { QStringLiteral("unknown_key"), 401 },
        { QStringLiteral("bad_signature"), 401 },
        { QStringLiteral("key_revoked"), 403 },
        { QStringLiteral("not_author"), 403 },
        { QStringLiteral("forbidden"), 403 },
        { QStringLiteral("not_found"), 404 },
        { QStringLiteral("unknown_tree_size"), 404 },
        { QStringLiteral("method_not_allowed"), 405 },
        { QStringLiteral("request_timeout"), 408 },
        { QStringLiteral("length_required"), 411 },
        { QStringLiteral("body_too_large"), 413 },
        { QStringLiteral("batch_too_large"), 413 },
        { QStringLiteral("unsupported_media_type"), 415 },
        { QStringLiteral("headers_too_large"), 431 },
        { QStringLiteral("not_implemented"), 501 },
        { QStringLiteral("overloaded"), 503 },
    };
    const auto it = statuses.find(code);
    return it == statuses.end() ? 500 : it->second;
}

HttpResponse errorResponse(const ledger::Error &error)
{
    const int status = statusOf(error.code);
    // Storage failures are logged by the caller; the client learns only that it was internal.
    const ledger::Error shown = status == 500
        ? makeError("internal", QStringLiteral("The registry could not complete the request; retry later."))
        : error;
    return HttpResponse { status, "application/json", syncwire::encodeError(shown) };
}

namespace {

HttpResponse ok(QByteArray body)
{
    return HttpResponse { 200, "application/json", std::move(body) };
}

// name=digits pairs of a query; any other form is invalid_query. Unknown names are refused too, so that a
// typo does not silently mean the default.
ledger::Result<std::map<QByteArray, int64_t>> parseQuery(
    const QByteArray &query, std::initializer_list<const char *> allowed)
{
    std::map<QByteArray, int64_t> out;
    if (query.isEmpty())
        return out;
    for (const QByteArray &part : query.split('&')) {
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        bool known = false;
        for (const char *a : allowed)
            known = known || name == a;
        bool digits = !value.isEmpty() && value.size() <= 15;
        for (char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (!known || !digits || out.count(name))
            return makeError("invalid_query",
                QStringLiteral("Query parameter \"%1\" is unknown, repeated or not a non-negative integer.")
                    .arg(QString::fromLatin1(name.left(64))));
        out[name] = value.toLongLong();
    }
    return out;
}

} // namespace

class Service::ReaderLease
{
public:
    explicit ReaderLease(Service &s)
        : m_s(s)
    {
        auto r = s.takeReader();
        if (r)
            m_reader = std::move(r).value();
        else
            m_error = r.error();
    }
    ~ReaderLease()
    {
        if (m_reader)
            m_s.giveBack(std::move(m_reader));
    }
    LogReader *operator->() { return m_reader.get(); }
    explicit operator bool() const { return m_reader != nullptr; }
    const ledger::Error &error() const { return m_error; }

private:
    Service &m_s;
    std::unique_ptr<LogReader> m_reader;
    ledger::Error m_error;
};

ledger::Result<std::unique_ptr<Service>> Service::open(std::unique_ptr<Storage> storage,
    const ledger::crypto::PrivateKey &checkpointKey, const ledger::Clock &clock, const ServiceConfig &config)
{
    auto writer = storage->openWriter(checkpointKey, clock);
    if (!writer)
        return writer.error();
    auto journal = storage->openReplayJournal();
    if (!journal)
        return journal.error();
    std::unique_ptr<Service> s(new Service(std::move(storage), clock, config));
    LEDGER_TRY(s->m_replays.attach(std::move(journal).value(), clock.nowMs()));
    s->m_sequencer
        = std::make_unique<SequencingThread>(std::move(writer).value(), config.maxRoundEntries, s->m_metrics);
    // Fail now, not on the first request, if the file cannot be read.
    auto reader = s->takeReader();
    if (!reader)
        return reader.error();
    s->giveBack(std::move(reader).value());
    return s;
}

Service::Service(std::unique_ptr<Storage> storage, const ledger::Clock &clock, const ServiceConfig &config)
    : m_storage(std::move(storage))
    , m_clock(clock)
    , m_config(config)
    , m_replays(config.authWindowMs, config.maxReplayEntries)
    , m_checks(config.checkThreads > 0 ? config.checkThreads : int(std::thread::hardware_concurrency()))
{ }

Service::~Service() = default;

ledger::Result<std::unique_ptr<LogReader>> Service::takeReader()
{
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_readers.empty()) {
            auto r = std::move(m_readers.back());
            m_readers.pop_back();
            return r;
        }
    }
    return m_storage->openReader();
}

void Service::giveBack(std::unique_ptr<LogReader> reader)
{
    std::lock_guard lock(m_readersMutex);
    m_readers.push_back(std::move(reader));
}

HttpResponse Service::handle(const HttpRequest &request)
{
    QString routeName = QStringLiteral("other");
    HttpResponse r = route(request, routeName);
    m_metrics.request(routeName, r.status);
    return r;
}

HttpResponse Service::route(const HttpRequest &request, QString &routeName)
{
    const qsizetype q = request.target.indexOf('?');
    const QByteArray path = q < 0 ? request.target : request.target.left(q);
    const QByteArray query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    struct Route
    {
        const char *path;
        const char *method;
    };
    static const Route routes[] = { { "/v1/health", "GET" }, { "/v1/metrics", "GET" },
        { "/v1/checkpoint", "GET" }, { "/v1/entries", "GET" }, { "/v1/entries", "POST" },
        { "/v1/proof/inclusion", "GET" }, { "/v1/proof/consistency", "GET" }, { "/v1/me", "GET" } };
    bool pathKnown = false;
    bool methodOk = false;
    for (const Route &r : routes) {
        if (path == r.path) {
            pathKnown = true;
            methodOk = methodOk || request.method == r.method;
        }
    }
    if (!pathKnown)
        return errorResponse(
            makeError("not_found", QStringLiteral("There is no such endpoint; see /v1/health.")));
    routeName = QString::fromLatin1(request.method + ' ' + path);
    if (!methodOk)
        return errorResponse(makeError("method_not_allowed",
            QStringLiteral("%1 is not allowed on %2.")
                .arg(QString::fromLatin1(request.method), QString::fromLatin1(path))));
    if (path == "/v1/health")
        return health();
    if (path == "/v1/metrics")
        return HttpResponse { 200, "text/plain; version=0.0.4; charset=utf-8",
            m_metrics.render(m_sequencer->treeSize(), m_sequencer->queuedBatches()) };
    if (!request.body.isEmpty() || request.method == "POST") {
        const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
        if (type != "application/json")
            return errorResponse(
                makeError("unsupported_media_type", QStringLiteral("Send the body as application/json.")));
    }
    auto directory = m_sequencer->directory();
    auto caller = authenticate(request, *directory, m_replays, m_config.authWindowMs, m_clock.nowMs());
    if (!caller)
        return errorResponse(caller.error());
    if (path == "/v1/checkpoint")
        return checkpoint(caller.value());
    if (path == "/v1/entries")
        return request.method == "POST" ? submit(request, caller.value()) : entries(query, caller.value());
    if (path == "/v1/proof/inclusion")
        return inclusion(query, caller.value());
    if (path == "/v1/proof/consistency")
        return consistency(query, caller.value());
    return me(caller.value());
}

HttpResponse Service::health()
{
    syncwire::Health h { QStringLiteral("ok"), m_sequencer->treeSize(), m_sequencer->origin() };
    return ok(syncwire::encodeHealth(h));
}

HttpResponse Service::checkpoint(const Caller &)
{
    ReaderLease reader(*this);
    if (!reader)
        return errorResponse(reader.error());
    auto cp = reader->checkpoint(std::nullopt);
    if (!cp)
        return errorResponse(cp.error());
    if (!cp.value())
        return errorResponse(
            makeError("not_found", QStringLiteral("The registry has not signed a checkpoint yet.")));
    return ok(syncwire::encodeCheckpoint({ cp.value()->note, cp.value()->treeSize, cp.value()->root }));
}

HttpResponse Service::submit(const HttpRequest &request, const Caller &caller)
{
    QElapsedTimer timer;
    timer.start();
    auto batch = syncwire::decodeSubmit(request.body, m_config.maxBatch);
    if (!batch)
        return errorResponse(batch.error());
    std::vector<ledger::SignedEntry> &entries = batch.value();
    struct InProgress // the gauge, for as long as this batch is in hand
    {
        Metrics &metrics;
        int64_t n;
        ~InProgress() { metrics.entriesInProgress(-n); }
    } inProgress { m_metrics, int64_t(entries.size()) };
    m_metrics.entriesInProgress(inProgress.n);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (!(entries[i].authorKey == caller.key))
            return errorResponse(makeError("not_author",
                QStringLiteral(
                    "entries[%1] was signed by another key; a member submits only its own entries.")
                    .arg(i)));
        // The same key, as one shared object: each checking thread then sets OpenSSL up for it once per
        // batch instead of once per entry.
        entries[i].authorKey = caller.key;
    }
    if (m_sequencer->queuedBatches() >= m_config.maxQueuedBatches)
        return errorResponse(makeError("overloaded", QStringLiteral("The registry is busy; retry shortly.")));
    std::vector<ledger::CheckedEntry> checked(entries.size());
    m_checks.forEach(
        entries.size(), [&](size_t i) { checked[i] = ledger::checkEntry(std::move(entries[i])); });
    auto outcome = m_sequencer->submit(std::move(checked)).get();
    if (!outcome) {
        qWarning("registry: a batch failed: %s", qPrintable(outcome.error().toString()));
        return errorResponse(outcome.error());
    }
    m_metrics.batchLatency(double(timer.nsecsElapsed()) / 1e9);
    return ok(syncwire::encodeSubmitResponse({ std::move(outcome->receipts), outcome->checkpoint }));
}

HttpResponse Service::entries(const QByteArray &query, const Caller &caller)
{
    auto params = parseQuery(query, { "from", "limit", "tree_size", "format" });
    if (!params)
        return errorResponse(params.error());
    // format=1 (the default): JSON; format=2: the binary page of sync/wire/binarypage.h, for clients that
    // join (no JSON, no base64 on either side).
    const int64_t format = params->count("format") ? params->at("format") : 1;
    if (format != 1 && format != 2)
        return errorResponse(makeError("invalid_query",
            QStringLiteral("Query parameter \"format\" is 1 (JSON, the default) or 2 (binary pages).")));
    const int64_t from = params->count("from") ? params->at("from") : 0;
    const int limit = int(std::clamp<int64_t>(
        params->count("limit") ? params->at("limit") : syncwire::kMaxPageLimit, 1, syncwire::kMaxPageLimit));
    ReaderLease reader(*this);
    if (!reader)
        return errorResponse(reader.error());
    std::optional<int64_t> size;
    if (params->count("tree_size"))
        size = params->at("tree_size");
    auto cp = reader->checkpoint(size);
    if (!cp)
        return errorResponse(cp.error());
    if (!cp.value())
        return errorResponse(makeError("unknown_tree_size",
            QStringLiteral("The registry signed no checkpoint of that size; page against one it did (GET "
                           "/v1/checkpoint).")));
    auto page = reader->page(from, limit, *cp.value(), scopeOf(caller.member));
    if (!page)
        return errorResponse(page.error());
    if (format == 2)
        return HttpResponse { 200, syncwire::kBinaryPageType, syncwire::encodeBinaryPage(page.value()) };
    return ok(syncwire::encodePage(page.value()));
}

HttpResponse Service::inclusion(const QByteArray &query, const Caller &caller)
{
    auto params = parseQuery(query, { "seq", "tree_size" });
    if (!params)
        return errorResponse(params.error());
    if (!params->count("seq") || !params->count("tree_size"))
        return errorResponse(makeError("invalid_query", QStringLiteral("Give seq and tree_size.")));
    const int64_t seq = params->at("seq");
    const int64_t size = params->at("tree_size");
    if (seq >= size || size > m_sequencer->treeSize())
        return errorResponse(makeError("not_found",
            QStringLiteral("seq must be below tree_size, and tree_size at most the log's size.")));
    ReaderLease reader(*this);
    if (!reader)
        return errorResponse(reader.error());
    auto allowed = reader->mayRead(seq, scopeOf(caller.member));
    if (!allowed)
        return errorResponse(allowed.error());
    if (!allowed.value())
        return errorResponse(
            makeError("forbidden", QStringLiteral("Your role may not read entry %1.").arg(seq)));
    auto proof = reader->inclusionProof(seq, size);
    if (!proof)
        return errorResponse(proof.error());
    return ok(syncwire::encodeInclusion({ seq, size, proof.value() }));
}

HttpResponse Service::consistency(const QByteArray &query, const Caller &)
{
    auto params = parseQuery(query, { "from", "to" });
    if (!params)
        return errorResponse(params.error());
    if (!params->count("from") || !params->count("to"))
        return errorResponse(makeError("invalid_query", QStringLiteral("Give from and to.")));
    const int64_t from = params->at("from");
    const int64_t to = params->at("to");
    if (from > to || to > m_sequencer->treeSize())
        return errorResponse(makeError(
            "not_found", QStringLiteral("from must be at most to, and to at most the log's size.")));
    ReaderLease reader(*this);
    if (!reader)
        return errorResponse(reader.error());
    auto proof = reader->consistencyProof(from, to);
    if (!proof)
        return errorResponse(proof.error());
    return ok(syncwire::encodeConsistency({ from, to, proof.value() }));
}

HttpResponse Service::me(const Caller &caller)
{
    const ledger::Member &m = caller.member;
    return ok(syncwire::encodeMe({ QString::fromStdString(m.keyId), QString::fromStdString(m.name),
        QString::fromLatin1(ledger::roleName(m.role).data(), qsizetype(ledger::roleName(m.role).size())),
        QString::fromStdString(m.startup), QString::fromStdString(m.sponsor) }));
}

} // namespace registry
