#include "sync/wire/binarypage.h"

#include <QtEndian>

namespace syncwire {

namespace {

constexpr char kMagic[] = { 'A', 'P', 'G', '2' };
constexpr qsizetype kHashSize = 32;
constexpr qsizetype kMaxCheckpointBytes = 64 * 1024;
constexpr int kMaxProof = 64; // a tree of 2^53 entries needs at most 53

template<typename T> void put(QByteArray &out, T v)
{
    char b[sizeof(T)];
    qToBigEndian(v, b);
    out.append(b, qsizetype(sizeof(T)));
}

// Reads the body front to back; every read checks what is left, so a truncated body is an error, never a
// read past its end.
class Cursor
{
public:
    Cursor(QByteArrayView body, const char *code)
        : m_body(body)
        , m_code(code)
    { }
    template<typename T> bool read(T &v, const char *what)
    {
        if (!need(qsizetype(sizeof(T)), what))
            return false;
        v = qFromBigEndian<T>(m_body.data() + m_at);
        m_at += qsizetype(sizeof(T));
        return true;
    }
    bool bytes(qsizetype n, QByteArrayView &v, const char *what)
    {
        if (!need(n, what))
            return false;
        v = m_body.sliced(m_at, n);
        m_at += n;
        return true;
    }
    bool atEnd() const { return m_at == m_body.size(); }
    qsizetype offset() const { return m_at; }
    ledger::Error error() const { return m_error ? *m_error : fail(QStringLiteral("malformed")); }
    ledger::Error fail(const QString &message) const
    {
        return ledger::makeError(
            m_code, QStringLiteral("The binary page is invalid at byte %1: %2").arg(m_at).arg(message));
    }

private:
    bool need(qsizetype n, const char *what)
    {
        if (m_body.size() - m_at >= n)
            return true;
        m_error = fail(QStringLiteral("it ends before %1 (truncated).").arg(QLatin1String(what)));
        return false;
    }

