#include "sync/registry/subtreecache.h"

#include <bit>

namespace registry {

namespace {
constexpr quint64 kSmallest = 64; // below this, read the leaves
}

bool SubtreeCache::find(quint64 begin, int level, QByteArray &out) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_hashes.find(begin << 6 | quint64(level));
    if (it == m_hashes.end())
        return false;
    out = it->second;
    return true;
}

void SubtreeCache::put(quint64 begin, int level, const QByteArray &hash)
{
    std::lock_guard lock(m_mutex);
    m_hashes.emplace(begin << 6 | quint64(level), hash);
}

QByteArray CachedLeafSource::subtreeHash(quint64 begin, quint64 end) const
{
    if (begin > end)
        return {};
    const quint64 n = end - begin;
    if (n < kSmallest)
        return m_base.subtreeHash(begin, end);
    const bool perfect = std::has_single_bit(n) && begin % n == 0;
    const int level = std::countr_zero(n);
    QByteArray hash;
    if (perfect && m_cache.find(begin, level, hash))
        return hash;
    // MTH(D[begin:end]) = H(0x01 || MTH(first k) || MTH(rest)), k the largest power of two below n.
    const quint64 k = std::bit_floor(n - 1);
    const QByteArray left = subtreeHash(begin, begin + k);
    const QByteArray right = subtreeHash(begin + k, end);
    if (left.size() != ledger::merkle::HashSize || right.size() != ledger::merkle::HashSize)
        return {};
    hash = ledger::merkle::nodeHash(left, right);
    if (perfect)
        m_cache.put(begin, level, hash);
    return hash;
}

} // namespace registry
