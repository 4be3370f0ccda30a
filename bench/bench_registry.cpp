// Registry ingest over HTTPS (issue 3): the real alliance-registry on 127.0.0.1 with a test CA, C concurrent
// clients (one connection each) submitting pre-signed batches of B entries. Reports entries/s and batch
// latency percentiles. Not a test; figures go to docs/PERFORMANCE.md.
//
// Two ways to load it. Closed loop (the default): each client sends its next batch as soon as the previous
// one is answered, so C × B entries are always in flight and the batch latency is, by Little's law, C × B
// over the throughput. Open loop (`--rate R`): the batches are offered at R entries/s in all, evenly spaced
// and dealt round-robin to the clients, whatever the answers do; a batch's latency counts from the moment it
// was due, not from when it was sent, so a server that falls behind shows it in the latency (no coordinated
// omission). That is how "sustains R entries/s with p99 latency L" is measured.
//
// The machine is shared, so the figure is also given against what the same machine managed at the same time:
// `openssl speed -elapsed -multi 2 ed25519` (the verify rate of two processes, in wall time) run just before
// and just after the timed part, and the registry's own CPU time per entry against the CPU time of one
// OpenSSL verify (`openssl speed ed25519`) and of one check by the registry's own verifier (libsodium, about
// twice as fast). Load averages before and after are printed too.
//
//   bench_registry [--clients 16] [--batch 1000] [--batches 10] [--rate ENTRIES_PER_S] [--no-openssl]
//                  [--latencies FILE]
//   (needs ALLIANCE_REGISTRY_BIN or ALLIANCE_BIN_DIR to find the registry)

#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include "ledger/crypto/keyfile.h"
#include "support/ledgerfixture.h"
#include "support/registryprocess.h"
#include "support/testpki.h"

#include "procstat.h"
#include "verifyrate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

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

