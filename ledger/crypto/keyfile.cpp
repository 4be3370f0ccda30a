#include "ledger/crypto/keyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/proverr.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace ledger::crypto {

namespace {

constexpr qint64 MaxKeyFileSize = qint64(64) * 1024; // a real one is about 400 bytes
constexpr qint64 MaxSmallFileSize = qint64(64) * 1024; // .pub and passphrase files

struct ScryptParams
{
    uint64_t n, r, p;
};

ScryptParams scryptParams(KdfCost cost)
{
    switch (cost) {
    case KdfCost::Fast:
        return { uint64_t(1) << 12, 8, 1 };
    case KdfCost::Interactive:
        break;
    }
    return { uint64_t(1) << 15, 7, 1 };
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// The reason of the most recent OpenSSL error, for messages; clears the queue.
QString opensslReason()
{
    const unsigned long e = ERR_peek_last_error();
    const char *reason = e != 0 ? ERR_reason_error_string(e) : nullptr;
    ERR_clear_error();
    return reason != nullptr ? QString::fromLatin1(reason) : QStringLiteral("unknown OpenSSL error");
}

// Owns a heap buffer holding secret bytes and wipes it on destruction.
struct SecretBytes
{
    QByteArray bytes;
    SecretBytes() = default;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes()
    {
        if (!bytes.isEmpty())
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
};

template<typename T, void (*Free)(T *)> struct Owned
{
    T *p = nullptr;
    explicit Owned(T *ptr = nullptr)
        : p(ptr)
    { }
    Owned(const Owned &) = delete;
    Owned &operator=(const Owned &) = delete;
    ~Owned() { Free(p); }
    T *get() const { return p; }
    T *release() { return std::exchange(p, nullptr); }
    explicit operator bool() const { return p != nullptr; }
};

using PkeyOwner = Owned<EVP_PKEY, EVP_PKEY_free>;
using P8InfOwner = Owned<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;
using SigOwner = Owned<X509_SIG, X509_SIG_free>;
using AlgorOwner = Owned<X509_ALGOR, X509_ALGOR_free>;
using BioOwner = Owned<BIO, BIO_free_all>;
using CipherOwner = Owned<EVP_CIPHER, EVP_CIPHER_free>;

// ---------------------------------------------------------------------------------------------------------
// Files

int writeAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        const ssize_t n = ::write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        len -= size_t(n);
    }
    return 0;
}

// Writes data to a fresh temporary file in path's directory that has exactly `mode` from its creation
// (never more permissive), fsyncs it, renames it over path and fsyncs the directory.
ledger::Result<void> writeFileAtomically(const QString &path, QByteArrayView data, mode_t mode)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    unsigned char rnd[8];
    if (RAND_bytes(rnd, sizeof rnd) != 1)
        return ledger::makeError("key_write_failed",
            QStringLiteral("Cannot write %1: the random generator failed.").arg(shown(path)));
    const QString tmpPath = info.absoluteFilePath() + QStringLiteral(".tmp-")
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(rnd), sizeof rnd).toHex());
    const QByteArray tmpNative = QFile::encodeName(tmpPath);

    auto fail = [&](const char *step, int err) -> ledger::Error {
        ::unlink(tmpNative.constData());
        return ledger::makeError("key_write_failed",
            QStringLiteral("Cannot write %1 (%2: %3).")
                .arg(shown(path), QLatin1String(step), errnoText(err)));
    };

    const int fd = ::open(tmpNative.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        const int err = errno;
        return ledger::makeError("key_write_failed",
            QStringLiteral("Cannot create a file in %1 (%2).").arg(shown(dir), errnoText(err)));
    }
    int err = 0;
    const char *step = nullptr;
    if (::fchmod(fd, mode) != 0) { // the umask may have removed bits; set exactly `mode`
        err = errno;
        step = "chmod";
    } else if ((err = writeAll(fd, data.data(), size_t(data.size()))) != 0) {
        step = "write";
    } else if (::fsync(fd) != 0) {
        err = errno;
        step = "fsync";
    }
    if (::close(fd) != 0 && step == nullptr) {
        err = errno;
        step = "close";
    }
    if (step != nullptr)
        return fail(step, err);
    if (::rename(tmpNative.constData(), QFile::encodeName(info.absoluteFilePath()).constData()) != 0)
        return fail("rename", errno);

    const int dfd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) { // best effort: makes the rename itself durable
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

struct ReadFile
{
    enum Status { Ok, NotFound, Unreadable, NotRegular, TooBig, TooOpen } status = Ok;
    int err = 0;
    mode_t mode = 0;
    QByteArray data;
};

enum class FileKind {
    PrivateKey, // a regular file that group and others cannot access
    PublicKey, // a regular file
    Passphrase, // anything readable, including a pipe such as bash's <(command)
};

ReadFile readSmallFile(const QString &path, qint64 maxSize, FileKind kind)
{
    ReadFile r;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        r.err = errno;
        r.status = (r.err == ENOENT || r.err == ENOTDIR) ? ReadFile::NotFound : ReadFile::Unreadable;
        return r;
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        r.err = errno;
        r.status = ReadFile::Unreadable;
    } else if (kind != FileKind::Passphrase && !S_ISREG(st.st_mode)) {
        r.status = ReadFile::NotRegular;
    } else if (kind == FileKind::PrivateKey && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        r.status = ReadFile::TooOpen;
        r.mode = st.st_mode & 07777;
    } else if (S_ISREG(st.st_mode) && st.st_size > maxSize) {
        r.status = ReadFile::TooBig;
    } else {
        // Read up to maxSize + 1 bytes in case the file grew after fstat.
        r.data.resize(qsizetype(maxSize) + 1);
        qsizetype got = 0;
        while (got < r.data.size()) {
            const ssize_t n = ::read(fd, r.data.data() + got, size_t(r.data.size() - got));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                r.err = errno;
                r.status = ReadFile::Unreadable;
                break;
            }
            if (n == 0)
                break;
            got += n;
        }
        if (r.status == ReadFile::Ok && got > maxSize)
            r.status = ReadFile::TooBig;
        if (r.status != ReadFile::Ok) {
            OPENSSL_cleanse(r.data.data(), size_t(r.data.size()));
            r.data.clear();
        } else {
            // Shrink in place; the bytes past `got` were never written, nothing secret is left behind.
            r.data.truncate(got);
        }
    }
    ::close(fd);
    return r;
}

