// The reports benchmark (docs/PERFORMANCE.md, "Reports"): on a large ledger (e.g. the 1,000,000-entry
// demo, `alliancectl demo --startups 75000 --months 12 --seed 7`), times
//   journal    writeJournal of the whole ledger to a file                      (target < 10 s)
//   utilisation the full sponsor utilisation report, built and written as CSV  (target < 10 s)
//   import     importing a 100,000-row usage CSV into a copy of the ledger     (target < 10 s)
//   peers      `ledger -f J balance` and `hledger -f J balance` on that journal, side by side (wall time,
//              peak RSS), with a per-tool timeout
//
// Usage: bench_reports --ledger PATH [--work DIR] [--rows N] [--skip-peers] [--peer-timeout S]
//                      [--only reports|import|peers]   (one part; default all)
// Nothing here asserts a time: the figures are printed.

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/units.h"
#include "ledger/engine/session.h"
#include "ledger/imports/imports.h"
#include "ledger/reports/csv.h"
#include "ledger/reports/journal.h"
#include "ledger/reports/reports.h"
#include "ledger/store/ledgerstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdio>
#include <set>
#include <vector>

namespace {

using namespace ledger;

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_reports: %s\n", qPrintable(why));
    std::exit(1);
}

template<typename T> T must(Result<T> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().toString()));
    return std::move(r).value();
}

double cpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
        + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The load average, printed with the figures: on a shared machine it says how much of the wall time was
// waiting for a core.
QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

long peakRssOfChildrenKb()
{
    rusage ru {};
    getrusage(RUSAGE_CHILDREN, &ru);
    return ru.ru_maxrss;
}

// Runs a tool; wall seconds, or a negative value on failure or timeout.
double runPeer(const QString &exe, const QStringList &args, int timeoutS, QByteArray *out)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(exe, args);
    if (!p.waitForStarted())
        return -1;
    if (!p.waitForFinished(timeoutS * 1000)) {
        p.kill();
        p.waitForFinished();
        return -2;
    }
    const double s = seconds(t);
    *out = p.readAllStandardOutput();
    return p.exitCode() == 0 ? s : -1;
}

