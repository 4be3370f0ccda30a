#pragma once
// The demo generator's small helpers: simulated time, the seeded randomness, derived keys, JSON objects and
// names. Internal to ledger/demo (see demogenerator.h for what the demo is).

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/crypto/sha256.h"
#include "ledger/demo/demonames.h"
#include "ledger/domain/brn.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/sequencer.h"
#include "ledger/store/ledgerstore.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ledger::demo::detail {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kGpuHour = 1000; // milli-GPU-hours
constexpr size_t kBatchSize = 1000; // entries per Sequencer::submit (one transaction, one checkpoint)

// Simulated time starts on Monday 2025-01-06 00:00 UTC.
inline const QDate kStartDate(2025, 1, 6);

// The times of day (UTC) at which each kind of work is sequenced. Korea is UTC+9: 09:30 to 18:00 KST.
constexpr int64_t kSlotAdmin = 30 * kMinute; // set-up, startup registrations and enrolments
constexpr int64_t kSlotStartup = 2 * kHour; // applications and withdrawals
constexpr int64_t kSlotReview = 4 * kHour; // reviews
constexpr int64_t kSlotPm = 6 * kHour; // assignments, decisions, grants, approvals, tranches, clawbacks
constexpr int64_t kSlotUsage = 8 * kHour; // usage imports from the providers, expiries
constexpr int64_t kSlotClose = 9 * kHour; // the last day's closing of a pool

int64_t msOf(const QDate &date);
QDateTime utc(int64_t ms);
int64_t startOfDay(int64_t ms);
int64_t monthStart(int64_t ms);
int64_t nextMonthStart(int64_t ms);
std::string yearMonth(int64_t ms);
std::string numbered(const char *prefix, int64_t n, int width);
QString q(const std::string &s);
// SHA-256(uint64_be(seed) || role || uint64_be(index)) as the Ed25519 secret.
crypto::PrivateKey deriveKey(uint64_t seed, std::string_view role, uint64_t index);
json::Value object(std::initializer_list<std::pair<const char *, json::Value>> members);
std::string slugify(std::string_view text);
std::string lowerAscii(std::string s);
bool writeFileExclusive(const QString &path, const QByteArray &data, mode_t mode);

// All randomness. std::mt19937_64's output is fixed by the standard; the std:: distributions are not (they
// differ between standard libraries), so ranges are taken by modulo (the bias is far below anything visible).
class Rng
{
public:
    explicit Rng(uint64_t seed)
        : m_g(seed)
    { }
    uint64_t next() { return m_g(); }
    // Uniform in [lo, hi].
    int64_t range(int64_t lo, int64_t hi)
    {
        if (hi <= lo)
            return lo;
        return lo + int64_t(m_g() % uint64_t(hi - lo + 1));
    }
    bool chance(int perMille) { return int64_t(m_g() % 1000) < perMille; }
    template<typename T> const T &pick(std::span<const T> items)
    {
        return items[size_t(m_g() % items.size())];
    }

private:
    std::mt19937_64 m_g;
};

} // namespace ledger::demo::detail
