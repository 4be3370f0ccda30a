#pragma once
// The registry's API (docs/SYNC-PROTOCOL.md): routes, authentication, read scopes, limits and metrics.
// handle() is thread-safe and blocking; the HTTP adapter calls it from worker threads, never from the
// network thread. A submission's entry signatures are checked on the CheckPool (all cores), then the batch is
// sequenced on the one SequencingThread; reads use a pool of LogReaders.

#include "sync/registry/auth.h"
#include "sync/registry/checkpool.h"
#include "sync/registry/httptypes.h"
#include "sync/registry/metrics.h"
#include "sync/registry/replaycache.h"
#include "sync/registry/sequencingthread.h"
#include "sync/registry/storage.h"

#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include <memory>
#include <mutex>
#include <vector>

namespace registry {

struct ServiceConfig
{
    int maxBatch = syncwire::kDefaultMaxBatch; // entries per POST /v1/entries
    qsizetype maxBody = syncwire::kDefaultMaxBody; // bytes (enforced by the adapter before buffering)
    int64_t authWindowMs = syncwire::kDefaultAuthWindowMs;
    int maxRoundEntries = 16'000; // entries the sequencing thread merges into one transaction
    int maxQueuedBatches = 512; // beyond this a submission gets 503
    size_t maxReplayEntries = 2'000'000;
    int checkThreads = 0; // threads checking entry signatures; 0: one per core
};

class Service
{
public:
    static ledger::Result<std::unique_ptr<Service>> open(std::unique_ptr<Storage> storage,
        const ledger::crypto::PrivateKey &checkpointKey, const ledger::Clock &clock,
        const ServiceConfig &config);
    ~Service();

    HttpResponse handle(const HttpRequest &request);

    const ServiceConfig &config() const { return m_config; }
    Metrics &metrics() { return m_metrics; }
    int64_t treeSize() const { return m_sequencer->treeSize(); }

private:
    Service(std::unique_ptr<Storage> storage, const ledger::Clock &clock, const ServiceConfig &config);

    HttpResponse route(const HttpRequest &request, QString &routeName);
    HttpResponse health();
    HttpResponse checkpoint(const Caller &caller);
    HttpResponse submit(const HttpRequest &request, const Caller &caller);
    HttpResponse entries(const QByteArray &query, const Caller &caller);
    HttpResponse inclusion(const QByteArray &query, const Caller &caller);
    HttpResponse consistency(const QByteArray &query, const Caller &caller);
    HttpResponse me(const Caller &caller);

    // Readers are checked out per request and returned (one SQLite connection per concurrent request).
    class ReaderLease;
    ledger::Result<std::unique_ptr<LogReader>> takeReader();
    void giveBack(std::unique_ptr<LogReader> reader);

    std::unique_ptr<Storage> m_storage;
    const ledger::Clock &m_clock;
    ServiceConfig m_config;
    Metrics m_metrics;
    ReplayCache m_replays;
    CheckPool m_checks;
    std::unique_ptr<SequencingThread> m_sequencer;
    std::mutex m_readersMutex;
    std::vector<std::unique_ptr<LogReader>> m_readers;
};

// The HTTP status of a stable error code.
int statusOf(const QString &code);
HttpResponse errorResponse(const ledger::Error &error);

} // namespace registry
