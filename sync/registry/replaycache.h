#pragma once
// Signatures seen inside the replay window. A request whose time is within the window and whose signature
// is already here is a replay. Entries expire when their request time leaves the window, so the cache holds
// at most one window's worth of requests; beyond `maxEntries` it refuses new ones (the caller answers 503)
// rather than grow without bound. Thread-safe.

#include <QByteArray>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>

namespace registry {

class ReplayCache
{
public:
    enum class Outcome { Fresh, Replayed, Full };

    ReplayCache(int64_t windowMs, size_t maxEntries)
        : m_windowMs(windowMs)
        , m_max(maxEntries)
    { }

    // Records the signature of a request made at requestTimeMs; nowMs is the registry's clock.
    Outcome check(const QByteArray &signature, int64_t requestTimeMs, int64_t nowMs);
    size_t size() const;

private:
    const int64_t m_windowMs;
    const size_t m_max;
    mutable std::mutex m_mutex;
    std::unordered_set<std::string> m_seen;
    std::multimap<int64_t, std::string> m_expiry; // expiry time -> signature
};

} // namespace registry
