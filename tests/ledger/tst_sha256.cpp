// SHA-256: FIPS 180-2 / NIST example vectors, streaming, reuse after finish, the thread_local one-shot.

#include "ledger/crypto/sha256.h"

#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

using ledger::crypto::Sha256;

namespace {

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(h);
}

const char *const kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const char *const kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const char *const k448 = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
const char *const kMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
const QByteArray kMsg448 = QByteArrayLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
const QByteArray kMsg896
    = QByteArrayLiteral("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                        "qklmnopqrlmnopqrsmnopqrstnopqrstu");
const char *const k896 = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";

} // namespace

class TestSha256 : public QObject
{
    Q_OBJECT

private slots:
    void fipsVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray() << hex(kEmpty);
        QTest::newRow("abc") << QByteArrayLiteral("abc") << hex(kAbc);
        QTest::newRow("448-bit") << kMsg448 << hex(k448);
        QTest::newRow("896-bit") << kMsg896 << hex(k896);
    }

    void fipsVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        QCOMPARE(Sha256::hash(message), digest);

        Sha256 h;
        QCOMPARE(h.add(message).finish(), digest);

        unsigned char out[32];
        Sha256 h2;
        h2.add(message.constData(), size_t(message.size())).finishInto(out);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(out), 32), digest);

        Sha256 h3; // byte by byte
        for (char c : message)
            h3.addByte(uint8_t(c));
        QCOMPARE(h3.finish(), digest);
    }

    void millionAInChunks()
    {
        // Chunks of an awkward size, so they straddle the 64-byte block boundaries.
        const QByteArray chunk(997, 'a');
        Sha256 h;
        qsizetype left = 1000000;
        while (left > 0) {
            const qsizetype n = qMin(left, chunk.size());
            h.add(QByteArrayView(chunk.constData(), n));
            left -= n;
        }
        QCOMPARE(h.finish(), hex(kMillionA));
        QCOMPARE(Sha256::hash(QByteArray(1000000, 'a')), hex(kMillionA));
    }

    void emptyAddsChangeNothing()
    {
        Sha256 h;
        h.add(QByteArrayView()).add(nullptr, 0).add(QByteArrayLiteral("abc")).add(QByteArrayView());
        QCOMPARE(h.finish(), hex(kAbc));
    }

    void reuseAfterFinish()
    {
        Sha256 h;
        QCOMPARE(h.add(QByteArrayLiteral("abc")).finish(), hex(kAbc));
        QCOMPARE(h.finish(), hex(kEmpty)); // nothing added since the previous finish
        QCOMPARE(h.add(QByteArrayLiteral("ab")).add(QByteArrayLiteral("c")).finish(), hex(kAbc));
        unsigned char out[32];
        h.add(kMsg448).finishInto(out);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(out), 32), hex(k448));
        QCOMPARE(h.add(QByteArrayLiteral("abc")).finish(), hex(kAbc));
        for (int i = 0; i < 1000; ++i)
            h.add(QByteArrayLiteral("abc")).finishInto(out);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(out), 32), hex(kAbc));
    }

    void finishReturnsThirtyTwoBytes()
    {
        QCOMPARE(Sha256().finish().size(), 32);
        QCOMPARE(Sha256::hash("x").size(), 32);
    }

    void threadLocalHashFromSeveralThreads()
    {
        const QByteArray abc = hex(kAbc), d448 = hex(k448);
        std::atomic<int> failures { 0 };
        std::vector<std::thread> threads;
        threads.reserve(6);
        for (int t = 0; t < 6; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    const bool odd = (i + t) % 2 != 0;
                    if (Sha256::hash(odd ? kMsg448 : QByteArrayLiteral("abc")) != (odd ? d448 : abc))
                        ++failures;
                }
            });
        }
        for (auto &th : threads)
            th.join();
        QCOMPARE(failures.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
