#include "sync/wire/messages.h"

#include "sync/wire/fields.h"

#include "ledger/codec/json.h"

#include <map>

namespace syncwire {

using fields::Reader;
using fields::toBase64;
using ledger::json::Value;
namespace json = ledger::json;

namespace {

constexpr int64_t kMaxInt = json::kMaxSafeInteger;

Value signedEntryJson(const ledger::SignedEntry &e)
{
    Value o;
    o.set("entry", toBase64(e.bytes));
    o.set("sig", toBase64(e.signature));
    o.set("author_key", toBase64(e.authorKey.raw()));
    return o;
}

// The "type" member of entry bytes that do not decode as an entry, if they are a JSON object that has one.
std::string looseType(const QByteArray &bytes)
{
    auto v = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
    const Value *t = v ? v->find("type") : nullptr;
    return t && t->isString() && t->toString().size() <= 64 ? t->toString() : std::string();
}

// How readSignedEntry treats the entry bytes. Strict: refuse bytes that do not decode. Loose: keep them (the
// sequencer gives them a signed rejection receipt). Deferred: do not decode them; `type` stays empty for
// the caller to fill in when it decodes the entry (see PageDecoding).
enum class EntryBytes { Strict, Loose, Deferred };

// entry/sig/author_key of one object; the type comes from decoding the entry bytes. Keys already decoded in
// this message (or pull) come from `keys`: checking that 32 bytes are a curve point and setting up an
// OpenSSL key costs about as much as a fifth of a signature check, and a batch usually has one author.
ledger::Result<ledger::SignedEntry> readSignedEntry(
    const Reader &r, EntryBytes mode, KeyCache *keys = nullptr)
{
    auto bytes = r.base64("entry", -1, qsizetype(ledger::kMaxEntryBytes));
    if (!bytes)
        return bytes.error();
    auto sig = r.base64("sig", ledger::crypto::PublicKey::SignatureSize);
    if (!sig)
        return sig.error();
    auto rawKey = r.base64("author_key", ledger::crypto::PublicKey::Size);
    if (!rawKey)
        return rawKey.error();
    ledger::crypto::PublicKey key;
    if (auto known = keys ? keys->find(rawKey.value()) : KeyCache::iterator(); keys && known != keys->end()) {
        key = known->second;
    } else {
        auto made = ledger::crypto::PublicKey::fromRaw(rawKey.value());
        if (!made)
            return r.error(QStringLiteral("\"author_key\" is not a valid Ed25519 public key."));
        key = made.value();
        if (keys)
            keys->emplace(rawKey.value(), key);
    }
    if (mode == EntryBytes::Deferred)
        return ledger::SignedEntry { bytes.value(), sig.value(), key, std::string() };
    const bool strict = mode == EntryBytes::Strict;
    // Not strict: the sequencer checks canonical form itself (and rejects with a receipt), so skip it here.
    auto decoded = ledger::decodeEntry(bytes.value(), strict);
    if (!decoded && strict)
        return r.error(QStringLiteral("\"entry\" is not a ledger entry (%1).").arg(decoded.error().message));
    std::string type = decoded ? decoded->type : looseType(bytes.value());
    return ledger::SignedEntry { bytes.value(), sig.value(), key, std::move(type) };
}

QByteArray toBytes(const Value &v)
{
    return json::canonical(v);
}

} // namespace

QByteArray encodeError(const ledger::Error &error)
{
    Value inner;
    inner.set("code", error.code);
    inner.set("message", error.message);
    Value o;
    o.set("error", std::move(inner));
    return toBytes(o);
}

ledger::Error decodeError(QByteArrayView body)
{
    auto o = fields::parseObject(body, kInvalidResponse, 1 << 16);
    const Value *inner = o ? o->find("error") : nullptr;
    if (inner && inner->isObject()) {
        Reader r(*inner, kInvalidResponse);
        auto code = r.string("code");
        auto message = r.string("message");
        if (code && message && !code->empty())
            return ledger::Error { QString::fromStdString(code.value()),
                QString::fromStdString(message.value()) };
    }
    return ledger::makeError(
        kInvalidResponse, QStringLiteral("The registry sent an error that is not in the protocol's form."));
}

QByteArray encodeSubmit(const std::vector<ledger::SignedEntry> &entries)
{
    json::Array a;
    a.reserve(entries.size());
    for (const auto &e : entries)
        a.push_back(signedEntryJson(e));
    Value o;
    o.set("entries", Value(std::move(a)));
    return toBytes(o);
}

ledger::Result<std::vector<ledger::SignedEntry>> decodeSubmit(
    QByteArrayView body, int maxBatch, const char *code)
{
    auto o = fields::parseObject(body, code, size_t(body.size()) + 1);
    if (!o)
        return o.error();
    const Value *list = o->find("entries");
    if (!list || !list->isArray())
        return ledger::makeError(code, QStringLiteral("\"entries\" must be an array."));
    if (list->toArray().empty())
        return ledger::makeError(code, QStringLiteral("\"entries\" is empty."));
    if (list->toArray().size() > size_t(maxBatch))
        return ledger::makeError("batch_too_large",
            QStringLiteral("A batch holds at most %1 entries; this one has %2.")
                .arg(maxBatch)
                .arg(list->toArray().size()));
    std::vector<ledger::SignedEntry> out;
    out.reserve(list->toArray().size());
    size_t index = 0;
    KeyCache keys;
    for (const Value &item : list->toArray()) {
        if (!item.isObject())
            return ledger::makeError(code, QStringLiteral("entries[%1] must be an object.").arg(index));
        auto e = readSignedEntry(Reader(item, code), EntryBytes::Loose, &keys);
        if (!e)
            return ledger::makeError(
                code, QStringLiteral("entries[%1]: %2").arg(index).arg(e.error().message));
        out.push_back(std::move(e).value());
        ++index;
    }
    return out;
}

QByteArray rejectionBytes(
    int64_t at, const QString &code, const QByteArray &entryIdHex, const QString &message)
{
    Value o;
    o.set("at", at);
    o.set("code", code);
    o.set("entry_id", entryIdHex.toStdString());
    o.set("message", message);
    return toBytes(o);
}

QByteArray rejectionMessage(QByteArrayView rejection)
{
    QByteArray m("alliance-rejection/v1\n");
    m.append(rejection);
    return m;
}

bool WireReceipt::verifyRejection(const ledger::crypto::PublicKey &checkpointKey) const
{
    if (sequenced || !checkpointKey.verify(rejectionMessage(rejection), rejectionSig))
        return false;
    auto o = fields::parseObject(rejection, kInvalidResponse, 1 << 16);
    if (!o)
        return false;
    Reader r(o.value(), kInvalidResponse);
    auto id = r.string("entry_id");
    auto c = r.string("code");
    return id && c && QByteArray::fromStdString(id.value()) == entryId.toHex()
        && QString::fromStdString(c.value()) == code;
}

namespace {

Value receiptJson(const WireReceipt &r)
{
    Value o;
    o.set("entry_id", r.entryId.toHex().toStdString());
    if (r.sequenced) {
        o.set("status", "sequenced");
        o.set("seq", r.seq);
        o.set("sequenced_at", r.sequencedAt);
    } else {
        o.set("status", "rejected");
        o.set("code", r.code);
        o.set("message", r.message);
        o.set("rejection", toBase64(r.rejection));
        o.set("rejection_sig", toBase64(r.rejectionSig));
    }
    return o;
}

ledger::Result<WireReceipt> readReceipt(const Reader &r)
{
    WireReceipt out;
    auto id = r.string("entry_id");
    if (!id)
        return id.error();
    out.entryId = QByteArray::fromHex(QByteArray::fromStdString(id.value()));
    if (id->size() != 64 || out.entryId.toHex().toStdString() != id.value())
        return r.error(QStringLiteral("\"entry_id\" must be 64 lowercase hex digits."));
    auto status = r.string("status");
    if (!status)
        return status.error();
    if (status.value() == "sequenced") {
        out.sequenced = true;
        auto seq = r.integer("seq", 0, kMaxInt);
        auto at = r.integer("sequenced_at", 0, kMaxInt);
        if (!seq || !at)
            return (!seq ? seq : at).error();
        out.seq = seq.value();
        out.sequencedAt = at.value();
        return out;
    }
    if (status.value() != "rejected")
        return r.error(QStringLiteral("\"status\" must be \"sequenced\" or \"rejected\"."));
    auto code = r.string("code");
    auto message = r.string("message");
    auto rejection = r.base64("rejection", -1, 1 << 16);
    auto sig = r.base64("rejection_sig", ledger::crypto::PublicKey::SignatureSize);
    if (!code)
        return code.error();
    if (!message)
        return message.error();
    if (!rejection)
        return rejection.error();
    if (!sig)
        return sig.error();
    out.code = QString::fromStdString(code.value());
    out.message = QString::fromStdString(message.value());
    out.rejection = rejection.value();
    out.rejectionSig = sig.value();
    return out;
}

} // namespace

QByteArray encodeSubmitResponse(const SubmitResponse &response)
{
    json::Array a;
    a.reserve(response.receipts.size());
    for (const auto &r : response.receipts)
        a.push_back(receiptJson(r));
    Value o;
    o.set("receipts", Value(std::move(a)));
    o.set("checkpoint", response.checkpoint.toStdString());
    return toBytes(o);
}

ledger::Result<SubmitResponse> decodeSubmitResponse(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, kMaxResponseBytes);
    if (!o)
        return o.error();
    Reader top(o.value(), code);
    SubmitResponse out;
    auto cp = top.string("checkpoint");
    if (!cp)
        return cp.error();
    out.checkpoint = QByteArray::fromStdString(cp.value());
    const Value *list = o->find("receipts");
    if (!list || !list->isArray())
        return top.error(QStringLiteral("\"receipts\" must be an array."));
    for (const Value &item : list->toArray()) {
        if (!item.isObject())
            return top.error(QStringLiteral("A receipt must be an object."));
        auto r = readReceipt(Reader(item, code));
        if (!r)
            return r.error();
        out.receipts.push_back(std::move(r).value());
    }
    return out;
}

