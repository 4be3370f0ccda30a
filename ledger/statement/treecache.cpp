#include "ledger/statement/treecache.h"

#include <bit>
#include <cstring>

namespace ledger::statement {

TreeCache::TreeCache(std::vector<Hash> leaves)
{
    m_levels.push_back(std::move(leaves));
    while (m_levels.back().size() > 1) {
        const auto &below = m_levels.back();
        std::vector<Hash> level(below.size() / 2);
        for (size_t i = 0; i < level.size(); ++i)
            merkle::nodeHashInto(below[2 * i].data(), below[2 * i + 1].data(), level[i].data());
        if (level.empty())
            break;
        m_levels.push_back(std::move(level));
    }
}

QByteArray TreeCache::leafHash(quint64 index) const
{
    if (m_levels.empty() || index >= m_levels[0].size())
        return {};
    return QByteArray(reinterpret_cast<const char *>(m_levels[0][index].data()), 32);
}

void TreeCache::subtreeInto(quint64 begin, quint64 end, unsigned char out[32]) const
{
    const quint64 n = end - begin;
    if (std::has_single_bit(n) && begin % n == 0) {
        const int level = std::countr_zero(n);
        std::memcpy(out, m_levels[size_t(level)][begin / n].data(), 32);
        return;
    }
    const quint64 k = std::bit_floor(n - 1);
    unsigned char left[32], right[32];
    subtreeInto(begin, begin + k, left);
    subtreeInto(begin + k, end, right);
    merkle::nodeHashInto(left, right, out);
}

QByteArray TreeCache::subtreeHash(quint64 begin, quint64 end) const
{
    if (begin > end || end > size())
        return {};
    if (begin == end)
        return merkle::emptyRoot();
    QByteArray out(32, Qt::Uninitialized);
    subtreeInto(begin, end, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

} // namespace ledger::statement
