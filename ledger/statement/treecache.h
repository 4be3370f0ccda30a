#pragma once
// Every level of the Merkle tree over a list of leaf hashes, kept in memory so that many inclusion proofs
// against one tree cost O(log^2 n) each instead of re-reading the log (32 bytes per node: 64 MB for a
// 1,000,000-entry log). Answers exactly what merkle::LeafSource promises.

#include "ledger/log/merkle.h"

#include <array>
#include <vector>

namespace ledger::statement {

class TreeCache : public merkle::LeafSource
{
public:
    using Hash = std::array<unsigned char, 32>;
    explicit TreeCache(std::vector<Hash> leaves);
    QByteArray leafHash(quint64 index) const override;
    QByteArray subtreeHash(quint64 begin, quint64 end) const override;
    quint64 size() const { return m_levels.empty() ? 0 : m_levels[0].size(); }

private:
    void subtreeInto(quint64 begin, quint64 end, unsigned char out[32]) const;
    std::vector<std::vector<Hash>> m_levels; // m_levels[k][i] = MTH of leaves [i*2^k, (i+1)*2^k)
};

} // namespace ledger::statement
