#include "support/testpki.h"

#include <QFile>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace testsupport {

namespace {

struct PkeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct X509Deleter
{
    void operator()(X509 *c) const { X509_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using Cert = std::unique_ptr<X509, X509Deleter>;

Pkey newKey()
{
    return Pkey(EVP_EC_gen("P-256"));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(n));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// A certificate for `key` with subject CN=`cn`, signed by issuerKey (self-signed when issuer is null).
Cert makeCert(EVP_PKEY *key, const QString &cn, X509 *issuer, EVP_PKEY *issuerKey, int notBeforeDays,
    int notAfterDays, bool ca, const QString &subjectAltName)
{
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), long(notBeforeDays) * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(notAfterDays) * 86400);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cnBytes = cn.toUtf8();
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cnBytes.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509 *issuerCert = issuer ? issuer : cert.get();
    bool ok = true;
    if (ca) {
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
        ok = ok && addExtension(cert.get(), issuerCert, NID_subject_key_identifier, "hash");
    } else {
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), issuerCert, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert.get(), issuerCert, NID_authority_key_identifier, "keyid");
        if (!subjectAltName.isEmpty())
            ok = ok
                && addExtension(
                    cert.get(), issuerCert, NID_subject_alt_name, subjectAltName.toLatin1().constData());
    }
    if (!ok || X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

QByteArray certPem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    QByteArray out = bioBytes(bio);
    BIO_free(bio);
    return out;
}

QByteArray keyPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    QByteArray out = bioBytes(bio);
    BIO_free(bio);
    return out;
}

QByteArray spkiPin(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    if (n <= 0)
        return {};
    unsigned char digest[32];
    unsigned int len = 0;
    EVP_Digest(der, size_t(n), digest, &len, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    return "sha256//" + QByteArray(reinterpret_cast<const char *>(digest), 32).toBase64();
}

} // namespace

struct TestPki::Impl
{
    Pkey caKey;
    Cert caCert;
};

TestPki::TestPki(const QString &dir, const QString &caName)
    : m_impl(std::make_unique<Impl>())
    , m_dir(dir)
    , m_caFile(dir + QStringLiteral("/ca.pem"))
{
    m_impl->caKey = newKey();
    if (!m_impl->caKey) {
        m_error = QStringLiteral("EC key generation failed");
        return;
    }
    m_impl->caCert = makeCert(m_impl->caKey.get(), caName, nullptr, nullptr, -1, 60, true, {});
    if (!m_impl->caCert) {
        m_error = QStringLiteral("CA certificate failed");
        return;
    }
    m_ok = writeFile(m_caFile, certPem(m_impl->caCert.get()));
    if (!m_ok)
        m_error = QStringLiteral("cannot write %1").arg(m_caFile);
}

TestPki::~TestPki() = default;

IssuedCert TestPki::issue(const QString &name, const CertOptions &options)
{
    IssuedCert out;
    if (!m_ok)
        return out;
    Pkey key = newKey();
    QStringList san;
    for (const QString &d : options.dnsNames)
        san << QStringLiteral("DNS:") + d;
    for (const QString &ip : options.ipAddresses)
        san << QStringLiteral("IP:") + ip;
    const QString cn = options.dnsNames.isEmpty() ? name : options.dnsNames.first();
    Cert cert = makeCert(key.get(), cn, m_impl->caCert.get(), m_impl->caKey.get(), options.notBeforeDays,
        options.notAfterDays, false, san.join(QLatin1Char(',')));
    if (!key || !cert)
        return out;
    out.certFile = m_dir + QLatin1Char('/') + name + QStringLiteral(".pem");
    out.keyFile = m_dir + QLatin1Char('/') + name + QStringLiteral(".key");
    out.pin = spkiPin(key.get());
    out.ok = writeFile(out.certFile, certPem(cert.get())) && writeFile(out.keyFile, keyPem(key.get()));
    if (out.ok)
        QFile::setPermissions(out.keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return out;
}

} // namespace testsupport
