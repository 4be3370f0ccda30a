// Private keys at rest: encrypted PKCS#8 PEM files, their permissions, and every way loading can fail.

#include "ledger/crypto/keyfile.h"

#include "support/templedger.h"

#include <QFile>
#include <QtTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <sys/stat.h>

using namespace ledger::crypto;

namespace {

const QByteArray kPass = QByteArrayLiteral("correct horse battery staple");

using testsupport::modeOf;
using testsupport::readAll;

bool writeRaw(const QString &path, const QByteArray &data, mode_t mode = 0600)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const bool ok = f.write(data) == data.size();
    f.close();
    return ok && ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// PEM of `pkey` via plain OpenSSL: encrypted with PBKDF2 + AES-256-CBC, or unencrypted if pass is empty.
QByteArray opensslPem(EVP_PKEY *pkey, const QByteArray &pass)
{
    BIO *bio = BIO_new(BIO_s_mem());
    EVP_CIPHER *cipher = pass.isEmpty() ? nullptr : EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr);
    const int ok = pass.isEmpty() ? PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr)
                                  : PEM_write_bio_PKCS8PrivateKey(bio, pkey, cipher, pass.constData(),
                                      int(pass.size()), nullptr, nullptr);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray out = ok == 1 ? QByteArray(data, len) : QByteArray();
    EVP_CIPHER_free(cipher);
    BIO_free(bio);
    return out;
}

} // namespace

class TestKeyFile : public QObject
{
    Q_OBJECT

private:
    PrivateKey m_key = PrivateKey::generate();

    // One saved Fast-cost file per test, in a fresh directory.
    QString saved(const testsupport::ScratchDir &dir, const QString &name = QStringLiteral("member.key"))
    {
        QString path = dir.file(name);
        auto r = saveKeyFile(m_key, path, kPass, KdfCost::Fast);
        if (!r)
            qFatal("saveKeyFile failed: %s", qPrintable(r.error().toString()));
        return path;
    }

