#pragma once
// The JSON bodies of registry protocol v1 (docs/SYNC-PROTOCOL.md), one encode and one strict decode per
// message. Encoders write canonical JSON; decoders accept any well-formed JSON (whitespace, member order)
// but check every field's type and size, and fail with `code` (the server passes kBadRequest, a client
// kInvalidResponse) and a message naming the field. Nothing here does I/O.

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace syncwire {

inline constexpr char kBadRequest[] = "bad_request";
inline constexpr char kInvalidResponse[] = "invalid_response";
inline constexpr int kDefaultMaxBatch = 1000;
inline constexpr qsizetype kDefaultMaxBody = 4 * 1024 * 1024;
inline constexpr int kMaxPageLimit = 1000;
inline constexpr size_t kMaxResponseBytes = 256u * 1024 * 1024; // a page of 1000 entries of <= 64 KiB each

// {"error":{"code":..., "message":...}}
QByteArray encodeError(const ledger::Error &error);
// The error a registry sent; an "invalid_response" error if the body is not one.
ledger::Error decodeError(QByteArrayView body);

// POST /v1/entries request. Decoding fills SignedEntry::type from the entry bytes. Entry bytes that are not a
// well-formed entry are kept (type from their "type" member, if any): the sequencer answers them with a
// signed rejection receipt (invalid_entry, non_canonical, ...) like any other bad entry. Only a body that is
// not this shape (JSON, base64, a 64-byte signature, a valid 32-byte key) is refused.
QByteArray encodeSubmit(const std::vector<ledger::SignedEntry> &entries);
ledger::Result<std::vector<ledger::SignedEntry>> decodeSubmit(
    QByteArrayView body, int maxBatch, const char *code = kBadRequest);

// A signed rejection: rejection = canonical JSON {"at","code","entry_id","message"}; the checkpoint key
// signs "alliance-rejection/v1\n" || rejection.
QByteArray rejectionBytes(
    int64_t at, const QString &code, const QByteArray &entryIdHex, const QString &message);
QByteArray rejectionMessage(QByteArrayView rejection);

struct WireReceipt
{
    QByteArray entryId; // 32 raw bytes (hex on the wire)
    bool sequenced = false;
    int64_t seq = -1; // when sequenced
    int64_t sequencedAt = 0; // when sequenced
    QString code; // when rejected
    QString message; // when rejected
    QByteArray rejection; // when rejected: the signed canonical JSON
    QByteArray rejectionSig; // 64 bytes

    // For a rejection: the signature verifies under the checkpoint key and the signed JSON says the same
    // entry id and code as the receipt.
    bool verifyRejection(const ledger::crypto::PublicKey &checkpointKey) const;
};

struct SubmitResponse
{
    std::vector<WireReceipt> receipts;
    QByteArray checkpoint; // the signed note after the batch
};
QByteArray encodeSubmitResponse(const SubmitResponse &response);
ledger::Result<SubmitResponse> decodeSubmitResponse(QByteArrayView body, const char *code = kInvalidResponse);

// GET /v1/checkpoint
struct CheckpointResponse
{
    QByteArray checkpoint;
    int64_t treeSize = 0;
    QByteArray root; // 32 bytes
};
QByteArray encodeCheckpoint(const CheckpointResponse &response);
ledger::Result<CheckpointResponse> decodeCheckpoint(QByteArrayView body, const char *code = kInvalidResponse);

// GET /v1/entries
struct PageEntry
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    ledger::SignedEntry entry; // type filled in by the decoder
    std::optional<QList<QByteArray>> proof; // only for filtered views
};
struct Page
{
    int64_t treeSize = 0;
    QByteArray checkpoint;
    std::optional<int64_t> next;
    std::vector<PageEntry> entries;
};
QByteArray encodePage(const Page &page);
// Author keys already checked to be curve points, by their raw bytes. A pull keeps one across its pages: the
// check (a Legendre symbol) costs about a fifth of a signature check, and a log has few authors.
using KeyCache = std::map<QByteArray, ledger::crypto::PublicKey>;
struct PageDecoding
{
    // Leave each entry's bytes undecoded and its `type` empty, for a caller that decodes every entry once
    // itself while checking its signature (ledger::replica::Replica::verifyPage). Default: decode them here,
    // and refuse a page with bytes that are not an entry.
    bool deferEntries = false;
    KeyCache *keys = nullptr; // optional; kept by the caller across pages (a pull bounds its size)
};
ledger::Result<Page> decodePage(
    QByteArrayView body, const char *code = kInvalidResponse, PageDecoding how = {});

// GET /v1/proof/inclusion and /v1/proof/consistency
struct InclusionProof
{
    int64_t seq = 0;
    int64_t treeSize = 0;
    QList<QByteArray> proof;
};
QByteArray encodeInclusion(const InclusionProof &p);
ledger::Result<InclusionProof> decodeInclusion(QByteArrayView body, const char *code = kInvalidResponse);

struct ConsistencyProof
{
    int64_t from = 0;
    int64_t to = 0;
    QList<QByteArray> proof;
};
QByteArray encodeConsistency(const ConsistencyProof &p);
ledger::Result<ConsistencyProof> decodeConsistency(QByteArrayView body, const char *code = kInvalidResponse);

// GET /v1/me
struct Me
{
    QString keyId;
    QString name;
    QString role;
    QString startup; // empty unless role is startup
    QString sponsor; // empty unless role is sponsor
};
QByteArray encodeMe(const Me &me);
ledger::Result<Me> decodeMe(QByteArrayView body, const char *code = kInvalidResponse);

// GET /v1/health
struct Health
{
    QString status;
    int64_t treeSize = 0;
    QString origin;
};
QByteArray encodeHealth(const Health &h);
ledger::Result<Health> decodeHealth(QByteArrayView body, const char *code = kInvalidResponse);

} // namespace syncwire
