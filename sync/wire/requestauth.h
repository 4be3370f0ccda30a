#pragma once
// Request authentication of registry protocol v1 (docs/SYNC-PROTOCOL.md, "Authentication"):
//
//   message = "alliance-request/v1\n" || METHOD || "\n" || PATH_AND_QUERY || "\n" || hex(SHA-256(body))
//             || "\n" || TIME
//
// signed with the member's Ed25519 key and sent as three headers. Both ends build the message with this one
// function, so they cannot disagree about it.

#include "ledger/crypto/ed25519.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace syncwire {

inline constexpr char kKeyHeader[] = "X-Alliance-Key";
inline constexpr char kTimeHeader[] = "X-Alliance-Time";
inline constexpr char kSignatureHeader[] = "X-Alliance-Signature";
inline constexpr qint64 kDefaultAuthWindowMs = 300'000;

// The exact bytes that are signed. `method` is upper case ("GET"), `pathAndQuery` the request target as sent.
QByteArray requestMessage(
    QByteArrayView method, QByteArrayView pathAndQuery, QByteArrayView body, qint64 timeMs);

// The three header values.
struct AuthHeaders
{
    QByteArray keyId; // 32 lowercase hex digits
    QByteArray time; // decimal ms since the epoch
    QByteArray signature; // base64 of the 64-byte signature
};

AuthHeaders signRequest(const ledger::crypto::PrivateKey &key, QByteArrayView method,
    QByteArrayView pathAndQuery, QByteArrayView body, qint64 timeMs);

// Strict parse of X-Alliance-Time: decimal digits only, no sign, at most 15 digits. nullopt otherwise.
std::optional<qint64> parseTime(QByteArrayView header);
// Strict parse of X-Alliance-Signature: standard base64 of exactly 64 bytes. Empty otherwise.
QByteArray parseSignature(QByteArrayView header);
// True if header is 32 lowercase hex digits (a key id).
bool isKeyId(QByteArrayView header);

// Checks the signature only (key lookup, the time window and replays are the registry's business).
bool verifyRequest(const ledger::crypto::PublicKey &key, QByteArrayView method, QByteArrayView pathAndQuery,
    QByteArrayView body, qint64 timeMs, QByteArrayView rawSignature);

} // namespace syncwire
