// Desktop benchmarks (docs/PERFORMANCE.md, "Desktop"):
//   coldstart  starts alliance-portal on a ledger (--ledger, e.g. the 1,000,000-entry ledger of bench_ledger)
//              and times process start to the first painted window, from outside; the app reports its peak
//              resident memory at that moment. --runs N (5).
//   pages      in process, on the same ledger: the time to open the main window and to build and fill each
//              page (dashboard, applications, grants, pools, explorer) from the projections.
//   filter     the applications table of --applications N (100000) applications, shown offscreen: the time
//              of each keystroke (filter + repaint) while typing a search and deleting it again.
//   idle       starts alliance-portal on the ledger, lets it settle, then reads its CPU time and context
//              switches over --seconds S (30) of doing nothing: an idle desktop should cost (almost) nothing.
//              With a replica's key file (--key, --passphrase-file) its periodic sync is part of the picture.
// Usage: bench_portal coldstart|pages|filter|idle|all [--ledger FILE] [--app PATH] [--runs N]
//        [--applications N] [--seconds S]

#include "ui/core/portalcontext.h"
#include "ui/models/applicationsmodel.h"
#include "ui/pages/applicationspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/pages/explorerpage.h"
#include "ui/pages/grantspage.h"
#include "ui/pages/page.h"
#include "ui/pages/poolspage.h"
#include "ui/window/mainwindow.h"

