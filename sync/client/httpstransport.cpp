#include "sync/client/httpstransport.h"

#include "ledger/replica/endpoint.h"

#include <QRandomGenerator>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

namespace syncclient {

namespace {

using ledger::makeError;

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer
{
    QByteArray body;
    QByteArray contentType;
    std::optional<int> retryAfterMs;
    int64_t limit = 0;
    bool tooLarge = false;
    const std::atomic<bool> *cancel = nullptr;
};

size_t onBody(char *data, size_t size, size_t n, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t bytes = size * n;
    if (int64_t(t->body.size()) + int64_t(bytes) > t->limit) {
        t->tooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->body.append(data, qsizetype(bytes));
    return bytes;
}

size_t onHeader(char *data, size_t size, size_t n, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t bytes = size * n;
    const QByteArray line = QByteArray(data, qsizetype(bytes)).trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-type")
            t->contentType = value;
        else if (name == "retry-after") {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (ok && seconds >= 0)
                t->retryAfterMs = std::min(seconds, 3600) * 1000;
        }
    }
    return bytes;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *t = static_cast<Transfer *>(user);
    return t->cancel && t->cancel->load(std::memory_order_relaxed) ? 1 : 0;
}

bool isTlsRefusal(CURLcode rc)
{
    switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
        return true;
    default:
        return false;
    }
}

bool isNetworkError(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR: // a handshake cut short by the network; refusals have their own codes
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

} // namespace

int backoffDelayMs(int attempt, int baseMs, int maxMs)
{
    int64_t d = std::max(1, baseMs);
    for (int i = 1; i < attempt && d < maxMs; ++i)
        d *= 2;
    d = std::min<int64_t>(d, std::max(1, maxMs));
    const int64_t low = d / 2;
    return int(low + int64_t(QRandomGenerator::global()->bounded(quint64(d - low + 1))));
}

Result<std::unique_ptr<HttpsTransport>> HttpsTransport::create(const TransportOptions &options)
{
    if (const QString problem = ledger::replica::registryUrlProblem(options.baseUrl); !problem.isEmpty())
        return makeError("invalid_url", problem);
    if (const QString pin = ledger::replica::normalisedPin(options.pinnedKey);
        !ledger::replica::validPins(pin))
        return makeError("invalid_pin",
            QStringLiteral(
                "The pin \"%1\" is not sha256//<base64 of a 32-byte SHA-256 of the server's public "
                "key>, or several of them separated by ';'.")
                .arg(options.pinnedKey));
    globalInit();
    CURL *curl = curl_easy_init();
    if (!curl)
        return makeError("transport_error", QStringLiteral("libcurl could not start."));
    TransportOptions o = options;
    if (o.maxResponseBytes <= 0)
        o.maxResponseBytes = 256 * 1024 * 1024;
    o.baseUrl = ledger::replica::normalisedRegistryUrl(o.baseUrl);
    return std::unique_ptr<HttpsTransport>(new HttpsTransport(std::move(o), curl));
}

HttpsTransport::HttpsTransport(TransportOptions options, void *curl)
    : m_options(std::move(options))
    , m_curl(curl)
{ }

HttpsTransport::~HttpsTransport()
{
    curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

Result<HttpResponse> HttpsTransport::get(const QByteArray &pathAndQuery)
{
    return request(QByteArrayLiteral("GET"), pathAndQuery, QByteArray());
}

Result<HttpResponse> HttpsTransport::post(const QByteArray &pathAndQuery, const QByteArray &jsonBody)
{
    return request(QByteArrayLiteral("POST"), pathAndQuery, jsonBody);
}

bool HttpsTransport::waitBackoff(int ms)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
        if (cancelled())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 50)));
    }
    return !cancelled();
}