// A usage CSV of `rows` rows that the ledger at `now` accepts: one-day periods going back from yesterday on
// the active grants that hold released credit, 0.001 GPU-hours each.
QByteArray usageFile(store::LedgerStore &store, int64_t now, int64_t rows)
{
    struct G
    {
        std::string startup, resource;
        int64_t createdAt, expiresAt, available;
    };
    std::vector<G> grants;
    auto st
        = must(store.db().prepare("SELECT startup, resource, created_at, expires_at, available FROM grants "
                                  "WHERE status = 'active' AND available > 1000 AND expires_at > ?1"),
            "grants");
    st.bind(1, now);
    while (must(st.step(), "grants"))
        grants.push_back(G { std::string(st.textView(0)), std::string(st.textView(1)), st.int64(2),
            st.int64(3), st.int64(4) });
    if (grants.empty())
        die(QStringLiteral("the ledger has no active grant with credit at the import time"));
    QByteArray out("provider,resource,startup,period,gpu_hours\n");
    const int64_t day = 86'400'000;
    const int64_t today = now / day * day;
    int64_t made = 0;
    for (int64_t back = 1; made < rows && back < 3660; ++back) {
        bool any = false;
        std::set<std::string> today_; // one row per startup and resource a day: that is the usage key
        for (const G &g : grants) {
            if (!today_.insert(g.startup + '\n' + g.resource).second)
                continue;
            const int64_t start = today - back * day;
            if (start + day < g.createdAt || start + day > g.expiresAt || back > g.available / 2)
                continue;
            any = true;
            const qsizetype slash = qsizetype(g.resource.find('/'));
            const QByteArray resource = QByteArray::fromStdString(g.resource);
            out += resource.left(slash) + ',' + resource.mid(slash + 1) + ','
                + QByteArray::fromStdString(g.startup) + ',' + units::formatTime(start).toLatin1()
                + ",0.001\n";
            if (++made == rows)
                break;
        }
        if (!any)
            break;
    }
    if (made < rows)
        die(QStringLiteral("could only make %1 usage rows").arg(made));
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString ledgerPath, work = QDir::tempPath();
    int64_t rows = 100'000;
    bool peers = true;
    int peerTimeout = 600;
    QString only;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        auto next = [&] { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == QLatin1String("--ledger"))
            ledgerPath = next();
        else if (a == QLatin1String("--work"))
            work = next();
        else if (a == QLatin1String("--rows"))
            rows = next().toLongLong();
        else if (a == QLatin1String("--skip-peers"))
            peers = false;
        else if (a == QLatin1String("--peer-timeout"))
            peerTimeout = next().toInt();
        else if (a == QLatin1String("--only"))
            only = next();
        else
            die(QStringLiteral("unknown argument %1").arg(a));
    }
    if (ledgerPath.isEmpty() || !QFileInfo::exists(ledgerPath))
        die(QStringLiteral("give --ledger PATH of an existing ledger"));
    QDir().mkpath(work);

    auto store = must(store::LedgerStore::open(ledgerPath, store::LedgerStore::Mode::ReadOnly), "open");
    const int64_t entries = must(store->logSize(), "size");
    int64_t movements = 0;
    {
        auto st = must(store->db().prepare("SELECT COUNT(*) FROM movements"), "count");
        (void)must(st.step(), "count");
        movements = st.int64(0);
    }
    std::printf("Ledger %s: %lld entries, %lld movements; load average %s\n", qPrintable(ledgerPath),
        (long long)entries, (long long)movements, loadAverage().constData());
    auto part = [&](const char *name) { return only.isEmpty() || only == QLatin1String(name); };

    reports::ReportOptions options;
    options.now = QDateTime::currentMSecsSinceEpoch();

    // Journal.
    const QString journalPath = work + QStringLiteral("/bench-reports.journal");
    if (part("reports")) {
        QFile f(journalPath);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            die(QStringLiteral("cannot write %1").arg(journalPath));
        QElapsedTimer t;
        t.start();
        const auto stats = must(reports::writeJournal(*store, options, f), "journal");
        f.close();
        std::printf("journal export      %8.2f s  %lld transactions, %.0f MB\n", seconds(t),
            (long long)stats.transactions, double(QFileInfo(journalPath).size()) / 1e6);
    }
    // Utilisation.
    if (part("reports")) {
        QElapsedTimer t;
        t.start();
        const auto report = must(reports::sponsorUtilisation(*store, options), "utilisation");
        const double built = seconds(t);
        QFile f(work + QStringLiteral("/bench-utilisation.csv"));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            die(QStringLiteral("cannot write the CSV"));
        if (!reports::writeCsv(report, f))
            die(QStringLiteral("CSV"));
        std::printf("utilisation report  %8.2f s  (%.2f s to build) %zu rows\n", seconds(t), built,
            report.rows.size());
    }
    // Other reports, for the record.
    for (const char *name : { "pipeline", "expiring", "forecast" }) {
        if (!part("reports"))
            break;
        QElapsedTimer t;
        t.start();
        const auto report = must(reports::buildReport(*store, QLatin1String(name), options), name);
        std::printf("%-19s %8.2f s  %zu rows\n", name, seconds(t), report.rows.size());
    }
    const int64_t lastAt = [&] {
        auto st = must(store->db().prepare("SELECT MAX(sequenced_at) FROM log"), "last");
        (void)must(st.step(), "last");
        return st.int64(0);
    }();
    store.reset();

    // Import into a copy.
    if (part("import")) {
        const QString copy = work + QStringLiteral("/bench-import.ledger");
        QFile::remove(copy);
        QFile::remove(copy + QStringLiteral("-wal"));
        QFile::remove(copy + QStringLiteral("-shm"));
        if (!QFile::copy(ledgerPath, copy))
            die(QStringLiteral("cannot copy the ledger (checkpoint its WAL first)"));
        ManualClock clock(lastAt + 3'600'000);
        auto session = must(LedgerSession::open(copy, LedgerSession::Access::ReadWrite, &clock), "session");
        const QByteArray csv = usageFile(session->store(), clock.nowMs(), rows);
        // The demo's programme managers: any enrolled PM key would do; the root key is an admin.
        const QString keyPath = ledgerPath + QStringLiteral(".keys/pm-1.key");
        const QByteArray pass = "demo-passphrase";
        auto key = must(crypto::loadKeyFile(keyPath, pass), "pm key");
        QElapsedTimer t;
        t.start();
        double cpu = cpuSeconds();
        imports::ImportOptions dry;
        dry.dryRun = true;
        const auto checked = must(imports::importUsage(*session, key, csv, dry), "dry run");
        std::printf("usage import, check %8.2f s  (%.2f s CPU; parse, rules on a state read from the store; "
                    "%zu bad)\n",
            seconds(t), cpuSeconds() - cpu, checked.problems.size());
        t.restart();
        cpu = cpuSeconds();
        const auto result = must(imports::importUsage(*session, key, csv, {}), "import");
        const double first = seconds(t);
        const double firstCpu = cpuSeconds() - cpu;
        t.restart();
        const auto again = must(imports::importUsage(*session, key, csv, {}), "re-import");
        std::printf("usage import        %8.2f s  (%.2f s CPU) %lld rows: %lld recorded, %zu bad; re-import "
                    "%.2f s, %lld "
                    "already recorded\n",
            first, firstCpu, (long long)result.rows, (long long)result.recorded, result.problems.size(),
            seconds(t), (long long)again.alreadyRecorded);
        if (!result.problems.empty())
            std::printf("  first problem: line %lld: %s\n", (long long)result.problems[0].line,
                qPrintable(result.problems[0].reason));
        session.reset();
        QFile::remove(copy);
        QFile::remove(copy + QStringLiteral("-wal"));
        QFile::remove(copy + QStringLiteral("-shm"));
    }

    if (peers && part("peers")) {
        for (const char *tool : { "ledger", "hledger" }) {
            const QString exe = QStandardPaths::findExecutable(QLatin1String(tool));
            if (exe.isEmpty()) {
                std::printf("%-19s not installed\n", tool);
                continue;
            }
            QByteArray out;
            const long before = peakRssOfChildrenKb();
            const double s = runPeer(exe,
                { QStringLiteral("-f"), journalPath, QStringLiteral("balance"), QStringLiteral("--flat") },
                peerTimeout, &out);
            const long rss = peakRssOfChildrenKb();
            if (s == -2)
                std::printf("%-19s timed out after %d s\n", tool, peerTimeout);
            else if (s < 0)
                std::printf("%-19s failed\n", tool);
            else
                std::printf("%-19s %8.2f s  balance, peak RSS %ld MB%s, %lld output lines\n", tool, s,
                    rss / 1024, rss > before ? "" : " (or less: an earlier child used more)",
                    (long long)out.count('\n'));
        }
    }
    std::printf("load average at the end: %s\n", loadAverage().constData());
    return 0;
}
