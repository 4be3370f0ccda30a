#include "ledger/crypto/ed25519.h"

#include "ledger/crypto/sha256.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>

namespace ledger::crypto {

namespace {

// RFC 8032 §5.1.3: does raw decode to a point on edwards25519? OpenSSL accepts any 32 bytes as a raw public
// key (and only fails later, in every verify), so fromRaw checks here: y < p, and x^2 = (y^2 - 1) / (d y^2 +
// 1) has a root (x = 0 only with the sign bit clear). Runs once per key, not per signature.
class CurveCheck
{
public:
    CurveCheck()
    {
        BN_CTX *ctx = BN_CTX_new();
        m_p = BN_new();
        m_d = BN_new();
        BIGNUM *t = BN_new();
        bool ok = ctx && m_p && m_d && t && BN_set_bit(m_p, 255) && BN_sub_word(m_p, 19) // p = 2^255 - 19
            && BN_set_word(t, 121666) && BN_mod_inverse(t, t, m_p, ctx) // 1/121666
            && BN_set_word(m_d, 121665) && BN_mod_mul(m_d, m_d, t, m_p, ctx) // 121665/121666
            && BN_sub(m_d, m_p, m_d); // d = -121665/121666
        BN_free(t);
        BN_CTX_free(ctx);
        if (!ok)
            qFatal("ledger::crypto: cannot set up the edwards25519 constants");
    }

    bool isPoint(const unsigned char raw[32]) const
    {
        unsigned char be[32];
        for (int i = 0; i < 32; ++i)
            be[i] = raw[31 - i];
        const bool xNegative = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;

        struct ThreadBnCtx
        {
            BN_CTX *ctx = BN_CTX_new();
            ~ThreadBnCtx() { BN_CTX_free(ctx); }
        };
        thread_local ThreadBnCtx t;
        BN_CTX *ctx = t.ctx;
        if (ctx == nullptr)
            return false;
        BN_CTX_start(ctx);
        BIGNUM *y = BN_CTX_get(ctx);
        BIGNUM *y2 = BN_CTX_get(ctx);
        BIGNUM *u = BN_CTX_get(ctx);
        BIGNUM *v = BN_CTX_get(ctx);
        bool result = false;
        if (v != nullptr && BN_bin2bn(be, 32, y) != nullptr && BN_cmp(y, m_p) < 0
            && BN_mod_sqr(y2, y, m_p, ctx) && BN_mod_sub(u, y2, BN_value_one(), m_p, ctx) // u = y^2 - 1
            && BN_mod_mul(v, m_d, y2, m_p, ctx)
            && BN_mod_add(v, v, BN_value_one(), m_p, ctx)) { // v = d y^2 + 1
            if (BN_is_zero(u)) {
                result = !xNegative; // x = 0 has no negative encoding
            } else {
                // v != 0 (d is not a square), so u/v is a square iff u*v is one.
                result = BN_mod_mul(u, u, v, m_p, ctx) && BN_kronecker(u, m_p, ctx) == 1;
            }
        }
        BN_CTX_end(ctx);
        ERR_clear_error();
        return result;
    }

private:
    BIGNUM *m_p = nullptr; // both live until exit
    BIGNUM *m_d = nullptr;
};

bool isCurvePoint(const unsigned char raw[32])
{
    static const CurveCheck check;
    return check.isPoint(raw);
}

// The canonical encodings of the 8 points of small order (1, 2, 4, 8). OpenSSL accepts them as public keys,
// and under such a key a signature with R = the identity and S = 0 verifies for every message, so a key
// nobody holds the secret of could "sign" anything. fromRaw refuses them (as libsodium does). Non-canonical
// encodings of these points are already refused by isCurvePoint.
const unsigned char kSmallOrder[8][32] = {
    { 0x01 }, // identity, order 1
    { 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f }, // order 2
    { 0x00 }, // order 4
    { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 }, // order 4
    { 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5,
        0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05 }, // order 8
    { 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5,
        0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x85 }, // order 8
    { 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a,
        0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a }, // order 8
    { 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a,
        0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0xfa }, // order 8
};

bool hasSmallOrder(const unsigned char raw[32])
{
    for (const auto &bad : kSmallOrder) {
        if (std::memcmp(raw, bad, 32) == 0)
            return true;
    }
    return false;
}

// Each thread keeps one EVP_MD_CTX for verifying. OpenSSL's Ed25519 one-shot verify keeps no state between
// calls, so while a thread verifies signatures by the same key (the usual case when sequencing a batch)
// the context stays initialised and a verify costs no allocation. The context holds a reference to the
// key it is bound to, so the pointer comparison cannot be fooled by a freed and reused address.
struct VerifyContext
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const EVP_PKEY *bound = nullptr;

