#pragma once
// Signatures seen inside the replay window. A request whose time is within the window and whose signature
// is already here is a replay. Entries expire when their request time leaves the window, so the cache holds
// at most one window's worth of requests; beyond `maxEntries` it refuses new ones (the caller answers 503)
// rather than grow without bound. Thread-safe.
//
// With a journal (attach()), every fresh signature is written there before check() says Fresh, and the
// journal's unexpired signatures are loaded at start: a request captured before a restart (even a SIGKILL)
// is still a replay after it.

#include "sync/registry/storage.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

namespace registry {

class ReplayCache
{
public:
    // Unavailable: the journal could not record the signature (the request must be refused).
    enum class Outcome { Fresh, Replayed, Full, Unavailable };

    ReplayCache(int64_t windowMs, size_t maxEntries)
        : m_windowMs(windowMs)
        , m_max(maxEntries)
    { }

    // Loads the journal's signatures still inside the window, then records new ones there.
    ledger::Result<void> attach(std::unique_ptr<ReplayJournal> journal, int64_t nowMs);

    // Records the signature of a request made at requestTimeMs; nowMs is the registry's clock.
    Outcome check(const QByteArray &signature, int64_t requestTimeMs, int64_t nowMs);
    size_t size() const;

private:
    static constexpr int64_t kForgetEveryMs = 60'000; // how often expired rows leave the journal

    const int64_t m_windowMs;
    const size_t m_max;
    mutable std::mutex m_mutex;
    std::unordered_set<std::string> m_seen;
    std::multimap<int64_t, std::string> m_expiry; // expiry time -> signature
    std::unique_ptr<ReplayJournal> m_journal;
    int64_t m_lastForget = 0;
};

} // namespace registry
