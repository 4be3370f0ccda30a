#pragma once
// Private keys at rest: PEM "ENCRYPTED PRIVATE KEY" (PKCS#8 EncryptedPrivateKeyInfo, PBES2 with the scrypt
// KDF and AES-256-CBC), mode 0600, written atomically. `openssl pkey -in FILE` reads these files.
//
// Error codes: invalid_key, weak_passphrase, key_write_failed (save); key_not_found, key_unreadable,
// key_permissions, key_corrupt, key_unencrypted, wrong_passphrase, not_ed25519 (load);
// passphrase_not_found, passphrase_unreadable, weak_passphrase (passphrase files). Messages name the file.

#include "ledger/crypto/ed25519.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ledger::crypto {

// scrypt cost. Interactive: N=2^15, r=7, p=1 (28 MiB, ~0.1 s). OpenSSL 3.0 refuses scrypt above 32 MiB when
// it reads or writes PKCS#8 (a build-time limit), so N=2^15 with r=8 (32 MiB + 1 KiB) cannot be used:
// r=7 is the largest memory cost OpenSSL can still read. Fast: N=2^12, r=8, p=1, for tests only.
enum class KdfCost { Interactive, Fast };

// Writes `path` (mode 0600 from creation, via a temporary file in the same directory, fsync and rename)
// and `path + ".pub"` (base64 of the raw public key and "\n", mode 0644). The passphrase must not be empty.
ledger::Result<void> saveKeyFile(const PrivateKey &key, const QString &path, QByteArrayView passphrase,
    KdfCost cost = KdfCost::Interactive);

// Refuses a file that group or others may read or write (like ssh). Accepts any PKCS#8 encryption that
// OpenSSL supports, not only the scrypt files written above; the key must be Ed25519.
ledger::Result<PrivateKey> loadKeyFile(const QString &path, QByteArrayView passphrase);

// Reads a ".pub" file as written by saveKeyFile (path is the .pub file itself).
ledger::Result<PublicKey> readPublicKeyFile(const QString &path);

// The first line of the file without its line ending ("\n" or "\r\n"). Error if missing or empty. The file
// may be a pipe (e.g. bash's <(command)).
ledger::Result<QByteArray> readPassphraseFile(const QString &path);

} // namespace ledger::crypto
