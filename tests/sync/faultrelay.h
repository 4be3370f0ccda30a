#pragma once
// A TCP relay between a client and the real registry, for fault injection only: it forwards bytes both
// ways unchanged (TLS passes through end to end, so certificates are still verified against the registry)
// and, when armed, cuts the connection after a given number of response bytes — a network that drops in
// the middle of a page or a receipt. Header only (tests/sync); POSIX sockets and one thread per connection.

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace faultrelay {

class Relay
{
public:
    explicit Relay(quint16 upstreamPort)
        : m_upstream(upstreamPort)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_listen, 16) != 0)
            return;
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~Relay()
    {
        m_stop.store(true);
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        if (m_acceptor.joinable())
            m_acceptor.join();
        std::lock_guard<std::mutex> lock(m_mutex);
        for (auto &t : m_workers)
            t.join();
    }
    Relay(const Relay &) = delete;
    Relay &operator=(const Relay &) = delete;

    quint16 port() const { return m_port; }
    // The next connection that carries `bytes` more response bytes is cut right there (once).
    void cutResponseAfter(qint64 bytes) { m_cutAfter.store(bytes); }
    bool armed() const { return m_cutAfter.load() >= 0; }
    int cuts() const { return m_cuts.load(); }
    int connections() const { return m_connections.load(); }

private:
    void acceptLoop()
    {
        while (!m_stop.load()) {
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0)
                return;
            ++m_connections;
            std::lock_guard<std::mutex> lock(m_mutex);
            m_workers.emplace_back([this, client] { pump(client); });
        }
    }

    void pump(int client)
    {
        const int up = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(m_upstream);
        if (::connect(up, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            ::close(up);
            ::close(client);
            return;
        }
        char buf[16384];
        pollfd fds[2] = { { client, POLLIN, 0 }, { up, POLLIN, 0 } };
        while (!m_stop.load()) {
            if (::poll(fds, 2, 200) < 0)
                break;
            bool closed = false;
            if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                const ssize_t n = ::recv(client, buf, sizeof buf, 0);
                closed = n <= 0 || ::send(up, buf, size_t(n), MSG_NOSIGNAL) != n;
            }
            if (!closed && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t n = ::recv(up, buf, sizeof buf, 0);
                if (n <= 0) {
                    closed = true;
                } else {
                    qint64 budget = m_cutAfter.load();
                    bool cut = false;
                    if (budget >= 0) {
                        if (n >= budget) {
                            n = ssize_t(budget);
                            cut = m_cutAfter.compare_exchange_strong(budget, -1);
                        } else {
                            m_cutAfter.compare_exchange_strong(budget, budget - n);
                        }
                    }
                    if (n > 0 && ::send(client, buf, size_t(n), MSG_NOSIGNAL) != n)
                        closed = true;
                    if (cut) {
                        ++m_cuts;
                        closed = true;
                    }
                }
            }
            if (closed)
                break;
        }
        ::close(up);
        ::close(client);
    }

    quint16 m_upstream;
    quint16 m_port = 0;
    int m_listen = -1;
    std::atomic<bool> m_stop { false };
    std::atomic<qint64> m_cutAfter { -1 };
    std::atomic<int> m_cuts { 0 };
    std::atomic<int> m_connections { 0 };
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<std::thread> m_workers;
};

} // namespace faultrelay