    VerifyContext() = default;
    VerifyContext(const VerifyContext &) = delete;
    VerifyContext &operator=(const VerifyContext &) = delete;
    ~VerifyContext() { EVP_MD_CTX_free(ctx); }

    bool bind(EVP_PKEY *pkey)
    {
        bound = nullptr;
        EVP_MD_CTX_reset(ctx);
        if (EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr) != 1)
            return false;
        bound = pkey;
        return true;
    }
};

// RFC 8032 §7.1 TEST 1, used once per process to check that this OpenSSL lets an initialised context verify
// more than once (3.0 does; a later release that forbids it makes verify() re-initialise every time).
const unsigned char kProbeKey[32]
    = { 0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e,
          0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a };
const unsigned char kProbeSig[64]
    = { 0xe5, 0x56, 0x43, 0x00, 0xc3, 0x60, 0xac, 0x72, 0x90, 0x86, 0xe2, 0xcc, 0x80, 0x6e, 0x82, 0x8a, 0x84,
          0x87, 0x7f, 0x1e, 0xb8, 0xe5, 0xd9, 0x74, 0xd8, 0x73, 0xe0, 0x65, 0x22, 0x49, 0x01, 0x55, 0x5f,
          0xb8, 0x82, 0x15, 0x90, 0xa3, 0x3b, 0xac, 0xc6, 0x1e, 0x39, 0x70, 0x1c, 0xf9, 0xb4, 0x6b, 0xd2,
          0x5b, 0xf5, 0xf0, 0x59, 0x5b, 0xbe, 0x24, 0x65, 0x51, 0x41, 0x43, 0x8e, 0x7a, 0x10, 0x0b };

bool contextReuseWorks()
{
    static const bool works = [] {
        EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, kProbeKey, 32);
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        bool ok = pkey && ctx
            && EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr) == 1;
        for (int i = 0; ok && i < 3; ++i)
            ok = EVP_DigestVerify(ctx, kProbeSig, 64, nullptr, 0) == 1;
        unsigned char bad[64];
        std::memcpy(bad, kProbeSig, 64);
        bad[0] ^= 1;
        ok = ok && EVP_DigestVerify(ctx, bad, 64, nullptr, 0) != 1
            && EVP_DigestVerify(ctx, kProbeSig, 64, nullptr, 0) == 1;
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(pkey);
        ERR_clear_error();
        return ok;
    }();
    return works;
}

ledger::Error invalidKey(QString message)
{
    return ledger::makeError("invalid_key", std::move(message));
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// PublicKey

struct PublicKey::Data
{
    EVP_PKEY *pkey = nullptr;
    unsigned char raw[32] = {};
    QString keyId;

    Data() = default;
    Data(const Data &) = delete;
    Data &operator=(const Data &) = delete;
    ~Data() { EVP_PKEY_free(pkey); }
};

PublicKey::PublicKey() = default;

ledger::Result<PublicKey> PublicKey::fromRaw(QByteArrayView raw32)
{
    if (raw32.size() != Size)
        return invalidKey(QStringLiteral("An Ed25519 public key is 32 bytes, not %1.").arg(raw32.size()));
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw32.data());
    if (!isCurvePoint(bytes))
        return invalidKey(
            QStringLiteral("These 32 bytes do not encode an Ed25519 public key (not a curve point)."));
    if (hasSmallOrder(bytes))
        return invalidKey(QStringLiteral(
            "These 32 bytes encode a point of small order, which is not a usable public key."));

    auto d = std::make_shared<Data>();
    d->pkey = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, bytes, 32);
    if (d->pkey == nullptr) {
        ERR_clear_error();
        return invalidKey(QStringLiteral("OpenSSL refused the Ed25519 public key."));
    }
    std::memcpy(d->raw, bytes, 32);
    unsigned char digest[32];
    Sha256 sha;
    sha.add(bytes, 32).finishInto(digest);
    d->keyId
        = QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char *>(digest), 16).toHex());

    PublicKey key;
    key.m_d = std::move(d);
    return key;
}

QByteArray PublicKey::raw() const
{
    if (!m_d)
        return {};
    return QByteArray(reinterpret_cast<const char *>(m_d->raw), Size);
}

QString PublicKey::keyId() const
{
    return m_d ? m_d->keyId : QString();
}