    QByteArrayView m_body;
    const char *m_code;
    qsizetype m_at = 0;
    std::optional<ledger::Error> m_error;
};

} // namespace

QByteArray encodeBinaryPage(const Page &page)
{
    // Author keys once each, in order of first appearance; entries name them by index.
    std::vector<QByteArray> keys;
    std::map<QByteArray, quint16> index;
    std::vector<quint16> keyOf;
    keyOf.reserve(page.entries.size());
    qsizetype size = 64 + page.checkpoint.size();
    for (const PageEntry &e : page.entries) {
        const QByteArray raw = e.entry.authorKey.raw();
        auto [it, fresh] = index.emplace(raw, quint16(keys.size()));
        if (fresh)
            keys.push_back(raw);
        keyOf.push_back(it->second);
        size += 100 + e.entry.bytes.size() + (e.proof ? e.proof->size() * kHashSize : 0);
    }
    QByteArray out;
    out.reserve(size + qsizetype(keys.size()) * kHashSize);
    out.append(kMagic, 4);
    put<quint64>(out, quint64(page.treeSize));
    put<quint32>(out, quint32(page.checkpoint.size()));
    out.append(page.checkpoint);
    put<quint8>(out, page.next ? 1 : 0);
    put<quint64>(out, page.next ? quint64(*page.next) : 0);
    put<quint16>(out, quint16(keys.size()));
    for (const QByteArray &k : keys)
        out.append(k);
    put<quint16>(out, quint16(page.entries.size()));
    for (size_t i = 0; i < page.entries.size(); ++i) {
        const PageEntry &e = page.entries[i];
        put<quint64>(out, quint64(e.seq));
        put<quint64>(out, quint64(e.sequencedAt));
        put<quint16>(out, keyOf[i]);
        put<quint32>(out, quint32(e.entry.bytes.size()));
        out.append(e.entry.bytes);
        out.append(e.entry.signature);
        const qsizetype proofs = e.proof ? e.proof->size() : 0;
        put<quint8>(out, quint8(proofs));
        for (qsizetype p = 0; p < proofs; ++p)
            out.append((*e.proof)[p]);
    }
    return out;
}

ledger::Result<Page> decodeBinaryPage(QByteArrayView body, const char *code, PageDecoding how)
{
    Cursor c(body, code);
    QByteArrayView magic;
    if (!c.bytes(4, magic, "the magic number"))
        return c.error();
    if (magic != QByteArrayView(kMagic, 4))
        return ledger::makeError(code, QStringLiteral("The binary page does not start with \"APG2\"."));
    Page page;
    quint64 treeSize = 0;
    quint32 cpLength = 0;
    QByteArrayView cp;
    quint8 hasNext = 0;
    quint64 next = 0;
    quint16 keyCount = 0;
    if (!c.read(treeSize, "the tree size") || !c.read(cpLength, "the checkpoint's length"))
        return c.error();
    if (treeSize > quint64(ledger::json::kMaxSafeInteger))
        return c.fail(QStringLiteral("the tree size is out of range."));
    if (cpLength > quint32(kMaxCheckpointBytes))
        return c.fail(QStringLiteral("a checkpoint of %1 bytes is too long.").arg(cpLength));
    if (!c.bytes(qsizetype(cpLength), cp, "the checkpoint") || !c.read(hasNext, "next")
        || !c.read(next, "next"))
        return c.error();
    if (hasNext > 1 || (hasNext == 0 && next != 0) || next > treeSize)
        return c.fail(QStringLiteral("\"next\" is malformed or beyond the tree size."));
    if (!c.read(keyCount, "the key count"))
        return c.error();
    if (keyCount > kMaxPageLimit)
        return c.fail(QStringLiteral("%1 author keys for a page of at most %2 entries.")
                          .arg(keyCount)
                          .arg(kMaxPageLimit));
    KeyCache ownKeys;
    KeyCache &cache = how.keys ? *how.keys : ownKeys;
    std::vector<ledger::crypto::PublicKey> keys;
    keys.reserve(keyCount);
    for (quint16 k = 0; k < keyCount; ++k) {
        QByteArrayView raw;
        if (!c.bytes(ledger::crypto::PublicKey::Size, raw, "an author key"))
            return c.error();
        QByteArray rawBytes = raw.toByteArray();
        auto known = cache.find(rawBytes);
        if (known == cache.end()) {
            auto made = ledger::crypto::PublicKey::fromRaw(raw);
            if (!made)
                return c.fail(QStringLiteral("author key %1 is not a valid Ed25519 public key.").arg(k));
            known = cache.emplace(std::move(rawBytes), made.value()).first;
        }
        keys.push_back(known->second);
    }
    quint16 count = 0;
    if (!c.read(count, "the entry count"))
        return c.error();
    if (count > kMaxPageLimit)
        return c.fail(QStringLiteral("%1 entries; a page holds at most %2.").arg(count).arg(kMaxPageLimit));
    page.treeSize = int64_t(treeSize);
    page.checkpoint = cp.toByteArray();
    if (hasNext)
        page.next = int64_t(next);
    page.entries.resize(count);
    for (quint16 i = 0; i < count; ++i) {
        PageEntry &pe = page.entries[i];
        quint64 seq = 0;
        quint64 at = 0;
        quint16 keyIndex = 0;
        quint32 length = 0;
        QByteArrayView bytes;
        QByteArrayView sig;
        quint8 proofs = 0;
        if (!c.read(seq, "an entry's seq") || !c.read(at, "an entry's sequenced_at")
            || !c.read(keyIndex, "an entry's key index") || !c.read(length, "an entry's length"))
            return c.error();
        if (seq >= treeSize || at > quint64(ledger::json::kMaxSafeInteger))
            return c.fail(QStringLiteral("entry %1: seq or sequenced_at out of range.").arg(i));
        if (keyIndex >= keyCount)
            return c.fail(QStringLiteral("entry %1 names author key %2 of a page with %3.")
                              .arg(i)
                              .arg(keyIndex)
                              .arg(keyCount));
        if (length == 0 || length > ledger::kMaxEntryBytes)
            return c.fail(QStringLiteral("entry %1 is %2 bytes; the limit is %3.")
                              .arg(i)
                              .arg(length)
                              .arg(ledger::kMaxEntryBytes));
        if (!c.bytes(qsizetype(length), bytes, "an entry's bytes")
            || !c.bytes(ledger::crypto::PublicKey::SignatureSize, sig, "an entry's signature")
            || !c.read(proofs, "an entry's proof count"))
            return c.error();
        if (proofs > kMaxProof)
            return c.fail(QStringLiteral("entry %1 has a proof of %2 hashes.").arg(i).arg(proofs));
        pe.seq = int64_t(seq);
        pe.sequencedAt = int64_t(at);
        pe.entry.bytes = bytes.toByteArray();
        pe.entry.signature = sig.toByteArray();
        pe.entry.authorKey = keys[keyIndex];
        if (!how.deferEntries) {
            auto decoded = ledger::decodeEntry(pe.entry.bytes);
            if (!decoded)
                return c.fail(QStringLiteral("entry %1 is not a ledger entry (%2).")
                                  .arg(i)
                                  .arg(decoded.error().message));
            pe.entry.type = decoded->type;
        }
        if (proofs > 0) {
            QList<QByteArray> proof;
            proof.reserve(proofs);
            for (quint8 p = 0; p < proofs; ++p) {
                QByteArrayView h;
                if (!c.bytes(kHashSize, h, "a proof hash"))
                    return c.error();
                proof.append(h.toByteArray());
            }
            pe.proof = std::move(proof);
        }
    }
    if (!c.atEnd())
        return c.fail(QStringLiteral("%1 bytes follow the last entry.").arg(body.size() - c.offset()));
    return page;
}

} // namespace syncwire