    static void expectError(const ledger::Result<PrivateKey> &r, const char *code, const QString &path)
    {
        QVERIFY2(!r.ok(), code);
        QCOMPARE(r.error().code, QLatin1String(code));
        QVERIFY2(r.error().message.contains(path), qPrintable(r.error().message));
        QVERIFY(!r.error().message.endsWith(QLatin1Char('\n')));
    }

private slots:
    void roundTripFast()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(QFile::permissions(path),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                | QFileDevice::WriteUser);
        auto loaded = loadKeyFile(path, kPass);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        QVERIFY(loaded->publicKey() == m_key.publicKey());
        QCOMPARE(loaded->keyId(), m_key.keyId());
        QCOMPARE(loaded->sign("entry"), m_key.sign("entry"));
        // No temporary files are left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
            QStringList({ QStringLiteral("member.key"), QStringLiteral("member.key.pub") }));
    }

    void modeIs0600EvenWithPermissiveUmask()
    {
        testsupport::ScratchDir dir;
        const mode_t old = ::umask(0);
        const QString path = dir.file(QStringLiteral("k"));
        auto r = saveKeyFile(m_key, path, kPass, KdfCost::Fast);
        ::umask(old);
        QVERIFY(r.ok());
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(modeOf(path + QStringLiteral(".pub")), mode_t(0644));
    }

    void overwriteKeepsMode()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        const PrivateKey other = PrivateKey::generate();
        QVERIFY(saveKeyFile(other, path, "another passphrase", KdfCost::Fast).ok());
        QCOMPARE(modeOf(path), mode_t(0600));
        auto loaded = loadKeyFile(path, "another passphrase");
        QVERIFY(loaded.ok());
        QVERIFY(loaded->publicKey() == other.publicKey());
    }

    void publicKeyFile()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        const QString pubPath = path + QStringLiteral(".pub");
        QCOMPARE(readAll(pubPath), m_key.publicKey().raw().toBase64() + '\n');
        auto pub = readPublicKeyFile(pubPath);
        QVERIFY(pub.ok());
        QVERIFY(*pub == m_key.publicKey());

        auto missing = readPublicKeyFile(dir.file(QStringLiteral("nope.pub")));
        QCOMPARE(missing.error().code, QStringLiteral("key_not_found"));
        QVERIFY(writeRaw(pubPath, "not base64 at all!\n", 0644));
        QCOMPARE(readPublicKeyFile(pubPath).error().code, QStringLiteral("key_corrupt"));
        QVERIFY(writeRaw(pubPath, QByteArray(31, 'k').toBase64() + '\n', 0644));
        QCOMPARE(readPublicKeyFile(pubPath).error().code, QStringLiteral("key_corrupt"));
        QVERIFY(writeRaw(pubPath, QByteArray(32, '\0').toBase64() + '\n', 0644)); // small-order point
        QCOMPARE(readPublicKeyFile(pubPath).error().code, QStringLiteral("key_corrupt"));
    }

    void wrongPassphrase()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        expectError(loadKeyFile(path, "correct horse battery stapler"), "wrong_passphrase", path);
        expectError(loadKeyFile(path, kPass.left(kPass.size() - 1)), "wrong_passphrase", path);
        expectError(loadKeyFile(path, QByteArray()), "wrong_passphrase", path);
        QVERIFY(loadKeyFile(path, kPass).ok());
    }

    void manyWrongPassphrasesAllReportedAsSuch()
    {
        // A wrong key sometimes yields valid CBC padding over garbage (about 1 in 256); that must still be
        // "wrong_passphrase", not "key_corrupt". 300 tries make hitting that case likely.
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("k"));
        QVERIFY(saveKeyFile(m_key, path, kPass, KdfCost::Fast).ok());
        for (int i = 0; i < 300; ++i) {
            auto r = loadKeyFile(path, QByteArray("wrong-") + QByteArray::number(i));
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("wrong_passphrase"));
        }
    }

    void emptyPassphraseRefused()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("k"));
        auto r = saveKeyFile(m_key, path, QByteArrayView(), KdfCost::Fast);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("weak_passphrase"));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".pub")));
        QCOMPARE(saveKeyFile(m_key, path, "", KdfCost::Fast).error().code, QStringLiteral("weak_passphrase"));
    }

    void invalidKeyRefused()
    {
        testsupport::ScratchDir dir;
        auto r = saveKeyFile(PrivateKey(), dir.file(QStringLiteral("k")), kPass, KdfCost::Fast);
        QCOMPARE(r.error().code, QStringLiteral("invalid_key"));
    }

    void fileIsEncryptedAndHoldsNoSecret()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        const QByteArray content = readAll(path);
        QVERIFY(content.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        QVERIFY(content.contains("-----END ENCRYPTED PRIVATE KEY-----"));
        QByteArray seed = m_key.seedForExportOnly();
        QCOMPARE(seed.size(), 32);
        const QByteArray pub = readAll(path + QStringLiteral(".pub"));
        for (const QByteArray &file : { content, pub }) {
            QVERIFY(!file.contains(seed));
            QVERIFY(!file.toLower().contains(seed.toHex()));
            QVERIFY(!file.contains(seed.toBase64()));
            QVERIFY(!file.contains(
                seed.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
            QVERIFY(!file.contains(seed.left(16).toBase64()));
            // Decoding the PEM body must not reveal it either (it is ciphertext).
            QByteArray body = file;
            body.replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "")
                .replace("-----END ENCRYPTED PRIVATE KEY-----", "");
            const QByteArray der = QByteArray::fromBase64(body.simplified().replace(' ', ""));
            QVERIFY(!der.contains(seed));
            QVERIFY(!der.contains(seed.left(8)));
        }
        seed.fill('\0');
    }

    void fileUsesScryptAndAes256()
    {
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        QByteArray body = readAll(path);
        body.replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "")
            .replace("-----END ENCRYPTED PRIVATE KEY-----", "");
        const QByteArray der = QByteArray::fromBase64(body.simplified().replace(' ', ""));
        QVERIFY(
            der.contains(QByteArray::fromHex("06092a864886f70d01050d"))); // OID 1.2.840.113549.1.5.13 PBES2
        QVERIFY(
            der.contains(QByteArray::fromHex("06092b06010401da47040b"))); // OID 1.3.6.1.4.1.11591.4.11 scrypt
        QVERIFY(der.contains(
            QByteArray::fromHex("060960864801650304012a"))); // OID 2.16.840.1.101.3.4.1.42 AES-256-CBC
    }

    void corruptFiles_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << 0;
        QTest::newRow("random garbage") << 1;
        QTest::newRow("truncated in the middle") << 2;
        QTest::newRow("truncated before END") << 3;
        QTest::newRow("DER cut short") << 4;
        QTest::newRow("not base64 inside") << 5;
        QTest::newRow("a certificate label") << 6;
    }

    void corruptFiles()
    {
        QFETCH(int, kind);
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        const QByteArray good = readAll(path);
        QByteArray bad;
        switch (kind) {
        case 0:
            break;
        case 1:
            for (int i = 0; i < 500; ++i)
                bad.append(char((i * 7919 + 13) & 0xff));
            break;
        case 2:
            bad = good.left(good.size() / 2);
            break;
        case 3:
            bad = good.left(good.indexOf("-----END"));
            break;
        case 4: {
            // A well-formed PEM around DER that is missing its last bytes.
            QByteArray body = good;
            body.replace("-----BEGIN ENCRYPTED PRIVATE KEY-----", "")
                .replace("-----END ENCRYPTED PRIVATE KEY-----", "");
            const QByteArray der = QByteArray::fromBase64(body.simplified().replace(' ', ""));
            bad = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + der.left(der.size() - 10).toBase64()
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
            break;
        }
        case 5:
            bad = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n!!!!not*base64!!!!\n-----END ENCRYPTED PRIVATE "
                  "KEY-----\n";
            break;
        case 6:
            bad = good;
            bad.replace("ENCRYPTED PRIVATE KEY", "CERTIFICATE");
            break;
        }
        QVERIFY(writeRaw(path, bad));
        expectError(loadKeyFile(path, kPass), "key_corrupt", path);
    }

    void unencryptedKeyRefused()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("plain.key"));
        QByteArray seed = m_key.seedForExportOnly();
        EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key_ex(
            nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char *>(seed.constData()), 32);
        seed.fill('\0');
        QVERIFY(pkey);
        const QByteArray pem = opensslPem(pkey, QByteArray());
        EVP_PKEY_free(pkey);
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(writeRaw(path, pem));
        expectError(loadKeyFile(path, kPass), "key_unencrypted", path);
    }

    void notEd25519()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("ec.key"));
        EVP_PKEY *pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        QVERIFY(pkey);
        const QByteArray pem = opensslPem(pkey, kPass);
        EVP_PKEY_free(pkey);
        QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QVERIFY(writeRaw(path, pem));
        expectError(loadKeyFile(path, kPass), "not_ed25519", path);
    }

    void pbkdf2FileFromOpenSslLoads()
    {
        // Files encrypted by other tools (openssl pkcs8 -topk8 -v2 aes-256-cbc uses PBKDF2) are accepted.
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("pbkdf2.key"));
        QByteArray seed = m_key.seedForExportOnly();
        EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key_ex(
            nullptr, "ED25519", nullptr, reinterpret_cast<const unsigned char *>(seed.constData()), 32);
        seed.fill('\0');
        QVERIFY(writeRaw(path, opensslPem(pkey, kPass)));
        EVP_PKEY_free(pkey);
        auto loaded = loadKeyFile(path, kPass);
        QVERIFY(loaded.ok());
        QVERIFY(loaded->publicKey() == m_key.publicKey());
    }

    void missingFile()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("absent.key"));
        expectError(loadKeyFile(path, kPass), "key_not_found", path);
        const QString inMissingDir = dir.file(QStringLiteral("no/such/dir/k"));
        expectError(loadKeyFile(inMissingDir, kPass), "key_not_found", inMissingDir);
    }

    void directoryIsNotAKey()
    {
        testsupport::ScratchDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("d")));
        const QString path = dir.file(QStringLiteral("d"));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0700) == 0);
        expectError(loadKeyFile(path, kPass), "key_unreadable", path);
    }

    void permissionsTooOpen_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0640 group-readable") << 0640;
        QTest::newRow("0644 world-readable") << 0644;
        QTest::newRow("0620 group-writable") << 0620;
        QTest::newRow("0602 world-writable") << 0602;
        QTest::newRow("0660") << 0660;
    }

    void permissionsTooOpen()
    {
        QFETCH(int, mode);
        testsupport::ScratchDir dir;
        const QString path = saved(dir);
        QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
        auto r = loadKeyFile(path, kPass);
        expectError(r, "key_permissions", path);
        QVERIFY2(
            r.error().message.contains(QStringLiteral("chmod 600 ") + path), qPrintable(r.error().message));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0600) == 0);
        QVERIFY(loadKeyFile(path, kPass).ok());
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0400) == 0); // read-only for the owner is fine
        QVERIFY(loadKeyFile(path, kPass).ok());
    }

    void passphraseFile()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("pass"));
        QVERIFY(writeRaw(path, "s3cret phrase \n"));
        QCOMPARE(readPassphraseFile(path).value(), QByteArray("s3cret phrase "));
        QVERIFY(writeRaw(path, "crlf\r\nsecond line\n"));
        QCOMPARE(readPassphraseFile(path).value(), QByteArray("crlf"));
        QVERIFY(writeRaw(path, "no newline"));
        QCOMPARE(readPassphraseFile(path).value(), QByteArray("no newline"));
        QVERIFY(
            writeRaw(path, QByteArray::fromHex("ed959ceab5adec96b40a"))); // UTF-8 Korean, bytes kept as is
        QCOMPARE(readPassphraseFile(path).value(), QByteArray::fromHex("ed959ceab5adec96b4"));

        for (const char *empty : { "", "\n", "\r\n", "\nsecond" }) {
            QVERIFY(writeRaw(path, empty));
            auto r = readPassphraseFile(path);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("weak_passphrase"));
            QVERIFY(r.error().message.contains(path));
        }
        auto missing = readPassphraseFile(dir.file(QStringLiteral("absent")));
        QCOMPARE(missing.error().code, QStringLiteral("passphrase_not_found"));

        // The passphrase read from a file unlocks a key saved with it.
        QVERIFY(writeRaw(path, kPass + "\n"));
        const QString key = saved(dir, QStringLiteral("k"));
        QVERIFY(loadKeyFile(key, readPassphraseFile(path).value()).ok());
    }

    void interactiveRoundTrip()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("root.key"));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(saveKeyFile(m_key, path, kPass).ok()); // default cost
        const qint64 saveMs = timer.restart();
        auto loaded = loadKeyFile(path, kPass);
        const qint64 loadMs = timer.elapsed();
        QVERIFY(loaded.ok());
        QVERIFY(loaded->publicKey() == m_key.publicKey());
        QCOMPARE(modeOf(path), mode_t(0600));
        qInfo("Interactive cost: save %lld ms, load %lld ms", saveMs, loadMs);
        expectError(loadKeyFile(path, "nope"), "wrong_passphrase", path);
    }
};

QTEST_GUILESS_MAIN(TestKeyFile)
#include "tst_keyfile.moc"
