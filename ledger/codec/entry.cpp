#include "ledger/codec/entry.h"

#include "ledger/crypto/sha256.h"

#include <QDateTime>

#include <openssl/rand.h>

namespace ledger {

namespace {

bool isLowerHex(std::string_view s, size_t len)
{
    if (s.size() != len)
        return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// Types look like "word.word" in lowercase with underscores; the rules engine decides which exist.
bool isTypeName(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.'))
            return false;
    }
    return s.front() != '.' && s.back() != '.';
}

// True when `v` serialises canonically to exactly `text`.
bool serialisesTo(const json::Value &v, std::string_view text)
{
    thread_local std::string buffer;
    buffer.clear();
    json::appendCanonical(buffer, v);
    return buffer == text;
}

Error shapeError(QString message)
{
    return makeError("invalid_entry", std::move(message));
}

} // namespace

json::Value Entry::toJson() const
{
    json::Value v;
    v.set("author", json::Value(author));
    v.set("body", body);
    v.set("created_at", json::Value(createdAt));
    v.set("nonce", json::Value(nonce));
    v.set("type", json::Value(type));
    return v;
}

QByteArray SignedEntry::id() const
{
    return entryId(type, bytes, signature);
}

QByteArray signedMessage(std::string_view type, QByteArrayView bytes)
{
    QByteArray m;
    m.reserve(qsizetype(kDomainPrefix.size() + type.size() + 1 + bytes.size()));
    m.append(kDomainPrefix.data(), qsizetype(kDomainPrefix.size()));
    m.append(type.data(), qsizetype(type.size()));
    m.append('\n');
    m.append(bytes);
    return m;
}

QByteArray entryId(std::string_view type, QByteArrayView bytes, QByteArrayView signature)
{
    thread_local crypto::Sha256 h;
    h.add(kDomainPrefix.data(), kDomainPrefix.size());
    h.add(type.data(), type.size());
    h.addByte('\n');
    h.add(bytes);
    h.add(signature);
    return h.finish();
}

std::string makeNonce()
{
    unsigned char raw[16];
    const auto ms = uint64_t(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        raw[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    // Without randomness two entries made in the same millisecond could collide; refuse to go on.
    if (RAND_bytes(raw + 6, 10) != 1)
        qFatal("OpenSSL's random generator failed; cannot make a nonce");
    return QByteArray(reinterpret_cast<const char *>(raw), sizeof raw).toHex().toStdString();
}

SignedEntry signEntry(const Entry &entry, const crypto::PrivateKey &key)
{
    SignedEntry s;
    s.bytes = json::canonical(entry.toJson());
    s.type = entry.type;
    s.signature = key.sign(signedMessage(entry.type, s.bytes));
    s.authorKey = key.publicKey();
    return s;
}

Result<Entry> decodeEntry(QByteArrayView bytes, bool checkCanonical)
{
    if (size_t(bytes.size()) > kMaxEntryBytes)
        return shapeError(
            QStringLiteral("The entry is %1 bytes; the limit is %2.").arg(bytes.size()).arg(kMaxEntryBytes));
    const std::string_view text(bytes.data(), size_t(bytes.size()));
    auto parsed = json::parse(text);
    if (!parsed)
        return parsed.error();
    const json::Value &v = parsed.value();
    if (!v.isObject())
        return shapeError(QStringLiteral("An entry must be a JSON object."));
    const auto &obj = v.toObject();
    if (obj.size() != 5)
        return shapeError(
            QStringLiteral("An entry has exactly the fields author, body, created_at, nonce and type."));
    const json::Value *type = v.find("type");
    const json::Value *author = v.find("author");
    const json::Value *createdAt = v.find("created_at");
    const json::Value *nonce = v.find("nonce");
    const json::Value *body = v.find("body");
    if (!type || !author || !createdAt || !nonce || !body)
        return shapeError(
            QStringLiteral("An entry has exactly the fields author, body, created_at, nonce and type."));
    if (!type->isString() || !isTypeName(type->toString()))
        return shapeError(QStringLiteral("The entry type is not a valid type name."));
    if (!author->isString() || !isLowerHex(author->toString(), 32))
        return shapeError(QStringLiteral("The author must be a key id of 32 lowercase hex digits."));
    if (!nonce->isString() || !isLowerHex(nonce->toString(), 32))
        return shapeError(QStringLiteral("The nonce must be 32 lowercase hex digits."));
    if (!createdAt->isInt() || createdAt->toInt() < 0)
        return shapeError(QStringLiteral("created_at must be a non-negative integer of milliseconds."));
    if (!body->isObject())
        return shapeError(QStringLiteral("The body must be a JSON object."));
    if (checkCanonical && !serialisesTo(v, text))
        return makeError(
            "non_canonical", QStringLiteral("The entry bytes are not canonical JSON (RFC 8785)."));

    // The parsed tree is ours and dies here: move its parts out rather than copy them (the body is a whole
    // tree of strings and vectors).
    auto take = [](const json::Value *field) -> json::Value && {
        return std::move(*const_cast<json::Value *>(field));
    };
    auto takeString = [](const json::Value *field) -> std::string && {
        return std::move(const_cast<std::string &>(field->toString()));
    };
    Entry e;
    e.type = takeString(type);
    e.author = takeString(author);
    e.createdAt = createdAt->toInt();
    e.nonce = takeString(nonce);
    e.body = take(body);
    return e;
}

Result<Entry> openSignedEntry(const SignedEntry &s)
{
    auto decoded = decodeEntry(s.bytes);
    if (!decoded)
        return decoded.error();
    if (decoded->type != s.type)
        return makeError("invalid_entry", QStringLiteral("The stored type does not match the signed entry."));
    LEDGER_TRY(verifyDecodedEntry(s, decoded.value()));
    return decoded;
}

Result<void> verifyDecodedEntry(const SignedEntry &s, const Entry &e)
{
    if (!s.authorKey.isValid()
        || s.authorKey.keyId() != QLatin1String(e.author.data(), qsizetype(e.author.size())))
        return makeError(
            "bad_signature", QStringLiteral("The author's key does not match the entry's author id."));
    // The signed message, built in a per-thread buffer (this runs once per entry on every core).
    thread_local std::string message;
    message.clear();
    message.append(kDomainPrefix)
        .append(e.type)
        .append(1, '\n')
        .append(s.bytes.constData(), size_t(s.bytes.size()));
    if (!s.authorKey.verify(QByteArrayView(message.data(), qsizetype(message.size())), s.signature))
        return makeError("bad_signature", QStringLiteral("The signature does not verify."));
    return {};
}

} // namespace ledger
