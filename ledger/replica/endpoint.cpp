#include "ledger/replica/endpoint.h"

#include "ledger/replica/replica.h"

#include <QUrl>

namespace ledger::replica {

namespace {
constexpr std::string_view kCaKey = "replica.ca_file";
constexpr std::string_view kPinKey = "replica.pin";
} // namespace

bool validPins(const QString &pins)
{
    if (pins.isEmpty())
        return true;
    for (const QString &p : pins.split(QLatin1Char(';'))) {
        if (!p.startsWith(QLatin1String("sha256//")))
            return false;
        const auto decoded
            = QByteArray::fromBase64Encoding(p.mid(8).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 32)
            return false;
    }
    return true;
}

QString endpointProblem(const Endpoint &endpoint)
{
    const QUrl url(endpoint.registryUrl, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return QStringLiteral("The registry address must be an https:// address with a host, not \"%1\".")
            .arg(endpoint.registryUrl);
    if (!validPins(endpoint.pin))
        return QStringLiteral("A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the "
                              "registry's public key.");
    return {};
}

QString normalisedPin(const QString &pin)
{
    QStringList parts;
    for (QString p : pin.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        p = p.trimmed();
        if (!p.startsWith(QLatin1String("sha256//")))
            p.prepend(QLatin1String("sha256//"));
        parts << p;
    }
    return parts.join(QLatin1Char(';'));
}

Result<std::optional<Endpoint>> readEndpoint(store::LedgerStore &store)
{
    auto binding = readBinding(store);
    if (!binding)
        return binding.error();
    if (!binding.value())
        return std::optional<Endpoint>();
    auto ca = store.meta(kCaKey);
    if (!ca)
        return ca.error();
    auto pin = store.meta(kPinKey);
    if (!pin)
        return pin.error();
    Endpoint e;
    e.registryUrl = binding.value()->registryUrl;
    e.caFile = ca.value() ? QString::fromUtf8(*ca.value()) : QString();
    e.pin = pin.value() ? QString::fromUtf8(*pin.value()) : QString();
    return std::optional<Endpoint>(std::move(e));
}

Result<void> writeEndpoint(store::LedgerStore &store, const Endpoint &endpoint)
{
    auto binding = readBinding(store);
    if (!binding)
        return binding.error();
    if (!binding.value())
        return makeError("not_bound", QStringLiteral("%1 is not bound to a registry.").arg(store.path()));
    if (const QString problem = endpointProblem(endpoint); !problem.isEmpty())
        return makeError("invalid_endpoint", problem);
    Binding b = *binding.value();
    b.registryUrl = endpoint.registryUrl;
    auto tx = sql::Transaction::begin(store.db());
    if (!tx)
        return tx.error();
    LEDGER_TRY(writeBinding(store, b));
    LEDGER_TRY(store.setMeta(kCaKey, endpoint.caFile.toUtf8()));
    LEDGER_TRY(store.setMeta(kPinKey, endpoint.pin.toUtf8()));
    return tx.value().commit();
}

} // namespace ledger::replica
