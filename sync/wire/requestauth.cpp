#include "sync/wire/requestauth.h"

#include "ledger/crypto/sha256.h"

namespace syncwire {

QByteArray requestMessage(
    QByteArrayView method, QByteArrayView pathAndQuery, QByteArrayView body, qint64 timeMs)
{
    QByteArray m;
    m.reserve(40 + method.size() + pathAndQuery.size() + 64 + 20);
    m.append("alliance-request/v1\n");
    m.append(method);
    m.append('\n');
    m.append(pathAndQuery);
    m.append('\n');
    m.append(ledger::crypto::Sha256::hash(body).toHex());
    m.append('\n');
    m.append(QByteArray::number(timeMs));
    return m;
}

AuthHeaders signRequest(const ledger::crypto::PrivateKey &key, QByteArrayView method,
    QByteArrayView pathAndQuery, QByteArrayView body, qint64 timeMs)
{
    const QByteArray sig = key.sign(requestMessage(method, pathAndQuery, body, timeMs));
    return AuthHeaders { key.keyId().toLatin1(), QByteArray::number(timeMs), sig.toBase64() };
}

std::optional<qint64> parseTime(QByteArrayView header)
{
    if (header.isEmpty() || header.size() > 15)
        return std::nullopt;
    qint64 v = 0;
    for (char c : header) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

QByteArray parseSignature(QByteArrayView header)
{
    if (header.size() != 88)
        return {};
    auto decoded
        = QByteArray::fromBase64Encoding(header.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != ledger::crypto::PublicKey::SignatureSize)
        return {};
    // Only the canonical encoding: re-encoding must give the same text (no alternative padding bits).
    if (decoded.decoded.toBase64() != header)
        return {};
    return decoded.decoded;
}

bool isKeyId(QByteArrayView header)
{
    if (header.size() != 32)
        return false;
    for (char c : header)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

bool verifyRequest(const ledger::crypto::PublicKey &key, QByteArrayView method, QByteArrayView pathAndQuery,
    QByteArrayView body, qint64 timeMs, QByteArrayView rawSignature)
{
    return key.verify(requestMessage(method, pathAndQuery, body, timeMs), rawSignature);
}

} // namespace syncwire
