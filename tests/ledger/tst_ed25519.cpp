// Ed25519: the RFC 8032 §7.1 vectors, rejection of every flipped bit, agreement with OpenSSL's verifier, key
// validation, key ids, fresh keys.

#include "ledger/crypto/ed25519.h"

#include <QRegularExpression>
#include <QtTest>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <atomic>
#include <thread>
#include <vector>

using ledger::crypto::PrivateKey;
using ledger::crypto::PublicKey;

namespace {

struct Vector
{
    const char *name;
    const char *secret;
    const char *publicKey;
    const char *message;
    const char *signature;
};

// RFC 8032 §7.1, TEST 1, TEST 2, TEST 3 and TEST SHA(abc) (whose message is SHA-512("abc")).
const Vector kVectors[] = {
    { "TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
    { "TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
    { "TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
        "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
    { "TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
        "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

// printf d75a...511a | xxd -r -p | sha256sum, first 32 hex digits.
const char *const kTest1KeyId = "21fe31dfa154a261626bf854046fd227";

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(h);
}

QByteArray flipBit(QByteArray bytes, qsizetype bit)
{
    bytes[bit / 8] = char(uchar(bytes.at(bit / 8)) ^ (1u << (bit % 8)));
    return bytes;
}

PublicKey pub(const char *rawHex)
{
    auto k = PublicKey::fromRaw(hex(rawHex));
    if (!k)
        qFatal("test vector public key rejected: %s", qPrintable(k.error().toString()));
    return *k;
}

// OpenSSL 3's Ed25519 verify, which this project used before libsodium (docs/DECISIONS.md): the reference
// the new verifier must agree with on every signature an honest signer can make.
bool opensslVerifies(const QByteArray &rawKey, const QByteArray &message, const QByteArray &sig)
{
    EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr,
        reinterpret_cast<const unsigned char *>(rawKey.constData()), size_t(rawKey.size()));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = pkey && ctx
        && EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
               reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return ok;
}

QByteArray sha512(const QByteArray &data)
{
    QByteArray out(64, '\0');
    unsigned int len = 0;
    EVP_Digest(data.constData(), size_t(data.size()), reinterpret_cast<unsigned char *>(out.data()), &len,
        EVP_sha512(), nullptr);
    return out;
}

// Little-endian bytes <-> BIGNUM (Ed25519 scalars are little endian).
BIGNUM *fromLittleEndian(const QByteArray &le)
{
    return BN_lebin2bn(reinterpret_cast<const unsigned char *>(le.constData()), int(le.size()), nullptr);
}

// A signature whose R is the identity, made by the holder of seed: S = H(R || A || M) * a mod L, so that
// S B = H(..) A = R + H(..) A. The cofactorless equation holds (OpenSSL accepts it), but no honest signer
// makes R of small order (R = r B with r from a hash), and libsodium refuses it.
QByteArray identityRSignature(const QByteArray &seed, const QByteArray &rawKey, const QByteArray &message)
{
    QByteArray h = sha512(seed).left(32); // RFC 8032 §5.1.5: the clamped secret scalar a
    h[0] = char(uchar(h.at(0)) & 248);
    h[31] = char((uchar(h.at(31)) & 127) | 64);
    QByteArray r(32, '\0');
    r[0] = 1; // the identity (x = 0, y = 1)

    BN_CTX *bn = BN_CTX_new();
    BIGNUM *order = nullptr;
    BN_hex2bn(&order, "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed");
    BIGNUM *a = fromLittleEndian(h);
    BIGNUM *k = fromLittleEndian(sha512(r + rawKey + message));
    BIGNUM *s = BN_new();
    QByteArray sBytes(32, '\0');
    const bool ok = BN_mod_mul(s, k, a, order, bn) == 1
        && BN_bn2lebinpad(s, reinterpret_cast<unsigned char *>(sBytes.data()), 32) == 32;
    BN_free(s);
    BN_free(k);
    BN_free(a);
    BN_free(order);
    BN_CTX_free(bn);
    return ok ? r + sBytes : QByteArray();
}

} // namespace

class TestEd25519 : public QObject
{
    Q_OBJECT

private slots:
    void rfc8032_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kVectors)); ++i)
            QTest::newRow(kVectors[i].name) << i;
    }

    void rfc8032()
    {
        QFETCH(int, index);
        const Vector &v = kVectors[index];
        const QByteArray message = hex(v.message);

        auto sk = PrivateKey::fromSeed(hex(v.secret));
        QVERIFY2(sk.ok(), qPrintable(sk.ok() ? QString() : sk.error().toString()));
        QVERIFY(sk->isValid());
        QCOMPARE(sk->publicKey().raw(), hex(v.publicKey));
        QCOMPARE(sk->sign(message), hex(v.signature)); // Ed25519 is deterministic
        QCOMPARE(sk->seedForExportOnly(), hex(v.secret));
        QCOMPARE(sk->keyId(), sk->publicKey().keyId());

        const PublicKey pk = pub(v.publicKey);
        QVERIFY(pk.isValid());
        QCOMPARE(pk.raw(), hex(v.publicKey));
        QVERIFY(pk == sk->publicKey());
        QVERIFY(pk.verify(message, hex(v.signature)));
        QVERIFY(sk->publicKey().verify(message, sk->sign(message)));
    }

    void everyFlippedBitFails_data() { rfc8032_data(); }

    void everyFlippedBitFails()
    {
        QFETCH(int, index);
        const Vector &v = kVectors[index];
        const QByteArray message = hex(v.message), signature = hex(v.signature), raw = hex(v.publicKey);
        const PublicKey pk = pub(v.publicKey);

        for (qsizetype bit = 0; bit < message.size() * 8; ++bit)
            QVERIFY2(!pk.verify(flipBit(message, bit), signature),
                qPrintable(QStringLiteral("message bit %1").arg(bit)));
        for (qsizetype bit = 0; bit < signature.size() * 8; ++bit)
            QVERIFY2(!pk.verify(message, flipBit(signature, bit)),
                qPrintable(QStringLiteral("signature bit %1").arg(bit)));
        for (qsizetype bit = 0; bit < raw.size() * 8; ++bit) {
            // About half the flipped keys are not curve points and are refused outright; the others must
            // not verify.
            auto other = PublicKey::fromRaw(flipBit(raw, bit));
            if (other.ok())
                QVERIFY2(
                    !other->verify(message, signature), qPrintable(QStringLiteral("key bit %1").arg(bit)));
            else
                QCOMPARE(other.error().code, QStringLiteral("invalid_key"));
        }
        // Still fine after all those failures (the per-thread context is rebound correctly).
        QVERIFY(pk.verify(message, signature));
    }

    void otherMessagesFail()
    {
        const Vector &v = kVectors[1];
        const PublicKey pk = pub(v.publicKey);
        QVERIFY(!pk.verify(QByteArray(), hex(v.signature)));
        QVERIFY(!pk.verify(hex("7200"), hex(v.signature)));
        QVERIFY(!pk.verify(hex(kVectors[2].message), hex(v.signature)));
        // Another vector's valid signature, under this key.
        QVERIFY(!pk.verify(hex(kVectors[2].message), hex(kVectors[2].signature)));
    }

    void wrongLengthSignature()
    {
        const Vector &v = kVectors[2];
        const PublicKey pk = pub(v.publicKey);
        const QByteArray message = hex(v.message), sig = hex(v.signature);
        QVERIFY(!pk.verify(message, QByteArray()));
        QVERIFY(!pk.verify(message, sig.left(63)));
        QVERIFY(!pk.verify(message, sig + '\0'));
        QVERIFY(!pk.verify(message, sig + sig));
        QVERIFY(!pk.verify(message, QByteArray(64, '\0')));
        QVERIFY(!pk.verify(message, QByteArray(64, '\xff')));
        QVERIFY(pk.verify(message, sig));
    }

    void nonCanonicalScalarRejected()
    {
        // S + L (L = the group order) still fits in 256 bits; RFC 8032 §5.1.7 requires rejecting it.
        const Vector &v = kVectors[0];
        QByteArray sig = hex(v.signature);
        const QByteArray order
            = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"); // L, little endian
        int carry = 0;
        for (int i = 0; i < 32; ++i) {
            const int sum = uchar(sig.at(32 + i)) + uchar(order.at(i)) + carry;
            sig[32 + i] = char(sum & 0xff);
            carry = sum >> 8;
        }
        QCOMPARE(carry, 0);
        QVERIFY(!pub(v.publicKey).verify(hex(v.message), sig));
    }

    // Every signature OpenSSL's verifier accepted or refused, ours does too: fresh keys, messages of every
    // length up to 300 bytes, each signature and one copy with a flipped bit, and the signature under
    // another message.
    void agreesWithOpenSsl()
    {
        int accepted = 0;
        for (int i = 0; i < 300; ++i) {
            const PrivateKey key = PrivateKey::generate();
            const QByteArray raw = key.publicKey().raw();
            QByteArray message(i, Qt::Uninitialized);
            for (int j = 0; j < i; ++j)
                message[j] = char((i * 31 + j * 7) & 0xff);
            const QByteArray sig = key.sign(message);
            const QByteArray flipped = flipBit(sig, (i * 13) % 512);
            const QByteArray other = message + 'x';
            for (const auto &[m, s] :
                { std::pair { message, sig }, std::pair { message, flipped }, std::pair { other, sig } }) {
                const bool ours = key.publicKey().verify(m, s);
                QCOMPARE(ours, opensslVerifies(raw, m, s));
                accepted += ours ? 1 : 0;
            }
        }
        QCOMPARE(accepted, 300);
    }

    // The one difference from OpenSSL's rule: a signature whose R has small order. Only a key holder can
    // make one, and only on purpose; refusing it means every verifier, strict or not, accepts what we accept.
    void smallOrderRRefused()
    {
        const Vector &v = kVectors[0];
        const QByteArray raw = hex(v.publicKey), message("alliance-ledger/v1\ngrant.created\n{}");
        const QByteArray sig = identityRSignature(hex(v.secret), raw, message);
        QCOMPARE(sig.size(), 64);
        QVERIFY2(opensslVerifies(raw, message, sig), "the construction is a valid cofactorless signature");
        QVERIFY(!pub(v.publicKey).verify(message, sig));
        QVERIFY(!opensslVerifies(raw, message + 'x', sig)); // and it signs only this message
    }

    void invalidKeyBytes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("31 bytes") << hex(kVectors[0].publicKey).left(31);
        QTest::newRow("33 bytes") << hex(kVectors[0].publicKey) + '\0';
        QTest::newRow("64 bytes") << hex(kVectors[0].publicKey).repeated(2);
        // y = 2 has no x on the curve (checked against the RFC 8032 reference decoding).
        QTest::newRow("y=2, not a point") << flipBit(QByteArray(32, '\0'), 1);
        // y = 1 gives x = 0, which has no negative encoding.
        QTest::newRow("x=0 with sign bit") << flipBit(flipBit(QByteArray(32, '\0'), 0), 255);
        // y = p = 2^255 - 19 is not a canonical field element.
        QTest::newRow("y=p") << hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        QTest::newRow("all ones") << QByteArray(32, '\xff');
        // The 8 points of small order: valid encodings, but under them R = identity, S = 0 would verify
        // every message (OpenSSL accepts that), so they are refused.
        QTest::newRow("identity (order 1)") << flipBit(QByteArray(32, '\0'), 0);
        QTest::newRow("order 2") << hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        QTest::newRow("order 4, y=0") << QByteArray(32, '\0');
        QTest::newRow("order 4, y=0, x<0") << flipBit(QByteArray(32, '\0'), 255);
        QTest::newRow("order 8 a") << hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
        QTest::newRow("order 8 b") << hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");
        QTest::newRow("order 8 c") << hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
        QTest::newRow("order 8 d") << hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa");
    }

    void invalidKeyBytes()
    {
        QFETCH(QByteArray, raw);
        auto k = PublicKey::fromRaw(raw);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, QStringLiteral("invalid_key"));
        QVERIFY(!k.error().message.isEmpty());
    }

    void invalidKeysNeverVerify()
    {
        const PublicKey none;
        QVERIFY(!none.isValid());
        QVERIFY(none.raw().isEmpty());
        QVERIFY(none.keyId().isEmpty());
        QVERIFY(!none.verify(QByteArray(), hex(kVectors[0].signature)));
        QVERIFY(none == PublicKey());
        QVERIFY(!(none == pub(kVectors[0].publicKey)));

        const PrivateKey noSecret;
        QVERIFY(!noSecret.isValid());
        QVERIFY(!noSecret.publicKey().isValid());
        QVERIFY(noSecret.sign("x").isEmpty());
        QVERIFY(noSecret.seedForExportOnly().isEmpty());
        QVERIFY(noSecret.keyId().isEmpty());

        for (const QByteArray &seed : { QByteArray(), QByteArray(31, 'a'), QByteArray(33, 'a') }) {
            auto k = PrivateKey::fromSeed(seed);
            QVERIFY(!k.ok());
            QCOMPARE(k.error().code, QStringLiteral("invalid_key"));
        }
    }

    void keyIdFormatAndValue()
    {
        const PublicKey pk = pub(kVectors[0].publicKey);
        QCOMPARE(pk.keyId(), QLatin1String(kTest1KeyId));
        static const QRegularExpression re(QStringLiteral("^[0-9a-f]{32}$"));
        for (const Vector &v : kVectors)
            QVERIFY(re.match(pub(v.publicKey).keyId()).hasMatch());
        const PrivateKey fresh = PrivateKey::generate();
        QVERIFY(re.match(fresh.keyId()).hasMatch());
        QCOMPARE(fresh.keyId(), fresh.publicKey().keyId());
        const PublicKey copy = pk; // NOLINT(performance-unnecessary-copy-initialization): the copy is tested
        QCOMPARE(copy.keyId(), pk.keyId());
    }

    void equality()
    {
        const PublicKey a = pub(kVectors[0].publicKey);
        const PublicKey a2 = pub(kVectors[0].publicKey); // separate object, same bytes
        const PublicKey b = pub(kVectors[1].publicKey);
        QVERIFY(a == a2);
        QVERIFY(a == a);
        QVERIFY(!(a == b));
    }

    void generateRoundTrips()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 20; ++i) {
            const PrivateKey k = PrivateKey::generate();
            QVERIFY(k.isValid());
            QVERIFY(k.publicKey().isValid());
            QVERIFY(!seen.contains(k.publicKey().raw()));
            seen.insert(k.publicKey().raw());

            const QByteArray message = QByteArrayLiteral("alliance-ledger/v1\ngrant.created\n{\"n\":")
                + QByteArray::number(i) + '}';
            const QByteArray sig = k.sign(message);
            QCOMPARE(sig.size(), 64);
            QVERIFY(k.publicKey().verify(message, sig));
            QVERIFY(!k.publicKey().verify(message + ' ', sig));

            // The exported secret recreates the same key.
            QByteArray seed = k.seedForExportOnly();
            QCOMPARE(seed.size(), 32);
            auto again = PrivateKey::fromSeed(seed);
            OPENSSL_cleanse(seed.data(), size_t(seed.size()));
            QVERIFY(again.ok());
            QVERIFY(again->publicKey() == k.publicKey());
            QCOMPARE(again->sign(message), sig);

            // A public key rebuilt from its raw bytes verifies too.
            auto rebuilt = PublicKey::fromRaw(k.publicKey().raw());
            QVERIFY(rebuilt.ok());
            QVERIFY(rebuilt->verify(message, sig));
        }
    }

    void concurrentVerifyAndSign()
    {
        // Several threads share key objects; each alternates keys so its cached context is rebound often.
        std::vector<PublicKey> keys;
        std::vector<QByteArray> messages, sigs;
        for (const Vector &v : kVectors) {
            keys.push_back(pub(v.publicKey));
            messages.push_back(hex(v.message));
            sigs.push_back(hex(v.signature));
        }
        const PrivateKey signer = PrivateKey::generate();
        std::atomic<int> failures { 0 };
        std::vector<std::thread> threads;
        threads.reserve(4);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 400; ++i) {
                    const size_t k = size_t((i / (t + 1)) % int(keys.size()));
                    if (!keys[k].verify(messages[k], sigs[k]))
                        ++failures;
                    if (keys[k].verify(messages[k] + 'x', sigs[k]))
                        ++failures;
                    if (i % 50 == 0) {
                        const QByteArray m = QByteArray::number(t * 1000 + i);
                        if (!signer.publicKey().verify(m, signer.sign(m)))
                            ++failures;
                    }
                }
            });
        }
        for (auto &th : threads)
            th.join();
        QCOMPARE(failures.load(), 0);
    }

    void keyOutlivesItsObjects()
    {
        // Keys made and dropped one after another (a new one possibly at a freed one's address) are never
        // confused: each signature verifies under its own key only.
        for (int i = 0; i < 50; ++i) {
            const PrivateKey k = PrivateKey::generate();
            const QByteArray sig = k.sign("m");
            {
                auto p = PublicKey::fromRaw(k.publicKey().raw());
                QVERIFY(p->verify("m", sig));
            }
            auto other = PublicKey::fromRaw(PrivateKey::generate().publicKey().raw());
            QVERIFY(!other->verify("m", sig));
        }
    }
};

QTEST_GUILESS_MAIN(TestEd25519)
#include "tst_ed25519.moc"