#include "procstat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QProcess>
#include <QScrollBar>
#include <QTableView>
#include <QThread>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Args
{
    QString mode = QStringLiteral("all");
    QString ledger;
    QString app;
    int runs = 5;
    int applications = 100000;
    int seconds = 30;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

int coldStart(const Args &a)
{
    std::vector<double> times;
    long long rss = 0;
    for (int i = 0; i < a.runs; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(a.app, { QStringLiteral("--ledger"), a.ledger, QStringLiteral("--exit-after-first-paint") });
        QByteArray out;
        double ms = -1;
        while (p.waitForReadyRead(30000)) {
            out += p.readAllStandardOutput();
            if (out.contains("first-paint-ms") && ms < 0)
                ms = double(t.nsecsElapsed()) / 1e6; // process start to the painted window, seen from outside
            if (out.contains("peak-rss-kb"))
                break;
        }
        p.waitForFinished(30000);
        out += p.readAllStandardOutput();
        if (ms < 0) {
            std::fprintf(
                stderr, "coldstart: no first paint; stderr: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith("peak-rss-kb "))
                rss = std::max(rss, line.mid(12).toLongLong());
        times.push_back(ms);
        std::printf("coldstart run %d: %.1f ms to first paint\n", i + 1, ms);
    }
    std::printf("coldstart: p50 %.1f ms, max %.1f ms, peak RSS %.1f MB (%d runs)\n", percentile(times, 0.5),
        percentile(times, 1.0), double(rss) / 1024.0, a.runs);
    return 0;
}

template<typename P> double timePage(portal::PortalContext &ctx, const char *name)
{
    QElapsedTimer t;
    t.start();
    auto page = std::make_unique<P>(ctx);
    page->resize(1100, 800);
    page->show(); // showing refreshes it
    QCoreApplication::processEvents();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    std::printf("page %-13s %8.1f ms\n", name, ms);
    return ms;
}

int pages(const Args &a)
{
    QElapsedTimer t;
    t.start();
    auto ctx = portal::PortalContext::open(a.ledger, QString());
    if (!ctx) {
        std::fprintf(stderr, "pages: %s\n", qPrintable(ctx.error().toString()));
        return 1;
    }
    std::printf("open ledger   %8.1f ms (log of %lld entries)\n", double(t.nsecsElapsed()) / 1e6,
        static_cast<long long>(ctx.value()->info().logSize));
    t.restart();
    {
        portal::MainWindow window(*ctx.value());
        window.show();
        QCoreApplication::processEvents();
        std::printf("main window   %8.1f ms (explorer page)\n", double(t.nsecsElapsed()) / 1e6);
    }
    timePage<portal::DashboardPage>(*ctx.value(), "dashboard");
    timePage<portal::PipelinePage>(*ctx.value(), "applications");
    timePage<portal::GrantsPage>(*ctx.value(), "grants");
    timePage<portal::PoolsPage>(*ctx.value(), "pools");
    timePage<portal::ExplorerPage>(*ctx.value(), "explorer");

    // Scrolling the explorer: jumps into the middle of the log, then page after page.
    portal::ExplorerPage explorer(*ctx.value());
    explorer.resize(1100, 800);
    explorer.show();
    QCoreApplication::processEvents();
    std::vector<double> steps;
    const int64_t size = ctx.value()->info().logSize;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer s;
        s.start();
        explorer.goTo(size / 2 + i * 37'000 % (size / 2));
        explorer.view()->viewport()->repaint();
        QCoreApplication::processEvents();
        steps.push_back(double(s.nsecsElapsed()) / 1e6);
    }
    std::printf("explorer jump: p50 %.1f ms, max %.1f ms (20 jumps to new windows of the log)\n",
        percentile(steps, 0.5), percentile(steps, 1.0));
    steps.clear();
    for (int i = 0; i < 100; ++i) {
        QElapsedTimer s;
        s.start();
        QScrollBar *bar = explorer.view()->verticalScrollBar();
        bar->setValue(bar->value() + bar->pageStep());
        explorer.view()->viewport()->repaint();
        QCoreApplication::processEvents();
        steps.push_back(double(s.nsecsElapsed()) / 1e6);
    }
    std::printf("explorer page down: p50 %.2f ms, p95 %.2f ms, max %.2f ms (100 pages)\n",
        percentile(steps, 0.5), percentile(steps, 0.95), percentile(steps, 1.0));
    return 0;
}

std::vector<ledger::queries::ApplicationRow> syntheticApplications(int n)
{
    // Realistic shapes: ids, Korean and English startup names, a sector, one of four programmes, titles from
    // a small vocabulary, a few reviewers each.
    const char *const sectors[] = { "robotics", "healthcare", "energy", "fintech", "manufacturing", "media",
        "semiconductors", "telecom", "agriculture", "education" };
    const char *const words[] = { "Korean", "speech", "vision", "model", "forecasting", "clinical", "factory",
        "language", "diffusion", "robot", "battery", "fraud", "translation", "inspection", "assistant" };
    const char *const names[] = { "Hangang", "NovaField", "Seoul", "Busan", "Daehan", "Mirae", "Haneul",
        "솔일실리콘", "새도랩스", "누빛쉴드" };
    std::vector<ledger::queries::ApplicationRow> rows;
    rows.reserve(size_t(n));
    uint64_t x = 88172645463325252ULL;
    auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (int i = 0; i < n; ++i) {
        ledger::queries::ApplicationRow a;
        a.id = "app-" + std::to_string(100000 + i);
        a.startup = "st-" + std::to_string(i % 30000);
        a.startupName = std::string(names[next() % 10]) + " " + std::string(words[next() % 15]) + " AI";
        a.sector = sectors[next() % 10];
        a.programme = "programme-" + std::to_string(next() % 4);
        a.title = std::string(words[next() % 15]) + " " + words[next() % 15] + " for " + words[next() % 15]
            + " " + words[next() % 15];
        a.resource = "naver-cloud/b200";
        a.requested = int64_t(next() % 5000000);
        a.stage = "under_review";
        a.reviewers
            = { "reviewer-" + std::to_string(next() % 40), "reviewer-" + std::to_string(next() % 40) };
        a.submittedAt = 1767225600000 + i;
        rows.push_back(std::move(a));
    }
    return rows;
}

int filter(const Args &a)
{
    portal::ApplicationsModel model;
    QTableView view;
    view.setModel(&model);
    view.setSortingEnabled(true); // as on the page: sorted by a column while filtering
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1100, 700);
    QElapsedTimer t;
    t.start();
    model.setApplications(syntheticApplications(a.applications), {});
    view.show();
    QCoreApplication::processEvents();
    std::printf("filter: %d applications loaded and shown in %.1f ms\n", a.applications,
        double(t.nsecsElapsed()) / 1e6);
    const QString typed = QStringLiteral("korean speech");
    std::vector<double> times;
    portal::ApplicationFilter f;
    auto keystroke = [&](const QString &text) {
        QElapsedTimer k;
        k.start();
        f.text = text;
        model.setFilter(f);
        view.viewport()->repaint();
        QCoreApplication::processEvents();
        times.push_back(double(k.nsecsElapsed()) / 1e6);
    };
    for (qsizetype i = 1; i <= typed.size(); ++i)
        keystroke(typed.left(i));
    const int matches = model.rowCount();
    for (qsizetype i = typed.size() - 1; i >= 0; --i)
        keystroke(typed.left(i));
    // A filter box too: one sector, then back to all.
    f.sector = QStringLiteral("robotics");
    keystroke(QString());
    f.sector.clear();
    keystroke(QString());
    std::printf("filter: %zu keystrokes on %d applications: p50 %.2f ms, p95 %.2f ms, max %.2f ms (\"%s\" "
                "matches %d)\n",
        times.size(), a.applications, percentile(times, 0.5), percentile(times, 0.95), percentile(times, 1.0),
        qPrintable(typed), matches);
    return 0;
}

// CPU seconds (user + system) and context switches of a process so far, from /proc.
struct ProcessTimes
{
    double cpuSeconds = -1;
    long long switches = -1; // voluntary + involuntary: how often it woke up, roughly
};

ProcessTimes processTimes(qint64 pid)
{
    ProcessTimes t;
    t.cpuSeconds = benchsupport::processCpuSeconds(pid);
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        long long n = 0;
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.contains("ctxt_switches:"))
                n += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        t.switches = n;
    }
    return t;
}

