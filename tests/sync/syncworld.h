#pragma once
// Shared set-up for the sync tests (header only; included by tests/sync/tst_*.cpp): the standard world plus
// a small pool that two grants together would overdraw, and copies of a fixture's ledger file as a
// member's replica.

#include "ledger/replica/replica.h"
#include "support/ledgerfixture.h"

#include <QFile>
#include <QTest>

namespace syncworld {

using namespace testsupport;

inline const std::string kSmallProgramme = "gpu-small";
inline const std::string kSmallPool = "small-pool";
inline constexpr int64_t kSmallPoolAmount = 600'000; // milli-GPU-hours
inline constexpr int64_t kGrantAmount = 400'000; // two of these overdraw the pool
inline const std::string kAppA = "app-a"; // for startup st-1
inline const std::string kAppB = "app-b"; // for startup st-2

// buildStandard() plus: a programme without approvals, a 600-GPU-hour pool in it and two approved
// applications of 400 GPU-hours, one per startup.
inline void buildPoolWorld(LedgerFixture &f)
{
    const World &w = f.buildStandard();
    f.programme(kSmallProgramme, 100'000'000, 1, f.clock.nowMs(), f.clock.nowMs() + 60 * kDay);
    f.pool(
        kSmallPool, w.sponsor, kSmallProgramme, w.resource, kSmallPoolAmount, f.clock.nowMs() + 300 * kDay);
    f.approvedApplication(kAppA, w.startup, kSmallProgramme, w.resource, kGrantAmount, { w.reviewer });
    f.approvedApplication(kAppB, w.startup2, kSmallProgramme, w.resource, kGrantAmount, { w.reviewer });
}

inline Value grantBody(const std::string &id, const std::string &application, int64_t now)
{
    return bodies::grant(id, application, kSmallPool, { { kGrantAmount, now } }, now + 200 * kDay);
}

// Copies a closed ledger file (and its WAL, if any) to `to`.
inline bool copyLedger(const QString &from, const QString &to)
{
    for (const char *suffix : { "", "-wal" }) {
        const QString src = from + QLatin1String(suffix);
        if (QFile::exists(src) && !QFile::copy(src, to + QLatin1String(suffix)))
            return false;
    }
    return true;
}

// Binds a ledger file to a registry URL as a replica of the given kind.
inline bool bindLedger(const QString &path, ledger::replica::ReplicaKind kind,
    const QString &url = QStringLiteral("https://127.0.0.1:1"))
{
    auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadWrite);
    if (!store)
        return false;
    return bool(ledger::replica::writeBinding(*store.value(), { url, kind }));
}

} // namespace syncworld
