#pragma once
// One client connection of HttpServer (network thread only). Reads into an HttpParser, hands each complete
// request to the worker pool, writes the response. A connection is deleted only when no worker holds it.

#include "sync/registry/httpparser.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QTimer;

namespace registry {

class HttpServer;

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(HttpServer &server, QTcpSocket *socket);
    ~HttpConnection() override;

    // The server is stopping: close now if no request is being handled, else after answering it.
    void shutdown();
    bool isBusy() const { return m_busy; }

private:
    void readSome();
    void dispatch(HttpRequest request);
    void respond(const HttpResponse &response, bool keepAlive);
    void refuse(const ledger::Error &error); // a parser error: answer, then drain and close
    void timedOut();
    void closed();
    void finishIfDone();

    HttpServer &m_server;
    QTcpSocket *m_socket;
    QTimer *m_timer;
    HttpParser m_parser;
    bool m_busy = false; // a worker is handling a request of this connection
    bool m_closing = false; // answered with Connection: close (or the peer left)
    bool m_inRequest = false; // bytes of a request have arrived
    bool m_draining = false; // refused: reading and dropping the rest of the request before closing
};

} // namespace registry
