#pragma once
// A request and a response as the service sees them, independent of the HTTP adapter.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace registry {

struct HttpRequest
{
    QByteArray method; // upper case
    QByteArray target; // path and query exactly as sent
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased by the adapter
    QByteArray body;

    QByteArray header(QByteArrayView lowerName) const
    {
        for (const auto &h : headers)
            if (h.first == lowerName)
                return h.second;
        return {};
    }
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

} // namespace registry
