#include "sync/registry/replaycache.h"

namespace registry {

ledger::Result<void> ReplayCache::attach(std::unique_ptr<ReplayJournal> journal, int64_t nowMs)
{
    auto seen = journal->load(nowMs);
    if (!seen)
        return seen.error();
    std::lock_guard lock(m_mutex);
    for (const auto &[signature, expiry] : seen.value()) {
        std::string key = signature.toStdString();
        if (m_seen.insert(key).second)
            m_expiry.emplace(expiry, std::move(key));
    }
    m_journal = std::move(journal);
    m_lastForget = nowMs;
    return {};
}

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
    const int64_t expiry = requestTimeMs + m_windowMs;
    if (m_journal) {
        if (auto recorded = m_journal->record(signature, expiry); !recorded) {
            qWarning("registry: the replay journal could not record a request: %s",
                qPrintable(recorded.error().toString()));
            return Outcome::Unavailable;
        }
        if (nowMs - m_lastForget >= kForgetEveryMs) {
            m_lastForget = nowMs;
            if (auto forgotten = m_journal->forget(nowMs); !forgotten) // harmless: retried next time
                qWarning("registry: the replay journal could not forget expired requests: %s",
                    qPrintable(forgotten.error().toString()));
        }
    }
    m_seen.insert(key);
    m_expiry.emplace(expiry, key);
    return Outcome::Fresh;
}

size_t ReplayCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_seen.size();
}

} // namespace registry
