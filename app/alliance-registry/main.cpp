// alliance-registry: serve a registry data directory over HTTPS, or create one from a standalone ledger.
//   alliance-registry --listen HOST:PORT --tls-cert FILE --tls-key FILE --data DIR [--insecure-http]
//                     [--max-body N] [--max-batch N] [--auth-window S] [--passphrase-file F]
//   alliance-registry init --data DIR --from LEDGER --key KEYFILE [--passphrase-file F]

#include "sync/registry/datadir.h"
#include "sync/registry/httpserver.h"
#include "sync/registry/service.h"
#include "sync/registry/sqlitestorage.h"
#include "sync/registry/stopsignals.h"
#include "sync/registry/tlsfiles.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/engine/clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {

int failure(const QString &message, int code = 1)
{
    std::fprintf(stderr, "alliance-registry: error: %s\n", qPrintable(message));
    return code;
}

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

int runInit(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Create a registry data directory from a standalone ledger."));
    p.addHelpOption();
    p.addOptions({ { QStringLiteral("data"), QStringLiteral("The new data directory."),
                       QStringLiteral("DIR") },
        { QStringLiteral("from"), QStringLiteral("The standalone ledger file."), QStringLiteral("LEDGER") },
        { QStringLiteral("key"), QStringLiteral("The registry's checkpoint key file."),
            QStringLiteral("KEYFILE") },
        { QStringLiteral("passphrase-file"),
            QStringLiteral("The key's passphrase (else $ALLIANCE_PASSPHRASE_FILE)."),
            QStringLiteral("F") } });
    p.process(args);
    for (const char *o : { "data", "from", "key" })
        if (p.value(QLatin1String(o)).isEmpty())
            return failure(QStringLiteral("init needs --%1.").arg(QLatin1String(o)));
    QString passFile = p.value(QStringLiteral("passphrase-file"));
    if (passFile.isEmpty())
        passFile = qEnvironmentVariable("ALLIANCE_PASSPHRASE_FILE");
    if (passFile.isEmpty())
        return failure(QStringLiteral("Give the key's passphrase with --passphrase-file F."));
    auto pass = ledger::crypto::readPassphraseFile(passFile);
    if (!pass)
        return failure(pass.error().message, 4);
    auto report = registry::initDataDir(registry::DataDir { p.value(QStringLiteral("data")) },
        p.value(QStringLiteral("from")), p.value(QStringLiteral("key")), pass.value());
    pass->fill('\0');
    if (!report)
        return failure(report.error().message, 4);
    if (report->lastStandaloneCheckpoint)
        say(QStringLiteral("Standalone checkpoint: size %1, root %2")
                .arg(report->lastStandaloneCheckpoint->treeSize)
                .arg(QString::fromLatin1(report->lastStandaloneCheckpoint->root.toBase64())));
    say(QStringLiteral("Registry data in %1: %2 entries, the same tree; first registry checkpoint:")
            .arg(p.value(QStringLiteral("data")))
            .arg(report->treeSize));
    std::fprintf(stdout, "%s", report->registryCheckpoint.constData());
    return 0;
}

