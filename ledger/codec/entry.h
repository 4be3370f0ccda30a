#pragma once
// A ledger entry: {type, author, created_at, nonce, body}, serialised once by its author as canonical JSON
// and signed over a domain-separated message. The exact bytes are kept; nobody re-serialises to verify.
//
//   M   = "alliance-ledger/v1\n" || type || "\n" || canonical_json(entry)
//   sig = Ed25519(M)
//   id  = SHA-256(M || sig)

#include "ledger/codec/json.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/result.h"

#include <QByteArray>

#include <string>

namespace ledger {

inline constexpr std::string_view kDomainPrefix = "alliance-ledger/v1\n";
inline constexpr size_t kMaxEntryBytes = 64 * 1024;

struct Entry
{
    std::string type; // e.g. "grant.created"
    std::string author; // key id: hex of the first 16 bytes of SHA-256(public key)
    int64_t createdAt = 0; // ms since the epoch, UTC
    std::string nonce; // 32 lowercase hex digits, unique per author
    json::Value body; // an object

    json::Value toJson() const;
};

// An entry as it travels and is stored: the exact signed bytes, the signature and the signer's key.
struct SignedEntry
{
    QByteArray bytes; // canonical JSON of the entry
    QByteArray signature; // 64 bytes
    crypto::PublicKey authorKey;
    std::string type; // as in the bytes; kept beside them so the signed message can be rebuilt cheaply

    QByteArray id() const; // 32 bytes
};

// The exact message that is signed.
QByteArray signedMessage(std::string_view type, QByteArrayView bytes);
// SHA-256(M || sig), without building M in memory.
QByteArray entryId(std::string_view type, QByteArrayView bytes, QByteArrayView signature);

// A fresh nonce, 32 lowercase hex digits: the time (6 bytes, big-endian milliseconds since the epoch), then
// 10 random bytes. Nonces are opaque to the rules (any 32 hex digits will do); putting the time first makes
// one author's nonces sort in the order they were made, so the log's (author, nonce) index grows at its end
// instead of dirtying a random page for every entry.
std::string makeNonce();

// Serialises and signs. The entry's author must be the key's id.
SignedEntry signEntry(const Entry &entry, const crypto::PrivateKey &key);

// Parses and checks the shape of an entry: exactly the five fields, canonical bytes, a known-looking type,
// a 32-hex author and nonce, an object body. Does not check the signature or any rule.
// `checkCanonical` false skips the re-serialisation check, for replaying a log already verified.
Result<Entry> decodeEntry(QByteArrayView bytes, bool checkCanonical = true);

// decodeEntry, plus: the type column matches, the author is the key's id, and the signature verifies.
Result<Entry> openSignedEntry(const SignedEntry &entry);

// The signature half of openSignedEntry, for callers that decoded `decoded` from `entry.bytes` themselves:
// the author is the key's id and the signature over the domain-separated bytes verifies.
Result<void> verifyDecodedEntry(const SignedEntry &entry, const Entry &decoded);

} // namespace ledger
