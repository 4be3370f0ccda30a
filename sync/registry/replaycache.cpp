#include "sync/registry/replaycache.h"

namespace registry {

ReplayCache::Outcome ReplayCache::check(const QByteArray &signature, int64_t requestTimeMs, int64_t nowMs)
{
    std::lock_guard lock(m_mutex);
    while (!m_expiry.empty() && m_expiry.begin()->first < nowMs) {
        m_seen.erase(m_expiry.begin()->second);
        m_expiry.erase(m_expiry.begin());
    }
    const std::string key = signature.toStdString();
    if (m_seen.count(key))
        return Outcome::Replayed;
    if (m_seen.size() >= m_max)
        return Outcome::Full;
    m_seen.insert(key);
    m_expiry.emplace(requestTimeMs + m_windowMs, key);
    return Outcome::Fresh;
}

size_t ReplayCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_seen.size();
}

} // namespace registry
