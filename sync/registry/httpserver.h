#pragma once
// The HTTP adapter: HTTPS (QSslServer, TLS 1.2 or later) or, only when asked, plain HTTP (QTcpServer), with
// our own small HTTP/1.1 parser rather than QHttpServer — Qt 6.4's QHttpServer buffers a whole body before
// the application sees it and has no timeout for slow clients (docs/REGISTRY-API.md, "Why not QHttpServer").
//
// Lives on the thread that creates it (the network thread). Each complete request goes to a worker pool,
// where Service::handle() runs; the response comes back to the connection by a queued call. One request at
// a time per connection (keep-alive, no pipelining). Limits: header size, body size (refused from the
// headers, 413), a deadline per request and per idle connection, and a maximum number of connections.
//
// shutdown() (on SIGTERM/SIGINT): stop listening, close idle connections and those still sending a request
// (their clients see a connection error and retry; resubmission is idempotent), answer every request already
// handed to the service (receipts only after the commit, as always) with "Connection: close", then emit
// drained().

#include "sync/registry/httpparser.h"
#include "sync/registry/service.h"

#include <QObject>
#include <QSslConfiguration>
#include <QThreadPool>

#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace registry {

struct ServerOptions
{
    HttpLimits limits;
    int requestTimeoutMs = 30'000; // from the first byte of a request to its last
    int idleTimeoutMs = 60'000; // keep-alive connection with no request
    int handshakeTimeoutMs = 10'000;
    int maxConnections = 512;
    int workerThreads = 16; // submissions wait for the sequencing thread, so more than the cores
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    // `tls` empty: plain HTTP (the caller has checked --insecure-http).
    HttpServer(Service &service, const ServerOptions &options, std::optional<QSslConfiguration> tls,
        QObject *parent = nullptr);
    ~HttpServer() override;

    ledger::Result<quint16> listen(const QString &host, quint16 port);
    int connectionCount() const { return m_connections; }

    // Starts the graceful stop; drained() follows when the last connection has closed, or after graceMs
    // at the latest (requests still being handled are then answered to nobody, but still committed).
    void shutdown(int graceMs);
    bool isShuttingDown() const { return m_shuttingDown; }
    int busyConnections() const;

signals:
    void drained();

private:
    void accept();
    void connectionGone(); // from ~HttpConnection

    friend class HttpConnection;
    Service &m_service;
    ServerOptions m_options;
    QTcpServer *m_server = nullptr;
    QThreadPool m_workers;
    int m_connections = 0;
    bool m_shuttingDown = false;
    bool m_drainedSent = false;
    bool m_destroying = false;
};

} // namespace registry
