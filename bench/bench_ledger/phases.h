#pragma once
// The timed phases of the ledger benchmark: sequencing, verify, rebuild, open, session, export, balance.
// Internal to bench_ledger.cpp (one translation unit; see its header comment for the commands).

#include "bench/bench_ledger/workload.h"

namespace benchledger {

// --interleaved: usage records job by job across all grants instead of grant by grant.
inline bool g_interleaved = false;

struct SequenceStats
{
    int64_t entries = 0;
    double seconds = 0; // wall time inside Sequencer::submit only
    double cpuSeconds = 0; // process CPU time (all threads) inside submit
    double signSeconds = 0;
    double p50BatchMs = 0, p99BatchMs = 0;
    double rate() const { return seconds > 0 ? double(entries) / seconds : 0; }
};

inline void removeLedger(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

// Builds a new ledger of `plan` entries at `path` or, with `extra` > 0, appends the next `extra` entries of
// the same workload to the existing ledger at `path` (built with the same plan and startups).
// With `warmup`, that many entries are sequenced first without being timed (the new connection's page cache
// is cold; a sequencer runs for days).
inline SequenceStats sequenceLedger(
    const QString &path, int64_t plan, int startups, int64_t extra = 0, int64_t warmup = 0)
{
    if (extra == 0)
        removeLedger(path);
    auto store
        = must(store::LedgerStore::open(
                   path, extra == 0 ? store::LedgerStore::Mode::Create : store::LedgerStore::Mode::ReadWrite),
            "open ledger");
    if (const char *pragmas = std::getenv("BENCH_LEDGER_PRAGMAS")) // for experiments only
        must(store->db().execScript(pragmas), "BENCH_LEDGER_PRAGMAS");
    const int64_t existing = must(store->logSize(), "log size");
    ManualClock clock(at(0, 6));
    auto sequencer = must(Sequencer::open(*store, clock), "open sequencer");
    Workload work(plan, extra == 0 ? plan : existing + extra + warmup, startups, 20250106, g_interleaved);
    must(sequencer->setCheckpointSigner(work.root().priv), "checkpoint signer");
    if (existing > 0) {
        std::vector<Item> skipped;
        for (int64_t done = 0; done < existing;) {
            skipped.clear();
            if (!work.next(skipped, size_t(std::min<int64_t>(50000, existing - done))))
                die(QStringLiteral("the workload ends before the ledger does"));
            done += int64_t(skipped.size());
        }
    }

    SequenceStats stats;
    int64_t warmedUp = 0; // entries sequenced by this run, timed or not
    std::vector<double> batchMs;
    std::vector<Item> items;
    const auto started = SteadyClock::now();
    double lastReport = 0;
    for (;;) {
        items.clear();
        if (!work.next(items, 50000))
            break;
        const auto s0 = SteadyClock::now();
        parallelFor(items.size(), [&](size_t b, size_t e) {
            for (size_t i = b; i < e; ++i) {
                if (!items[i].isSigned) {
                    items[i].signedEntry = signEntry(items[i].entry, items[i].key->priv);
                    items[i].isSigned = true;
                }
            }
        });
        stats.signSeconds += secondsSince(s0);
        for (size_t b = 0; b < items.size(); b += kBatch) {
            const size_t e = std::min(items.size(), b + size_t(kBatch));
            std::vector<SignedEntry> batch;
            batch.reserve(e - b);
            int64_t time = 0;
            for (size_t i = b; i < e; ++i) {
                time = std::max(time, items[i].entry.createdAt);
                batch.push_back(std::move(items[i].signedEntry));
            }
            clock.set(time);
            const bool timed = warmedUp >= warmup;
            warmedUp += int64_t(batch.size());
            const double c0 = cpuSeconds();
            const auto t0 = SteadyClock::now();
            auto receipts = sequencer->submit(batch);
            const double dt = secondsSince(t0);
            if (timed) {
                stats.cpuSeconds += cpuSeconds() - c0;
                stats.seconds += dt;
                batchMs.push_back(dt * 1000.0);
            }
            if (!receipts)
                die(QStringLiteral("submit: %1").arg(receipts.error().toString()));
            for (size_t i = 0; i < receipts->size(); ++i) {
                const Receipt &r = (*receipts)[i];
                if (!r.accepted || r.duplicate)
                    die(QStringLiteral("entry %1 (%2) was rejected: %3")
                            .arg(existing + warmedUp - int64_t(batch.size()) + int64_t(i))
                            .arg(QString::fromStdString(items[b + i].entry.type), r.rejection.toString()));
            }
            if (timed)
                stats.entries += int64_t(batch.size());
        }
        if (secondsSince(started) - lastReport > 15) {
            lastReport = secondsSince(started);
            std::printf("    ... %lld entries sequenced (%s so far)\n", (long long)stats.entries,
                fmtRate(stats.rate()).c_str());
            std::fflush(stdout);
        }
    }
    std::sort(batchMs.begin(), batchMs.end());
    if (!batchMs.empty()) {
        stats.p50BatchMs = batchMs[batchMs.size() / 2];
        stats.p99BatchMs = batchMs[std::min(batchMs.size() - 1, batchMs.size() * 99 / 100)];
    }
    return stats;
}

struct Timed
{
    int64_t entries = 0;
    double seconds = 0;
    double cpu = 0;
    double rate() const { return seconds > 0 ? double(entries) / seconds : 0; }
};

inline Timed timeVerify(const QString &path, bool quick)
{
    auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly), "open ledger");
    VerifyOptions options;
    options.quick = quick;
    const double c0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    auto report = must(verifyLedger(*store, options), "verify");
    Timed t { report.entries, secondsSince(t0), cpuSeconds() - c0 };
    if (!report.ok)
        die(QStringLiteral("verify found a defect at %1: %2 %3")
                .arg(report.firstBadSeq)
                .arg(report.code, report.problem));
    return t;
}