int runServer(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The Alliance Portal central registry (protocol v1)."));
    p.addHelpOption();
    p.addOptions({ { QStringLiteral("listen"),
                       QStringLiteral("Address and port, e.g. 127.0.0.1:8443 (port 0: any free port)."),
                       QStringLiteral("HOST:PORT") },
        { QStringLiteral("tls-cert"), QStringLiteral("PEM certificate chain."), QStringLiteral("FILE") },
        { QStringLiteral("tls-key"), QStringLiteral("PEM private key (unencrypted RSA or EC)."),
            QStringLiteral("FILE") },
        { QStringLiteral("data"), QStringLiteral("Data directory made by `alliance-registry init`."),
            QStringLiteral("DIR") },
        { QStringLiteral("insecure-http"), QStringLiteral("Serve plain HTTP (local experiments only).") },
        { QStringLiteral("max-body"), QStringLiteral("Largest request body in bytes (default 4194304)."),
            QStringLiteral("N") },
        { QStringLiteral("max-batch"), QStringLiteral("Most entries per submission (default 1000)."),
            QStringLiteral("N") },
        { QStringLiteral("auth-window"), QStringLiteral("Allowed clock difference in seconds (default 300)."),
            QStringLiteral("S") },
        { QStringLiteral("request-timeout"),
            QStringLiteral("Seconds a client has to send one request (default 30)."), QStringLiteral("S") },
        { QStringLiteral("passphrase-file"),
            QStringLiteral("The checkpoint key's passphrase (default DIR/checkpoint.pass)."),
            QStringLiteral("F") } });
    p.process(args);
    const QString listen = p.value(QStringLiteral("listen"));
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    if (colon <= 0 || !portOk || port > 65535)
        return failure(QStringLiteral("--listen HOST:PORT is required, e.g. --listen 127.0.0.1:8443."));
    if (p.value(QStringLiteral("data")).isEmpty())
        return failure(QStringLiteral("--data DIR is required."));
    const bool insecure = p.isSet(QStringLiteral("insecure-http"));
    const QString cert = p.value(QStringLiteral("tls-cert"));
    const QString key = p.value(QStringLiteral("tls-key"));
    if (!insecure && (cert.isEmpty() || key.isEmpty()))
        return failure(QStringLiteral(
            "HTTPS needs --tls-cert FILE and --tls-key FILE; plain HTTP only with --insecure-http."));
    if (insecure && (!cert.isEmpty() || !key.isEmpty()))
        return failure(
            QStringLiteral("--insecure-http serves plain HTTP; drop --tls-cert/--tls-key or the flag."));

    registry::ServiceConfig config;
    registry::ServerOptions options;
    auto number = [&](const char *name, int64_t min, int64_t max, int64_t fallback, bool &ok) {
        const QString v = p.value(QLatin1String(name));
        if (v.isEmpty())
            return fallback;
        bool good = false;
        const qlonglong n = v.toLongLong(&good);
        ok = ok && good && n >= min && n <= max;
        if (!(good && n >= min && n <= max))
            failure(QStringLiteral("--%1 must be a number from %2 to %3.")
                        .arg(QLatin1String(name))
                        .arg(min)
                        .arg(max));
        return int64_t(n);
    };
    bool ok = true;
    config.maxBody = number("max-body", 1024, 1LL << 30, config.maxBody, ok);
    config.maxBatch = int(number("max-batch", 1, 100'000, config.maxBatch, ok));
    config.authWindowMs = number("auth-window", 1, 86'400, config.authWindowMs / 1000, ok) * 1000;
    options.requestTimeoutMs
        = int(number("request-timeout", 1, 3600, options.requestTimeoutMs / 1000, ok) * 1000);
    if (!ok)
        return 1;
    options.limits.maxBody = config.maxBody;

    std::optional<QSslConfiguration> tls;
    if (!insecure) {
        auto loaded = registry::loadServerTls(cert, key);
        if (!loaded)
            return failure(loaded.error().message, 4);
        tls = loaded.value();
    }
    const registry::DataDir data { p.value(QStringLiteral("data")) };
    std::optional<QString> passFile;
    if (p.isSet(QStringLiteral("passphrase-file")))
        passFile = p.value(QStringLiteral("passphrase-file"));
    auto signer = registry::loadCheckpointKey(data, passFile);
    if (!signer)
        return failure(signer.error().message, 4);
    static ledger::SystemClock clock;
    auto service = registry::Service::open(
        registry::makeSqliteStorage(data.ledger(), data.replay()), signer.value(), clock, config);
    if (!service)
        return failure(service.error().message, 4);
    {
        registry::HttpServer server(*service.value(), options, tls);
        auto bound = server.listen(listen.left(colon), quint16(port));
        if (!bound)
            return failure(bound.error().message, 4);
        // SIGTERM/SIGINT: stop accepting, answer what is in hand, then leave the loop (a second one: at
        // once).
        registry::StopSignals stop;
        if (!stop.ok())
            return failure(QStringLiteral("Cannot install the SIGTERM/SIGINT handlers."), 4);
        QObject::connect(&stop, &registry::StopSignals::received, &server,
            [&server, grace = options.requestTimeoutMs](int signal) {
                if (server.isShuttingDown()) {
                    QCoreApplication::quit();
                    return;
                }
                say(QStringLiteral(
                    "alliance-registry: signal %1, stopping: %2 request(s) in hand are answered first")
                        .arg(signal)
                        .arg(server.busyConnections()));
                server.shutdown(grace);
            });
        QObject::connect(&server, &registry::HttpServer::drained, &server, [] { QCoreApplication::quit(); });
        say(QStringLiteral("alliance-registry: listening on %1://%2:%3 (tree size %4)")
                .arg(insecure ? QStringLiteral("http") : QStringLiteral("https"), listen.left(colon))
                .arg(bound.value())
                .arg(service.value()->treeSize()));
        QCoreApplication::exec();
    } // the server waits for its workers; the service below finishes queued batches
    const int64_t size = service.value()->treeSize();
    service.value().reset();
    say(QStringLiteral("alliance-registry: stopped (tree size %1)").arg(size));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("alliance-registry"));
    QStringList args = QCoreApplication::arguments();
    if (args.size() > 1 && args.at(1) == QLatin1String("init")) {
        args.removeAt(1);
        return runInit(args);
    }
    return runServer(args);
}
