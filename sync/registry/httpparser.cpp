#include "sync/registry/httpparser.h"

namespace registry {

HttpParser::State HttpParser::fail(const char *code, QString message)
{
    m_error = ledger::makeError(code, std::move(message));
    m_keepAlive = false;
    return m_state = State::Failed;
}

HttpParser::State HttpParser::feed(QByteArrayView data)
{
    if (m_state == State::Failed)
        return m_state;
    m_buffer.append(data);
    if (m_bodyLength < 0) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > m_limits.maxHeaderBytes)
                return fail("headers_too_large", QStringLiteral("The request headers are too large."));
            return m_state = State::NeedMore;
        }
        if (end + 4 > m_limits.maxHeaderBytes)
            return fail("headers_too_large", QStringLiteral("The request headers are too large."));
        if (parseHeaders(end) == State::Failed)
            return m_state;
        m_buffer.remove(0, end + 4);
    }
    if (m_buffer.size() >= m_bodyLength)
        return m_state = State::Complete;
    if (!m_headersReported) {
        m_headersReported = true;
        return m_state = State::HeadersDone;
    }
    return m_state = State::NeedMore;
}

HttpParser::State HttpParser::parseHeaders(qsizetype end)
{
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith('/'))
        return fail("bad_request", QStringLiteral("The request line is not HTTP/1.1."));
    m_request = HttpRequest {};
    m_request.method = requestLine[0];
    m_request.target = requestLine[1];
    m_keepAlive = requestLine[2] == "HTTP/1.1";
    if (lines.size() - 1 > m_limits.maxHeaders)
        return fail("headers_too_large", QStringLiteral("The request has too many headers."));
    qsizetype length = 0;
    bool haveLength = false;
    m_expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail("bad_request", QStringLiteral("A request header is malformed."));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qlonglong n = value.toLongLong(&ok);
            if (!ok || n < 0 || (haveLength && n != length))
                return fail("bad_request", QStringLiteral("Content-Length is malformed."));
            if (n > m_limits.maxBody)
                return fail("body_too_large",
                    QStringLiteral("The body is %1 bytes; this registry accepts at most %2.")
                        .arg(n)
                        .arg(m_limits.maxBody));
            length = qsizetype(n);
            haveLength = true;
        } else if (name == "transfer-encoding") {
            return fail(
                "length_required", QStringLiteral("Send the body with a Content-Length, not chunked."));
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close"))
                m_keepAlive = false;
            else if (v.contains("keep-alive"))
                m_keepAlive = true;
        } else if (name == "expect") {
            m_expectContinue = value.toLower() == "100-continue";
        }
        m_request.headers.append({ name, value });
    }
    m_bodyLength = length;
    m_headersReported = false;
    return State::NeedMore;
}

HttpRequest HttpParser::take()
{
    HttpRequest r = std::move(m_request);
    r.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    m_request = HttpRequest {};
    m_bodyLength = -1;
    m_headersReported = false;
    m_expectContinue = false;
    m_state = State::NeedMore;
    return r;
}

} // namespace registry
