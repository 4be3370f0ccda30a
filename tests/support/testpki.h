#pragma once
// A throwaway PKI for TLS tests, made at test time with the OpenSSL 3 C API (nothing is checked in): a CA
// and server certificates it signs (EC P-256), written as PEM files into a directory.
//
//   testsupport::TestPki pki(dir.path());          // CA: dir/ca.pem
//   auto server = pki.issue("server");              // dir/server.pem, dir/server.key; 127.0.0.1 + localhost
//   auto expired = pki.issue("old", {.notAfterDays = -1});
//   auto other = pki.issue("other", {.dnsNames = {"example.invalid"}, .ipAddresses = {}});

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace testsupport {

struct CertOptions
{
    QStringList dnsNames { QStringLiteral("localhost") };
    QStringList ipAddresses { QStringLiteral("127.0.0.1") };
    int notBeforeDays = -1; // relative to now
    int notAfterDays = 30;
};

struct IssuedCert
{
    QString certFile; // PEM certificate
    QString keyFile; // PEM unencrypted PKCS#8 private key
    // For CURLOPT_PINNEDPUBLICKEY: "sha256//" + base64(SHA-256(DER SubjectPublicKeyInfo)).
    QByteArray pin;
    bool ok = false;
};

class TestPki
{
public:
    // Makes the CA (ca.pem, and the CA key kept in memory only). ok() tells whether it worked.
    explicit TestPki(const QString &dir, const QString &caName = QStringLiteral("Alliance Test CA"));
    ~TestPki();
    TestPki(const TestPki &) = delete;
    TestPki &operator=(const TestPki &) = delete;

    bool ok() const { return m_ok; }
    QString caFile() const { return m_caFile; }
    QString error() const { return m_error; }

    // A server certificate signed by this CA: <dir>/<name>.pem and <dir>/<name>.key.
    IssuedCert issue(const QString &name, const CertOptions &options = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_dir;
    QString m_caFile;
    QString m_error;
    bool m_ok = false;
};

} // namespace testsupport
