#pragma once
// A minimal HTTP/1.1 request parser with hard limits, fed bytes as they arrive. It never buffers more than
// the header limit plus the declared Content-Length, and it refuses an oversized body from the headers
// alone, before any of it is read. No chunked bodies (411/501): the protocol's clients always send a length.

#include "sync/registry/httptypes.h"

#include "ledger/result.h"

namespace registry {

struct HttpLimits
{
    qsizetype maxHeaderBytes = 16 * 1024; // request line + headers
    int maxHeaders = 64;
    qsizetype maxBody = 4 * 1024 * 1024;
};

class HttpParser
{
public:
    enum class State { NeedMore, HeadersDone, Complete, Failed };

    explicit HttpParser(const HttpLimits &limits)
        : m_limits(limits)
    { }

    // Appends data and advances. HeadersDone is returned once per request, when the headers are complete
    // and acceptable but the body is not (so the caller can answer "Expect: 100-continue"); call feed({})
    // to continue. After Complete, take() the request; bytes beyond it stay buffered for the next one.
    State feed(QByteArrayView data);
    HttpRequest take();
    const ledger::Error &error() const { return m_error; } // when Failed: code for statusOf()
    bool keepAlive() const { return m_keepAlive; }
    bool expectsContinue() const { return m_expectContinue; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }

private:
    State fail(const char *code, QString message);
    State parseHeaders(qsizetype end);

    HttpLimits m_limits;
    QByteArray m_buffer;
    HttpRequest m_request;
    qsizetype m_bodyLength = -1; // -1: headers not parsed yet
    bool m_headersReported = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    ledger::Error m_error;
    State m_state = State::NeedMore;
};

} // namespace registry
