#include "sync/registry/httpserver.h"

#include "sync/registry/httpconnection.h"

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace registry {

HttpServer::HttpServer(
    Service &service, const ServerOptions &options, std::optional<QSslConfiguration> tls, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_options(options)
{
    if (tls) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*tls);
        ssl->setHandshakeTimeout(options.handshakeTimeoutMs);
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_workers.setMaxThreadCount(options.workerThreads);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::accept);
}

HttpServer::~HttpServer()
{
    m_destroying = true;
    m_server->close();
    // Workers post their answers back to connections; let them finish before the connections go.
    m_workers.waitForDone();
    // Now, while this object is whole (their destructors update it), not in ~QObject.
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

ledger::Result<quint16> HttpServer::listen(const QString &host, quint16 port)
{
    QHostAddress address;
    const QString bare = host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))
        ? host.mid(1, host.size() - 2)
        : host;
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(bare))
        return ledger::makeError(
            "bad_request", QStringLiteral("--listen needs an IP address, not \"%1\".").arg(host));
    if (!m_server->listen(address, port))
        return ledger::makeError("listen_failed",
            QStringLiteral("Cannot listen on %1:%2: %3").arg(host).arg(port).arg(m_server->errorString()));
    return m_server->serverPort();
}

void HttpServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections >= m_options.maxConnections) {
            m_service.metrics().connectionRefused();
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        new HttpConnection(*this, socket);
    }
}

} // namespace registry

namespace registry {

void HttpServer::shutdown(int graceMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_server->close();
    for (HttpConnection *c : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        c->shutdown();
    QTimer::singleShot(graceMs, this, [this] {
        if (!m_drainedSent) {
            qWarning("alliance-registry: %d connection(s) still open after the grace period; stopping anyway",
                m_connections);
            m_drainedSent = true;
            emit drained();
        }
    });
    // Connections close through the event loop; this also covers having none.
    QTimer::singleShot(0, this, &HttpServer::connectionGone);
}

int HttpServer::busyConnections() const
{
    int n = 0;
    for (const HttpConnection *c : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        n += c->isBusy() ? 1 : 0;
    return n;
}

void HttpServer::connectionGone()
{
    if (m_destroying || !m_shuttingDown || m_drainedSent || m_connections > 0)
        return;
    m_drainedSent = true;
    emit drained();
}

} // namespace registry