bool PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_d || signature.size() != SignatureSize)
        return false;
    thread_local VerifyContext t;
    if (t.ctx == nullptr)
        return false;
    if (t.bound != m_d->pkey || !contextReuseWorks()) {
        if (!t.bind(m_d->pkey)) {
            ERR_clear_error();
            return false;
        }
    }
    const int rc = EVP_DigestVerify(t.ctx, reinterpret_cast<const unsigned char *>(signature.data()),
        size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.data()),
        size_t(message.size()));
    if (rc != 1) {
        ERR_clear_error();
        return false;
    }
    return true;
}

bool PublicKey::operator==(const PublicKey &other) const
{
    if (m_d == other.m_d)
        return true;
    if (!m_d || !other.m_d)
        return false;
    return std::memcmp(m_d->raw, other.m_d->raw, 32) == 0;
}

// ---------------------------------------------------------------------------------------------------------
// PrivateKey

struct PrivateKey::Data
{
    EVP_PKEY *pkey = nullptr; // OpenSSL clears the secret when it frees the key
    PublicKey publicKey;

    Data() = default;
    Data(const Data &) = delete;
    Data &operator=(const Data &) = delete;
    ~Data() { EVP_PKEY_free(pkey); }
};

PrivateKey::PrivateKey() = default;

PrivateKey PrivateKey::generate()
{
    // What OpenSSL's own Ed25519 key generation does: 32 bytes from the private CSPRNG are the secret key.
    unsigned char seed[SeedSize];
    if (RAND_priv_bytes(seed, sizeof seed) != 1) {
        ERR_clear_error();
        return PrivateKey();
    }
    auto key = fromSeed(QByteArrayView(reinterpret_cast<const char *>(seed), sizeof seed));
    OPENSSL_cleanse(seed, sizeof seed);
    return key ? *key : PrivateKey();
}

ledger::Result<PrivateKey> PrivateKey::fromSeed(QByteArrayView seed32)
{
    if (seed32.size() != SeedSize)
        return invalidKey(QStringLiteral("An Ed25519 secret key is 32 bytes, not %1.").arg(seed32.size()));
    EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key_ex(
        nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char *>(seed32.data()), 32);
    if (pkey == nullptr) {
        ERR_clear_error();
        return invalidKey(QStringLiteral("OpenSSL refused the Ed25519 secret key."));
    }
    unsigned char pub[32];
    size_t len = sizeof pub;
    if (EVP_PKEY_get_raw_public_key(pkey, pub, &len) != 1 || len != 32) {
        EVP_PKEY_free(pkey);
        ERR_clear_error();
        return invalidKey(QStringLiteral("OpenSSL could not derive the Ed25519 public key."));
    }
    auto pubKey = PublicKey::fromRaw(QByteArrayView(reinterpret_cast<const char *>(pub), 32));
    if (!pubKey) { // cannot happen: a derived public key is always a curve point
        EVP_PKEY_free(pkey);
        return pubKey.error();
    }
    auto d = std::make_shared<Data>();
    d->pkey = pkey;
    d->publicKey = *pubKey;
    PrivateKey key;
    key.m_d = std::move(d);
    return key;
}

PublicKey PrivateKey::publicKey() const
{
    return m_d ? m_d->publicKey : PublicKey();
}

QString PrivateKey::keyId() const
{
    return m_d ? m_d->publicKey.keyId() : QString();
}

QByteArray PrivateKey::sign(QByteArrayView message) const
{
    if (!m_d)
        return {};
    struct SignContext
    {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ~SignContext() { EVP_MD_CTX_free(ctx); }
    };
    thread_local SignContext t;
    if (t.ctx == nullptr)
        return {};
    QByteArray sig(PublicKey::SignatureSize, Qt::Uninitialized);
    size_t len = size_t(sig.size());
    const bool ok = EVP_DigestSignInit_ex(t.ctx, nullptr, nullptr, nullptr, nullptr, m_d->pkey, nullptr) == 1
        && EVP_DigestSign(t.ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
               reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()))
            == 1
        && len == size_t(PublicKey::SignatureSize);
    EVP_MD_CTX_reset(t.ctx); // do not keep a reference to the private key in the thread
    if (!ok) {
        ERR_clear_error();
        return {};
    }
    return sig;
}

QByteArray PrivateKey::seedForExportOnly() const
{
    if (!m_d)
        return {};
    QByteArray seed(SeedSize, '\0');
    size_t len = size_t(seed.size());
    if (EVP_PKEY_get_raw_private_key(m_d->pkey, reinterpret_cast<unsigned char *>(seed.data()), &len) != 1
        || len != size_t(SeedSize)) {
        OPENSSL_cleanse(seed.data(), size_t(seed.size()));
        ERR_clear_error();
        return {};
    }
    return seed;
}

} // namespace ledger::crypto