Result<HttpResponse> HttpsTransport::request(
    const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body)
{
    if (!pathAndQuery.startsWith('/'))
        return makeError("invalid_url", QStringLiteral("A request path must start with '/'."));
    const int attempts = std::max(1, m_options.maxAttempts);
    Error last = makeError("network_error", QStringLiteral("No attempt was made."));
    for (int n = 1;; ++n) {
        if (cancelled())
            return makeError("cancelled", QStringLiteral("Sync was cancelled."));
        bool retryable = false;
        std::optional<int> retryAfter;
        auto r = attempt(method, pathAndQuery, body, retryable, retryAfter);
        if (r && !retryable && m_retryable && m_retryable(r.value()))
            retryable = true;
        if (r && !retryable) {
            r->attempts = n;
            return r;
        }
        if (!r && !retryable)
            return r.error();
        if (r && n >= attempts && r->status != 429 && r->status != 503) {
            r->attempts = n;
            return r; // the caller reads the registry's answer
        }
        last = r
            ? makeError("overloaded",
                QStringLiteral("The registry is overloaded (HTTP %1) and did not recover after %2 attempts.")
                    .arg(r->status)
                    .arg(n))
            : r.error();
        if (n >= attempts)
            return last;
        int wait = backoffDelayMs(n, m_options.backoffBaseMs, m_options.backoffMaxMs);
        if (retryAfter)
            wait = std::min(std::max(wait, *retryAfter), m_options.backoffMaxMs);
        if (m_onRetry)
            m_onRetry(n + 1, wait, last.message);
        if (!waitBackoff(wait))
            return makeError("cancelled", QStringLiteral("Sync was cancelled."));
    }
}

Result<HttpResponse> HttpsTransport::attempt(const QByteArray &method, const QByteArray &pathAndQuery,
    const QByteArray &body, bool &retryable, std::optional<int> &retryAfterMs)
{
    CURL *curl = static_cast<CURL *>(m_curl);
    curl_easy_reset(curl); // keeps the connection cache and TLS session, clears the options
    Transfer t;
    t.limit = m_options.maxResponseBytes;
    t.cancel = m_cancel;
    const QByteArray url = (m_options.baseUrl + QString::fromLatin1(pathAndQuery)).toUtf8();
    const QByteArray ca = m_options.caFile.toUtf8();
    const QByteArray pin = ledger::replica::normalisedPin(m_options.pinnedKey).toLatin1();

    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
    if (!ca.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, ca.constData());
    if (!pin.isEmpty())
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pin.constData());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(m_options.connectTimeoutMs));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(m_options.totalTimeoutMs));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");

    struct curl_slist *headers = nullptr;
    auto addHeader = [&](const QByteArray &line) { headers = curl_slist_append(headers, line.constData()); };
    addHeader(QByteArrayLiteral("Accept: application/json"));
    addHeader(QByteArrayLiteral("Expect:")); // no 100-continue round trip
    if (method == "POST") {
        addHeader(QByteArrayLiteral("Content-Type: application/json"));
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    if (m_signer) {
        for (const Header &h : m_signer(method, pathAndQuery, body))
            addHeader(h.first + ": " + h.second);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    char errbuf[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    ++m_requests;
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    m_connections += connects;

    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    // The handle must not keep pointers to this frame (error buffer, transfer state, body) past it.
    curl_easy_reset(curl);
    const QString detail = QString::fromUtf8(errbuf[0] ? errbuf : curl_easy_strerror(rc));
    if (rc != CURLE_OK) {
        if (t.tooLarge)
            return makeError("response_too_large",
                QStringLiteral("The registry's response exceeded %1 bytes.").arg(m_options.maxResponseBytes));
        if (rc == CURLE_ABORTED_BY_CALLBACK || cancelled())
            return makeError("cancelled", QStringLiteral("Sync was cancelled."));
        if (isTlsRefusal(rc))
            return makeError("tls_error",
                QStringLiteral("The registry at %1 was refused by TLS verification: %2")
                    .arg(m_options.baseUrl, detail));
        if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
            return makeError("invalid_url", QStringLiteral("%1: %2").arg(m_options.baseUrl, detail));
        retryable = isNetworkError(rc);
        return makeError(retryable ? "network_error" : "transport_error",
            QStringLiteral("Could not reach the registry at %1: %2").arg(m_options.baseUrl, detail));
    }
    HttpResponse resp;
    resp.status = status;
    resp.body = std::move(t.body);
    resp.contentType = std::move(t.contentType);
    if (resp.status == 429 || resp.status == 503) {
        retryable = true;
        retryAfterMs = t.retryAfterMs;
    }
    return resp;
}

} // namespace syncclient
