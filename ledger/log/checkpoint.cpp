#include "ledger/log/checkpoint.h"

#include "ledger/crypto/sha256.h"

#include <QtEndian>

#include <limits>
#include <optional>

namespace ledger::note {

namespace {

constexpr uint8_t AlgEd25519 = 0x01;
constexpr qsizetype KeyHashSize = 4;
constexpr qsizetype RootSize = 32;
constexpr qsizetype Ed25519KeySize = 32;
constexpr qsizetype Ed25519SignatureSize = 64;
// U+2014 EM DASH, then a space.
constexpr QByteArrayView SigPrefix("\xE2\x80\x94 ");

Error invalid(QString message)
{
    return makeError("checkpoint_invalid", std::move(message));
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF) without any ASCII
// control character other than newline: the character rules of a signed note.
bool isCleanUtf8(QByteArrayView s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\n')
                return false;
            ++i;
            continue;
        }
        qsizetype len;
        char32_t cp;
        char32_t min;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (len > n - i)
            return false;
        for (qsizetype j = 1; j < len; ++j) {
            const unsigned char cc = p[i + j];
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

// Standard base64 (RFC 4648 section 4) in its canonical form only: padded, no whitespace, zero
// trailing bits. Anything else is rejected, so one byte string has exactly one accepted encoding.
std::optional<QByteArray> decodeBase64(QByteArrayView b64)
{
    if (b64.isEmpty() || b64.size() % 4 != 0)
        return std::nullopt;
    auto r = QByteArray::fromBase64Encoding(b64.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!r || r.decoded.toBase64() != b64)
        return std::nullopt;
    return std::move(r.decoded);
}

// Decimal without sign or leading zeros ("0" itself is allowed), fitting in 64 bits.
std::optional<quint64> parseDecimal(QByteArrayView s)
{
    if (s.isEmpty() || s.size() > 20 || (s.size() > 1 && s[0] == '0'))
        return std::nullopt;
    quint64 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 d = quint64(c - '0');
        if (v > (std::numeric_limits<quint64>::max() - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

quint32 keyHashValue(const QByteArray &nameUtf8, const crypto::PublicKey &key)
{
    crypto::Sha256 h;
    h.add(nameUtf8);
    h.addByte('\n');
    h.addByte(AlgEd25519);
    h.add(key.raw());
    unsigned char digest[32];
    h.finishInto(digest);
    return qFromBigEndian<quint32>(digest);
}

QByteArray signatureLine(const QByteArray &nameUtf8, quint32 keyHash, QByteArrayView signature)
{
    QByteArray blob(KeyHashSize, Qt::Uninitialized);
    qToBigEndian(keyHash, blob.data());
    blob.append(signature);
    QByteArray line;
    line.reserve(SigPrefix.size() + nameUtf8.size() + 1 + (blob.size() + 2) / 3 * 4 + 1);
    line.append(SigPrefix);
    line.append(nameUtf8);
    line.append(' ');
    line.append(blob.toBase64());
    line.append('\n');
    return line;
}

} // namespace

QByteArray Checkpoint::text() const
{
    QByteArray out = origin.toUtf8();
    out.append('\n');
    out.append(QByteArray::number(size));
    out.append('\n');
    out.append(root.toBase64());
    out.append('\n');
    for (const QString &ext : extensions) {
        out.append(ext.toUtf8());
        out.append('\n');
    }
    return out;
}

bool isValidKeyName(const QString &name)
{
    if (name.isEmpty() || !name.isValidUtf16())
        return false;
    for (QChar c : name) {
        if (c.isSpace() || c == u'+' || c.unicode() < 0x20)
            return false;
    }
    return true;
}

QByteArray keyHash(const QString &name, const crypto::PublicKey &key)
{
    if (key.raw().size() != Ed25519KeySize)
        return {};
    QByteArray out(KeyHashSize, Qt::Uninitialized);
    qToBigEndian(keyHashValue(name.toUtf8(), key), out.data());
    return out;
}

QString verifierKey(const QString &name, const crypto::PublicKey &key)
{
    if (!isValidKeyName(name) || key.raw().size() != Ed25519KeySize)
        return {};
    QByteArray encoded(1, char(AlgEd25519));
    encoded.append(key.raw());
    return name + u'+' + QString::fromLatin1(keyHash(name, key).toHex()) + u'+'
        + QString::fromLatin1(encoded.toBase64());
}

QByteArray signNoteText(QByteArrayView text, const QString &keyName, const crypto::PrivateKey &key)
{
    if (!isValidKeyName(keyName) || text.isEmpty() || !text.endsWith('\n') || text.size() > MaxNoteSize
        || !isCleanUtf8(text))
        return {};
    const QByteArray name = keyName.toUtf8();
    const QByteArray sig = key.sign(text);
    if (sig.size() != Ed25519SignatureSize)
        return {}; // invalid key
    QByteArray out = text.toByteArray();
    out.append('\n');
    out.append(signatureLine(name, keyHashValue(name, key.publicKey()), sig));
    if (out.size() > MaxNoteSize)
        return {};
    return out;
}

QByteArray signNote(const Checkpoint &cp, const QString &keyName, const crypto::PrivateKey &key)
{
    const QByteArray text = cp.text();
    const auto parsed = parseCheckpoint(text);
    if (!parsed || *parsed != cp)
        return {};
    return signNoteText(text, keyName, key);
}

QByteArray addSignature(QByteArrayView signedNote, const QString &keyName, const crypto::PrivateKey &key)
{
    const auto note = parseNote(signedNote);
    if (!note || !isValidKeyName(keyName))
        return {};
    const QByteArray sig = key.sign(note->text);
    if (sig.size() != Ed25519SignatureSize)
        return {}; // invalid key
    const QByteArray name = keyName.toUtf8();
    const quint32 hash = keyHashValue(name, key.publicKey());
    QByteArray out = note->text;
    out.append('\n');
    qsizetype lines = 1;
    for (const NoteSignature &sig : note->signatures) {
        if (sig.name == keyName && sig.keyHash == hash)
            continue; // replaced by the new signature below
        out.append(signatureLine(sig.name.toUtf8(), sig.keyHash, sig.signature));
        ++lines;
    }
    out.append(signatureLine(name, hash, sig));
    if (out.size() > MaxNoteSize || lines > MaxSignatures)
        return {};
    return out;
}

ledger::Result<Checkpoint> parseCheckpoint(QByteArrayView text)
{
    if (text.size() > MaxNoteSize)
        return invalid(QStringLiteral("The checkpoint is larger than 8 KiB."));
    if (!isCleanUtf8(text))
        return invalid(QStringLiteral("The checkpoint is not UTF-8 text without control characters."));
    if (text.isEmpty() || !text.endsWith('\n'))
        return invalid(QStringLiteral("The checkpoint text does not end with a newline."));

    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype nl = text.indexOf('\n', start);
        const QByteArrayView line = text.sliced(start, nl - start);
        if (line.isEmpty())
            return invalid(QStringLiteral("The checkpoint has an empty line."));
        lines.append(line);
        start = nl + 1;
    }
    if (lines.size() < 3)
        return invalid(QStringLiteral("The checkpoint has fewer than three lines."));

    Checkpoint cp;
    cp.origin = QString::fromUtf8(lines[0]);
    const auto size = parseDecimal(lines[1]);
    if (!size)
        return invalid(QStringLiteral("The checkpoint tree size is not a canonical decimal number."));
    cp.size = *size;
    auto root = decodeBase64(lines[2]);
    if (!root || root->size() != RootSize)
        return invalid(QStringLiteral("The checkpoint root hash is not 32 bytes of base64."));
    cp.root = std::move(*root);
    for (qsizetype i = 3; i < lines.size(); ++i)
        cp.extensions.append(QString::fromUtf8(lines[i]));
    return cp;
}

ledger::Result<SignedNote> parseNote(QByteArrayView msg)
{
    if (msg.size() > MaxNoteSize)
        return invalid(QStringLiteral("The signed note is larger than 8 KiB."));
    if (!isCleanUtf8(msg))
        return invalid(QStringLiteral("The signed note is not UTF-8 text without control characters."));
    // The text ends at the last blank line; everything after it is signature lines.
    const qsizetype split = msg.lastIndexOf(QByteArrayView("\n\n"));
    if (split < 0)
        return invalid(QStringLiteral("The signed note has no blank line before its signatures."));
    const QByteArrayView sigs = msg.sliced(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith('\n'))
        return invalid(QStringLiteral("The signed note has no complete signature line."));

    SignedNote note;
    note.text = msg.first(split + 1).toByteArray();
    qsizetype start = 0;
    while (start < sigs.size()) {
        if (note.signatures.size() >= MaxSignatures)
            return invalid(QStringLiteral("The signed note has more than 100 signatures."));
        const qsizetype nl = sigs.indexOf('\n', start);
        QByteArrayView line = sigs.sliced(start, nl - start);
        start = nl + 1;
        if (!line.startsWith(SigPrefix))
            return invalid(QStringLiteral("A signature line does not start with an em dash and a space."));
        line = line.sliced(SigPrefix.size());
        const qsizetype space = line.indexOf(' ');
        if (space < 0)
            return invalid(QStringLiteral("A signature line has no signature after the key name."));
        NoteSignature sig;
        sig.name = QString::fromUtf8(line.first(space));
        if (!isValidKeyName(sig.name))
            return invalid(QStringLiteral("A signature line has an invalid key name."));
        const auto blob = decodeBase64(line.sliced(space + 1));
        if (!blob || blob->size() <= KeyHashSize)
            return invalid(QStringLiteral("A signature line has an invalid base64 signature."));
        sig.keyHash = qFromBigEndian<quint32>(blob->constData());
        sig.signature = blob->sliced(KeyHashSize);
        note.signatures.append(std::move(sig));
    }
    return note;
}

ledger::Result<QByteArray> verifyNoteText(
    QByteArrayView signedNote, const QString &keyName, const crypto::PublicKey &key)
{
    auto note = parseNote(signedNote);
    if (!note)
        return note.error();
    if (key.raw().size() != Ed25519KeySize)
        return makeError(
            "checkpoint_unsigned", QStringLiteral("No valid public key was given for %1.").arg(keyName));
    const quint32 hash = keyHashValue(keyName.toUtf8(), key);
    bool found = false;
    for (const NoteSignature &sig : note->signatures) {
        if (sig.keyHash != hash || sig.name != keyName)
            continue; // another key: ignored, as the signed-note spec requires
        found = true;
        if (!key.verify(note->text, sig.signature))
            return makeError("checkpoint_signature",
                QStringLiteral("The signature by key %1 does not verify.").arg(keyName));
    }
    if (!found)
        return makeError(
            "checkpoint_unsigned", QStringLiteral("The note is not signed by key %1.").arg(keyName));
    return std::move(note->text);
}

ledger::Result<Checkpoint> openNote(
    QByteArrayView signedNote, const QString &keyName, const crypto::PublicKey &key)
{
    auto text = verifyNoteText(signedNote, keyName, key);
    if (!text)
        return text.error();
    return parseCheckpoint(*text);
}

} // namespace ledger::note