ledger::Error fileError(const ReadFile &r, const QString &path, const char *notFoundCode, const char *what)
{
    const QString p = shown(path);
    switch (r.status) {
    case ReadFile::NotFound:
        return ledger::makeError(
            notFoundCode, QStringLiteral("The %1 %2 does not exist.").arg(QLatin1String(what), p));
    case ReadFile::Unreadable:
        return ledger::makeError("key_unreadable",
            QStringLiteral("Cannot read the %1 %2 (%3).").arg(QLatin1String(what), p, errnoText(r.err)));
    case ReadFile::NotRegular:
        return ledger::makeError(
            "key_unreadable", QStringLiteral("The %1 %2 is not a regular file.").arg(QLatin1String(what), p));
    case ReadFile::TooBig:
        return ledger::makeError("key_corrupt",
            QStringLiteral("The %1 %2 is far too large to be one.").arg(QLatin1String(what), p));
    case ReadFile::TooOpen:
        return ledger::makeError("key_permissions",
            QStringLiteral(
                "The private key file %1 has permissions %2, so other users may read or change it; "
                "refusing to use it until you run: chmod 600 %1")
                .arg(p, QStringLiteral("0%1").arg(uint(r.mode), 3, 8, QLatin1Char('0'))));
    case ReadFile::Ok:
        break;
    }
    return ledger::makeError("key_unreadable", QStringLiteral("Cannot read %1.").arg(p));
}

// ---------------------------------------------------------------------------------------------------------
// PKCS#8

// Did PKCS8_decrypt fail because the key derived from the passphrase is wrong (bad CBC padding, or by
// chance good padding over garbage that is not DER), rather than because the parameters are unusable?
bool failedOnWrongPassphrase()
{
    bool wrong = false;
    for (unsigned long e; (e = ERR_get_error()) != 0;) {
        const int lib = ERR_GET_LIB(e);
        const int reason = ERR_GET_REASON(e);
        // OpenSSL 3.0 reports bad padding as PROV_R_BAD_DECRYPT, then PKCS12_R_PKCS12_CIPHERFINAL_ERROR
        // ("maybe wrong password"); padding that happens to be valid over garbage gives
        // PKCS12_R_DECODE_ERROR.
        if ((lib == ERR_LIB_PROV && reason == PROV_R_BAD_DECRYPT)
            || (lib == ERR_LIB_EVP && reason == EVP_R_BAD_DECRYPT)
            || (lib == ERR_LIB_PKCS12
                && (reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR || reason == PKCS12_R_DECODE_ERROR)))
            wrong = true;
    }
    return wrong;
}

} // namespace

