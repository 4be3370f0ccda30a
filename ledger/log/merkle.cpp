#include "ledger/log/merkle.h"

#include "ledger/crypto/sha256.h"

#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cstring>

namespace ledger::merkle {

namespace {

using Hash = std::array<unsigned char, 32>;

constexpr uint8_t LeafPrefix = 0x00;
constexpr uint8_t NodePrefix = 0x01;
// A tree of at most 2^64 leaves has height <= 64, so no valid proof is longer than this.
constexpr qsizetype MaxInclusionProof = 64;
constexpr qsizetype MaxConsistencyProof = 65;
constexpr char FrontierVersion = 0x01;

// One hasher per thread, reused: every use below is a complete add()...finishInto() sequence with no
// other hashing (and no virtual calls) in between, so it is never re-entered.
crypto::Sha256 &hasher()
{
    thread_local crypto::Sha256 h;
    return h;
}

const unsigned char *bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char *>(v.data());
}

QByteArray toByteArray(const unsigned char h[32])
{
    return QByteArray(reinterpret_cast<const char *>(h), HashSize);
}

bool toHash(QByteArrayView v, Hash &out)
{
    if (v.size() != HashSize)
        return false;
    std::memcpy(out.data(), v.data(), HashSize);
    return true;
}

// Largest power of two strictly less than n (n >= 2).
quint64 splitPoint(quint64 n)
{
    return std::bit_floor(n - 1);
}

// A compact range over a fixed stack: the default subtreeHash and CompactRange share the merge logic.
struct Frontier
{
    Hash stack[65] {}; // popcount(count) <= 64, plus the hash being pushed
    int depth = 0;
    quint64 count = 0;

    void push(const unsigned char h[32])
    {
        std::memcpy(stack[depth].data(), h, HashSize);
        ++depth;
        for (quint64 c = count; c & 1; c >>= 1) {
            nodeHashInto(stack[depth - 2].data(), stack[depth - 1].data(), stack[depth - 2].data());
            --depth;
        }
        ++count;
    }

    void root(unsigned char out[32]) const
    {
        Hash r = stack[depth - 1];
        for (int i = depth - 2; i >= 0; --i)
            nodeHashInto(stack[i].data(), r.data(), r.data());
        std::memcpy(out, r.data(), HashSize);
    }
};

} // namespace

// --- hashing ---------------------------------------------------------------------------------------

void leafHashInto(QByteArrayView leafData, unsigned char out[32])
{
    crypto::Sha256 &h = hasher();
    h.addByte(LeafPrefix);
    h.add(leafData);
    h.finishInto(out);
}

void nodeHashInto(const unsigned char left[32], const unsigned char right[32], unsigned char out[32])
{
    crypto::Sha256 &h = hasher();
    h.addByte(NodePrefix);
    h.add(left, HashSize);
    h.add(right, HashSize);
    h.finishInto(out);
}

void entryLeafHashInto(qint64 sequencedAtMs, const unsigned char entryId[32], unsigned char out[32])
{
    unsigned char be[8];
    qToBigEndian(quint64(sequencedAtMs), be);
    crypto::Sha256 &h = hasher();
    h.addByte(LeafPrefix);
    h.add(be, sizeof be);
    h.add(entryId, HashSize);
    h.finishInto(out);
}

