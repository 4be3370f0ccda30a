// registry::CachedLeafSource gives exactly the proofs and roots of the plain RFC 9162 computation, for
// trees around the cache's 64-leaf threshold and for a tree that grows while the cache is warm.

#include "sync/registry/subtreecache.h"

#include "ledger/crypto/sha256.h"

#include <QTest>

using namespace ledger::merkle;

class TstRegistrySubtrees : public QObject
{
    Q_OBJECT

    static QList<QByteArray> leaves(int n)
    {
        QList<QByteArray> out;
        for (int i = 0; i < n; ++i)
            out.append(ledger::crypto::Sha256::hash(QByteArray::number(i)));
        return out;
    }

private slots:
    void sameProofsAsThePlainTree()
    {
        const QList<QByteArray> all = leaves(4100);
        registry::SubtreeCache cache; // shared across the growing sizes, as in the registry
        for (quint64 n :
            { 1ULL, 2ULL, 63ULL, 64ULL, 65ULL, 127ULL, 128ULL, 1000ULL, 4096ULL, 4097ULL, 4100ULL }) {
            const VectorLeafSource plain(all.mid(0, qsizetype(n)));
            const registry::CachedLeafSource cached(plain, cache);
            QCOMPARE(rootOf(cached, n), rootOf(plain, n));
            for (quint64 i : { 0ULL, n / 3, n / 2, n - 1 }) {
                QCOMPARE(inclusionProof(cached, i, n), inclusionProof(plain, i, n));
                QVERIFY(n == 1
                    || verifyInclusion(
                        i, n, all[qsizetype(i)], inclusionProof(cached, i, n), rootOf(plain, n)));
            }
            for (quint64 m : { 1ULL, n / 2, n - 1 }) {
                if (m == 0 || m >= n)
                    continue;
                QCOMPARE(consistencyProof(cached, m, n), consistencyProof(plain, m, n));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstRegistrySubtrees)
#include "tst_registry_subtrees.moc"
