#include "sync/registry/httpconnection.h"

#include "sync/registry/httpserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace registry {

namespace {

constexpr int kDrainMs = 2000; // after refusing a request, read and drop what the client still sends

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return status >= 500 ? "Internal Server Error" : "Error";
    }
}

} // namespace

HttpConnection::HttpConnection(HttpServer &server, QTcpSocket *socket)
    : QObject(&server)
    , m_server(server)
    , m_socket(socket)
    , m_timer(new QTimer(this))
    , m_parser(server.m_options.limits)
{
    m_socket->setParent(this);
    // Qt would otherwise read everything the peer sends into memory; this keeps TCP back-pressure.
    m_socket->setReadBufferSize(64 * 1024);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::timedOut);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readSome);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closed);
    m_timer->start(server.m_options.idleTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &HttpConnection::readSome);
}

HttpConnection::~HttpConnection()
{
    --m_server.m_connections;
    m_server.connectionGone();
}

void HttpConnection::shutdown()
{
    if (m_busy || m_closing)
        return; // respond() answers with Connection: close; or it is closing already
    // Idle, or a request only partly received: its client gets a connection error and retries later.
    m_closing = true;
    m_socket->disconnectFromHost();
    m_timer->start(kDrainMs);
}

void HttpConnection::readSome()
{
    if (m_closing) {
        m_socket->readAll(); // draining after a refusal
        return;
    }
    if (m_busy)
        return; // one request at a time; the rest waits in the socket (back-pressure)
    const QByteArray data = m_socket->readAll();
    if (!m_inRequest && (!data.isEmpty() || m_parser.hasBufferedBytes())) {
        m_inRequest = true;
        m_timer->start(m_server.m_options.requestTimeoutMs);
    }
    auto state = m_parser.feed(data);
    for (;;) {
        if (state == HttpParser::State::Failed) {
            refuse(m_parser.error());
            return;
        }
        if (state == HttpParser::State::HeadersDone) {
            if (m_parser.expectsContinue())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            state = m_parser.feed({});
            continue;
        }
        if (state == HttpParser::State::Complete)
            dispatch(m_parser.take());
        return;
    }
}

void HttpConnection::dispatch(HttpRequest request)
{
    m_busy = true;
    m_timer->stop();
    const bool keepAlive = m_parser.keepAlive();
    Service &service = m_server.m_service;
    // `this` stays valid: a busy connection is never deleted (closed() and respond() check m_busy).
    m_server.m_workers.start([this, &service, request = std::move(request), keepAlive] {
        HttpResponse response = service.handle(request);
        QMetaObject::invokeMethod(
            this, [this, response = std::move(response), keepAlive] { respond(response, keepAlive); },
            Qt::QueuedConnection);
    });
}

void HttpConnection::respond(const HttpResponse &response, bool keepAlive)
{
    m_busy = false;
    keepAlive = keepAlive && !m_server.isShuttingDown();
    if (m_closing) { // the peer left while we worked
        deleteLater();
        return;
    }
    QByteArray head
        = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
    head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    m_socket->write(head);
    m_socket->write(response.body);
    m_inRequest = false;
    if (!keepAlive) {
        m_closing = true;
        // After a refusal the client may still be sending the body we did not want: read and drop it for a
        // while so that closing does not reset the connection before the client has read our answer.
        if (!m_draining)
            m_socket->disconnectFromHost();
        m_timer->start(kDrainMs);
        return;
    }
    m_timer->start(m_server.m_options.idleTimeoutMs);
    if (m_parser.hasBufferedBytes() || m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &HttpConnection::readSome);
}

void HttpConnection::refuse(const ledger::Error &error)
{
    const HttpResponse r = errorResponse(error);
    m_server.m_service.metrics().request(QStringLiteral("refused"), r.status);
    m_draining = true;
    respond(r, false);
}

void HttpConnection::timedOut()
{
    if (m_busy)
        return;
    if (m_closing && m_draining) {
        m_draining = false;
        m_socket->disconnectFromHost();
        m_timer->start(kDrainMs);
        return;
    }
    if (m_closing) {
        m_socket->abort();
        return;
    }
    if (m_inRequest) {
        refuse(ledger::makeError("request_timeout", QStringLiteral("The request did not arrive in time.")));
        return;
    }
    m_closing = true; // idle keep-alive connection
    m_socket->disconnectFromHost();
    m_timer->start(kDrainMs);
}

void HttpConnection::closed()
{
    m_closing = true;
    m_timer->stop();
    if (!m_busy)
        deleteLater();
}

} // namespace registry