int idle(const Args &a)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(a.app, { QStringLiteral("--ledger"), a.ledger });
    if (!p.waitForStarted(30000)) {
        std::fprintf(stderr, "idle: %s did not start\n", qPrintable(a.app));
        return 1;
    }
    QThread::sleep(5); // open, first paint, the first page's rows
    const ProcessTimes before = processTimes(p.processId());
    QThread::sleep(std::max(1, a.seconds));
    const ProcessTimes after = processTimes(p.processId());
    p.terminate();
    if (!p.waitForFinished(10000))
        p.kill();
    if (before.cpuSeconds < 0 || after.cpuSeconds < 0) {
        std::fprintf(stderr, "idle: the app ended early: %s\n", p.readAllStandardError().constData());
        return 1;
    }
    const double cpuMs = (after.cpuSeconds - before.cpuSeconds) * 1000.0;
    std::printf("idle: %d s with the main window open: %.0f ms CPU (%.2f ms per second), %lld context "
                "switches of the main thread "
                "(%.1f per second)\n",
        a.seconds, cpuMs, cpuMs / a.seconds, after.switches - before.switches,
        double(after.switches - before.switches) / a.seconds);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Args a;
    const QStringList args = app.arguments();
    a.app = QFileInfo(args[0]).absolutePath() + QStringLiteral("/../app/alliance-portal/alliance-portal");
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &s = args[i];
        const QString next = i + 1 < args.size() ? args[i + 1] : QString();
        if (s == u"--ledger")
            a.ledger = next, ++i;
        else if (s == u"--app")
            a.app = next, ++i;
        else if (s == u"--runs")
            a.runs = next.toInt(), ++i;
        else if (s == u"--applications")
            a.applications = next.toInt(), ++i;
        else if (s == u"--seconds")
            a.seconds = next.toInt(), ++i;
        else
            a.mode = s;
    }
    const bool needsLedger = a.mode != u"filter";
    if (needsLedger && a.ledger.isEmpty()) {
        std::fprintf(stderr, "bench_portal: --ledger FILE is needed for %s\n", qPrintable(a.mode));
        return 2;
    }
    int rc = 0;
    if (a.mode == u"coldstart" || a.mode == u"all")
        rc |= coldStart(a);
    if (a.mode == u"pages" || a.mode == u"all")
        rc |= pages(a);
    if (a.mode == u"filter" || a.mode == u"all")
        rc |= filter(a);
    if (a.mode == u"idle" || a.mode == u"all")
        rc |= idle(a);
    return rc;
}
