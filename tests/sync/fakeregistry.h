#pragma once
// A fake registry for fault injection only (tests/sync, header only): a small HTTPS server (QSslSocket,
// blocking calls on its own thread, a certificate from the test CA) that answers each request target with
// a canned response — real bodies captured from the real registry, then broken on purpose: malformed,
// truncated, oversized, of the wrong type, or with a signature or proof that does not verify.

#include "support/testpki.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace fakeregistry {

struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    bool truncate = false; // announce the whole body, send half of it, hang up
};

class Server
{
public:
    explicit Server(const testsupport::IssuedCert &cert)
    {
        QFile c(cert.certFile), k(cert.keyFile);
        if (c.open(QIODevice::ReadOnly) && k.open(QIODevice::ReadOnly)) {
            m_cert = QSslCertificate(c.readAll(), QSsl::Pem);
            m_key = QSslKey(k.readAll(), QSsl::Ec, QSsl::Pem);
        }
        std::promise<quint16> ready;
        auto port = ready.get_future();
        m_thread = std::thread([this, p = std::move(ready)]() mutable { run(std::move(p)); });
        m_port = port.get();
    }
    ~Server()
    {
        m_stop.store(true);
        m_thread.join();
    }
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    void set(const QByteArray &target, Response r)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_responses[target] = std::move(r);
    }
    void clear()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_responses.clear();
    }
    int requests() const { return m_requests.load(); }

private:
    class Listener : public QTcpServer
    {
    public:
        std::deque<qintptr> pending;

    protected:
        void incomingConnection(qintptr fd) override { pending.push_back(fd); }
    };

    void run(std::promise<quint16> ready)
    {
        Listener server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            ready.set_value(0);
            return;
        }
        ready.set_value(server.serverPort());
        while (!m_stop.load()) {
            server.waitForNewConnection(100);
            while (!server.pending.empty()) {
                const qintptr fd = server.pending.front();
                server.pending.pop_front();
                handle(fd);
            }
        }
    }

    void handle(qintptr fd)
    {
        QSslSocket s;
        if (!s.setSocketDescriptor(fd))
            return;
        s.setLocalCertificate(m_cert);
        s.setPrivateKey(m_key);
        s.setPeerVerifyMode(QSslSocket::VerifyNone);
        s.startServerEncryption();
        if (!s.waitForEncrypted(5000)) {
            qWarning("fake registry: handshake failed: %s", qPrintable(s.errorString()));
            return;
        }
        QByteArray request;
        // Data may already be decrypted and buffered (it came with the handshake): read before waiting.
        for (request = s.readAll(); !request.contains("\r\n\r\n") && s.waitForReadyRead(5000);)
            request += s.readAll();
        const qsizetype headerEnd = request.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            qWarning("fake registry: no request (%s)", qPrintable(s.errorString()));
            return;
        }
        qsizetype length = 0;
        for (const QByteArray &line : request.left(headerEnd).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        for (request += s.readAll(); request.size() < headerEnd + 4 + length && s.waitForReadyRead(5000);)
            request += s.readAll();
        ++m_requests;
        const QList<QByteArray> first = request.left(request.indexOf("\r\n")).split(' ');
        const QByteArray target = first.size() > 1 ? first[1] : QByteArray();
        Response r;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            auto it = m_responses.find(target);
            if (it != m_responses.end())
                r = it.value();
            else
                r = Response { 404, "application/json",
                    R"({"error":{"code":"not_found","message":"The fake registry has nothing here."}})",
                    false };
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + " X\r\nContent-Type: " + r.contentType
            + "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\nConnection: close\r\n\r\n";
        s.write(head);
        s.write(r.truncate ? r.body.left(r.body.size() / 2) : r.body);
        s.flush();
        while (s.bytesToWrite() > 0 && s.waitForBytesWritten(5000)) { }
        s.disconnectFromHost();
        if (s.state() != QAbstractSocket::UnconnectedState)
            s.waitForDisconnected(1000);
    }

    QSslCertificate m_cert;
    QSslKey m_key;
    quint16 m_port = 0;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_requests { 0 };
    std::mutex m_mutex;
    QHash<QByteArray, Response> m_responses;
    std::thread m_thread;
};

} // namespace fakeregistry