QByteArray leafHash(QByteArrayView leafData)
{
    QByteArray out(HashSize, Qt::Uninitialized);
    leafHashInto(leafData, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray nodeHash(QByteArrayView left, QByteArrayView right)
{
    crypto::Sha256 &h = hasher();
    h.addByte(NodePrefix);
    h.add(left);
    h.add(right);
    QByteArray out(HashSize, Qt::Uninitialized);
    h.finishInto(reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray emptyRoot()
{
    static const QByteArray empty = crypto::Sha256::hash(QByteArrayView());
    return empty;
}

QByteArray leafData(qint64 sequencedAtMs, QByteArrayView entryId32)
{
    if (entryId32.size() != HashSize)
        return {};
    QByteArray out(LeafDataSize, Qt::Uninitialized);
    qToBigEndian(quint64(sequencedAtMs), out.data());
    std::memcpy(out.data() + 8, entryId32.data(), HashSize);
    return out;
}

QByteArray entryLeafHash(qint64 sequencedAtMs, QByteArrayView entryId32)
{
    if (entryId32.size() != HashSize)
        return {};
    QByteArray out(HashSize, Qt::Uninitialized);
    entryLeafHashInto(sequencedAtMs, bytes(entryId32), reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

// --- CompactRange ----------------------------------------------------------------------------------

bool CompactRange::append(QByteArrayView leafHash)
{
    if (leafHash.size() != HashSize)
        return false;
    appendRaw(bytes(leafHash));
    return true;
}

void CompactRange::appendRaw(const unsigned char leafHash[32])
{
    // The frontier holds one hash per set bit of m_size; appending a leaf merges one pair per trailing
    // one bit (a binary counter increment).
    Hash h;
    std::memcpy(h.data(), leafHash, HashSize);
    for (quint64 s = m_size; s & 1; s >>= 1) {
        nodeHashInto(m_hashes.back().data(), h.data(), h.data());
        m_hashes.pop_back();
    }
    m_hashes.push_back(h);
    ++m_size;
}

void CompactRange::rootInto(unsigned char out[32]) const
{
    if (m_hashes.empty()) {
        const QByteArray e = emptyRoot();
        std::memcpy(out, e.constData(), HashSize);
        return;
    }
    Hash r = m_hashes.back();
    for (auto it = m_hashes.rbegin() + 1; it != m_hashes.rend(); ++it)
        nodeHashInto(it->data(), r.data(), r.data());
    std::memcpy(out, r.data(), HashSize);
}

QByteArray CompactRange::root() const
{
    QByteArray out(HashSize, Qt::Uninitialized);
    rootInto(reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QList<QByteArray> CompactRange::hashes() const
{
    QList<QByteArray> out;
    out.reserve(qsizetype(m_hashes.size()));
    for (const Hash &h : m_hashes)
        out.append(toByteArray(h.data()));
    return out;
}

QByteArray CompactRange::serialize() const
{
    QByteArray out;
    out.reserve(1 + 8 + qsizetype(m_hashes.size()) * HashSize);
    out.append(FrontierVersion);
    char be[8];
    qToBigEndian(m_size, be);
    out.append(be, sizeof be);
    for (const Hash &h : m_hashes)
        out.append(reinterpret_cast<const char *>(h.data()), HashSize);
    return out;
}

ledger::Result<CompactRange> CompactRange::deserialize(QByteArrayView bytes)
{
    if (bytes.size() < 9 || bytes[0] != FrontierVersion)
        return makeError("invalid_frontier", QStringLiteral("The Merkle frontier has an unknown format."));
    const quint64 size = qFromBigEndian<quint64>(bytes.data() + 1);
    const int count = std::popcount(size);
    if (bytes.size() != 9 + qsizetype(count) * HashSize)
        return makeError(
            "invalid_frontier", QStringLiteral("The Merkle frontier length does not match its tree size."));
    CompactRange r;
    r.m_size = size;
    r.m_hashes.resize(size_t(count));
    for (int i = 0; i < count; ++i)
        std::memcpy(r.m_hashes[size_t(i)].data(), bytes.data() + 9 + i * HashSize, HashSize);
    return r;
}

ledger::Result<CompactRange> CompactRange::fromSource(const LeafSource &src, quint64 size)
{
    CompactRange r;
    quint64 begin = 0;
    for (int bit = 63; bit >= 0; --bit) {
        const quint64 width = quint64(1) << bit;
        if (!(size & width))
            continue;
        Hash h;
        if (!toHash(src.subtreeHash(begin, begin + width), h))
            return makeError(
                "invalid_frontier", QStringLiteral("The leaf source returned a hash of the wrong length."));
        r.m_hashes.push_back(h);
        begin += width;
    }
    r.m_size = size;
    return r;
}

// --- LeafSource ------------------------------------------------------------------------------------

QByteArray LeafSource::subtreeHash(quint64 begin, quint64 end) const
{
    if (begin > end)
        return {};
    if (begin == end)
        return emptyRoot();
    Frontier f;
    for (quint64 i = begin; i < end; ++i) {
        const QByteArray leaf = leafHash(i);
        if (leaf.size() != HashSize)
            return {};
        f.push(bytes(leaf));
    }
    QByteArray out(HashSize, Qt::Uninitialized);
    f.root(reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

VectorLeafSource::VectorLeafSource(QList<QByteArray> leafHashes)
    : m_leaves(std::move(leafHashes))
{ }

QByteArray VectorLeafSource::leafHash(quint64 index) const
{
    if (index >= quint64(m_leaves.size()))
        return {};
    return m_leaves.at(qsizetype(index));
}

// --- proofs ----------------------------------------------------------------------------------------

QByteArray rootOf(const LeafSource &src, quint64 size)
{
    if (size == 0)
        return emptyRoot();
    return src.subtreeHash(0, size);
}

QList<QByteArray> inclusionProof(const LeafSource &src, quint64 index, quint64 size)
{
    // PATH(m, D[n]) descends from the root: each level contributes the sibling subtree, and the RFC
    // lists them deepest first, so collect top-down and reverse.
    QList<QByteArray> path;
    if (index >= size)
        return path;
    quint64 begin = 0;
    quint64 end = size;
    while (end - begin > 1) {
        const quint64 k = splitPoint(end - begin);
        QByteArray sibling;
        if (index < begin + k) {
            sibling = src.subtreeHash(begin + k, end);
            end = begin + k;
        } else {
            sibling = src.subtreeHash(begin, begin + k);
            begin += k;
        }
        if (sibling.size() != HashSize)
            return {};
        path.append(std::move(sibling));
    }
    std::reverse(path.begin(), path.end());
    return path;
}

QList<QByteArray> consistencyProof(const LeafSource &src, quint64 oldSize, quint64 newSize)
{
    // SUBPROOF(m, D[n], b), unrolled: each level appends one subtree hash after the recursive part, so
    // collect them top-down and emit in reverse, preceded by the terminal MTH(D[m]) when b is false.
    QList<QByteArray> outer;
    if (oldSize == 0 || oldSize >= newSize)
        return outer;
    quint64 m = oldSize;
    quint64 begin = 0;
    quint64 end = newSize;
    bool wholeOldTree = true; // the RFC's b
    QByteArray terminal;
    while (true) {
        const quint64 n = end - begin;
        if (m == n) {
            if (!wholeOldTree) {
                terminal = src.subtreeHash(begin, end);
                if (terminal.size() != HashSize)
                    return {};
            }
            break;
        }
        const quint64 k = splitPoint(n);
        QByteArray h;
        if (m <= k) {
            h = src.subtreeHash(begin + k, end);
            end = begin + k;
        } else {
            h = src.subtreeHash(begin, begin + k);
            begin += k;
            m -= k;
            wholeOldTree = false;
        }
        if (h.size() != HashSize)
            return {};
        outer.append(std::move(h));
    }
    QList<QByteArray> proof;
    proof.reserve(outer.size() + 1);
    if (!terminal.isEmpty())
        proof.append(std::move(terminal));
    for (auto it = outer.rbegin(); it != outer.rend(); ++it)
        proof.append(std::move(*it));
    return proof;
}

bool verifyInclusion(
    quint64 index, quint64 size, QByteArrayView leafHash, const QList<QByteArray> &proof, QByteArrayView root)
{
    Hash r;
    Hash expected;
    if (index >= size || proof.size() > MaxInclusionProof || !toHash(leafHash, r) || !toHash(root, expected))
        return false;
    quint64 fn = index;
    quint64 sn = size - 1;
    for (const QByteArray &p : proof) {
        if (sn == 0 || p.size() != HashSize)
            return false;
        if ((fn & 1) || fn == sn) {
            nodeHashInto(bytes(p), r.data(), r.data());
            if (!(fn & 1)) {
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            nodeHashInto(r.data(), bytes(p), r.data());
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == expected;
}

bool verifyConsistency(quint64 oldSize, quint64 newSize, QByteArrayView oldRoot, QByteArrayView newRoot,
    const QList<QByteArray> &proof)
{
    Hash first;
    Hash second;
    if (oldSize > newSize || !toHash(oldRoot, first) || !toHash(newRoot, second))
        return false;
    if (oldSize == 0) {
        Hash empty;
        toHash(emptyRoot(), empty);
        return proof.isEmpty() && first == empty && (newSize != 0 || second == empty);
    }
    if (oldSize == newSize)
        return proof.isEmpty() && first == second;
    if (proof.isEmpty() || proof.size() > MaxConsistencyProof)
        return false;
    for (const QByteArray &p : proof) {
        if (p.size() != HashSize)
            return false;
    }

    // RFC 9162 2.1.4.2. When oldSize is a power of two the old root is itself the first node of the
    // path ("prepend first_hash"); we start from it instead of copying the list.
    const bool oldIsPerfect = std::has_single_bit(oldSize);
    qsizetype next = 0;
    Hash fr;
    if (oldIsPerfect) {
        fr = first;
    } else {
        toHash(proof[0], fr);
        next = 1;
    }
    Hash sr = fr;
    quint64 fn = oldSize - 1;
    quint64 sn = newSize - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    for (; next < proof.size(); ++next) {
        const unsigned char *c = bytes(proof[next]);
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            nodeHashInto(c, fr.data(), fr.data());
            nodeHashInto(c, sr.data(), sr.data());
            if (!(fn & 1)) {
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            nodeHashInto(sr.data(), c, sr.data());
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && fr == first && sr == second;
}

} // namespace ledger::merkle
