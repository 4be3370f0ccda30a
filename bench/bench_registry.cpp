// Registry ingest over HTTPS (issue 3): the real alliance-registry on 127.0.0.1 with a test CA, C concurrent
// clients (one connection each) submitting pre-signed batches of B entries. Reports entries/s and batch
// latency percentiles. Not a test; figures go to docs/PERFORMANCE.md.
//
//   bench_registry [--clients 16] [--batch 1000] [--batches 10]     (needs ALLIANCE_REGISTRY_BIN or
//                                                                  ALLIANCE_BIN_DIR to find the registry)

#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include "ledger/crypto/keyfile.h"
#include "support/ledgerfixture.h"
#include "support/registryprocess.h"
#include "support/testpki.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace testsupport;

namespace {

int arg(const QStringList &args, const char *name, int fallback)
{
    const qsizetype i = args.indexOf(QLatin1String(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

ledger::SignedEntry entry(const ledger::crypto::PrivateKey &key, int n)
{
    ledger::Entry e;
    e.type = "sponsor.registered";
    e.author = key.keyId().toStdString();
    e.createdAt = QDateTime::currentMSecsSinceEpoch();
    e.nonce = ledger::makeNonce();
    e.body = bodies::sponsor("bench-" + std::to_string(n));
    return ledger::signEntry(e, key);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int clients = arg(args, "--clients", 16);
    const int batch = arg(args, "--batch", 1000);
    const int batches = arg(args, "--batches", 10);

    ScratchDir dir;
    TestPki pki(dir.path());
    const IssuedCert server = pki.issue(QStringLiteral("server"));
    LedgerFixture::Options o;
    o.startMs = QDateTime::currentMSecsSinceEpoch() - kHour;
    LedgerFixture f(o);
    const World w = f.buildStandard();
    const auto registryKey = testKey("registry");
    f.mustRecord(f.root, "registry.appointed", bodies::appointRegistry(registryKey));
    const QString keyFile = dir.file(QStringLiteral("registry.key"));
    const QString passFile = dir.file(QStringLiteral("pass"));
    QFile pass(passFile);
    if (!pass.open(QIODevice::WriteOnly) || pass.write("bench passphrase\n") <= 0
        || !ledger::crypto::saveKeyFile(
            registryKey, keyFile, "bench passphrase", ledger::crypto::KdfCost::Fast))
        return 1;
    pass.close();
    f.close();
    const auto init = RegistryProcess::run({ QStringLiteral("init"), QStringLiteral("--data"),
        dir.file(QStringLiteral("data")), QStringLiteral("--from"), f.path(), QStringLiteral("--key"),
        keyFile, QStringLiteral("--passphrase-file"), passFile });
    if (init.exitCode != 0) {
        std::fprintf(stderr, "init failed: %s\n", qPrintable(init.output));
        return 1;
    }
    RegistryOptions ro;
    ro.dataDir = dir.file(QStringLiteral("data"));
    ro.certFile = server.certFile;
    ro.keyFile = server.keyFile;
    ro.extraArgs = { QStringLiteral("--max-batch"), QString::number(batch), QStringLiteral("--max-body"),
        QString::number(64 * 1024 * 1024) };
    RegistryProcess registry(ro);
    if (!registry.start()) {
        std::fprintf(stderr, "registry failed: %s\n", qPrintable(registry.output()));
        return 1;
    }

    std::fprintf(stderr, "signing %d entries...\n", clients * batches * batch);
    std::vector<QByteArray> bodies;
    int n = 0;
    for (int i = 0; i < clients * batches; ++i) {
        std::vector<ledger::SignedEntry> entries;
        for (int j = 0; j < batch; ++j)
            entries.push_back(entry(w.pm, n++));
        bodies.push_back(syncwire::encodeSubmit(entries));
    }

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(pki.caFile()));
    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    std::vector<qint64> latencies;
    int next = 0, done = 0, failed = 0;
    qint64 lastTime = 0;
    QElapsedTimer wall;
    std::function<void(QNetworkAccessManager *)> send = [&](QNetworkAccessManager *nam) {
        if (next >= int(bodies.size()))
            return;
        const QByteArray &body = bodies[size_t(next++)];
        lastTime = std::max(lastTime + 1, QDateTime::currentMSecsSinceEpoch());
        const auto h = syncwire::signRequest(w.pm, "POST", "/v1/entries", body, lastTime);
        QNetworkRequest req(QUrl(registry.baseUrl() + QStringLiteral("/v1/entries")));
        req.setSslConfiguration(tls);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        req.setRawHeader("Content-Type", "application/json");
        req.setRawHeader(syncwire::kKeyHeader, h.keyId);
        req.setRawHeader(syncwire::kTimeHeader, h.time);
        req.setRawHeader(syncwire::kSignatureHeader, h.signature);
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = nam->post(req, body);
        QObject::connect(reply, &QNetworkReply::finished, [&, reply, nam, t] {
            latencies.push_back(t.elapsed());
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                ++failed;
            reply->deleteLater();
            if (++done == int(bodies.size()))
                app.quit();
            else
                send(nam);
        });
    };
    wall.start();
    for (int c = 0; c < clients; ++c) {
        nams.push_back(std::make_unique<QNetworkAccessManager>());
        send(nams.back().get());
    }
    app.exec();
    const double seconds = double(wall.elapsed()) / 1000.0;
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies[std::min(latencies.size() - 1, size_t(p * double(latencies.size())))];
    };
    std::printf("clients %d, batch %d, batches %zu: %.0f entries/s (%d entries in %.2f s), batch latency p50 "
                "%lld ms, "
                "p99 %lld ms, failed %d\n",
        clients, batch, bodies.size(), double(n) / seconds, n, seconds, pct(0.5), pct(0.99), failed);
    return failed == 0 ? 0 : 1;
}
