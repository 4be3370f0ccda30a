// Merkle tree, proofs and compact ranges (ledger/log/merkle.h) against RFC 9162 section 2.1: published
// known-answer vectors, an independent recursive transcription of the RFC, exhaustive proofs for small
// trees, tampered proofs and hostile verifier input.

#include "ledger/log/merkle.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

#include <bit>

using namespace ledger::merkle;

namespace {

QByteArray hx(const char *hex)
{
    return QByteArray::fromHex(hex);
}

// The test tree of certificate-transparency / transparency-dev/merkle (testonly/constants.go).
const QList<QByteArray> &kLeafInputs()
{
    static const QList<QByteArray> v {
        hx(""),
        hx("00"),
        hx("10"),
        hx("2021"),
        hx("3031"),
        hx("40414243"),
        hx("5051525354555657"),
        hx("606162636465666768696a6b6c6d6e6f"),
    };
    return v;
}

// Complete subtree hashes by level (level 0 = leaf hashes).
const QList<QList<QByteArray>> &kNodeHashes()
{
    static const QList<QList<QByteArray>> v {
        {
            hx("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            hx("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            hx("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"),
            hx("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"),
            hx("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            hx("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"),
            hx("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            hx("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
        },
        {
            hx("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
            hx("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            hx("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            hx("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
        },
        {
            hx("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
            hx("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        },
        {
            hx("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
        },
    };
    return v;
}

// Roots by tree size 0..8.
const QList<QByteArray> &kRoots()
{
    static const QList<QByteArray> v {
        hx("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        hx("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        hx("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
        hx("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
        hx("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        hx("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
        hx("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
        hx("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
        hx("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
    };
    return v;
}

const QByteArray kSomeHash = hx("abacaba000000000000000000000000000000000000000000060061e00123456");

QList<QByteArray> knownLeafHashes()
{
    QList<QByteArray> out;
    for (const QByteArray &in : kLeafInputs())
        out.append(leafHash(in));
    return out;
}

QList<QByteArray> syntheticLeafHashes(int n)
{
    QList<QByteArray> out;
    for (int i = 0; i < n; ++i)
        out.append(leafHash(QByteArray("leaf ") + QByteArray::number(i)));
    return out;
}

// --- RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1 transcribed literally (recursive, on index ranges) ---------

// The largest power of two smaller than n (n >= 2).
quint64 k(quint64 n)
{
    return std::bit_floor(n - 1);
}

// Lengths of PATH(index, D[size]) and PROOF(m, D[n]), from the shape of the recursion alone.
qsizetype refPathLength(quint64 index, quint64 size)
{
    qsizetype len = 0;
    for (quint64 b = 0, e = size; e - b > 1; ++len) {
        if (index < b + k(e - b))
            e = b + k(e - b);
        else
            b += k(e - b);
    }
    return len;
}

qsizetype refProofLength(quint64 m, quint64 n)
{
    qsizetype len = 0;
    bool whole = true;
    while (m != n) {
        const quint64 split = k(n);
        if (m <= split) {
            n = split;
        } else {
            m -= split;
            n -= split;
            whole = false;
        }
        ++len;
    }
    return whole ? len : len + 1;
}

QByteArray randomBytes(QRandomGenerator &rng, int n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (char &c : out)
        c = char(rng.generate());
    return out;
}

QByteArray refMth(const QList<QByteArray> &d, quint64 b, quint64 e)
{
    const quint64 n = e - b;
    if (n == 0)
        return QCryptographicHash::hash(QByteArray(), QCryptographicHash::Sha256);
    if (n == 1)
        return d[qsizetype(b)];
    QByteArray in(1, '\x01');
    in += refMth(d, b, b + k(n));
    in += refMth(d, b + k(n), e);
    return QCryptographicHash::hash(in, QCryptographicHash::Sha256);
}

QList<QByteArray> refPath(quint64 m, const QList<QByteArray> &d, quint64 b, quint64 e)
{
    const quint64 n = e - b;
    if (n == 1)
        return {};
    if (m < k(n))
        return refPath(m, d, b, b + k(n)) << refMth(d, b + k(n), e);
    return refPath(m - k(n), d, b + k(n), e) << refMth(d, b, b + k(n));
}

QList<QByteArray> refSubproof(quint64 m, const QList<QByteArray> &d, quint64 b, quint64 e, bool whole)
{
    const quint64 n = e - b;
    if (m == n)
        return whole ? QList<QByteArray> {} : QList<QByteArray> { refMth(d, b, e) };
    if (m <= k(n))
        return refSubproof(m, d, b, b + k(n), whole) << refMth(d, b + k(n), e);
    return refSubproof(m - k(n), d, b + k(n), e, false) << refMth(d, b, b + k(n));
}

QByteArray flipped(QByteArray h, qsizetype at, char mask)
{
    h[at] = char(h[at] ^ mask);
    return h;
}

// A store-like source that answers perfect subtrees from a precomputed node table and counts leaf reads.
class CachedSource : public LeafSource
{
public:
    explicit CachedSource(QList<QByteArray> leaves)
        : m_vec(leaves)
        , m_leaves(std::move(leaves))
    { }
    QByteArray leafHash(quint64 index) const override
    {
        ++leafReads;
        return m_vec.leafHash(index);
    }
    QByteArray subtreeHash(quint64 begin, quint64 end) const override
    {
        const quint64 width = end - begin;
        if (begin < end && std::has_single_bit(width) && begin % width == 0) {
            ++cachedReads;
            return refMth(m_leaves, begin, end);
        }
        return LeafSource::subtreeHash(begin, end);
    }
    mutable int leafReads = 0;
    mutable int cachedReads = 0;

private:
    VectorLeafSource m_vec;
    QList<QByteArray> m_leaves;
};

} // namespace

class TestMerkle : public QObject
{
    Q_OBJECT

private:
    // Every way of damaging a valid inclusion proof that must make it fail.
    void checkInclusionTampering(const QList<QByteArray> &leaves, quint64 index, quint64 size,
        const QList<QByteArray> &proof, const QByteArray &root)
    {
        const QByteArray &leaf = leaves[qsizetype(index)];
        auto fails = [&](quint64 i, quint64 s, const QByteArray &l, const QList<QByteArray> &p,
                         const QByteArray &r, const char *what) {
            if (verifyInclusion(i, s, l, p, r))
                QFAIL(qPrintable(QStringLiteral("tampered inclusion proof (%1) for leaf %2 of %3 verified")
                                     .arg(QLatin1String(what))
                                     .arg(index)
                                     .arg(size)));
        };
        for (qsizetype j = 0; j < proof.size(); ++j) {
            QList<QByteArray> p = proof;
            p[j] = flipped(p[j], 0, 8);
            fails(index, size, leaf, p, root, "first byte of element flipped");
            p = proof;
            p[j] = flipped(p[j], 31, 1);
            fails(index, size, leaf, p, root, "last bit of element flipped");
            p = proof;
            p.removeAt(j);
            fails(index, size, leaf, p, root, "element dropped");
            p = proof;
            p.insert(j, kSomeHash);
            fails(index, size, leaf, p, root, "element inserted");
            p = proof;
            p[j].chop(1);
            fails(index, size, leaf, p, root, "element truncated");
        }
        fails(index, size, leaf, QList<QByteArray>(proof) << root, root, "root appended");
        fails(index, size, leaf, QList<QByteArray>(proof) << QByteArray(), root, "empty element appended");
        fails(index, size, leaf, QList<QByteArray> { root } + proof, root, "root prepended");
        fails(index, size, leaf, QList<QByteArray> { QByteArray() } + proof, root, "empty element prepended");
        fails(index, size, QByteArray("WrongLeaf"), proof, root, "wrong leaf");
        fails(index, size, flipped(leaf, 5, 2), proof, root, "leaf bit flipped");
        fails(index, size, leaf, proof, flipped(root, 7, 4), "root bit flipped");
        fails(index, size, leaf, proof, emptyRoot(), "empty root");
        fails(index, size, leaf, proof, kSomeHash, "random root");
        if (size > 1)
            fails(index, size, root, proof, leaf, "leaf and root swapped");
        // Any other index of the same tree.
        for (quint64 other = 0; other < size + 2; ++other) {
            if (other != index)
                fails(other, size, leaf, proof, root, "wrong index");
        }
        fails(index - 1, size, leaf, proof, root, "index - 1 (wrapping)");
        // Sizes. RFC 9162 2.1.3.2 consumes exactly as many proof elements as PATH(index, D[size]) has;
        // sizes whose path has another length must fail. (Sizes with the same path shape produce the
        // same computation: the size is authenticated by the signed checkpoint, not by the proof.)
        for (quint64 s : { size - 1, size + 1, size * 2, size / 2, size + 7, quint64(0), ~quint64(0) }) {
            if (s == size)
                continue;
            if (index >= s || refPathLength(index, s) != proof.size())
                fails(index, s, leaf, proof, root, "wrong size");
        }
    }

    void checkConsistencyTampering(
        quint64 m, quint64 n, const QList<QByteArray> &proof, const QByteArray &r1, const QByteArray &r2)
    {
        auto fails = [&](quint64 a, quint64 b, const QByteArray &x, const QByteArray &y,
                         const QList<QByteArray> &p, const char *what) {
            if (verifyConsistency(a, b, x, y, p))
                QFAIL(qPrintable(QStringLiteral("tampered consistency proof (%1) for %2 -> %3 verified")
                                     .arg(QLatin1String(what))
                                     .arg(m)
                                     .arg(n)));
        };
        for (qsizetype j = 0; j < proof.size(); ++j) {
            QList<QByteArray> p = proof;
            p[j] = flipped(p[j], 0, 16);
            fails(m, n, r1, r2, p, "first byte of element flipped");
            p = proof;
            p[j] = flipped(p[j], 31, char(0x40));
            fails(m, n, r1, r2, p, "last byte of element flipped");
            p = proof;
            p.removeAt(j);
            fails(m, n, r1, r2, p, "element dropped");
            p = proof;
            p.insert(j, kSomeHash);
            fails(m, n, r1, r2, p, "element inserted");
            p = proof;
            p[j].append('\0');
            fails(m, n, r1, r2, p, "element lengthened");
        }
        fails(m, n, r1, r2, {}, "empty proof");
        fails(m, n, r1, r2, QList<QByteArray>(proof) << QByteArray(), "empty element appended");
        fails(m, n, r1, r2, QList<QByteArray>(proof) << r1, "old root appended");
        fails(m, n, r1, r2, QList<QByteArray>(proof) << r2, "new root appended");
        fails(m, n, r1, r2, QList<QByteArray> { r1 } + proof, "old root prepended");
        fails(m, n, r1, r2, QList<QByteArray> { r2 } + proof, "new root prepended");
        fails(m, n, r1, r2, QList<QByteArray> { proof[0] } + proof, "first element repeated");
        fails(m, n, r2, r1, proof, "roots swapped");
        fails(m, n, r1, r1, proof, "old root twice");
        fails(m, n, r2, r2, proof, "new root twice");
        fails(m, n, QByteArray("WrongRoot"), r2, proof, "wrong old root");
        fails(m, n, r1, QByteArray("WrongRoot"), proof, "wrong new root");
        fails(m, n, flipped(r1, 3, 1), r2, proof, "old root bit flipped");
        fails(m, n, r1, flipped(r2, 3, 1), proof, "new root bit flipped");
        fails(n, m, r1, r2, proof, "sizes swapped");
        fails(n, m, r2, r1, proof, "sizes and roots swapped");
        // Every other old size.
        for (quint64 a = 0; a <= n + 1; ++a) {
            if (a != m)
                fails(a, n, r1, r2, proof, "wrong old size");
        }
        fails(m - 1, n, r1, r2, proof, "old size - 1");
        fails(m ^ 2, n, r1, r2, proof, "old size ^ 2");
        // New sizes whose proof has another length must fail (same-shape sizes compute the same thing;
        // the new size is authenticated by the signed checkpoint).
        for (quint64 b : { n - 1, n + 1, n * 2, n / 2, n + 5, ~quint64(0) }) {
            if (b == n)
                continue;
            if (b <= m || refProofLength(m, b) != proof.size())
                fails(m, b, r1, r2, proof, "wrong new size");
        }
    }

private slots:
    void hashPrimitives()
    {
        QCOMPARE(emptyRoot(), kRoots()[0]);
        QCOMPARE(emptyRoot(), QCryptographicHash::hash(QByteArray(), QCryptographicHash::Sha256));
        const QList<QByteArray> leaves = knownLeafHashes();
        QCOMPARE(leaves, kNodeHashes()[0]);
        for (int level = 1; level < kNodeHashes().size(); ++level) {
            const QList<QByteArray> &below = kNodeHashes()[level - 1];
            for (qsizetype i = 0; i < kNodeHashes()[level].size(); ++i)
                QCOMPARE(nodeHash(below[2 * i], below[2 * i + 1]), kNodeHashes()[level][i]);
        }
        // The prefixes, literally.
        QCOMPARE(leafHash("abc"),
            QCryptographicHash::hash(QByteArray("\x00"
                                                "abc",
                                         4),
                QCryptographicHash::Sha256));
        QCOMPARE(nodeHash(leaves[0], leaves[1]),
            QCryptographicHash::hash(
                QByteArray(1, '\x01') + leaves[0] + leaves[1], QCryptographicHash::Sha256));
        // The allocation-free variants agree.
        unsigned char out[32];
        leafHashInto(kLeafInputs()[7], out);
        QCOMPARE(QByteArray(reinterpret_cast<char *>(out), 32), leaves[7]);
        nodeHashInto(reinterpret_cast<const unsigned char *>(leaves[0].constData()),
            reinterpret_cast<const unsigned char *>(leaves[1].constData()), out);
        QCOMPARE(QByteArray(reinterpret_cast<char *>(out), 32), kNodeHashes()[1][0]);
        // ... also when the output aliases an input.
        QByteArray l = leaves[0];
        nodeHashInto(reinterpret_cast<const unsigned char *>(l.constData()),
            reinterpret_cast<const unsigned char *>(leaves[1].constData()),
            reinterpret_cast<unsigned char *>(l.data()));
        QCOMPARE(l, kNodeHashes()[1][0]);
    }

    void leafDataFormat()
    {
        const QByteArray id = QCryptographicHash::hash("entry", QCryptographicHash::Sha256);
        const QByteArray data = leafData(Q_INT64_C(0x0102030405060708), id);
        QCOMPARE(data.size(), 40);
        QCOMPARE(data.left(8), hx("0102030405060708"));
        QCOMPARE(data.mid(8), id);
        QCOMPARE(leafData(1700000000123, id).left(8), hx("0000018bcfe5687b"));
        QCOMPARE(leafData(-1, id).left(8), hx("ffffffffffffffff"));
        QCOMPARE(entryLeafHash(1700000000123, id), leafHash(leafData(1700000000123, id)));
        unsigned char out[32];
        entryLeafHashInto(42, reinterpret_cast<const unsigned char *>(id.constData()), out);
        QCOMPARE(QByteArray(reinterpret_cast<char *>(out), 32), leafHash(leafData(42, id)));
        // Entry ids are exactly 32 bytes.
        QVERIFY(leafData(1, id.left(31)).isEmpty());
        QVERIFY(leafData(1, id + 'x').isEmpty());
        QVERIFY(entryLeafHash(1, QByteArray()).isEmpty());
    }

    void knownRoots()
    {
        const VectorLeafSource src(knownLeafHashes());
        CompactRange range;
        for (quint64 size = 0; size <= 8; ++size) {
            QCOMPARE(rootOf(src, size), kRoots()[qsizetype(size)]);
            QCOMPARE(range.size(), size);
            QCOMPARE(range.root(), kRoots()[qsizetype(size)]);
            if (size < 8)
                QVERIFY(range.append(src.leafHash(size)));
        }
        QCOMPARE(src.subtreeHash(4, 8), kNodeHashes()[2][1]);
        QCOMPARE(src.subtreeHash(6, 8), kNodeHashes()[1][3]);
        QCOMPARE(src.subtreeHash(3, 3), emptyRoot());
        QVERIFY(src.subtreeHash(4, 3).isEmpty());
        QVERIFY(src.subtreeHash(0, 9).isEmpty()); // beyond the source: no hash, no crash
        QVERIFY(rootOf(src, 100).isEmpty());
    }

    void knownCompactRanges()
    {
        // compact.Tree hashes of testonly.CompactTrees(): one per set bit of the size, largest first.
        const auto &nh = kNodeHashes();
        const QList<QList<QByteArray>> expected {
            {},
            { nh[0][0] },
            { nh[1][0] },
            { nh[1][0], nh[0][2] },
            { nh[2][0] },
            { nh[2][0], nh[0][4] },
            { nh[2][0], nh[1][2] },
            { nh[2][0], nh[1][2], nh[0][6] },
            { nh[3][0] },
        };
        CompactRange range;
        const QList<QByteArray> leaves = knownLeafHashes();
        for (int size = 0; size <= 8; ++size) {
            QCOMPARE(range.hashes(), expected[size]);
            if (size < 8)
                range.append(leaves[size]);
        }
    }

    void knownInclusionProofs_data()
    {
        QTest::addColumn<quint64>("leaf"); // 1-based, as in the published vectors
        QTest::addColumn<quint64>("size");
        QTest::addColumn<QList<QByteArray>>("proof");
        QTest::newRow("1 of 1") << quint64(1) << quint64(1) << QList<QByteArray> {};
        QTest::newRow("1 of 8") << quint64(1) << quint64(8)
                                << QList<QByteArray> {
                                       hx("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                                       hx("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                       hx("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                                   };
        QTest::newRow("6 of 8") << quint64(6) << quint64(8)
                                << QList<QByteArray> {
                                       hx("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                                       hx("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                                       hx("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                                   };
        QTest::newRow("3 of 3") << quint64(3) << quint64(3)
                                << QList<QByteArray> {
                                       hx("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                                   };
        QTest::newRow("2 of 5") << quint64(2) << quint64(5)
                                << QList<QByteArray> {
                                       hx("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                                       hx("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                       hx("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                                   };
    }

    void knownInclusionProofs()
    {
        QFETCH(quint64, leaf);
        QFETCH(quint64, size);
        QFETCH(QList<QByteArray>, proof);
        const QList<QByteArray> leaves = knownLeafHashes();
        const VectorLeafSource src(leaves);
        const quint64 index = leaf - 1;
        QCOMPARE(inclusionProof(src, index, size), proof);
        const QByteArray &root = kRoots()[qsizetype(size)];
        QVERIFY(verifyInclusion(index, size, leaves[qsizetype(index)], proof, root));
        checkInclusionTampering(leaves, index, size, proof, root);
    }

    void knownConsistencyProofs_data()
    {
        QTest::addColumn<quint64>("size1");
        QTest::addColumn<quint64>("size2");
        QTest::addColumn<QList<QByteArray>>("proof");
        QTest::newRow("1 -> 1") << quint64(1) << quint64(1) << QList<QByteArray> {};
        QTest::newRow("1 -> 8") << quint64(1) << quint64(8)
                                << QList<QByteArray> {
                                       hx("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                                       hx("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                       hx("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                                   };
        QTest::newRow("6 -> 8") << quint64(6) << quint64(8)
                                << QList<QByteArray> {
                                       hx("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                                       hx("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                                       hx("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                                   };
        QTest::newRow("2 -> 5") << quint64(2) << quint64(5)
                                << QList<QByteArray> {
                                       hx("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                       hx("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                                   };
        QTest::newRow("6 -> 7") << quint64(6) << quint64(7)
                                << QList<QByteArray> {
                                       hx("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
                                       hx("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                                       hx("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                                   };
    }

    void knownConsistencyProofs()
    {
        QFETCH(quint64, size1);
        QFETCH(quint64, size2);
        QFETCH(QList<QByteArray>, proof);
        const QList<QByteArray> leaves = knownLeafHashes();
        const VectorLeafSource src(leaves);
        QCOMPARE(consistencyProof(src, size1, size2), proof);
        const QByteArray &r1 = kRoots()[qsizetype(size1)];
        const QByteArray &r2 = kRoots()[qsizetype(size2)];
        QVERIFY(verifyConsistency(size1, size2, r1, r2, proof));
        if (!proof.isEmpty()) {
            checkConsistencyTampering(size1, size2, proof, r1, r2);
        }
    }

    void consistencyEdgeCases()
    {
        const QByteArray e = emptyRoot();
        const QByteArray r1 = leafHash("one");
        const QByteArray r2 = leafHash("two");
        // Equal sizes: consistent iff the roots are equal and there is no proof.
        QVERIFY(verifyConsistency(0, 0, e, e, {}));
        QVERIFY(verifyConsistency(1, 1, r1, r1, {}));
        QVERIFY(verifyConsistency(5, 5, r2, r2, {}));
        QVERIFY(!verifyConsistency(1, 1, r1, r2, {}));
        QVERIFY(!verifyConsistency(1, 1, r1, r1, { e }));
        QVERIFY(!verifyConsistency(0, 0, e, e, { e }));
        QVERIFY(!verifyConsistency(0, 0, r1, r1, {})); // the empty tree has exactly one root
        // From the empty tree: consistent with anything, provided the old root is the empty root.
        QVERIFY(verifyConsistency(0, 1, e, r1, {}));
        QVERIFY(verifyConsistency(0, 1000, e, r2, {}));
        QVERIFY(!verifyConsistency(0, 1, r1, r2, {}));
        QVERIFY(!verifyConsistency(0, 1, e, r1, { e }));
        // Time travel, empty proof, wrong lengths.
        QVERIFY(!verifyConsistency(1, 0, r1, e, {}));
        QVERIFY(!verifyConsistency(2, 1, r1, r2, {}));
        QVERIFY(!verifyConsistency(1, 2, r1, r2, {}));
        QVERIFY(!verifyConsistency(1, 1, QByteArray("don't care"), QByteArray("don't care"), {}));
        QVERIFY(!verifyConsistency(0, 0, QByteArray(), QByteArray(), {}));
        // Consistency proofs are only defined for 0 < m < n: nothing to prove otherwise.
        const VectorLeafSource src(knownLeafHashes());
        QVERIFY(consistencyProof(src, 0, 5).isEmpty());
        QVERIFY(consistencyProof(src, 5, 5).isEmpty());
        QVERIFY(consistencyProof(src, 6, 5).isEmpty());
        QVERIFY(inclusionProof(src, 5, 5).isEmpty());
        QVERIFY(inclusionProof(src, 0, 0).isEmpty());
        // A source that cannot supply the hashes yields no proof rather than a wrong one.
        QVERIFY(inclusionProof(src, 0, 20).isEmpty());
        QVERIFY(consistencyProof(src, 3, 20).isEmpty());
    }

    // Our proofs are exactly the RFC's PATH and PROOF, for every index and size pair up to 64.
    void matchesRfcDefinitions()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(64);
        const VectorLeafSource src(leaves);
        for (quint64 n = 1; n <= 64; ++n) {
            QCOMPARE(rootOf(src, n), refMth(leaves, 0, n));
            for (quint64 i = 0; i < n; ++i)
                QCOMPARE(inclusionProof(src, i, n), refPath(i, leaves, 0, n));
            for (quint64 m = 1; m < n; ++m)
                QCOMPARE(consistencyProof(src, m, n), refSubproof(m, leaves, 0, n, true));
        }
    }

    void exhaustiveInclusion()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(64);
        const VectorLeafSource src(leaves);
        int checked = 0;
        for (quint64 n = 1; n <= 64; ++n) {
            const QByteArray root = rootOf(src, n);
            for (quint64 i = 0; i < n; ++i) {
                const QList<QByteArray> proof = inclusionProof(src, i, n);
                QCOMPARE(proof.size(), refPathLength(i, n));
                QVERIFY2(verifyInclusion(i, n, leaves[qsizetype(i)], proof, root),
                    qPrintable(QStringLiteral("leaf %1 of %2").arg(i).arg(n)));
                checkInclusionTampering(leaves, i, n, proof, root);
                if (QTest::currentTestFailed())
                    return;
                ++checked;
            }
        }
        QCOMPARE(checked, 64 * 65 / 2);
    }

    void exhaustiveConsistency()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(64);
        const VectorLeafSource src(leaves);
        int checked = 0;
        for (quint64 n = 1; n <= 64; ++n) {
            const QByteArray r2 = rootOf(src, n);
            for (quint64 m = 1; m <= n; ++m) {
                const QByteArray r1 = rootOf(src, m);
                const QList<QByteArray> proof = consistencyProof(src, m, n);
                QVERIFY2(verifyConsistency(m, n, r1, r2, proof),
                    qPrintable(QStringLiteral("%1 -> %2").arg(m).arg(n)));
                if (m < n) {
                    QVERIFY(!proof.isEmpty());
                    QCOMPARE(proof.size(), refProofLength(m, n));
                    checkConsistencyTampering(m, n, proof, r1, r2);
                } else {
                    QVERIFY(proof.isEmpty());
                    QVERIFY(!verifyConsistency(m, n, r1, flipped(r2, 0, 1), proof));
                    QVERIFY(!verifyConsistency(m, n, r1, r2, { r1 }));
                }
                if (QTest::currentTestFailed())
                    return;
                ++checked;
            }
        }
        QCOMPARE(checked, 64 * 65 / 2);
    }

    void hostileVerifierInput()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(16);
        const VectorLeafSource src(leaves);
        const QByteArray root = rootOf(src, 16);
        const QList<QByteArray> proof = inclusionProof(src, 5, 16);
        QVERIFY(verifyInclusion(5, 16, leaves[5], proof, root));

        // index >= size, size 0.
        QVERIFY(!verifyInclusion(16, 16, leaves[5], proof, root));
        QVERIFY(!verifyInclusion(0, 0, leaves[0], {}, emptyRoot()));
        QVERIFY(!verifyInclusion(0, 0, emptyRoot(), {}, emptyRoot()));
        QVERIFY(!verifyInclusion(~quint64(0), ~quint64(0), leaves[5], proof, root));
        // Wrong hash lengths anywhere.
        QVERIFY(!verifyInclusion(0, 1, QByteArray(), {}, QByteArray()));
        QVERIFY(!verifyInclusion(0, 1, leaves[0], {}, leaves[0].left(31)));
        QVERIFY(!verifyInclusion(0, 1, leaves[0] + 'x', {}, leaves[0] + 'x'));
        QList<QByteArray> bad = proof;
        bad[1] = bad[1] + bad[1];
        QVERIFY(!verifyInclusion(5, 16, leaves[5], bad, root));
        // Oversized proofs, with the largest possible tree, never loop or crash.
        QList<QByteArray> huge;
        for (int i = 0; i < 10000; ++i)
            huge.append(kSomeHash);
        QVERIFY(!verifyInclusion(5, 16, leaves[5], huge, root));
        QVERIFY(!verifyInclusion(~quint64(0) - 1, ~quint64(0), leaves[5], huge.mid(0, 64), root));
        QVERIFY(!verifyInclusion(0, ~quint64(0), leaves[5], huge.mid(0, 65), root));
        QVERIFY(!verifyConsistency(5, 16, rootOf(src, 5), root, huge));
        QVERIFY(!verifyConsistency(1, ~quint64(0), leaves[0], root, huge.mid(0, 65)));
        QVERIFY(!verifyConsistency(~quint64(0) - 1, ~quint64(0), root, root, huge.mid(0, 66)));
        QVERIFY(!verifyConsistency(5, 16, rootOf(src, 5), root, { QByteArray(), QByteArray() }));

        // Random garbage of every shape: must simply be rejected.
        QRandomGenerator rng(20240607);
        for (int round = 0; round < 20000; ++round) {
            const quint64 size = (round % 3 == 0) ? rng.generate64() : rng.bounded(70u);
            const quint64 index = (round % 5 == 0) ? rng.generate64() : rng.bounded(70u);
            QList<QByteArray> p;
            const int count = int(rng.bounded(70u));
            for (int i = 0; i < count; ++i) {
                p.append(randomBytes(rng, rng.bounded(3u) == 0 ? int(rng.bounded(40u)) : 32));
            }
            QVERIFY(!verifyInclusion(index, size, kSomeHash, p, root));
            QVERIFY(!verifyConsistency(index, size, kSomeHash, root, p));
        }
    }

    void overriddenSubtreeHashIsUsed()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(100);
        const VectorLeafSource plain(leaves);
        const CachedSource cached(leaves);
        for (quint64 n : { 1, 2, 3, 31, 32, 33, 64, 77, 100 }) {
            QCOMPARE(rootOf(cached, n), rootOf(plain, n));
            for (quint64 i = 0; i < n; i += 7)
                QCOMPARE(inclusionProof(cached, i, n), inclusionProof(plain, i, n));
            for (quint64 m = 1; m < n; m += 5)
                QCOMPARE(consistencyProof(cached, m, n), consistencyProof(plain, m, n));
        }
        // A perfect tree's proofs come entirely from cached nodes.
        cached.leafReads = 0;
        cached.cachedReads = 0;
        inclusionProof(cached, 37, 64);
        consistencyProof(cached, 32, 64);
        QCOMPARE(cached.leafReads, 0);
        QVERIFY(cached.cachedReads > 0);
        QVERIFY(CompactRange::fromSource(cached, 96).ok());
        QCOMPARE(cached.leafReads, 0);
    }

    void compactRangeMatchesRootOf()
    {
        const QList<QByteArray> leaves = syntheticLeafHashes(200);
        const VectorLeafSource src(leaves);
        CompactRange range;
        QCOMPARE(range.root(), emptyRoot());
        for (quint64 size = 0; size <= 200; ++size) {
            QCOMPARE(range.size(), size);
            QCOMPARE(range.root(), rootOf(src, size));
            QCOMPARE(quint64(range.hashes().size()), quint64(std::popcount(size)));

            const QByteArray bytes = range.serialize();
            QCOMPARE(bytes.size(), 9 + std::popcount(size) * 32);
            const auto back = CompactRange::deserialize(bytes);
            QVERIFY(back.ok());
            QVERIFY(*back == range);
            QCOMPARE(back->root(), range.root());
            QCOMPARE(back->serialize(), bytes);

            const auto rebuilt = CompactRange::fromSource(src, size);
            QVERIFY(rebuilt.ok());
            QVERIFY(*rebuilt == range);

            if (size < 200)
                QVERIFY(range.append(leaves[qsizetype(size)]));
        }
        // A deserialised range keeps growing correctly.
        auto mid = CompactRange::deserialize(CompactRange::fromSource(src, 77)->serialize());
        QVERIFY(mid.ok());
        for (int i = 77; i < 200; ++i)
            mid->appendRaw(reinterpret_cast<const unsigned char *>(leaves[i].constData()));
        QCOMPARE(mid->root(), rootOf(src, 200));
        // Wrong leaf hash lengths are refused and change nothing.
        const QByteArray before = range.serialize();
        QVERIFY(!range.append(QByteArray(31, 'a')));
        QVERIFY(!range.append(QByteArray()));
        QCOMPARE(range.serialize(), before);
    }

    void compactRangeDeserializeRejectsGarbage()
    {
        CompactRange range;
        for (const QByteArray &l : syntheticLeafHashes(13))
            range.append(l);
        const QByteArray good = range.serialize();
        QVERIFY(CompactRange::deserialize(good).ok());

        QList<QByteArray> bad {
            QByteArray(),
            QByteArray(1, '\x01'),
            QByteArray(8, '\0'),
            good.left(good.size() - 1),
            good + 'x',
            good + QByteArray(32, 'x'),
            QByteArray(1, '\x02') + good.mid(1),
            QByteArray(1, '\x00') + good.mid(1),
            QByteArray(1, '\x01') + hx("0000000000000001"), // size 1, no hash
            QByteArray(1, '\x01') + hx("0000000000000000") + QByteArray(32, 'h'), // size 0, one hash
            QByteArray(1, '\x01') + hx("ffffffffffffffff")
                + QByteArray(qsizetype(63) * 32, 'h'), // needs 64 hashes
            QByteArray("garbage that is not a frontier at all, not even close..."),
        };
        QRandomGenerator rng(7);
        for (int i = 0; i < 2000; ++i) {
            QByteArray junk = randomBytes(rng, int(rng.bounded(300u)));
            if (!junk.isEmpty() && rng.bounded(2u))
                junk[0] = '\x01';
            const auto r = CompactRange::deserialize(junk);
            // Random bytes are accepted only when they happen to have exactly the documented shape.
            if (r.ok()) {
                QCOMPARE(r->serialize(), junk);
            } else {
                QCOMPARE(r.error().code, QStringLiteral("invalid_frontier"));
            }
        }
        for (const QByteArray &b : bad) {
            const auto r = CompactRange::deserialize(b);
            QVERIFY2(!r.ok(), b.toHex().constData());
            QCOMPARE(r.error().code, QStringLiteral("invalid_frontier"));
        }
        // The largest size round-trips.
        const QByteArray full
            = QByteArray(1, '\x01') + hx("ffffffffffffffff") + QByteArray(qsizetype(64) * 32, 'h');
        const auto max = CompactRange::deserialize(full);
        QVERIFY(max.ok());
        QCOMPARE(max->size(), ~quint64(0));
        QCOMPARE(max->root().size(), 32);
    }

    void compactRangeFromBadSource()
    {
        const VectorLeafSource src(syntheticLeafHashes(5));
        const auto r = CompactRange::fromSource(src, 9);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("invalid_frontier"));
        QVERIFY(CompactRange::fromSource(src, 0).ok());
    }
};

QTEST_GUILESS_MAIN(TestMerkle)
#include "tst_merkle.moc"
