#pragma once
// Proofs without rereading the log: the hashes of complete, aligned subtrees (64 leaves and more) never
// change in an append-only tree, so they are computed once and kept (about n/32 hashes for n leaves), shared
// by every reader. CachedLeafSource answers subtreeHash() from them, splitting any range the RFC 9162 way,
// so an inclusion or consistency proof costs O(log n) look-ups plus at most 2 x 64 leaf reads once warm.

#include "ledger/log/merkle.h"

#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace registry {

class SubtreeCache
{
public:
    bool find(quint64 begin, int level, QByteArray &out) const;
    void put(quint64 begin, int level, const QByteArray &hash);

private:
    mutable std::mutex m_mutex;
    std::unordered_map<quint64, QByteArray> m_hashes; // key: begin << 6 | level
};

class CachedLeafSource : public ledger::merkle::LeafSource
{
public:
    // `base` reads leaves (one reader's connection); `cache` is shared and must outlive this.
    CachedLeafSource(const ledger::merkle::LeafSource &base, SubtreeCache &cache)
        : m_base(base)
        , m_cache(cache)
    { }
    QByteArray leafHash(quint64 index) const override { return m_base.leafHash(index); }
    QByteArray subtreeHash(quint64 begin, quint64 end) const override;

private:
    const ledger::merkle::LeafSource &m_base;
    SubtreeCache &m_cache;
};

} // namespace registry
