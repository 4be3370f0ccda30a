#pragma once
// One HTTPS connection to a registry, over libcurl. Certificate verification is always on (peer and host
// name; TLS 1.2 or later; https only, no redirects); a private deployment adds its CA file and may pin the
// server's public key (CURLOPT_PINNEDPUBLICKEY, "sha256//<base64>"). One CURL handle is reused, so requests
// share the connection. Network errors and 429/503 are retried with exponential backoff and full jitter;
// each attempt is signed afresh (the registry refuses a replayed signature). Not thread-safe: one transport
// per thread.
//
// Error codes: tls_error (certificate, host name or pin refused: nothing was sent), network_error (after
// the last retry), overloaded (429/503 after the last retry), response_too_large, cancelled,
// invalid_url, transport_error (anything else libcurl reports).

#include "ledger/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace syncclient {

using ledger::Error;
using ledger::Result;

struct TransportOptions
{
    QString baseUrl; // https://HOST[:PORT] as replica::registryUrlProblem accepts it (no path)
    QString caFile; // PEM bundle to trust instead of the system's
    QString pinnedKey; // "sha256//<base64>" (or just the base64); several joined by ';'
    int connectTimeoutMs = 10'000;
    int totalTimeoutMs = 120'000;
    int maxAttempts = 5; // attempts per request, the first included
    int backoffBaseMs = 250; // first retry waits up to this, doubling each time
    int backoffMaxMs = 15'000;
    int64_t maxResponseBytes = 0; // 0: the protocol's limit (a full page of the largest entries)
};

struct HttpResponse
{
    long status = 0;
    QByteArray body;
    QByteArray contentType;
    int attempts = 0;
};

using Header = QPair<QByteArray, QByteArray>;
// Authentication headers for one attempt of a request (see SYNC-PROTOCOL.md "Authentication").
using RequestSigner = std::function<QList<Header>(
    const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body)>;

class HttpsTransport
{
public:
    static Result<std::unique_ptr<HttpsTransport>> create(const TransportOptions &options);
    ~HttpsTransport();
    HttpsTransport(const HttpsTransport &) = delete;
    HttpsTransport &operator=(const HttpsTransport &) = delete;

    void setSigner(RequestSigner signer) { m_signer = std::move(signer); }
    // Checked during transfers and backoff waits; when it becomes true the request ends with "cancelled".
    void setCancelFlag(const std::atomic<bool> *flag) { m_cancel = flag; }
    // Called before each retry with the attempt number, the wait and why (for progress lines and logs).
    void setRetryObserver(std::function<void(int attempt, int waitMs, const QString &why)> fn)
    {
        m_onRetry = std::move(fn);
    }

    // Responses besides 429/503 that are worth another attempt (freshly signed): the sync engine adds the
    // registry's 401 replayed_request, which libcurl's own silent resend of a request on a reused connection
    // that died before answering can cause.
    void setRetryableResponse(std::function<bool(const HttpResponse &)> fn) { m_retryable = std::move(fn); }

    // pathAndQuery starts with '/'. A response of any HTTP status is a result; errors are transport failures.
    Result<HttpResponse> get(const QByteArray &pathAndQuery);
    Result<HttpResponse> post(const QByteArray &pathAndQuery, const QByteArray &jsonBody);

    const TransportOptions &options() const { return m_options; }
    // New TCP connections opened so far (connection reuse keeps this at one on a healthy link).
    int64_t connectionsOpened() const { return m_connections; }
    int64_t requestsSent() const { return m_requests; }

private:
    HttpsTransport(TransportOptions options, void *curl);
    Result<HttpResponse> request(
        const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body);
    Result<HttpResponse> attempt(const QByteArray &method, const QByteArray &pathAndQuery,
        const QByteArray &body, bool &retryable, std::optional<int> &retryAfterMs);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    bool waitBackoff(int ms); // false when cancelled

    TransportOptions m_options;
    void *m_curl = nullptr; // CURL *
    RequestSigner m_signer;
    const std::atomic<bool> *m_cancel = nullptr;
    std::function<void(int, int, const QString &)> m_onRetry;
    std::function<bool(const HttpResponse &)> m_retryable;
    int64_t m_connections = 0;
    int64_t m_requests = 0;
};

// The backoff before retry `attempt` (1 = first retry): uniformly random in [d/2, d] with
// d = min(maxMs, baseMs * 2^(attempt-1)). Exposed for tests.
int backoffDelayMs(int attempt, int baseMs, int maxMs);

} // namespace syncclient
