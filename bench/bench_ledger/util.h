#pragma once
// Small utilities of the ledger benchmark: clocks, CPU time, resident set, fatal errors, running commands,
// formatting rates.
// Internal to bench_ledger.cpp (one translation unit; see its header comment for the commands).

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/crypto/sha256.h"
#include "ledger/domain/brn.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/export.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/rebuild.h"
#include "ledger/engine/sequencer.h"
#include "ledger/engine/verifier.h"
#include "ledger/queries/balances.h"
#include "ledger/store/ledgerstore.h"
#include "ledger/store/projections.h"

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTime>

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace ledger;

namespace benchledger {

using SteadyClock = std::chrono::steady_clock;

inline double secondsSince(SteadyClock::time_point t0)
{
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

inline double cpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
        + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

inline long peakRssKb()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

inline long currentRssKb()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long pages = 0, resident = 0;
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    std::fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

[[noreturn]] inline void die(const QString &message)
{
    std::fprintf(stderr, "bench_ledger: %s\n", message.toLocal8Bit().constData());
    std::exit(1);
}

template<typename T> T must(Result<T> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().toString()));
    return std::move(r.value());
}

inline void must(Result<void> r, const char *what)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().toString()));
}

inline std::string fmtRate(double v)
{
    char buf[64];
    if (v >= 1e6)
        std::snprintf(buf, sizeof buf, "%.2f M/s", v / 1e6);
    else if (v >= 1e3)
        std::snprintf(buf, sizeof buf, "%.1f k/s", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.0f /s", v);
    return buf;
}

inline std::string runCommand(const std::string &cmd)
{
    std::string out;
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    pclose(p);
    return out;
}

inline std::string selfExe()
{
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, size_t(n)) : std::string("bench_ledger");
}

inline std::string shellQuote(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

inline double loadAverage()
{
    double l[3] = { 0, 0, 0 };
    return getloadavg(l, 3) > 0 ? l[0] : 0.0;
}

} // namespace benchledger