QByteArray encodeCheckpoint(const CheckpointResponse &response)
{
    Value o;
    o.set("checkpoint", response.checkpoint.toStdString());
    o.set("tree_size", response.treeSize);
    o.set("root", toBase64(response.root));
    return toBytes(o);
}

ledger::Result<CheckpointResponse> decodeCheckpoint(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, 1 << 16);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    auto cp = r.string("checkpoint");
    auto size = r.integer("tree_size", 0, kMaxInt);
    auto root = r.base64("root", 32);
    if (!cp)
        return cp.error();
    if (!size)
        return size.error();
    if (!root)
        return root.error();
    return CheckpointResponse { QByteArray::fromStdString(cp.value()), size.value(), root.value() };
}

QByteArray encodePage(const Page &page)
{
    json::Array a;
    a.reserve(page.entries.size());
    for (const auto &e : page.entries) {
        Value v = signedEntryJson(e.entry);
        v.set("seq", e.seq);
        v.set("sequenced_at", e.sequencedAt);
        if (e.proof)
            v.set("proof", fields::hashList(*e.proof));
        a.push_back(std::move(v));
    }
    Value o;
    o.set("tree_size", page.treeSize);
    o.set("checkpoint", page.checkpoint.toStdString());
    o.set("next", page.next ? Value(*page.next) : Value(nullptr));
    o.set("entries", Value(std::move(a)));
    return toBytes(o);
}

