#include "ledger/replica/endpoint.h"

#include "ledger/replica/replica.h"

#include <QCoreApplication>
#include <QUrl>

namespace ledger::replica {

namespace {
constexpr std::string_view kCaKey = "replica.ca_file";
constexpr std::string_view kPinKey = "replica.pin";

QString say(const char *source)
{
    return QCoreApplication::translate("RegistryAddress", source);
}

constexpr QLatin1String kExample("https://registry.example:8443");

// What follows "scheme://" up to the path, query or fragment: [user@]host[:port].
QString authorityOf(const QString &url, qsizetype afterScheme)
{
    qsizetype end = afterScheme;
    while (end < url.size() && url[end] != QLatin1Char('/') && url[end] != QLatin1Char('?')
        && url[end] != QLatin1Char('#'))
        ++end;
    return url.mid(afterScheme, end - afterScheme);
}

// A port typed after the host (IPv6 hosts are in brackets): "" for none, else its problem or empty.
QString portProblem(const QString &hostAndPort)
{
    const qsizetype colon = hostAndPort.lastIndexOf(QLatin1Char(':'));
    if (colon < 0 || colon < hostAndPort.lastIndexOf(QLatin1Char(']')))
        return {};
    const QString port = hostAndPort.mid(colon + 1);
    bool digits = !port.isEmpty() && port.size() <= 5;
    for (QChar c : port)
        digits = digits && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const int n = digits ? port.toInt() : 0;
    if (n >= 1 && n <= 65535)
        return {};
    return say(QT_TRANSLATE_NOOP("RegistryAddress",
                   "The port \"%1\" is not a number from 1 to 65535: type https://HOST:PORT, e.g. %2, or "
                   "leave the port out for 443."))
        .arg(port, kExample);
}
} // namespace

QString registryUrlProblem(const QString &typed)
{
    const QString url = typed.trimmed();
    if (url.isEmpty())
        return say(QT_TRANSLATE_NOOP("RegistryAddress", "Type the registry's address, e.g. %1."))
            .arg(kExample);
    const qsizetype sep = url.indexOf(QLatin1String("://"));
    if (sep < 0)
        return say(QT_TRANSLATE_NOOP(
                       "RegistryAddress", "The address must start with https://: type https://%1 (e.g. %2)."))
            .arg(url, kExample);
    const QString scheme = url.left(sep).toLower();
    const QString authority = authorityOf(url, sep + 3);
    if (scheme == QLatin1String("http"))
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "The registry is reached over TLS only: type https:// instead of http://, e.g. "
                       "https://%1."))
            .arg(authority);
    if (scheme != QLatin1String("https"))
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "The registry is reached over https:// only, not %1://: type https://HOST[:PORT], "
                       "e.g. %2."))
            .arg(url.left(sep), kExample);
    if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0)
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "The address has a user name or password before \"@\", which a registry does not "
                       "take (your key file says who you are): type https://%1 without it."))
            .arg(authority.mid(at + 1)); // not echoed: it may be a password
    if (const QString port = portProblem(authority); !port.isEmpty())
        return port;
    const QUrl parsed(url, QUrl::StrictMode);
    if (authority.isEmpty() || authority.startsWith(QLatin1Char(':'))
        || (parsed.isValid() && parsed.host().isEmpty()))
        return say(QT_TRANSLATE_NOOP(
                       "RegistryAddress", "The address has no host name: type https://HOST[:PORT], e.g. %1."))
            .arg(kExample);
    if (!parsed.isValid())
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "\"%1\" is not a valid web address: type https://HOST[:PORT], e.g. %2."))
            .arg(url, kExample);
    if (const QString path = parsed.path(); !path.isEmpty() && path != QLatin1String("/"))
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "The address has a path (\"%1\"), but the registry answers at /v1/ right under its "
                       "host: type only https://%2."))
            .arg(path, authority);
    if (parsed.hasQuery() || parsed.hasFragment())
        return say(QT_TRANSLATE_NOOP("RegistryAddress",
                       "The address has a query or fragment (\"?…\" or \"#…\"), which a registry does not "
                       "take: type only https://%1."))
            .arg(authority);
    return {};
}

QString normalisedRegistryUrl(const QString &url)
{
    QString s = url.trimmed();
    if (const qsizetype sep = s.indexOf(QLatin1String("://")); sep >= 0)
        s = QStringLiteral("https") + s.mid(sep);
    if (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

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
    if (const QString problem = registryUrlProblem(endpoint.registryUrl); !problem.isEmpty())
        return problem;
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
    b.registryUrl = normalisedRegistryUrl(endpoint.registryUrl);
    auto tx = sql::Transaction::begin(store.db());
    if (!tx)
        return tx.error();
    LEDGER_TRY(writeBinding(store, b));
    LEDGER_TRY(store.setMeta(kCaKey, endpoint.caFile.toUtf8()));
    LEDGER_TRY(store.setMeta(kPinKey, endpoint.pin.toUtf8()));
    return tx.value().commit();
}

} // namespace ledger::replica