inline Timed timeRebuild(const QString &path)
{
    auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite), "open ledger");
    const double c0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    auto report = must(rebuildProjections(*store), "rebuild");
    return Timed { report.entries, secondsSince(t0), cpuSeconds() - c0 };
}

// What a first write through `alliancectl` or the desktop app pays before it can sequence: opening the
// Sequencer (loading the projections it needs). Wall and CPU time, and the growth of the resident set.
inline void openBench(const QString &path)
{
    auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite), "open ledger");
    SystemClock clock;
    {
        const long rss0 = currentRssKb();
        const double c0 = cpuSeconds();
        const auto t0 = SteadyClock::now();
        auto seq = must(Sequencer::open(*store, clock), "open sequencer");
        const double wall = secondsSince(t0);
        const double cpu = cpuSeconds() - c0;
        const long rss1 = currentRssKb();
        const State &s = seq->state();
        std::printf("  Sequencer::open: %.0f ms wall, %.0f ms CPU, resident set +%.1f MB (%lld entries; in "
                    "memory: %zu members, %zu startups, %zu applications, %zu grants, %zu balances)\n",
            wall * 1e3, cpu * 1e3, double(rss1 - rss0) / 1024.0, (long long)s.size, s.members.loadedSize(),
            s.startups.loadedSize(), s.applications.loadedSize(), s.grants.loadedSize(),
            s.balances.loadedSize());
    }
    // What opening cost when it loaded every projection (and what verify still loads to compare); measured
    // second, so that the figures above do not include freeing this state's 10^5 allocations.
    State whole;
    const long rss0 = currentRssKb();
    const double c0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    must(store::loadState(store->db(), whole, store::LoadMode::Everything), "load projections");
    const double wall = secondsSince(t0);
    const double cpu = cpuSeconds() - c0;
    std::printf(
        "  loading every projection: %.0f ms wall, %.0f ms CPU, resident set +%.1f MB (%zu members, %zu "
        "startups, %zu applications, %zu grants, %zu balances)\n",
        wall * 1e3, cpu * 1e3, double(currentRssKb() - rss0) / 1024.0, whole.members.size(),
        whole.startups.size(), whole.applications.size(), whole.grants.size(), whole.balances.size());
    std::fflush(stdout);
}

// A long session of the desktop app: its sequencer's state touches, write after write, every grant of the
// ledger, its startup and the balance a usage record moves, and trims its cache at every flush (here after
// each 1000 grants, as after a batch). With `cacheRows` 0 nothing is ever dropped, as before the bound.
inline void sessionBench(const QString &path, size_t cacheRows)
{
    auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly), "open ledger");
    std::vector<std::pair<std::string, std::string>> grants; // id, resource
    {
        auto st = must(store->db().prepare("SELECT id, resource FROM grants ORDER BY id"), "list grants");
        must(st.eachRow([&](const sql::Statement &row) {
            grants.emplace_back(std::string(row.textView(0)), std::string(row.textView(1)));
        }),
            "list grants");
    }
    const long rss0 = currentRssKb();
    State s;
    must(store::loadState(store->db(), s, store::LoadMode::OnDemand), "load state");
    s.cacheLimit = cacheRows;
    const double c0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    long peak = currentRssKb();
    size_t touched = 0;
    for (const auto &[id, resource] : grants) {
        auto g = s.grants.find(id);
        if (g != s.grants.end())
            (void)s.startups.find(g->second.startup);
        (void)s.balance(grantAccount(id), resource);
        if (++touched % 1000 == 0) {
            s.trimCache();
            peak = std::max(peak, currentRssKb());
        }
    }
    s.trimCache();
    peak = std::max(peak, currentRssKb());
    std::printf(
        "  session over %zu grants, cache bound %zu rows per map: %.0f ms wall, %.0f ms CPU; resident "
        "set +%.1f MB at the most, +%.1f MB at the end (in memory: %zu grants, %zu startups, %zu "
        "balances)\n",
        grants.size(), cacheRows, secondsSince(t0) * 1e3, (cpuSeconds() - c0) * 1e3,
        double(peak - rss0) / 1024.0, double(currentRssKb() - rss0) / 1024.0, s.grants.loadedSize(),
        s.startups.loadedSize(), s.balances.loadedSize());
    std::fflush(stdout);
}

