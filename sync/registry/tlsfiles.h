#pragma once
// The server's TLS configuration from PEM files: certificate chain (leaf first) and an unencrypted RSA or EC
// private key. TLS 1.2 or later only.

#include "ledger/result.h"

#include <QSslConfiguration>
#include <QString>

namespace registry {

ledger::Result<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile);

} // namespace registry
