#pragma once
// Ed25519 (RFC 8032, pure mode) keys and signatures: keys and signing through OpenSSL 3 EVP, verification
// through libsodium (docs/DECISIONS.md).

#include "ledger/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace ledger::crypto {

// A public key. Immutable and cheap to copy (its bytes are shared); verify() is thread-safe.
class PublicKey
{
public:
    static constexpr qsizetype Size = 32;
    static constexpr qsizetype SignatureSize = 64;

    PublicKey(); // invalid: verify() is always false, raw() and keyId() are empty

    // The raw 32-byte RFC 8032 encoding. Error "invalid_key" if it is not 32 bytes, not the canonical
    // encoding of a point on the curve (RFC 8032 §5.1.3 decoding fails), or one of the 8 points of small
    // order (under which a signature of every message could be made without the secret).
    static ledger::Result<PublicKey> fromRaw(QByteArrayView raw32);

    bool isValid() const { return m_d != nullptr; }
    QByteArray raw() const;
    // Lowercase hex of the first 16 bytes of SHA-256(raw key): 32 characters. Computed once per key.
    QString keyId() const;

    // True only for a valid 64-byte signature of exactly these bytes; false for everything else (wrong
    // length, invalid key, bad signature). Never throws, allocates nothing on the common path.
    bool verify(QByteArrayView message, QByteArrayView signature) const;

    bool operator==(const PublicKey &other) const;

private:
    struct Data;
    std::shared_ptr<const Data> m_d;
};

// A private key. Copies share the same OpenSSL key, which clears its secret when the last copy goes.
class PrivateKey
{
public:
    static constexpr qsizetype SeedSize = 32;

    PrivateKey(); // invalid

    static PrivateKey generate(); // a fresh key from the OpenSSL CSPRNG
    // The RFC 8032 secret key (32 bytes). Error "invalid_key" if it is not 32 bytes.
    static ledger::Result<PrivateKey> fromSeed(QByteArrayView seed32);

    bool isValid() const { return m_d != nullptr; }
    PublicKey publicKey() const;
    QString keyId() const;

    // The 64-byte signature of message; empty only if the key is invalid.
    QByteArray sign(QByteArrayView message) const;

    // The raw 32-byte secret. Only for the key file writer and tests; the caller must OPENSSL_cleanse it.
    QByteArray seedForExportOnly() const;

private:
    struct Data;
    std::shared_ptr<const Data> m_d;
};

} // namespace ledger::crypto