// Ed25519 verifies per second from `openssl speed`'s summary line (0 if it could not run).
double opensslVerifyRate(const QStringList &options)
{
    QProcess p;
    p.start(QStringLiteral("openssl"),
        QStringList { QStringLiteral("speed") } + options
            + QStringList { QStringLiteral("-seconds"), QStringLiteral("3"), QStringLiteral("ed25519") });
    if (!p.waitForFinished(60'000))
        return 0;
    static const QRegularExpression line(
        QStringLiteral("Ed25519\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)"));
    double rate = 0;
    auto it = line.globalMatch(QString::fromUtf8(p.readAllStandardOutput()));
    while (it.hasNext())
        rate = it.next().captured(2).toDouble(); // the last line: the sum over processes with -multi
    return rate;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

double selfCpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
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
    const int rate = arg(args, "--rate", 0); // 0: closed loop
    const bool withOpenssl = !args.contains(QStringLiteral("--no-openssl"));
    // --latencies FILE: one line per batch, "due_ms latency_ms", to see when in a run the slow ones came.
    const qsizetype latenciesAt = args.indexOf(QStringLiteral("--latencies"));
    const QString latenciesFile
        = latenciesAt >= 0 && latenciesAt + 1 < args.size() ? args[latenciesAt + 1] : QString();

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
    std::vector<std::pair<qint64, qint64>> timeline; // (due, latency) per batch, in answer order
    int next = 0, done = 0, failed = 0; // next: the closed loop's next batch
    qint64 lastTime = 0;
    QElapsedTimer wall;
    // Posts batch `index` on `nam`; its latency counts from `dueMs` on the wall clock.
    std::function<void(QNetworkAccessManager *, int, qint64)> post
        = [&](QNetworkAccessManager *nam, int index, qint64 dueMs) {
              const QByteArray &body = bodies[size_t(index)];
              lastTime = std::max(lastTime + 1, QDateTime::currentMSecsSinceEpoch());
              const auto h = syncwire::signRequest(w.pm, "POST", "/v1/entries", body, lastTime);
              QNetworkRequest req(QUrl(registry.baseUrl() + QStringLiteral("/v1/entries")));
              req.setSslConfiguration(tls);
              req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
              req.setRawHeader("Content-Type", "application/json");
              req.setRawHeader(syncwire::kKeyHeader, h.keyId);
              req.setRawHeader(syncwire::kTimeHeader, h.time);
              req.setRawHeader(syncwire::kSignatureHeader, h.signature);
              QNetworkReply *reply = nam->post(req, body);
              QObject::connect(reply, &QNetworkReply::finished, [&, reply, nam, dueMs] {
                  latencies.push_back(wall.elapsed() - dueMs);
                  timeline.emplace_back(dueMs, latencies.back());
                  if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                      ++failed;
                  reply->deleteLater();
                  if (++done == int(bodies.size()))
                      app.quit();
                  else if (rate == 0 && next < int(bodies.size()))
                      post(nam, next++,
                          wall.elapsed()); // closed loop: the next batch as soon as this one is answered
              });
          };
    const QString loadBefore = loadAverage();
    const double verifyCpu = withOpenssl ? opensslVerifyRate({}) : 0;
    const double ownVerify = benchsupport::ledgerVerifyRate(3, 1); // the registry's verifier, one thread
    const double verifyBefore = withOpenssl
        ? opensslVerifyRate({ QStringLiteral("-elapsed"), QStringLiteral("-multi"), QStringLiteral("2") })
        : 0;
    const double registryCpu0 = std::max(0.0, benchsupport::processCpuSeconds(registry.processId()));
    const double selfCpu0 = selfCpuSeconds();
    // The registry's write-ahead log, sampled while it runs: it must stay bounded under sustained writes.
    const QString walFile = dir.file(QStringLiteral("data/registry.ledger-wal"));
    qint64 walPeak = 0;
    QTimer walProbe;
    QObject::connect(
        &walProbe, &QTimer::timeout, [&] { walPeak = std::max(walPeak, QFileInfo(walFile).size()); });
    walProbe.start(100);
    wall.start();
    for (int c = 0; c < clients; ++c)
        nams.push_back(std::make_unique<QNetworkAccessManager>());
    if (rate == 0) {
        for (int c = 0; c < clients && next < int(bodies.size()); ++c)
            post(nams[size_t(c)].get(), next++, 0);
    } else {
        // Open loop: batch k is due k × batch / rate seconds after the start, on client k mod C.
        for (int k = 0; k < int(bodies.size()); ++k) {
            const qint64 due = qint64(double(k) * batch * 1000.0 / rate);
            QTimer::singleShot(std::chrono::milliseconds(due), Qt::PreciseTimer, &app,
                [&, k, due] { post(nams[size_t(k % clients)].get(), k, due); });
        }
    }
    app.exec();
    const double seconds = double(wall.elapsed()) / 1000.0;
    const double registryCpu
        = std::max(0.0, benchsupport::processCpuSeconds(registry.processId())) - registryCpu0;
    const double selfCpu = selfCpuSeconds() - selfCpu0;
    const QString loadAfter = loadAverage();
    const double verifyAfter = withOpenssl
        ? opensslVerifyRate({ QStringLiteral("-elapsed"), QStringLiteral("-multi"), QStringLiteral("2") })
        : 0;
    if (!latenciesFile.isEmpty()) {
        QFile out(latenciesFile);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            for (const auto &[due, latency] : timeline)
                out.write(QByteArray::number(due) + ' ' + QByteArray::number(latency) + '\n');
    }
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies[std::min(latencies.size() - 1, size_t(p * double(latencies.size())))];
    };
    if (rate > 0)
        std::printf("open loop, offered %d entries/s (%.2f s of offers): ", rate, double(n) / rate);
    std::printf("clients %d, batch %d, batches %zu: %.0f entries/s (%d entries in %.2f s), batch latency p50 "
                "%lld ms, "
                "p99 %lld ms, failed %d\n",
        clients, batch, bodies.size(), double(n) / seconds, n, seconds, pct(0.5), pct(0.99), failed);
    std::printf(
        "load average before %s, after %s; registry CPU %.2f s (%.0f us per entry), this client %.2f s; "
        "registry WAL peak %.0f MB\n",
        qPrintable(loadBefore), qPrintable(loadAfter), registryCpu, registryCpu * 1e6 / double(n), selfCpu,
        double(walPeak) / 1048576.0);
    if (withOpenssl) {
        const double twoCores = (verifyBefore + verifyAfter) / 2;
        std::printf(
            "openssl speed -elapsed -multi 2 ed25519: %.0f verify/s before, %.0f after; ingest / that = "
            "%.2f\n",
            verifyBefore, verifyAfter, twoCores > 0 ? double(n) / seconds / twoCores : 0.0);
        std::printf(
            "openssl speed ed25519 (CPU time): %.0f verify/s = %.0f us each; registry CPU per entry / "
            "that = %.2f\n",
            verifyCpu, verifyCpu > 0 ? 1e6 / verifyCpu : 0.0,
            verifyCpu > 0 ? registryCpu * 1e6 / double(n) / (1e6 / verifyCpu) : 0.0);
    }
    std::printf("the ledger's verifier (libsodium), one thread: %.0f verify/s = %.0f us each; registry CPU "
                "per entry / that = %.2f\n",
        ownVerify, 1e6 / ownVerify, registryCpu * 1e6 / double(n) / (1e6 / ownVerify));
    return failed == 0 ? 0 : 1;
}
