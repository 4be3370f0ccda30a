// An idle desktop against the real alliance-registry over TLS (issue 3, "Idle client: no polling faster than
// the configured interval, no CPU when nothing changes"): with periodic sync every 250 ms and nothing new on
// either side, the job runs no more often than the interval allows, each run asks the registry for its
// checkpoint once (the registry's own request counters say so: no page of entries, no push), and the replica
// file is not written. The figure for the process's idle CPU is a benchmark (bench_portal idle), not this
// test.

#include "ledger/crypto/keyfile.h"
#include "sync/client/httpstransport.h"
#include "sync/syncrig.h"
#include "syncdesktop.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/syncjob.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <map>

using namespace testsupport;
using namespace syncrig;
using namespace syncdesktop;
using namespace portal;

namespace {

// registry_requests_total by route ("GET /v1/checkpoint"), summed over statuses, from /v1/metrics.
std::map<QString, int64_t> requestCounts(const Rig &rig)
{
    std::map<QString, int64_t> counts;
    auto http = syncclient::HttpsTransport::create(rig.options().transport); // metrics need no key
    if (!http)
        return counts;
    auto r = http.value()->get(QByteArrayLiteral("/v1/metrics"));
    if (!r || r->status != 200)
        return counts;
    static const QRegularExpression line(
        QStringLiteral("^registry_requests_total\\{route=\"([^\"]+)\",status=\"\\d+\"\\} (\\d+)$"),
        QRegularExpression::MultilineOption);
    auto it = line.globalMatch(QString::fromUtf8(r->body));
    while (it.hasNext()) {
        const auto m = it.next();
        counts[m.captured(1)] += m.captured(2).toLongLong();
    }
    return counts;
}

int64_t delta(
    const std::map<QString, int64_t> &before, const std::map<QString, int64_t> &after, const QString &route)
{
    const auto a = after.find(route);
    const auto b = before.find(route);
    return (a == after.end() ? 0 : a->second) - (b == before.end() ? 0 : b->second);
}

// The bytes of the replica (its file and write-ahead log): equal means nothing was written.
QByteArray fileDigest(const QString &path)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &p : { path, path + QStringLiteral("-wal") }) {
        QFile f(p);
        if (f.open(QIODevice::ReadOnly))
            h.addData(&f);
        h.addData(QByteArrayLiteral("|"));
    }
    return h.result();
}

} // namespace

class TestPortalSyncIdle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AlliancePortalTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_portalsyncidle"));
        QSettings().clear();
        DialogHooks::setNonInteractive(true);
    }

    void idlePeriodicSyncAsksOnlyForTheCheckpointAndWritesNothing()
    {
        Rig rig;
        QVERIFY(rig.build());
        const QString path = rig.file(QStringLiteral("pm.ledger"));
        auto joined = rig.join(rig.world.pm, path);
        QVERIFY2(joined, qPrintable(why(joined)));
        auto ctx = PortalContext::open(path, saveKey(rig, rig.world.pm, QStringLiteral("pm")));
        QVERIFY2(ctx, qPrintable(why(ctx)));
        QVERIFY(ctx.value()->unlock(kPass.toUtf8()));
        SyncJob *job = SyncJob::of(*ctx.value());

        // One sync by hand first, so that what follows starts from a replica that has everything.
        SyncConfig c;
        c.caFile = rig.pki->caFile();
        c.intervalMinutes = 0;
        job->setConfig(c);
        QSignalSpy done(job, &SyncJob::finished);
        QVERIFY(job->start(*ctx.value()->unlockedKey()));
        QVERIFY(done.wait(60'000));
        QCOMPARE(done.takeFirst().at(0).value<SyncOutcome>().kind, SyncOutcome::Kind::Done);

        const auto before = requestCounts(rig);
        QVERIFY(!before.empty());
        const QByteArray file = fileDigest(path);
        constexpr int kIntervalMs = 250;
        constexpr int kWatchMs = 2'600;
        c.intervalMsOverride = kIntervalMs;
        job->setConfig(c);
        QElapsedTimer watch;
        watch.start();
        QTest::qWait(kWatchMs);
        c.intervalMsOverride = 0;
        job->setConfig(c); // no more runs
        if (job->running())
            QVERIFY(done.wait(30'000));
        const qint64 watched = watch.elapsed();
        const auto after = requestCounts(rig);

        // Runs: at least a few (it does poll), never more than one per interval.
        const qsizetype runs = done.size();
        QVERIFY2(runs >= 3, qPrintable(QStringLiteral("%1 runs in %2 ms").arg(runs).arg(watched)));
        QVERIFY2(runs <= watched / kIntervalMs + 1,
            qPrintable(QStringLiteral("%1 runs in %2 ms at a %3 ms interval")
                           .arg(runs)
                           .arg(watched)
                           .arg(kIntervalMs)));
        for (const auto &args : done)
            QCOMPARE(args.at(0).value<SyncOutcome>().kind, SyncOutcome::Kind::Done);
        // Each run costs the registry one request, its checkpoint (the fork check, then the pull's target).
        const int64_t checkpoints = delta(before, after, QStringLiteral("GET /v1/checkpoint"));
        QVERIFY2(checkpoints == runs,
            qPrintable(QStringLiteral("%1 checkpoint requests for %2 runs").arg(checkpoints).arg(runs)));
        qInfo("%lld runs in %lld ms, %lld checkpoint requests", qlonglong(runs), qlonglong(watched),
            qlonglong(checkpoints));
        int64_t others = 0;
        for (const auto &[route, count] : after)
            if (route != QLatin1String("GET /v1/checkpoint") && route != QLatin1String("GET /v1/metrics"))
                others += count - (before.count(route) ? before.at(route) : 0);
        QCOMPARE(others, int64_t(0));
        // Nothing changed, so nothing was written.
        QCOMPARE(fileDigest(path), file);
    }
};

QTEST_MAIN(TestPortalSyncIdle)
#include "tst_portalsyncidle.moc"