ledger::Result<void> saveKeyFile(
    const PrivateKey &key, const QString &path, QByteArrayView passphrase, KdfCost cost)
{
    if (!key.isValid())
        return ledger::makeError(
            "invalid_key", QStringLiteral("Cannot save an invalid key to %1.").arg(shown(path)));
    if (passphrase.isEmpty())
        return ledger::makeError("weak_passphrase",
            QStringLiteral("A private key file needs a passphrase; none was given for %1.").arg(shown(path)));
    if (passphrase.size() > INT_MAX)
        return ledger::makeError(
            "weak_passphrase", QStringLiteral("The passphrase for %1 is too long.").arg(shown(path)));

    auto cryptoError = [&](const char *step) -> ledger::Error {
        return ledger::makeError("key_write_failed",
            QStringLiteral("Cannot encrypt the private key for %1 (%2: %3).")
                .arg(shown(path), QLatin1String(step), opensslReason()));
    };

    PkeyOwner pkey;
    {
        SecretBytes seed;
        seed.bytes = key.seedForExportOnly();
        if (seed.bytes.size() != PrivateKey::SeedSize)
            return cryptoError("export");
        pkey.p = EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr,
            reinterpret_cast<const unsigned char *>(seed.bytes.constData()), size_t(seed.bytes.size()));
    }
    if (!pkey)
        return cryptoError("EVP_PKEY_new_raw_private_key_ex");
    P8InfOwner p8inf(EVP_PKEY2PKCS8(pkey.get())); // cleared by OpenSSL when freed
    if (!p8inf)
        return cryptoError("EVP_PKEY2PKCS8");

    CipherOwner cipher(EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr));
    if (!cipher)
        return cryptoError("EVP_CIPHER_fetch");
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return cryptoError("RAND_bytes");
    const ScryptParams sp = scryptParams(cost);
    AlgorOwner pbe(PKCS5_pbe2_set_scrypt(cipher.get(), salt, sizeof salt, nullptr, sp.n, sp.r, sp.p));
    if (!pbe)
        return cryptoError("PKCS5_pbe2_set_scrypt");
    SigOwner p8(PKCS8_set0_pbe_ex(
        passphrase.data(), int(passphrase.size()), p8inf.get(), pbe.get(), nullptr, nullptr));
    if (!p8)
        return cryptoError("PKCS8_set0_pbe_ex");
    pbe.release(); // now owned by p8

    BioOwner bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PKCS8(bio.get(), p8.get()) != 1)
        return cryptoError("PEM_write_bio_PKCS8");
    char *pem = nullptr;
    const long pemLen = BIO_get_mem_data(bio.get(), &pem);
    if (pem == nullptr || pemLen <= 0)
        return cryptoError("BIO_get_mem_data");

    if (auto r = writeFileAtomically(path, QByteArrayView(pem, pemLen), S_IRUSR | S_IWUSR); !r)
        return r;
    const QByteArray pub = key.publicKey().raw().toBase64() + '\n';
    return writeFileAtomically(path + QStringLiteral(".pub"), pub, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
}