inline Timed timeExport(const QString &path)
{
    auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly), "open ledger");
    const QString out = path + QStringLiteral(".export.jsonl");
    const double c0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    auto report = must(exportJsonl(*store, out), "export");
    Timed t { report.entries, secondsSince(t0), cpuSeconds() - c0 };
    for (const char *suffix : { "", ".checkpoint", ".pub" })
        QFile::remove(out + QLatin1String(suffix));
    return t;
}

struct BalanceStats
{
    int samples = 0;
    double p50 = 0, p99 = 0, max = 0; // ms: open the ledger read-only + queries::startupBalances
    double queryP50 = 0, queryP99 = 0; // ms: the query alone on an open store
    long baselineRssKb = 0, peakRssKb = 0;
    int grants = 0;
};

// Run in a fresh process, so the peak RSS is that of the query alone.
inline BalanceStats balanceBench(const QString &path, int samples)
{
    BalanceStats s;
    s.baselineRssKb = currentRssKb();
    std::vector<std::string> ids;
    {
        auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly), "open ledger");
        auto stmt = must(store->db().prepare("SELECT count(*) FROM startups"), "count startups");
        auto row = stmt.step();
        const int64_t count = row && row.value() ? stmt.int64(0) : 0;
        if (count == 0)
            die(QStringLiteral("the ledger has no startups"));
        std::mt19937_64 rng(42);
        for (int i = 0; i < samples; ++i)
            ids.push_back(fmt("st-%05lld", (long long)(rng() % uint64_t(count))));
    }
    std::vector<double> cold, warm;
    for (const std::string &id : ids) {
        const auto t0 = SteadyClock::now();
        auto store = must(store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly), "open ledger");
        auto b = must(queries::startupBalances(*store, id), "startupBalances");
        cold.push_back(secondsSince(t0) * 1000);
        for (const auto &r : b.resources)
            s.grants += int(r.grants.size());
        const auto t1 = SteadyClock::now();
        auto again = must(queries::startupBalances(*store, id), "startupBalances");
        warm.push_back(secondsSince(t1) * 1000);
        (void)again;
    }
    auto pct = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, size_t(double(v.size()) * p))];
    };
    s.samples = samples;
    s.p50 = pct(cold, 0.5);
    s.p99 = pct(cold, 0.99);
    s.max = pct(cold, 1.0);
    s.queryP50 = pct(warm, 0.5);
    s.queryP99 = pct(warm, 0.99);
    s.peakRssKb = peakRssKb();
    return s;
}

inline void printBalance(const BalanceStats &s)
{
    std::printf("BALANCE samples=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f query_p50_ms=%.3f query_p99_ms=%.3f "
                "baseline_rss_kb=%ld peak_rss_kb=%ld grants=%d\n",
        s.samples, s.p50, s.p99, s.max, s.queryP50, s.queryP99, s.baselineRssKb, s.peakRssKb, s.grants);
}

inline std::optional<BalanceStats> parseBalance(const std::string &out)
{
    const size_t pos = out.find("BALANCE ");
    if (pos == std::string::npos)
        return std::nullopt;
    BalanceStats s;
    if (std::sscanf(out.c_str() + pos,
            "BALANCE samples=%d p50_ms=%lf p99_ms=%lf max_ms=%lf query_p50_ms=%lf query_p99_ms=%lf "
            "baseline_rss_kb=%ld peak_rss_kb=%ld grants=%d",
            &s.samples, &s.p50, &s.p99, &s.max, &s.queryP50, &s.queryP99, &s.baselineRssKb, &s.peakRssKb,
            &s.grants)
        != 9)
        return std::nullopt;
    return s;
}

} // namespace benchledger
