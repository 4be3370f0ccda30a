#include "sync/registry/tlsfiles.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace registry {

ledger::Result<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty())
        return ledger::makeError("tls_files", QStringLiteral("%1 holds no PEM certificate.").arg(certFile));
    QFile f(keyFile);
    if (!f.open(QIODevice::ReadOnly))
        return ledger::makeError("tls_files", QStringLiteral("Cannot read the TLS key %1.").arg(keyFile));
    const QByteArray pem = f.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm alg : { QSsl::Ec, QSsl::Rsa }) {
        key = QSslKey(pem, alg, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return ledger::makeError(
            "tls_files", QStringLiteral("%1 is not an unencrypted PEM RSA or EC private key.").arg(keyFile));
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificateChain(chain);
    c.setPrivateKey(key);
    c.setProtocol(QSsl::TlsV1_2OrLater);
    c.setPeerVerifyMode(
        QSslSocket::VerifyNone); // clients authenticate by request signatures, not certificates
    return c;
}

} // namespace registry
