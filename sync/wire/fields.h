#pragma once
// Strict accessors for JSON objects received from the other end: each returns a Result whose error
// (code "invalid_response" or the code the caller chose) names the field. Used by messages.cpp.

#include "ledger/codec/json.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <string>

namespace syncwire::fields {

class Reader
{
public:
    // `code` is the error code for any problem ("bad_request" on the server, "invalid_response" on the
    // client).
    Reader(const ledger::json::Value &object, const char *code)
        : m_o(object)
        , m_code(code)
    { }

    ledger::Result<std::string> string(const char *key) const;
    ledger::Result<int64_t> integer(const char *key, int64_t min, int64_t max) const;
    // An integer or null (nullopt).
    ledger::Result<std::optional<int64_t>> optionalInteger(const char *key, int64_t min, int64_t max) const;
    // Standard base64; exactLength >= 0 demands that many decoded bytes; maxLength bounds it otherwise.
    ledger::Result<QByteArray> base64(
        const char *key, qsizetype exactLength, qsizetype maxLength = 1 << 20) const;
    // An array of base64 32-byte hashes (at most 64: a proof of a tree below 2^64 leaves).
    ledger::Result<QList<QByteArray>> hashes(const char *key) const;
    bool has(const char *key) const { return m_o.find(key) != nullptr; }
    const ledger::json::Value *find(const char *key) const { return m_o.find(key); }
    ledger::Error error(const QString &message) const;

private:
    const ledger::json::Value &m_o;
    const char *m_code;
};

// Parses a body that must be a JSON object (code on failure: `code`).
ledger::Result<ledger::json::Value> parseObject(QByteArrayView body, const char *code, size_t maxBytes);

std::string toBase64(QByteArrayView bytes);
ledger::json::Value hashList(const QList<QByteArray> &hashes);

} // namespace syncwire::fields