ledger::Result<PrivateKey> loadKeyFile(const QString &path, QByteArrayView passphrase)
{
    const QString p = shown(path);
    auto corrupt = [&](const QString &why) {
        ERR_clear_error();
        return ledger::makeError(
            "key_corrupt", QStringLiteral("%1 is not a usable private key file: %2.").arg(p, why));
    };

    SecretBytes file; // normally encrypted, but an unencrypted key file must not linger in memory either
    {
        ReadFile r = readSmallFile(path, MaxKeyFileSize, FileKind::PrivateKey);
        if (r.status != ReadFile::Ok)
            return fileError(r, path, "key_not_found", "private key file");
        file.bytes = std::move(r.data);
    }
    if (file.bytes.isEmpty())
        return corrupt(QStringLiteral("the file is empty"));

    // Read the first PEM block (the label tells what it is) and decode its DER.
    BioOwner in(BIO_new_mem_buf(file.bytes.constData(), int(file.bytes.size())));
    if (!in)
        return corrupt(opensslReason());
    char *label = nullptr;
    char *header = nullptr;
    unsigned char *der = nullptr;
    long derLen = 0;
    if (PEM_read_bio(in.get(), &label, &header, &der, &derLen) != 1)
        return corrupt(QStringLiteral("no complete PEM block was found (the file is damaged or truncated)"));
    const QByteArray name(label);
    const bool procEncrypted = header != nullptr && std::strstr(header, "ENCRYPTED") != nullptr;
    OPENSSL_free(label);
    OPENSSL_free(header);
    struct DerGuard
    {
        unsigned char *p;
        long len;
        ~DerGuard() { OPENSSL_clear_free(p, size_t(len)); }
    } derGuard { der, derLen };

    if (name != "ENCRYPTED PRIVATE KEY") {
        ERR_clear_error();
        if (name.endsWith("PRIVATE KEY") && !procEncrypted)
            return ledger::makeError("key_unencrypted",
                QStringLiteral(
                    "%1 holds an unencrypted private key; a key file must be encrypted with a passphrase.")
                    .arg(p));
        return corrupt(QStringLiteral("it holds a \"%1\" PEM block, not an \"ENCRYPTED PRIVATE KEY\"")
                           .arg(QString::fromLatin1(name)));
    }
    const unsigned char *cursor = der;
    SigOwner p8(d2i_X509_SIG(nullptr, &cursor, derLen));
    if (!p8 || cursor != der + derLen)
        return corrupt(QStringLiteral("the encrypted key structure is malformed"));

    if (passphrase.isEmpty())
        return ledger::makeError(
            "wrong_passphrase", QStringLiteral("No passphrase was given for %1.").arg(p));
    if (passphrase.size() > INT_MAX)
        return ledger::makeError(
            "wrong_passphrase", QStringLiteral("The passphrase for %1 is too long.").arg(p));

    ERR_clear_error();
    P8InfOwner p8inf(PKCS8_decrypt_ex(p8.get(), passphrase.data(), int(passphrase.size()), nullptr, nullptr));
    if (!p8inf) {
        const unsigned long last = ERR_peek_last_error();
        const QString reason = last != 0 && ERR_reason_error_string(last) != nullptr
            ? QString::fromLatin1(ERR_reason_error_string(last))
            : QStringLiteral("unknown error");
        if (failedOnWrongPassphrase())
            return ledger::makeError("wrong_passphrase",
                QStringLiteral("The passphrase for %1 is wrong (or the file is damaged).").arg(p));
        return corrupt(QStringLiteral("its encryption cannot be undone with this OpenSSL (%1)").arg(reason));
    }

    const ASN1_OBJECT *alg = nullptr;
    if (PKCS8_pkey_get0(&alg, nullptr, nullptr, nullptr, p8inf.get()) != 1)
        return corrupt(QStringLiteral("the decrypted key is malformed"));
    if (OBJ_obj2nid(alg) != NID_ED25519) {
        char oid[80] = {};
        OBJ_obj2txt(oid, sizeof oid, alg, 0);
        ERR_clear_error();
        return ledger::makeError("not_ed25519",
            QStringLiteral("%1 holds a %2 key, not an Ed25519 key.").arg(p, QString::fromLatin1(oid)));
    }
    PkeyOwner pkey(EVP_PKCS82PKEY_ex(p8inf.get(), nullptr, nullptr));
    if (!pkey)
        return corrupt(QStringLiteral("the decrypted Ed25519 key is malformed"));
    unsigned char seed[PrivateKey::SeedSize];
    size_t seedLen = sizeof seed;
    if (EVP_PKEY_get_raw_private_key(pkey.get(), seed, &seedLen) != 1 || seedLen != sizeof seed) {
        OPENSSL_cleanse(seed, sizeof seed);
        return corrupt(QStringLiteral("the decrypted Ed25519 key is malformed"));
    }
    auto key = PrivateKey::fromSeed(QByteArrayView(reinterpret_cast<const char *>(seed), sizeof seed));
    OPENSSL_cleanse(seed, sizeof seed);
    if (!key)
        return corrupt(key.error().message);
    return key;
}

ledger::Result<PublicKey> readPublicKeyFile(const QString &path)
{
    ReadFile r = readSmallFile(path, MaxSmallFileSize, FileKind::PublicKey);
    if (r.status != ReadFile::Ok)
        return fileError(r, path, "key_not_found", "public key file");
    const QByteArray text = r.data.trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != PublicKey::Size)
        return ledger::makeError("key_corrupt",
            QStringLiteral("%1 does not hold the base64 of a 32-byte public key.").arg(shown(path)));
    auto key = PublicKey::fromRaw(decoded.decoded);
    if (!key)
        return ledger::makeError(
            "key_corrupt", QStringLiteral("%1 does not hold a valid Ed25519 public key.").arg(shown(path)));
    return key;
}

ledger::Result<QByteArray> readPassphraseFile(const QString &path)
{
    SecretBytes content;
    {
        ReadFile r = readSmallFile(path, MaxSmallFileSize, FileKind::Passphrase);
        if (r.status == ReadFile::NotFound)
            return ledger::makeError("passphrase_not_found",
                QStringLiteral("The passphrase file %1 does not exist.").arg(shown(path)));
        if (r.status == ReadFile::TooBig)
            return ledger::makeError("passphrase_unreadable",
                QStringLiteral("The passphrase file %1 is too large (over 64 KiB).").arg(shown(path)));
        if (r.status != ReadFile::Ok)
            return ledger::makeError("passphrase_unreadable",
                QStringLiteral("Cannot read the passphrase file %1 (%2).")
                    .arg(shown(path), errnoText(r.err)));
        content.bytes = std::move(r.data);
    }
    qsizetype end = content.bytes.indexOf('\n');
    if (end < 0)
        end = content.bytes.size();
    if (end > 0 && content.bytes.at(end - 1) == '\r')
        --end;
    if (end == 0)
        return ledger::makeError(
            "weak_passphrase", QStringLiteral("The passphrase file %1 is empty.").arg(shown(path)));
    return QByteArray(content.bytes.constData(), end);
}

} // namespace ledger::crypto