ledger::Result<Page> decodePage(QByteArrayView body, const char *code, PageDecoding how)
{
    auto o = fields::parseObject(body, code, kMaxResponseBytes);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    Page page;
    auto size = r.integer("tree_size", 0, kMaxInt);
    auto cp = r.string("checkpoint");
    auto next = r.optionalInteger("next", 0, kMaxInt);
    if (!size)
        return size.error();
    if (!cp)
        return cp.error();
    if (!next)
        return next.error();
    page.treeSize = size.value();
    page.checkpoint = QByteArray::fromStdString(cp.value());
    page.next = next.value();
    const Value *list = o->find("entries");
    if (!list || !list->isArray() || list->toArray().size() > size_t(kMaxPageLimit))
        return r.error(
            QStringLiteral("\"entries\" must be an array of at most %1 entries.").arg(kMaxPageLimit));
    KeyCache ownKeys;
    KeyCache &keys = how.keys ? *how.keys : ownKeys;
    page.entries.reserve(list->toArray().size());
    for (const Value &item : list->toArray()) {
        if (!item.isObject())
            return r.error(QStringLiteral("A page entry must be an object."));
        Reader er(item, code);
        PageEntry pe;
        auto seq = er.integer("seq", 0, kMaxInt);
        auto at = er.integer("sequenced_at", 0, kMaxInt);
        if (!seq)
            return seq.error();
        if (!at)
            return at.error();
        auto e = readSignedEntry(er, how.deferEntries ? EntryBytes::Deferred : EntryBytes::Strict, &keys);
        if (!e)
            return e.error();
        pe.seq = seq.value();
        pe.sequencedAt = at.value();
        pe.entry = std::move(e).value();
        if (er.has("proof")) {
            auto proof = er.hashes("proof");
            if (!proof)
                return proof.error();
            pe.proof = proof.value();
        }
        page.entries.push_back(std::move(pe));
    }
    return page;
}

