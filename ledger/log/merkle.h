#pragma once
// The Merkle tree of the log, exactly as RFC 9162 section 2.1 (the same tree as RFC 6962):
//   leaf hash   = SHA-256(0x00 || leaf data)
//   node hash   = SHA-256(0x01 || left || right)
//   empty tree  = SHA-256("")
// and the leaf data of a ledger entry is uint64_be(sequenced_at_ms) || entry_id (40 bytes), see
// docs/ and ARCHITECTURE.md "Exact formats".
//
// Proof generation reads hashes through a LeafSource, so the store can answer from its cached interior
// nodes; proof verification needs nothing but the proof and never trusts its input: any malformed
// argument (index >= size, wrong hash length, oversized proof, ...) simply yields false.
//
// All hashes are raw 32-byte SHA-256 digests. Functions are thread-safe (a thread_local hasher is used).

#include "ledger/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <array>
#include <vector>

namespace ledger::merkle {

inline constexpr qsizetype HashSize = 32;
inline constexpr qsizetype LeafDataSize = 40; // uint64_be(sequenced_at_ms) || 32-byte entry id

// SHA-256(0x00 || leafData).
QByteArray leafHash(QByteArrayView leafData);
// SHA-256(0x01 || left || right). Inputs are hashed as given (callers pass 32-byte hashes).
QByteArray nodeHash(QByteArrayView left, QByteArrayView right);
// SHA-256("") = e3b0c442...b855, the root of the empty tree.
QByteArray emptyRoot();
// uint64_be(sequencedAtMs) || entryId32. Returns an empty array if entryId32 is not 32 bytes.
QByteArray leafData(qint64 sequencedAtMs, QByteArrayView entryId32);

// Allocation-free variants for hot paths (verify, rebuild, append). `out` may alias an input.
void leafHashInto(QByteArrayView leafData, unsigned char out[32]);
void nodeHashInto(const unsigned char left[32], const unsigned char right[32], unsigned char out[32]);
// SHA-256(0x00 || uint64_be(sequencedAtMs) || entryId[0..32)), i.e. leafHash(leafData(ms, id)) without
// building the 40-byte leaf data.
void entryLeafHashInto(qint64 sequencedAtMs, const unsigned char entryId[32], unsigned char out[32]);
// leafHash(leafData(sequencedAtMs, entryId32)); empty if entryId32 is not 32 bytes.
QByteArray entryLeafHash(qint64 sequencedAtMs, QByteArrayView entryId32);

class LeafSource;

// The right frontier of an append-only tree (a compact range [0, size)): one hash per set bit of size,
// largest (leftmost) subtree first. O(log n) memory, append O(1) amortised, root O(log n).
class CompactRange
{
public:
    // Appends one leaf hash. Returns false (and appends nothing) if leafHash is not 32 bytes.
    bool append(QByteArrayView leafHash);
    void appendRaw(const unsigned char leafHash[32]);
    quint64 size() const { return m_size; }
    // MTH of the leaves appended so far; emptyRoot() for size 0.
    QByteArray root() const;
    void rootInto(unsigned char out[32]) const;
    // The frontier hashes, largest subtree first (popcount(size()) of them).
    QList<QByteArray> hashes() const;

    // Format, version 1: 0x01 || uint64_be(size) || popcount(size) x 32-byte hash, largest subtree first.
    QByteArray serialize() const;
    // Strict inverse of serialize(); error code "invalid_frontier" on anything else.
    static ledger::Result<CompactRange> deserialize(QByteArrayView bytes);
    // The frontier of the first `size` leaves of src, from O(log size) subtreeHash() calls.
    // Error code "invalid_frontier" if src returns a hash that is not 32 bytes.
    static ledger::Result<CompactRange> fromSource(const LeafSource &src, quint64 size);

    friend bool operator==(const CompactRange &, const CompactRange &) = default;

private:
    quint64 m_size = 0;
    std::vector<std::array<unsigned char, 32>> m_hashes;
};

// Where proofs get hashes from. A store may override subtreeHash() to answer from cached nodes. This
// module only asks for ranges of the RFC 9162 decomposition of a tree of `size` leaves: a perfect subtree
// [b, b + 2^j) with b a multiple of 2^j, or a right edge [b, size) with b a multiple of the smallest
// power of two >= size - b (rootOf asks for [0, size)).
class LeafSource
{
public:
    virtual ~LeafSource() = default;
    // Leaf hash at index (32 bytes); anything else makes the proof functions return an empty list.
    virtual QByteArray leafHash(quint64 index) const = 0;
    // MTH of leaves [begin, end); emptyRoot() if begin == end, empty array if begin > end.
    // The default implementation reads every leaf once, iteratively, with O(log n) memory.
    virtual QByteArray subtreeHash(quint64 begin, quint64 end) const;
};

class VectorLeafSource : public LeafSource
{
public:
    explicit VectorLeafSource(QList<QByteArray> leafHashes);
    QByteArray leafHash(quint64 index) const override; // empty if index >= size()
    quint64 size() const { return quint64(m_leaves.size()); }

private:
    QList<QByteArray> m_leaves;
};

// MTH of the first `size` leaves of src; emptyRoot() for size 0.
QByteArray rootOf(const LeafSource &src, quint64 size);

// RFC 9162 2.1.3.1 PATH(index, D[size]), deepest sibling first. Empty if index >= size (or size == 1, or
// the source returned a hash that is not 32 bytes).
QList<QByteArray> inclusionProof(const LeafSource &src, quint64 index, quint64 size);
// RFC 9162 2.1.3.2.
bool verifyInclusion(quint64 index, quint64 size, QByteArrayView leafHash, const QList<QByteArray> &proof,
    QByteArrayView root);

// RFC 9162 2.1.4.1 PROOF(oldSize, D[newSize]). Defined for 0 < oldSize < newSize; empty otherwise (and
// when the source returned a hash that is not 32 bytes).
QList<QByteArray> consistencyProof(const LeafSource &src, quint64 oldSize, quint64 newSize);
// RFC 9162 2.1.4.2 for 0 < oldSize < newSize. Outside that range (where the RFC defines no proof):
// oldSize == newSize is consistent iff the proof is empty and the roots are equal; oldSize == 0 is
// consistent iff the proof is empty and oldRoot is emptyRoot(); oldSize > newSize never is.
bool verifyConsistency(quint64 oldSize, quint64 newSize, QByteArrayView oldRoot, QByteArrayView newRoot,
    const QList<QByteArray> &proof);

} // namespace ledger::merkle
