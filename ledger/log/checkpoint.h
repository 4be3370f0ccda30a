#pragma once
// Checkpoints of the log: a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) carried in a C2SP
// signed note (https://c2sp.org/signed-note), interoperable with golang.org/x/mod/sumdb/note.
//
//   <origin>\n<tree size>\n<base64(root)>\n[<extension>\n]...   <- the note text, which is what is signed
//   \n
//   — <key name> <base64(key hash[4] || Ed25519 signature[64])>\n   (one or more lines; "—" is U+2014)
//
// key hash = first 4 bytes of SHA-256(key name || "\n" || 0x01 || 32-byte public key).
// Parsing is strict and bounded (at most MaxNoteSize bytes and MaxSignatures signature lines); hostile
// input yields an error, never a crash. Error codes: "checkpoint_invalid" (malformed),
// "checkpoint_unsigned" (no signature line for the expected key), "checkpoint_signature" (a signature
// line for the expected key does not verify).

#include "ledger/crypto/ed25519.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace ledger::note {

inline constexpr qsizetype MaxNoteSize = 8192;
inline constexpr qsizetype MaxSignatures = 100;

struct Checkpoint
{
    QString origin;
    quint64 size = 0;
    QByteArray root; // 32 bytes
    QStringList extensions;

    // origin\n size\n base64(root)\n [extension\n]...
    QByteArray text() const;

    friend bool operator==(const Checkpoint &, const Checkpoint &) = default;
};

// One signature line of a note, not verified.
struct NoteSignature
{
    QString name;
    quint32 keyHash = 0; // the first 4 bytes of the decoded signature, big-endian
    QByteArray signature; // the bytes after the key hash (64 for Ed25519)

    friend bool operator==(const NoteSignature &, const NoteSignature &) = default;
};

struct SignedNote
{
    QByteArray text; // including its final newline, excluding the blank separator line
    QList<NoteSignature> signatures;
};

// Non-empty, no Unicode space, no '+', no control character, valid UTF-16.
bool isValidKeyName(const QString &name);

// First 4 bytes of SHA-256(name || "\n" || 0x01 || raw key); empty for an invalid (default) key.
QByteArray keyHash(const QString &name, const crypto::PublicKey &key);
// "name+<8 hex digits of keyHash>+base64(0x01 || raw key)", the x/mod/sumdb/note verifier key string.
// Empty if the name is not a valid key name or the key is invalid.
QString verifierKey(const QString &name, const crypto::PublicKey &key);

// The signed note for cp: text + "\n" + "— name base64(keyhash || sig)\n". Empty if cp is not a
// well-formed checkpoint (text() would not parse back to cp), keyName is not a valid key name or key is
// invalid.
QByteArray signNote(const Checkpoint &cp, const QString &keyName, const crypto::PrivateKey &key);
// The same for an arbitrary note text (must end with "\n" and satisfy the note character rules).
QByteArray signNoteText(QByteArrayView text, const QString &keyName, const crypto::PrivateKey &key);
// Adds a signature line by keyName/key after the existing ones (replacing an earlier line by the same
// name and key hash). Does not verify the existing signatures. Empty if signedNote is malformed, keyName
// is invalid, or the result would exceed MaxNoteSize / MaxSignatures.
QByteArray addSignature(QByteArrayView signedNote, const QString &keyName, const crypto::PrivateKey &key);

// Checkpoint from a note text (no signature lines, no signature check). Error "checkpoint_invalid".
ledger::Result<Checkpoint> parseCheckpoint(QByteArrayView noteText);
// Splits a signed note into text and signature lines, checking syntax only. Error "checkpoint_invalid".
ledger::Result<SignedNote> parseNote(QByteArrayView signedNote);
// The text of a signed note that carries a valid signature by keyName/key. Every line with that name
// and key hash must verify; lines by other keys are ignored (as the signed-note spec requires).
ledger::Result<QByteArray> verifyNoteText(
    QByteArrayView signedNote, const QString &keyName, const crypto::PublicKey &key);
// verifyNoteText() then parseCheckpoint() of the text. The caller decides whether cp.origin must equal
// the key name (it does for the log's own key; a witness cosigns under its own name).
ledger::Result<Checkpoint> openNote(
    QByteArrayView signedNote, const QString &keyName, const crypto::PublicKey &key);

} // namespace ledger::note