QByteArray encodeInclusion(const InclusionProof &p)
{
    Value o;
    o.set("seq", p.seq);
    o.set("tree_size", p.treeSize);
    o.set("proof", fields::hashList(p.proof));
    return toBytes(o);
}

ledger::Result<InclusionProof> decodeInclusion(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, 1 << 16);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    auto seq = r.integer("seq", 0, kMaxInt);
    auto size = r.integer("tree_size", 0, kMaxInt);
    auto proof = r.hashes("proof");
    if (!seq)
        return seq.error();
    if (!size)
        return size.error();
    if (!proof)
        return proof.error();
    return InclusionProof { seq.value(), size.value(), proof.value() };
}

QByteArray encodeConsistency(const ConsistencyProof &p)
{
    Value o;
    o.set("from", p.from);
    o.set("to", p.to);
    o.set("proof", fields::hashList(p.proof));
    return toBytes(o);
}

ledger::Result<ConsistencyProof> decodeConsistency(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, 1 << 16);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    auto from = r.integer("from", 0, kMaxInt);
    auto to = r.integer("to", 0, kMaxInt);
    auto proof = r.hashes("proof");
    if (!from)
        return from.error();
    if (!to)
        return to.error();
    if (!proof)
        return proof.error();
    return ConsistencyProof { from.value(), to.value(), proof.value() };
}

QByteArray encodeMe(const Me &me)
{
    Value o;
    o.set("key_id", me.keyId);
    o.set("name", me.name);
    o.set("role", me.role);
    o.set("startup", me.startup);
    o.set("sponsor", me.sponsor);
    return toBytes(o);
}

ledger::Result<Me> decodeMe(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, 1 << 16);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    Me me;
    const char *keys[] = { "key_id", "name", "role", "startup", "sponsor" };
    QString *targets[] = { &me.keyId, &me.name, &me.role, &me.startup, &me.sponsor };
    for (int i = 0; i < 5; ++i) {
        auto s = r.string(keys[i]);
        if (!s)
            return s.error();
        *targets[i] = QString::fromStdString(s.value());
    }
    return me;
}

QByteArray encodeHealth(const Health &h)
{
    Value o;
    o.set("status", h.status);
    o.set("tree_size", h.treeSize);
    o.set("origin", h.origin);
    return toBytes(o);
}

ledger::Result<Health> decodeHealth(QByteArrayView body, const char *code)
{
    auto o = fields::parseObject(body, code, 1 << 16);
    if (!o)
        return o.error();
    Reader r(o.value(), code);
    auto status = r.string("status");
    auto size = r.integer("tree_size", 0, kMaxInt);
    auto origin = r.string("origin");
    if (!status)
        return status.error();
    if (!size)
        return size.error();
    if (!origin)
        return origin.error();
    return Health { QString::fromStdString(status.value()), size.value(),
        QString::fromStdString(origin.value()) };
}

} // namespace syncwire
