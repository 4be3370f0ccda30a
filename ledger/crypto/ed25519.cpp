#include "ledger/crypto/ed25519.h"

#include "ledger/crypto/sha256.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sodium.h>

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

// libsodium's verifier, set up once per process. It checks the same equation as OpenSSL's (RFC 8032 §5.1.7,
// without the cofactor) about twice as fast on the machines we measured (docs/DECISIONS.md), and is stricter
// in one case an honest signer never produces: it refuses a signature whose R is a point of small order.
bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
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
    unsigned char raw[32] = {};
    QString keyId;
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
    if (!m_d || signature.size() != SignatureSize || !sodiumReady())
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.data()),
               reinterpret_cast<const unsigned char *>(message.data()), quint64(message.size()), m_d->raw)
        == 0;
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
