#include "ledger/demo/demogenerator.h"

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

namespace ledger::demo {

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kGpuHour = 1000; // milli-GPU-hours
constexpr size_t kBatchSize = 1000; // entries per Sequencer::submit (one transaction, one checkpoint)

// Simulated time starts on Monday 2025-01-06 00:00 UTC.
const QDate kStartDate(2025, 1, 6);

// The times of day (UTC) at which each kind of work is sequenced. Korea is UTC+9: 09:30 to 18:00 KST.
constexpr int64_t kSlotAdmin = 30 * kMinute; // set-up, startup registrations and enrolments
constexpr int64_t kSlotStartup = 2 * kHour; // applications and withdrawals
constexpr int64_t kSlotReview = 4 * kHour; // reviews
constexpr int64_t kSlotPm = 6 * kHour; // assignments, decisions, grants, approvals, tranches, clawbacks
constexpr int64_t kSlotUsage = 8 * kHour; // usage imports from the providers, expiries
constexpr int64_t kSlotClose = 9 * kHour; // the last day's closing of a pool

// ---- small helpers --------------------------------------------------------------------------------------

int64_t msOf(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

QDateTime utc(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

int64_t startOfDay(int64_t ms)
{
    return ms - ms % kDay; // times here are all after 1970
}

int64_t monthStart(int64_t ms)
{
    const QDate d = utc(ms).date();
    return msOf(QDate(d.year(), d.month(), 1));
}

int64_t nextMonthStart(int64_t ms)
{
    const QDate d = utc(ms).date();
    return msOf(QDate(d.year(), d.month(), 1).addMonths(1));
}

std::string yearMonth(int64_t ms)
{
    const QDate d = utc(ms).date();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
    return buf;
}

std::string numbered(const char *prefix, int64_t n, int width)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
    return std::string(prefix) + buf;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

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

// SHA-256(uint64_be(seed) || role || uint64_be(index)) as the Ed25519 secret.
crypto::PrivateKey deriveKey(uint64_t seed, std::string_view role, uint64_t index)
{
    QByteArray material;
    material.reserve(16 + qsizetype(role.size()));
    for (int i = 7; i >= 0; --i)
        material.append(char((seed >> (8 * i)) & 0xff));
    material.append(role.data(), qsizetype(role.size()));
    for (int i = 7; i >= 0; --i)
        material.append(char((index >> (8 * i)) & 0xff));
    auto key = crypto::PrivateKey::fromSeed(crypto::Sha256::hash(material));
    return key ? key.value() : crypto::PrivateKey();
}

json::Value object(std::initializer_list<std::pair<const char *, json::Value>> members)
{
    json::Object o;
    o.reserve(members.size());
    for (const auto &m : members)
        o.emplace_back(m.first, m.second);
    return json::Value(std::move(o));
}

std::string slugify(std::string_view text)
{
    std::string out;
    for (char ch : text) {
        if (ch >= 'A' && ch <= 'Z')
            out += char(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            out += ch;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.substr(0, 64);
}

std::string lowerAscii(std::string s)
{
    for (char &ch : s) {
        if (ch >= 'A' && ch <= 'Z')
            ch = char(ch - 'A' + 'a');
    }
    return s;
}

bool writeFileExclusive(const QString &path, const QByteArray &data, mode_t mode)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return false;
        }
        written += n;
    }
    const bool ok = ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

// ---- the world ------------------------------------------------------------------------------------------

struct Actor
{
    crypto::PrivateKey key;
    std::string id; // key id
    std::string name;
    std::string role;
    std::string startup;
    std::string sponsor;
    std::string publicKey; // base64
};

struct ProgrammeDef
{
    std::string id;
    std::string shortId; // prefix of its application ids
    std::string name;
    int openDay = 0;
    int closeDay = 0;
    std::vector<std::pair<const char *, int>> rubric;
    int64_t threshold = 0;
    int approvals = 1;
    int64_t minAsk = 0; // GPU-hours
    int64_t maxAsk = 0;
    int64_t askStep = 50;
    int minMonths = 3;
    int maxMonths = 12;
    int weight = 0; // per mille of first applications
    std::vector<int> pools;
};

struct SponsorDef
{
    std::string id;
    std::string name;
    std::string kind;
    int actor = -1;
};

struct PoolDef
{
    std::string id;
    int programme = 0;
    int sponsor = 0;
    std::string resource;
    std::string provider;
    int64_t planned = 0; // the grants the plan will make from it
    int64_t pledge = 0;
    int64_t validUntil = 0;
    std::string pendingTarget;
};

struct StartupDef
{
    std::string id;
    std::string name;
    std::string brn;
    std::string sector;
    int actor = -1;
    int registerDay = 0;
};

enum class Plan { Approve, Reject, Waitlist };
enum class FollowUp { None, Approve, Reject, Withdraw };

struct AppDef
{
    std::string id;
    int startup = 0;
    int programme = 0;
    int pool = 0;
    int64_t amount = 0;
    std::string title;
    std::string summary;
    bool attachment = false;
    Plan plan = Plan::Reject;
    FollowUp followUp = FollowUp::None;
    bool withdrawEarly = false;
    int submitDay = 0;
    int pm = 0;
    int quality = 50; // 0..100, drives the scores
    int order = 0; // planning order, for a stable sort

    std::vector<int> reviewers;
    int pendingReviews = 0;
    bool conflictDeclared = false;
    bool closed = false; // withdrawn or finally decided: nothing more happens to it
};

enum class GState { Pending, Active, Expired, ClawedBack };

struct TrancheSim
{
    int64_t amount = 0;
    int64_t releaseAt = 0;
    bool released = false;
};

// The generator's own account of a grant, so that it can choose usage amounts for a whole batch before the
// batch is sequenced. It follows the rules engine exactly and is compared with it at the end.
struct GrantSim
{
    std::string id;
    int app = 0;
    int pool = 0;
    int pm = 0;
    int64_t amount = 0;
    int months = 0;
    std::vector<TrancheSim> tranches;
    int64_t expiresAt = 0;
    GState state = GState::Pending;
    int64_t activatedAt = 0;
    int64_t available = 0;
    int64_t unreleased = 0;
    int64_t usedThrough = 0; // usage recorded up to (excluding) this time
    int burn = 1000; // per mille of the even monthly pace
    bool overdraw = false; // one usage import will exceed the released credits
    bool clawback = false;
    bool frozen = false; // a clawback waits for approval: no usage meanwhile
    std::string clawCode;
    int64_t clawAmount = 0; // 0: everything left
    std::string pendingTarget; // entry id (hex) waiting for approval
    int64_t balance() const { return available + unreleased; }
};

enum class Ev {
    Setup,
    Pledge,
    ApprovePool,
    TopUp,
    RegisterStartup,
    Submit,
    Withdraw,
    Assign,
    Review,
    Replace,
    Decide,
    FollowUp,
    CreateGrant,
    ApproveGrant,
    Release,
    MonthlyUsage,
    Expire,
    Clawback,
    ApproveClawback,
    ClosePool,
};

struct Event
{
    Ev kind;
    int a = 0;
    int b = 0;
    int c = 0;
};

enum class Expect { Applied, Pending, Approved, Overdraw };
enum class Sink { None, Pool, Grant };

struct Item
{
    Entry entry;
    int actor = 0;
    Expect expect = Expect::Applied;
    Sink sink = Sink::None;
    int index = -1;
    SignedEntry signedEntry;
};

// ---- the generator --------------------------------------------------------------------------------------

class Generator
{
public:
    Generator(const DemoOptions &options, const DemoProgress &progress)
        : m_opt(options)
        , m_progress(progress)
        , m_rng(options.seed)
        , m_nonceRng(options.seed ^ 0x6e6f6e63652d6b31ULL)
    { }

    Result<DemoSummary> run();

private:
    Result<DemoSummary> generateInto();
    void cleanUp();

    // Planning: everything that does not depend on the rules engine's answers.
    void planPeople();
    void planSponsorsAndProgrammes();
    void planStartups();
    void planApplications();
    void planPools();
    void schedulePlan();
    void deriveKeys();

    // Running.
    Result<void> runEvents();
    void handle(const Event &e);
    Result<void> flush();
    Result<void> report(const QString &phase);
    Result<void> checkShadow();
    Result<QStringList> saveKeys(const QString &dir);

    // Event handlers.
    void setup();
    void pledge();
    void approvePool(int pool);
    void topUp();
    void registerStartup(int s);
    void submit(int a);
    void withdraw(int a);
    void assign(int a);
    void review(int a, int reviewer, bool replacement);
    void replace(int a);
    void decide(int a);
    void followUp(int a);
    void createGrant(int a);
    void approveGrant(int g);
    void activate(GrantSim &g);
    void release(int g, int tranche);
    void monthlyUsage();
    void recordUsage(GrantSim &g, int64_t limit);
    void expire(int g);
    void clawback(int g);
    void approveClawback(int g);
    void applyClawback(GrantSim &g);
    void closePool();

    void schedule(int64_t at, Event e);
    int64_t dayAt(int day, int64_t slot) const { return m_start + int64_t(day) * kDay + slot; }
    void record(int actor, const char *type, json::Value body, Expect expect = Expect::Applied,
        Sink sink = Sink::None, int index = -1);
    std::string nonce();
    std::string personName();
    int addActor(std::string_view role, uint64_t index, std::string name, std::string roleName);
    bool needsApproval(const ProgrammeDef &p, int64_t amount) const
    {
        return p.approvals > 1 && amount > p.threshold;
    }
    int otherPm(int pm) const { return m_pms[size_t((pm + 1) % int(m_pms.size()))]; }

    const DemoOptions &m_opt;
    const DemoProgress &m_progress;
    Rng m_rng;
    std::mt19937_64 m_nonceRng;
    QString m_keysDir;

    int64_t m_start = 0;
    int64_t m_end = 0;
    int m_days = 0;
    int64_t m_now = 0;
    ManualClock m_clock;
    std::unique_ptr<store::LedgerStore> m_store;
    std::unique_ptr<Sequencer> m_seq;
    bool m_createdLedger = false;
    bool m_createdKeysDir = false;
    bool m_wroteKeys = false; // into m_keysDir, which was missing or empty before

    std::vector<Actor> m_actors;
    int m_root = -1;
    int m_admin2 = -1;
    int m_auditor = -1;
    std::vector<int> m_pms;
    std::vector<int> m_reviewers;
    std::vector<SponsorDef> m_sponsors;
    std::vector<ProgrammeDef> m_programmes;
    std::vector<PoolDef> m_pools;
    std::vector<StartupDef> m_startups;
    std::vector<AppDef> m_apps;
    std::vector<GrantSim> m_grants;
    int m_topUpPool = -1;
    int m_closePool = -1;

    std::map<int64_t, std::vector<Event>> m_queue;
    std::vector<Item> m_batch;
    int64_t m_done = 0;
    int64_t m_estimate = 0;
    int64_t m_rejectedOnPurpose = 0;
    int m_submitted = 0;
    QString m_phase;
};

// ---- planning -------------------------------------------------------------------------------------------

std::string Generator::personName()
{
    return std::string(m_rng.pick(names::familyNames())) + ' ' + m_rng.pick(names::givenNames());
}

int Generator::addActor(std::string_view role, uint64_t index, std::string name, std::string roleName)
{
    Actor a;
    a.key = deriveKey(m_opt.seed, role, index);
    a.id = a.key.keyId().toStdString();
    a.publicKey = a.key.publicKey().raw().toBase64().toStdString();
    a.name = std::move(name);
    a.role = std::move(roleName);
    m_actors.push_back(std::move(a));
    return int(m_actors.size()) - 1;
}

void Generator::planPeople()
{
    m_root = addActor("root", 0, "root", "admin");
    m_admin2 = addActor("admin", 1, personName() + " (alliance secretariat)", "admin");
    const int pms = m_opt.startups >= 500 ? 3 : 2;
    for (int i = 0; i < pms; ++i)
        m_pms.push_back(
            addActor("pm", uint64_t(i), personName() + " (programme manager)", "programme_manager"));
    const int reviewers = std::max(3, (m_opt.startups + 24) / 25);
    for (int i = 0; i < reviewers; ++i) {
        const std::string name = "Dr. " + personName() + " (" + m_rng.pick(names::affiliations()) + ")";
        m_reviewers.push_back(addActor("reviewer", uint64_t(i), name, "reviewer"));
    }
    m_auditor = addActor("auditor", 0, personName() + " (Hanbit Assurance, auditor)", "auditor");
}

void Generator::planSponsorsAndProgrammes()
{
    m_sponsors = {
        { "msit", "Ministry of Science and ICT (MSIT) AI Compute Support Programme", "government" },
        { "nipa", "National IT Industry Promotion Agency (NIPA)", "government" },
        { "naver-cloud", "NAVER Cloud", "cloud" },
        { "kt-cloud", "KT Cloud", "cloud" },
        { "nhn-cloud", "NHN Cloud", "cloud" },
        { "hanriver-ventures", "Han River Ventures", "vc" },
        { "bluepeak-capital", "Bluepeak Capital", "vc" },
        { "daehan-motors", "Daehan Motors Open Innovation", "corporate" },
    };
    for (size_t i = 0; i < m_sponsors.size(); ++i) {
        SponsorDef &s = m_sponsors[i];
        s.actor = addActor("sponsor", i, personName() + " (" + s.name + ")", "sponsor");
        m_actors[size_t(s.actor)].sponsor = s.id;
    }

    const int window = std::max(2, m_days * 6 / 10);
    ProgrammeDef voucher;
    voucher.id = "k-ai-compute-2025";
    voucher.shortId = "kcv25-";
    voucher.name = "K-AI Compute Voucher 2025";
    voucher.openDay = 0;
    voucher.closeDay = window;
    voucher.rubric = { { "technical_merit", 10 }, { "market", 10 }, { "team", 10 }, { "compute_plan", 5 } };
    voucher.threshold = 2000 * kGpuHour;
    voucher.approvals = 2;
    voucher.minAsk = 300;
    voucher.maxAsk = 4000;
    voucher.minMonths = 4;
    voucher.maxMonths = 12;
    voucher.weight = 450;

    ProgrammeDef cloud;
    cloud.id = "cloud-credits-2025";
    cloud.shortId = "ccc25-";
    cloud.name = "Cloud AI Startup Credits 2025";
    cloud.openDay = std::max(1, m_days / 10);
    cloud.closeDay = std::max(cloud.openDay + 1, m_days * 7 / 10);
    cloud.rubric = { { "technical_merit", 5 }, { "market", 5 }, { "team", 5 }, { "compute_plan", 5 } };
    cloud.threshold = 1000 * kGpuHour;
    cloud.approvals = 2;
    cloud.minAsk = 100;
    cloud.maxAsk = 1500;
    cloud.minMonths = 3;
    cloud.maxMonths = 9;
    cloud.weight = 350;

    ProgrammeDef seed;
    seed.id = "seed-gpu-bridge-2025";
    seed.shortId = "sgb25-";
    seed.name = "Seed GPU Bridge 2025 (VC consortium)";
    seed.openDay = 0;
    seed.closeDay = std::max(2, m_days / 2);
    seed.rubric = { { "technical_merit", 10 }, { "team", 10 }, { "compute_plan", 5 } };
    seed.threshold = 0;
    seed.approvals = 1;
    seed.minAsk = 50;
    seed.maxAsk = 600;
    seed.askStep = 10;
    seed.minMonths = 2;
    seed.maxMonths = 6;
    seed.weight = 200;
    m_programmes = { voucher, cloud, seed };

    struct PoolSpec
    {
        const char *id;
        int programme;
        const char *sponsor;
        const char *resource;
    };
    static constexpr PoolSpec kPools[] = {
        { "kcv25-msit-naver-b200", 0, "msit", "naver-cloud/b200" },
        { "kcv25-msit-kt-h200", 0, "msit", "kt-cloud/h200" },
        { "kcv25-msit-nhn-a100", 0, "msit", "nhn-cloud/a100" },
        { "kcv25-nipa-naver-h100", 0, "nipa", "naver-cloud/h100" },
        { "ccc25-naver-h100", 1, "naver-cloud", "naver-cloud/h100" },
        { "ccc25-kt-a100", 1, "kt-cloud", "kt-cloud/a100" },
        { "ccc25-nhn-h100", 1, "nhn-cloud", "nhn-cloud/h100" },
        { "sgb25-hanriver-kt-h200", 2, "hanriver-ventures", "kt-cloud/h200" },
        { "sgb25-bluepeak-nhn-a100", 2, "bluepeak-capital", "nhn-cloud/a100" },
        { "sgb25-daehan-naver-h100", 2, "daehan-motors", "naver-cloud/h100" },
    };
    const int64_t validUntil = msOf(kStartDate.addMonths(m_opt.months + 6));
    for (const PoolSpec &spec : kPools) {
        PoolDef p;
        p.id = spec.id;
        p.programme = spec.programme;
        for (size_t i = 0; i < m_sponsors.size(); ++i) {
            if (m_sponsors[i].id == spec.sponsor)
                p.sponsor = int(i);
        }
        p.resource = spec.resource;
        p.provider = p.resource.substr(0, p.resource.find('/'));
        p.validUntil = validUntil;
        m_programmes[size_t(p.programme)].pools.push_back(int(m_pools.size()));
        if (p.id == "ccc25-naver-h100")
            m_topUpPool = int(m_pools.size());
        if (p.id == "sgb25-bluepeak-nhn-a100")
            m_closePool = int(m_pools.size());
        m_pools.push_back(std::move(p));
    }
}

void Generator::planStartups()
{
    const auto sectors = names::sectors();
    const auto syllables = names::koreanSyllables();
    std::unordered_set<std::string> ids;
    std::unordered_set<std::string> brns;
    ids.reserve(size_t(m_opt.startups) * 2);
    brns.reserve(size_t(m_opt.startups) * 2);
    m_startups.reserve(size_t(m_opt.startups));
    for (int i = 0; i < m_opt.startups; ++i) {
        StartupDef s;
        // The first six sectors (automotive .. healthcare) are three times as common as the others.
        const int64_t weights = int64_t(sectors.size()) + 12; // six sectors counted two more times
        const int64_t w = m_rng.range(0, weights - 1);
        s.sector = w < 18 ? sectors[size_t(w / 3)] : sectors[size_t(6 + (w - 18))];

        for (int attempt = 0;; ++attempt) {
            const auto &suffix = m_rng.chance(600) ? m_rng.pick(names::sectorSuffixes(s.sector))
                                                   : m_rng.pick(names::genericSuffixes());
            std::string roman;
            std::string hangul;
            if (m_rng.chance(620)) {
                const int parts = attempt < 8 ? 2 : 3;
                for (int k = 0; k < parts; ++k) {
                    const auto &syl = m_rng.pick(syllables);
                    roman += k == 0 ? std::string(syl.roman) : lowerAscii(syl.roman);
                    hangul += syl.hangul;
                }
            } else {
                roman = std::string(m_rng.pick(names::englishHeads())) + m_rng.pick(names::englishTails());
            }
            std::string name = roman + ' ' + suffix.en;
            if (attempt >= 20)
                name += ' ' + std::to_string(attempt - 18);
            const std::string id = slugify(name);
            if (ids.count(id))
                continue;
            ids.insert(id);
            s.id = id;
            s.name = name;
            if (!hangul.empty() && m_rng.chance(400))
                s.name.append(" (").append(hangul).append(suffix.ko).append(")");
            break;
        }
        // Tax office (3 digits), corporate type code (81, 86, 87, 88), serial (4 digits), check digit.
        static constexpr int kCorporate[] = { 81, 86, 87, 88 };
        for (;;) {
            char nine[16];
            std::snprintf(nine, sizeof nine, "%03d%02d%04d", int(m_rng.range(101, 899)),
                kCorporate[m_rng.range(0, 3)], int(m_rng.range(0, 9999)));
            std::string brn(nine, 9);
            brn += char('0' + brnCheckDigit(brn));
            if (brns.insert(brn).second) {
                s.brn = brn;
                break;
            }
        }
        m_startups.push_back(std::move(s));
    }
}

void Generator::planApplications()
{
    auto makeApp = [&](int startup, int programme, int day) {
        const ProgrammeDef &p = m_programmes[size_t(programme)];
        const StartupDef &s = m_startups[size_t(startup)];
        AppDef a;
        a.startup = startup;
        a.programme = programme;
        a.pool = p.pools[size_t(m_rng.range(0, int64_t(p.pools.size()) - 1))];
        int64_t ask = m_rng.chance(600) ? m_rng.range(p.minAsk, (p.minAsk + p.maxAsk) / 2)
                                        : m_rng.range(p.minAsk, p.maxAsk);
        ask = std::max(p.minAsk, ask / p.askStep * p.askStep);
        a.amount = ask * kGpuHour;
        a.title = m_rng.pick(names::projectTitles(s.sector));
        if (m_rng.chance(700))
            a.summary = m_rng.pick(names::summaries());
        a.attachment = m_rng.chance(350);
        const int64_t r = m_rng.range(0, 999);
        a.plan = r < 500 ? Plan::Approve : r < 830 ? Plan::Reject : Plan::Waitlist;
        if (a.plan == Plan::Waitlist) {
            const int64_t f = m_rng.range(0, 999);
            a.followUp = f < 450 ? FollowUp::Approve
                : f < 750        ? FollowUp::Reject
                : f < 850        ? FollowUp::Withdraw
                                 : FollowUp::None;
        }
        a.quality = a.plan == Plan::Approve ? int(m_rng.range(68, 95))
            : a.plan == Plan::Reject        ? int(m_rng.range(20, 58))
                                            : int(m_rng.range(55, 72));
        a.withdrawEarly = m_rng.chance(15);
        a.submitDay = day;
        a.order = int(m_apps.size());
        m_apps.push_back(std::move(a));
    };
    auto pickProgramme = [&]() {
        int64_t r = m_rng.range(0, 999);
        for (size_t i = 0; i < m_programmes.size(); ++i) {
            if (r < m_programmes[i].weight)
                return int(i);
            r -= m_programmes[i].weight;
        }
        return 0;
    };
    m_apps.reserve(size_t(m_opt.startups) * 12 / 10 + 4);
    for (int i = 0; i < m_opt.startups; ++i) {
        const int programme = pickProgramme();
        const ProgrammeDef &p = m_programmes[size_t(programme)];
        const int day = int(m_rng.range(std::max(1, p.openDay), p.closeDay));
        makeApp(i, programme, day);
        m_startups[size_t(i)].registerDay = std::max(1, day - int(m_rng.range(0, 10)));
        if (m_rng.chance(150)) {
            const int second = int((programme + m_rng.range(1, 2)) % 3);
            const ProgrammeDef &p2 = m_programmes[size_t(second)];
            const int day2 = std::max(day + int(m_rng.range(30, 120)), p2.openDay + 1);
            if (day2 <= p2.closeDay)
                makeApp(i, second, day2);
        }
    }
    if (m_apps.size() >= 4
        && std::none_of(m_apps.begin(), m_apps.end(), [](const AppDef &a) { return a.withdrawEarly; }))
        m_apps[m_apps.size() / 2].withdrawEarly = true;

    // Numbered per programme in order of submission.
    std::stable_sort(m_apps.begin(), m_apps.end(), [](const AppDef &x, const AppDef &y) {
        return x.submitDay != y.submitDay ? x.submitDay < y.submitDay : x.order < y.order;
    });
    std::vector<int> counters(m_programmes.size(), 0);
    for (size_t i = 0; i < m_apps.size(); ++i) {
        AppDef &a = m_apps[i];
        a.id
            = numbered(m_programmes[size_t(a.programme)].shortId.c_str(), ++counters[size_t(a.programme)], 5);
        a.pm = int(i % m_pms.size());
    }
}

void Generator::planPools()
{
    for (const AppDef &a : m_apps) {
        if (!a.withdrawEarly && (a.plan == Plan::Approve || a.followUp == FollowUp::Approve))
            m_pools[size_t(a.pool)].planned += a.amount;
    }
    const int64_t step = 1000 * kGpuHour;
    for (PoolDef &p : m_pools) {
        const int64_t wanted = p.planned + p.planned / 4 + 5000 * kGpuHour;
        p.pledge = (wanted + step - 1) / step * step;
    }
}

void Generator::schedulePlan()
{
    schedule(dayAt(0, kSlotAdmin), { Ev::Setup });
    schedule(dayAt(0, kSlotPm), { Ev::Pledge });
    for (size_t i = 0; i < m_startups.size(); ++i)
        schedule(dayAt(m_startups[i].registerDay, kSlotAdmin), { Ev::RegisterStartup, int(i) });
    for (size_t i = 0; i < m_apps.size(); ++i)
        schedule(dayAt(m_apps[i].submitDay, kSlotStartup), { Ev::Submit, int(i) });
    // Usage imports on the 3rd of every month, for the month before.
    for (QDate d(kStartDate.year(), kStartDate.month(), 3);; d = d.addMonths(1)) {
        const int64_t t = msOf(d) + kSlotUsage;
        if (t >= m_end)
            break;
        if (t > m_start)
            schedule(t, { Ev::MonthlyUsage });
    }
    if (m_days * 4 / 10 >= 2)
        schedule(dayAt(m_days * 4 / 10, kSlotPm), { Ev::TopUp });
    if (m_days >= 2)
        schedule(dayAt(m_days - 1, kSlotClose), { Ev::ClosePool });

    // A rough count of what all that will produce, for the progress bar.
    int64_t estimate = 1 + 1 + int64_t(m_pms.size() + m_reviewers.size()) + 1 + 2 * int64_t(m_sponsors.size())
        + int64_t(m_programmes.size()) + 2 * int64_t(m_pools.size()) + 2 * int64_t(m_startups.size());
    int64_t grants = 0;
    for (const AppDef &a : m_apps) {
        estimate += a.withdrawEarly ? 2 : 6;
        if (!a.withdrawEarly && (a.plan == Plan::Approve || a.followUp == FollowUp::Approve))
            ++grants;
    }
    m_estimate = estimate + grants * (4 + std::min(m_opt.months, 7));
}

void Generator::schedule(int64_t at, Event e)
{
    if (at >= m_end)
        return; // beyond the simulated span: it does not happen
    m_queue[std::max(at, m_now)].push_back(e);
}

// ---- emitting, signing, sequencing ----------------------------------------------------------------------

std::string Generator::nonce()
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(m_nonceRng()),
        static_cast<unsigned long long>(m_nonceRng()));
    return std::string(buf, 32);
}

void Generator::record(int actor, const char *type, json::Value body, Expect expect, Sink sink, int index)
{
    Item it;
    it.entry.type = type;
    it.entry.author = m_actors[size_t(actor)].id;
    it.entry.createdAt = m_now;
    it.entry.nonce = nonce();
    it.entry.body = std::move(body);
    it.actor = actor;
    it.expect = expect;
    it.sink = sink;
    it.index = index;
    m_batch.push_back(std::move(it));
}

Result<void> Generator::report(const QString &phase)
{
    if (m_progress && !m_progress(m_done, std::max(m_estimate, m_done), phase))
        return makeError("cancelled", QStringLiteral("The demo generation was cancelled."));
    return {};
}

Result<void> Generator::flush()
{
    if (m_batch.empty())
        return {};
    parallelFor(
        m_batch.size(),
        [this](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i)
                m_batch[i].signedEntry = signEntry(m_batch[i].entry, m_actors[size_t(m_batch[i].actor)].key);
        },
        32);
    std::vector<SignedEntry> chunk;
    for (size_t from = 0; from < m_batch.size(); from += kBatchSize) {
        const size_t to = std::min(m_batch.size(), from + kBatchSize);
        chunk.clear();
        for (size_t i = from; i < to; ++i)
            chunk.push_back(m_batch[i].signedEntry);
        auto receipts = m_seq->submit(chunk);
        if (!receipts)
            return receipts.error();
        for (size_t i = from; i < to; ++i) {
            const Item &it = m_batch[i];
            const Receipt &r = receipts.value()[i - from];
            const QString type = q(it.entry.type);
            if (it.expect == Expect::Overdraw) {
                if (r.accepted || r.rejection.code != QLatin1String("insufficient_balance"))
                    return makeError("unexpected_rejection",
                        QStringLiteral("The overdrawing demo entry %1 should have been rejected with "
                                       "insufficient_balance, but was %2.")
                            .arg(type, r.accepted ? QStringLiteral("accepted") : r.rejection.toString()));
                ++m_rejectedOnPurpose;
                continue;
            }
            if (!r.accepted || r.duplicate)
                return makeError("unexpected_rejection",
                    QStringLiteral("The demo entry %1 (body %2) was rejected: %3")
                        .arg(type, QString::fromUtf8(json::canonical(it.entry.body)),
                            r.duplicate ? QStringLiteral("duplicate") : r.rejection.toString()));
            const Outcome want = it.expect == Expect::Pending ? Outcome::PendingApproval
                : it.expect == Expect::Approved               ? Outcome::ApprovedAndApplied
                                                              : Outcome::Applied;
            if (r.outcome != want)
                return makeError("unexpected_rejection",
                    QStringLiteral("The demo entry %1 (body %2) had outcome %3, expected %4.")
                        .arg(type, QString::fromUtf8(json::canonical(it.entry.body)))
                        .arg(int(r.outcome))
                        .arg(int(want)));
            ++m_done;
            if (it.sink == Sink::Pool)
                m_pools[size_t(it.index)].pendingTarget = r.entryId.toHex().toStdString();
            else if (it.sink == Sink::Grant)
                m_grants[size_t(it.index)].pendingTarget = r.entryId.toHex().toStdString();
        }
        LEDGER_TRY(report(m_phase));
    }
    m_batch.clear();
    return {};
}

Result<void> Generator::runEvents()
{
    while (!m_queue.empty()) {
        auto first = m_queue.begin();
        if (first->first >= m_end)
            break;
        m_now = first->first;
        std::vector<Event> events = std::move(first->second);
        m_queue.erase(first);
        m_clock.set(m_now);
        m_phase = m_now < m_start + kDay ? QStringLiteral("Setting up the alliance")
                                         : QStringLiteral("Simulating %1").arg(q(yearMonth(m_now)));
        for (const Event &e : events)
            handle(e);
        LEDGER_TRY(flush());
    }
    return {};
}

void Generator::handle(const Event &e)
{
    switch (e.kind) {
    case Ev::Setup:
        return setup();
    case Ev::Pledge:
        return pledge();
    case Ev::ApprovePool:
        return approvePool(e.a);
    case Ev::TopUp:
        return topUp();
    case Ev::RegisterStartup:
        return registerStartup(e.a);
    case Ev::Submit:
        return submit(e.a);
    case Ev::Withdraw:
        return withdraw(e.a);
    case Ev::Assign:
        return assign(e.a);
    case Ev::Review:
        return review(e.a, e.b, e.c != 0);
    case Ev::Replace:
        return replace(e.a);
    case Ev::Decide:
        return decide(e.a);
    case Ev::FollowUp:
        return followUp(e.a);
    case Ev::CreateGrant:
        return createGrant(e.a);
    case Ev::ApproveGrant:
        return approveGrant(e.a);
    case Ev::Release:
        return release(e.a, e.b);
    case Ev::MonthlyUsage:
        return monthlyUsage();
    case Ev::Expire:
        return expire(e.a);
    case Ev::Clawback:
        return clawback(e.a);
    case Ev::ApproveClawback:
        return approveClawback(e.a);
    case Ev::ClosePool:
        return closePool();
    }
}

// ---- the handlers ---------------------------------------------------------------------------------------

void Generator::setup()
{
    const Actor &root = m_actors[size_t(m_root)];
    record(m_root, "alliance.genesis",
        object({ { "alliance", "k-ai-alliance" }, { "name", "K-AI Startup Compute Alliance" },
            { "origin", "alliance.example/k-ai" }, { "root_key", root.publicKey } }));
    auto enrol = [&](int actor) {
        const Actor &a = m_actors[size_t(actor)];
        json::Value body = object({ { "key", a.publicKey }, { "name", a.name }, { "role", a.role } });
        if (!a.sponsor.empty())
            body.set("sponsor", json::Value(a.sponsor));
        if (!a.startup.empty())
            body.set("startup", json::Value(a.startup));
        record(m_root, "member.enrolled", std::move(body));
    };
    enrol(m_admin2);
    for (int pm : m_pms)
        enrol(pm);
    for (int r : m_reviewers)
        enrol(r);
    enrol(m_auditor);
    for (const SponsorDef &s : m_sponsors) {
        record(m_pms[0], "sponsor.registered",
            object({ { "sponsor", s.id }, { "name", s.name }, { "kind", s.kind } }));
        enrol(s.actor);
    }
    for (size_t i = 0; i < m_programmes.size(); ++i) {
        const ProgrammeDef &p = m_programmes[i];
        json::Array rubric;
        for (const auto &[id, max] : p.rubric)
            rubric.push_back(object({ { "id", id }, { "max", max } }));
        record(m_pms[i % m_pms.size()], "programme.created",
            object({ { "programme", p.id }, { "name", p.name },
                { "opens_at", m_start + int64_t(p.openDay) * kDay },
                { "closes_at", m_start + int64_t(p.closeDay + 1) * kDay - 1 },
                { "rubric", json::Value(std::move(rubric)) }, { "approval_threshold", p.threshold },
                { "approvals_required", p.approvals } }));
    }
}

void Generator::pledge()
{
    for (size_t i = 0; i < m_pools.size(); ++i) {
        const PoolDef &p = m_pools[i];
        const ProgrammeDef &programme = m_programmes[size_t(p.programme)];
        const bool pending = needsApproval(programme, p.pledge);
        record(m_sponsors[size_t(p.sponsor)].actor, "pool.pledged",
            object({ { "pool", p.id }, { "sponsor", m_sponsors[size_t(p.sponsor)].id },
                { "programme", programme.id }, { "resource", p.resource }, { "amount", p.pledge },
                { "valid_until", p.validUntil } }),
            pending ? Expect::Pending : Expect::Applied, pending ? Sink::Pool : Sink::None, int(i));
        if (pending)
            schedule(dayAt(1, kSlotPm), { Ev::ApprovePool, int(i) });
    }
}

void Generator::approvePool(int pool)
{
    record(m_pms[0], "approval", object({ { "target", m_pools[size_t(pool)].pendingTarget } }),
        Expect::Approved);
}

void Generator::topUp()
{
    if (m_topUpPool < 0)
        return;
    PoolDef &p = m_pools[size_t(m_topUpPool)];
    const ProgrammeDef &programme = m_programmes[size_t(p.programme)];
    const int64_t step = 1000 * kGpuHour;
    const int64_t amount = std::max(step, (p.pledge / 5 + step - 1) / step * step);
    const bool pending = needsApproval(programme, amount);
    record(m_sponsors[size_t(p.sponsor)].actor, "pool.pledged",
        object({ { "pool", p.id }, { "sponsor", m_sponsors[size_t(p.sponsor)].id },
            { "programme", programme.id }, { "resource", p.resource }, { "amount", amount },
            { "valid_until", p.validUntil } }),
        pending ? Expect::Pending : Expect::Applied, pending ? Sink::Pool : Sink::None, m_topUpPool);
    if (pending)
        schedule(startOfDay(m_now) + kDay + kSlotPm, { Ev::ApprovePool, m_topUpPool });
}

void Generator::registerStartup(int index)
{
    const StartupDef &s = m_startups[size_t(index)];
    record(m_pms[size_t(index) % m_pms.size()], "startup.registered",
        object({ { "startup", s.id }, { "name", s.name }, { "brn", formatBrn(s.brn) },
            { "sector", s.sector } }));
    const Actor &a = m_actors[size_t(s.actor)];
    record(m_admin2, "member.enrolled",
        object({ { "key", a.publicKey }, { "name", a.name }, { "role", "startup" }, { "startup", s.id } }));
}

void Generator::submit(int index)
{
    AppDef &a = m_apps[size_t(index)];
    const StartupDef &s = m_startups[size_t(a.startup)];
    json::Value body = object(
        { { "application", a.id }, { "startup", s.id }, { "programme", m_programmes[size_t(a.programme)].id },
            { "title", a.title }, { "resource", m_pools[size_t(a.pool)].resource }, { "amount", a.amount } });
    if (!a.summary.empty())
        body.set("summary", json::Value(a.summary));
    if (a.attachment) {
        const QByteArray digest = crypto::Sha256::hash(QByteArray::fromStdString("demo attachment " + a.id));
        body.set("attachments",
            json::Value(json::Array {
                object({ { "name", "compute-plan.pdf" }, { "sha256", digest.toHex().toStdString() } }) }));
    }
    record(s.actor, "application.submitted", std::move(body));
    ++m_submitted;
    const int64_t day = startOfDay(m_now);
    if (a.withdrawEarly)
        schedule(day + kDay + kSlotStartup, { Ev::Withdraw, index });
    schedule(day + m_rng.range(2, 4) * kDay + kSlotPm, { Ev::Assign, index });
}

void Generator::withdraw(int index)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    record(m_startups[size_t(a.startup)].actor, "application.withdrawn",
        object({ { "application", a.id }, { "reason", m_rng.pick(names::withdrawalReasons()) } }));
    a.closed = true;
}

void Generator::assign(int index)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    const int available = int(m_reviewers.size());
    const int count = std::min(m_rng.chance(400) ? 3 : 2, available - 1);
    json::Array keys;
    while (int(a.reviewers.size()) < count) {
        const int r = int(m_rng.range(0, available - 1));
        if (std::find(a.reviewers.begin(), a.reviewers.end(), r) != a.reviewers.end())
            continue;
        a.reviewers.push_back(r);
        keys.emplace_back(m_actors[size_t(m_reviewers[size_t(r)])].id);
    }
    record(m_pms[size_t(a.pm)], "application.assigned",
        object({ { "application", a.id }, { "reviewers", json::Value(std::move(keys)) } }));
    a.pendingReviews = count;
    const int64_t day = startOfDay(m_now);
    for (int r : a.reviewers)
        schedule(day + m_rng.range(1, 10) * kDay + kSlotReview, { Ev::Review, index, r, 0 });
}

void Generator::review(int index, int reviewer, bool replacement)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    const int actor = m_reviewers[size_t(reviewer)];
    if (!replacement && !a.conflictDeclared && m_rng.chance(70)) {
        record(actor, "application.reviewed",
            object({ { "application", a.id }, { "conflict", true },
                { "comment", m_rng.pick(names::conflictComments()) } }));
        a.conflictDeclared = true;
        schedule(startOfDay(m_now) + kDay + kSlotPm, { Ev::Replace, index });
        return; // the replacement's review takes the place of this one
    }
    json::Value scores { json::Object {} };
    for (const auto &[id, max] : m_programmes[size_t(a.programme)].rubric) {
        const int64_t pct = std::clamp<int64_t>(a.quality + m_rng.range(-12, 12), 0, 100);
        scores.set(id, json::Value((int64_t(max) * pct + 50) / 100));
    }
    const int band = a.quality < 50 ? 0 : a.quality < 72 ? 1 : 2;
    record(actor, "application.reviewed",
        object({ { "application", a.id }, { "conflict", false }, { "scores", std::move(scores) },
            { "comment", m_rng.pick(names::reviewComments(band)) } }));
    if (--a.pendingReviews == 0)
        schedule(startOfDay(m_now) + m_rng.range(1, 4) * kDay + kSlotPm, { Ev::Decide, index });
}

void Generator::replace(int index)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    const int available = int(m_reviewers.size());
    int r = 0;
    do {
        r = int(m_rng.range(0, available - 1));
    } while (std::find(a.reviewers.begin(), a.reviewers.end(), r) != a.reviewers.end());
    a.reviewers.push_back(r);
    record(m_pms[size_t(a.pm)], "application.assigned",
        object({ { "application", a.id },
            { "reviewers",
                json::Value(json::Array { json::Value(m_actors[size_t(m_reviewers[size_t(r)])].id) }) } }));
    schedule(startOfDay(m_now) + m_rng.range(1, 6) * kDay + kSlotReview, { Ev::Review, index, r, 1 });
}

void Generator::decide(int index)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    const char *decision = a.plan == Plan::Approve ? "approved"
        : a.plan == Plan::Reject                   ? "rejected"
                                                   : "waitlisted";
    record(m_pms[size_t(a.pm)], "application.decided",
        object({ { "application", a.id }, { "decision", decision },
            { "reason", m_rng.pick(names::decisionReasons(decision)) } }));
    const int64_t day = startOfDay(m_now);
    if (a.plan == Plan::Approve) {
        a.closed = true;
        schedule(day + m_rng.range(1, 5) * kDay + kSlotPm, { Ev::CreateGrant, index });
    } else if (a.plan == Plan::Reject) {
        a.closed = true;
    } else if (a.followUp != FollowUp::None) {
        schedule(day + m_rng.range(20, 60) * kDay + kSlotPm, { Ev::FollowUp, index });
    }
}

void Generator::followUp(int index)
{
    AppDef &a = m_apps[size_t(index)];
    if (a.closed)
        return;
    a.closed = true;
    if (a.followUp == FollowUp::Withdraw) {
        record(m_startups[size_t(a.startup)].actor, "application.withdrawn",
            object({ { "application", a.id }, { "reason", m_rng.pick(names::withdrawalReasons()) } }));
        return;
    }
    const char *decision = a.followUp == FollowUp::Approve ? "approved" : "rejected";
    record(m_pms[size_t(a.pm)], "application.decided",
        object({ { "application", a.id }, { "decision", decision },
            { "reason",
                a.followUp == FollowUp::Approve ? "Moved up from the waitlist as pool capacity allowed."
                                                : "The waitlist was closed for this call." } }));
    if (a.followUp == FollowUp::Approve)
        schedule(startOfDay(m_now) + m_rng.range(1, 5) * kDay + kSlotPm, { Ev::CreateGrant, index });
}

void Generator::createGrant(int index)
{
    const AppDef &a = m_apps[size_t(index)];
    const ProgrammeDef &programme = m_programmes[size_t(a.programme)];
    const PoolDef &pool = m_pools[size_t(a.pool)];
    GrantSim g;
    g.id = numbered("grant-", int64_t(m_grants.size()) + 1, 6);
    g.app = index;
    g.pool = a.pool;
    g.pm = a.pm;
    // Awarded in whole tens of GPU-hours, 80-100% of the request.
    int64_t hours = a.amount / kGpuHour * m_rng.range(80, 100) / 100 / 10 * 10;
    hours = std::max<int64_t>(10, hours);
    g.amount = hours * kGpuHour;
    g.months = int(m_rng.range(programme.minMonths, programme.maxMonths));
    g.expiresAt = std::min(msOf(utc(m_now).date().addMonths(g.months)), pool.validUntil);

    // 1-3 tranches a month apart, the first now; larger grants are split more.
    int count = int(hours >= 1000 ? m_rng.range(2, 3) : m_rng.range(1, 2));
    while (count > 1 && utc(m_now).addMonths(count - 1).toMSecsSinceEpoch() >= g.expiresAt)
        --count;
    int64_t left = hours;
    for (int j = 0; j < count; ++j) {
        int64_t part = left;
        if (j == 0 && count > 1)
            part = hours * m_rng.range(40, 60) / 100;
        else if (j < count - 1)
            part = left / (count - j);
        part = std::max<int64_t>(1, std::min(part, left - (count - 1 - j)));
        left -= part;
        g.tranches.push_back({ part * kGpuHour, utc(m_now).addMonths(j).toMSecsSinceEpoch(), false });
    }
    const int64_t profile = m_rng.range(0, 999);
    g.burn = int(profile < 250 ? m_rng.range(150, 500)
            : profile < 750    ? m_rng.range(700, 1100)
                               : m_rng.range(1300, 2200));
    g.overdraw = m_grants.size() < 2 || m_rng.chance(10);
    g.clawback = m_grants.size() == 2 || m_rng.chance(15);

    json::Array tranches;
    for (const TrancheSim &t : g.tranches)
        tranches.push_back(object({ { "amount", t.amount }, { "release_at", t.releaseAt } }));
    const bool pending = needsApproval(programme, g.amount);
    const int gi = int(m_grants.size());
    record(m_pms[size_t(a.pm)], "grant.created",
        object({ { "grant", g.id }, { "application", a.id }, { "pool", pool.id },
            { "tranches", json::Value(std::move(tranches)) }, { "expires_at", g.expiresAt } }),
        pending ? Expect::Pending : Expect::Applied, pending ? Sink::Grant : Sink::None, gi);
    m_grants.push_back(std::move(g));
    if (pending)
        schedule(startOfDay(m_now) + m_rng.range(1, 3) * kDay + kSlotPm, { Ev::ApproveGrant, gi });
    else
        activate(m_grants.back());
}

void Generator::approveGrant(int index)
{
    GrantSim &g = m_grants[size_t(index)];
    if (g.state != GState::Pending)
        return;
    record(otherPm(g.pm), "approval", object({ { "target", g.pendingTarget } }), Expect::Approved);
    activate(g);
}

void Generator::activate(GrantSim &g)
{
    const int gi = int(&g - m_grants.data());
    g.state = GState::Active;
    g.activatedAt = m_now;
    g.usedThrough = m_now;
    for (size_t j = 0; j < g.tranches.size(); ++j) {
        TrancheSim &t = g.tranches[j];
        t.released = t.releaseAt <= m_now;
        (t.released ? g.available : g.unreleased) += t.amount;
        if (!t.released)
            schedule(t.releaseAt, { Ev::Release, gi, int(j) });
    }
    schedule(g.expiresAt + kSlotUsage, { Ev::Expire, gi });
    if (g.clawback) {
        const int64_t at = startOfDay(m_now) + m_rng.range(40, 120) * kDay + kSlotPm;
        if (at <= g.expiresAt - 14 * kDay)
            schedule(at, { Ev::Clawback, gi });
    }
}

void Generator::release(int index, int tranche)
{
    GrantSim &g = m_grants[size_t(index)];
    if (g.state != GState::Active)
        return;
    TrancheSim &t = g.tranches[size_t(tranche)];
    record(
        m_pms[size_t(g.pm)], "grant.tranche_released", object({ { "grant", g.id }, { "tranche", tranche } }));
    const int64_t amount = std::min(t.amount, g.unreleased); // a partial clawback may have taken some
    t.released = true;
    g.unreleased -= amount;
    g.available += amount;
}

void Generator::monthlyUsage()
{
    const int64_t limit = monthStart(m_now) - 1;
    for (GrantSim &g : m_grants) {
        if (g.state == GState::Active && !g.frozen)
            recordUsage(g, std::min(limit, g.expiresAt));
    }
}

// Usage imports from the provider for [usedThrough, limit], one entry per calendar month.
void Generator::recordUsage(GrantSim &g, int64_t limit)
{
    const PoolDef &pool = m_pools[size_t(g.pool)];
    while (g.usedThrough < limit) {
        const int64_t start = g.usedThrough;
        const int64_t end = std::min(limit, nextMonthStart(start) - 1);
        g.usedThrough = end + 1;
        const int64_t hours = (end - start + 1) / kHour;
        // The even pace is amount / months; this grant burns at `burn` per mille of it, +-30% per month.
        const int64_t monthly = g.amount / 1000 * g.burn / g.months * m_rng.range(700, 1300) / 1000;
        const int64_t wanted = monthly * hours / int64_t(30 * 24);
        if (wanted <= 0 || g.available <= 0)
            continue;
        const std::string usage = pool.provider + '/' + yearMonth(start) + '/' + g.id;
        auto body = [&](int64_t amount) {
            return object({ { "grant", g.id }, { "usage", usage }, { "resource", pool.resource },
                { "amount", amount }, { "period_start", start }, { "period_end", end } });
        };
        int64_t amount = std::min(wanted, g.available);
        if (g.overdraw) {
            // The provider reports more than has been released: the ledger refuses it, and the corrected
            // report (the same usage id) takes what is left.
            g.overdraw = false;
            record(m_pms[size_t(g.pm)], "usage.recorded",
                body(g.available + std::max<int64_t>(kGpuHour, g.available / 4 + m_rng.range(0, kGpuHour))),
                Expect::Overdraw);
            amount = g.available;
        }
        record(m_pms[size_t(g.pm)], "usage.recorded", body(amount));
        g.available -= amount;
    }
}

void Generator::expire(int index)
{
    GrantSim &g = m_grants[size_t(index)];
    if (g.state != GState::Active || g.frozen)
        return;
    recordUsage(g, g.expiresAt); // the last statement before the credits lapse
    record(m_pms[size_t(g.pm)], "credits.expired", object({ { "grant", g.id } }));
    g.available = 0;
    g.unreleased = 0;
    g.state = GState::Expired;
}

void Generator::clawback(int index)
{
    GrantSim &g = m_grants[size_t(index)];
    if (g.state != GState::Active || g.frozen || g.balance() == 0 || m_now >= g.expiresAt - 7 * kDay)
        return;
    static constexpr const char *kCodes[]
        = { "inactive", "company_dissolved", "terms_breach", "misuse", "duplicate" };
    g.clawCode = m_rng.pick(std::span<const char *const>(kCodes));
    // A terms breach withdraws the tranches not yet released; the others take everything left.
    g.clawAmount = g.clawCode == "terms_breach" && g.unreleased > 0 ? g.unreleased : 0;
    std::string reason = m_rng.pick(names::clawbackReasons(g.clawCode));
    if (g.clawAmount > 0)
        reason += " The tranches not yet released are withdrawn.";
    json::Value body = object({ { "grant", g.id }, { "reason_code", g.clawCode }, { "reason", reason } });
    if (g.clawAmount > 0)
        body.set("amount", json::Value(g.clawAmount));
    const int64_t amount = g.clawAmount > 0 ? g.clawAmount : g.balance();
    const bool pending = needsApproval(m_programmes[size_t(m_apps[size_t(g.app)].programme)], amount);
    record(m_pms[size_t(g.pm)], "grant.clawed_back", std::move(body),
        pending ? Expect::Pending : Expect::Applied, pending ? Sink::Grant : Sink::None, index);
    if (pending) {
        g.frozen = true;
        schedule(startOfDay(m_now) + m_rng.range(1, 2) * kDay + kSlotPm, { Ev::ApproveClawback, index });
    } else {
        applyClawback(g);
    }
}

void Generator::approveClawback(int index)
{
    GrantSim &g = m_grants[size_t(index)];
    if (!g.frozen)
        return;
    record(otherPm(g.pm), "approval", object({ { "target", g.pendingTarget } }), Expect::Approved);
    g.frozen = false;
    applyClawback(g);
}

void Generator::applyClawback(GrantSim &g)
{
    const int64_t amount = g.clawAmount > 0 ? g.clawAmount : g.balance();
    const int64_t fromUnreleased = std::min(amount, g.unreleased);
    g.unreleased -= fromUnreleased;
    g.available -= amount - fromUnreleased;
    if (g.balance() == 0)
        g.state = GState::ClawedBack;
}

void Generator::closePool()
{
    if (m_closePool < 0)
        return;
    const PoolDef &p = m_pools[size_t(m_closePool)];
    record(m_sponsors[size_t(p.sponsor)].actor, "pool.closed",
        object({ { "pool", p.id },
            { "reason",
                "The consortium's 2025 fund is fully allocated; unallocated credit returns "
                "to the sponsor." } }));
}

// ---- checks, keys, the whole run ------------------------------------------------------------------------

Result<void> Generator::checkShadow()
{
    const State &s = m_seq->state();
    for (const GrantSim &g : m_grants) {
        auto it = s.grants.find(g.id);
        if (it == s.grants.end())
            return makeError("internal_error",
                QStringLiteral("The demo grant %1 is missing from the ledger.").arg(q(g.id)));
        const Grant &real = it->second;
        const GrantStatus want = g.state == GState::Pending ? GrantStatus::PendingApproval
            : g.state == GState::Active                     ? GrantStatus::Active
            : g.state == GState::Expired                    ? GrantStatus::Expired
                                                            : GrantStatus::ClawedBack;
        if (real.status != want || real.available != g.available || real.unreleased != g.unreleased)
            return makeError("internal_error",
                QStringLiteral("The demo generator's account of grant %1 (%2 available, %3 unreleased) "
                               "differs from the ledger's (%4, %5).")
                    .arg(q(g.id))
                    .arg(g.available)
                    .arg(g.unreleased)
                    .arg(real.available)
                    .arg(real.unreleased));
    }
    return {};
}

Result<QStringList> Generator::saveKeys(const QString &dir)
{
    struct Saved
    {
        QString file;
        int actor;
        QString role;
    };
    std::vector<Saved> saved;
    saved.push_back({ QStringLiteral("admin.key"), m_root,
        QStringLiteral("admin (alliance root key; signs checkpoints)") });
    for (size_t i = 0; i < m_pms.size(); ++i)
        saved.push_back(
            { QStringLiteral("pm-%1.key").arg(i + 1), m_pms[i], QStringLiteral("programme_manager") });
    for (size_t i = 0; i < 2 && i < m_reviewers.size(); ++i)
        saved.push_back(
            { QStringLiteral("reviewer-%1.key").arg(i + 1), m_reviewers[i], QStringLiteral("reviewer") });
    // The startup of the first grant, so that its member has balances and statements to look at.
    const StartupDef &startup
        = m_startups[size_t(m_grants.empty() ? 0 : m_apps[size_t(m_grants[0].app)].startup)];
    saved.push_back({ QStringLiteral("startup-%1.key").arg(q(startup.id)), startup.actor,
        QStringLiteral("startup (%1)").arg(q(startup.id)) });
    const SponsorDef &sponsor = m_sponsors[2]; // naver-cloud
    saved.push_back({ QStringLiteral("sponsor-%1.key").arg(q(sponsor.id)), sponsor.actor,
        QStringLiteral("sponsor (%1)").arg(q(sponsor.id)) });
    saved.push_back({ QStringLiteral("auditor.key"), m_auditor, QStringLiteral("auditor") });

    // scrypt makes each file take a while; write them on all cores.
    std::vector<std::optional<Error>> errors(saved.size());
    parallelFor(
        saved.size(),
        [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
                auto r = crypto::saveKeyFile(m_actors[size_t(saved[i].actor)].key,
                    QDir(dir).absoluteFilePath(saved[i].file), m_opt.passphrase,
                    crypto::KdfCost::Interactive);
                if (!r)
                    errors[i] = r.error();
            }
        },
        1);
    QStringList files;
    QByteArray table;
    for (size_t i = 0; i < saved.size(); ++i) {
        if (errors[i])
            return *errors[i];
        const Saved &s = saved[i];
        const Actor &a = m_actors[size_t(s.actor)];
        files << QDir(dir).absoluteFilePath(s.file);
        table += QStringLiteral("  %1  %2  %3  %4\n")
                     .arg(s.file, -34)
                     .arg(q(a.id), -32)
                     .arg(s.role, -44)
                     .arg(q(a.name))
                     .toUtf8();
    }

    // The well-known demo passphrase is written beside the keys for convenience; a passphrase the caller
    // chose is never written anywhere.
    const bool demoPassphrase = m_opt.passphrase == DemoOptions().passphrase;
    if (demoPassphrase
        && !writeFileExclusive(
            QDir(dir).absoluteFilePath(QStringLiteral("passphrase.txt")), m_opt.passphrase + '\n', 0600))
        return makeError("io_error", QStringLiteral("Cannot write passphrase.txt in %1.").arg(dir));

    QByteArray readme;
    readme += "K-AI Startup Compute Alliance: demo member keys\n"
              "===============================================\n\n";
    readme
        += QStringLiteral("Ledger:   %1\nCommand:  alliancectl demo --startups %2 --seed %3 --months %4\n\n")
               .arg(QFileInfo(m_opt.ledgerPath).absoluteFilePath())
               .arg(m_opt.startups)
               .arg(m_opt.seed)
               .arg(m_opt.months)
               .toUtf8();
    if (demoPassphrase)
        readme += "DEMO ONLY. These keys sign a made-up alliance. The passphrase of every key file below is "
                  "written in\n"
                  "passphrase.txt in this directory, so anyone who can read this directory can use the keys. "
                  "Never keep\n"
                  "a real key's passphrase next to it.\n\n";
    else
        readme += "DEMO ONLY. These keys sign a made-up alliance. The key files below are encrypted with the "
                  "passphrase\n"
                  "given when the demo was generated; it is not stored here.\n\n";
    readme += "Each *.key file is an encrypted PKCS#8 private key (scrypt + AES-256, mode 0600); the *.pub "
              "file\n"
              "beside it holds the public key. The other members of the demo (the second admin, the other\n"
              "reviewers, startups and sponsors) have keys that were not saved.\n\n";
    readme += QStringLiteral("  %1  %2  %3  %4\n")
                  .arg(QStringLiteral("File"), -34)
                  .arg(QStringLiteral("Key id"), -32)
                  .arg(QStringLiteral("Role"), -44)
                  .arg(QStringLiteral("Member"))
                  .toUtf8();
    readme += table;
    if (demoPassphrase)
        readme
            += "\n  passphrase.txt                      the passphrase of the key files above (demo only)\n";
    if (!writeFileExclusive(QDir(dir).absoluteFilePath(QStringLiteral("README.txt")), readme, 0644))
        return makeError("io_error", QStringLiteral("Cannot write README.txt in %1.").arg(dir));
    return files;
}

void Generator::deriveKeys()
{
    // Startup member keys are most of the keys; derive them on all cores.
    const size_t first = m_actors.size();
    m_actors.resize(first + m_startups.size());
    parallelFor(
        m_startups.size(),
        [this, first](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
                Actor &a = m_actors[first + i];
                a.key = deriveKey(m_opt.seed, "startup", i);
                a.id = a.key.keyId().toStdString();
                a.publicKey = a.key.publicKey().raw().toBase64().toStdString();
            }
        },
        64);
    for (size_t i = 0; i < m_startups.size(); ++i) {
        Actor &a = m_actors[first + i];
        StartupDef &s = m_startups[i];
        a.name = personName() + " (" + s.name + ")";
        a.role = "startup";
        a.startup = s.id;
        s.actor = int(first + i);
    }
}

Result<DemoSummary> Generator::generateInto()
{
    m_start = msOf(kStartDate);
    m_end = msOf(kStartDate.addMonths(m_opt.months));
    m_days = int((m_end - m_start) / kDay);
    m_now = m_start;
    m_clock.set(m_start);

    LEDGER_TRY(report(QStringLiteral("Planning")));
    planPeople();
    planSponsorsAndProgrammes();
    planStartups();
    deriveKeys();
    planApplications();
    planPools();
    schedulePlan();

    // Create the file ourselves, exclusively, so a file that appears meanwhile is never overwritten.
    {
        QFile file(m_opt.ledgerPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (QFileInfo::exists(m_opt.ledgerPath))
                return makeError(
                    "already_exists", QStringLiteral("%1 already exists.").arg(m_opt.ledgerPath));
            return makeError(
                "io_error", QStringLiteral("Cannot create %1: %2").arg(m_opt.ledgerPath, file.errorString()));
        }
        m_createdLedger = true;
    }
    auto store = store::LedgerStore::open(m_opt.ledgerPath, store::LedgerStore::Mode::Create);
    if (!store)
        return store.error();
    m_store = std::move(store.value());
    // A demo that is interrupted is thrown away and made again, so it need not fsync every batch; WAL mode
    // keeps the file consistent either way. FULL is restored, and everything synced, at the end.
    LEDGER_TRY(m_store->db().execScript("PRAGMA synchronous = OFF;"));
    auto seq = Sequencer::open(*m_store, m_clock);
    if (!seq)
        return seq.error();
    m_seq = std::move(seq.value());
    LEDGER_TRY(m_seq->setCheckpointSigner(m_actors[size_t(m_root)].key));

    LEDGER_TRY(runEvents());
    LEDGER_TRY(checkShadow());
    LEDGER_TRY(m_seq->checkpoint());
    LEDGER_TRY(m_store->db().setSynchronous(true));
    LEDGER_TRY(m_store->db().execScript("PRAGMA wal_checkpoint(TRUNCATE);"));

    auto size = m_store->logSize();
    if (!size)
        return size.error();

    // The keys directory last: a failed run leaves nothing behind.
    LEDGER_TRY(report(QStringLiteral("Saving keys")));
    if (!QFileInfo::exists(m_keysDir)) {
        if (!QDir().mkpath(m_keysDir))
            return makeError(
                "io_error", QStringLiteral("Cannot create the keys directory %1.").arg(m_keysDir));
        m_createdKeysDir = true;
    }
    m_wroteKeys = true;
    if (::chmod(QFile::encodeName(m_keysDir).constData(), 0700) != 0)
        return makeError("io_error", QStringLiteral("Cannot make %1 private (mode 0700).").arg(m_keysDir));
    auto files = saveKeys(m_keysDir);
    if (!files)
        return files.error();

    DemoSummary summary;
    summary.entries = size.value();
    summary.rejectedOnPurpose = m_rejectedOnPurpose;
    summary.startups = int(m_startups.size());
    summary.sponsors = int(m_sponsors.size());
    summary.pools = int(m_pools.size());
    summary.programmes = int(m_programmes.size());
    summary.applications = m_submitted;
    summary.grants = int(m_grants.size());
    summary.keysDir = QFileInfo(m_keysDir).absoluteFilePath();
    summary.keyFiles = files.value();
    summary.passphrase = m_opt.passphrase;
    if (m_progress) // everything is written: too late to cancel
        m_progress(summary.entries, summary.entries, QStringLiteral("Done"));
    return summary;
}

void Generator::cleanUp()
{
    m_seq.reset();
    m_store.reset();
    if (m_createdLedger) {
        for (const char *suffix : { "", "-wal", "-shm", "-journal" })
            QFile::remove(m_opt.ledgerPath + QLatin1String(suffix));
    }
    if (m_createdKeysDir) {
        QDir(m_keysDir).removeRecursively();
    } else if (m_wroteKeys) {
        // The directory was there, empty: empty it again.
        QDir dir(m_keysDir);
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System))
            dir.remove(name);
    }
}

Result<DemoSummary> Generator::run()
{
    if (m_opt.startups < 1 || m_opt.startups > 100000)
        return makeError("invalid_argument",
            QStringLiteral("The number of startups must be 1 to 100000, not %1.").arg(m_opt.startups));
    if (m_opt.months < 1 || m_opt.months > 60)
        return makeError("invalid_argument",
            QStringLiteral("The number of months must be 1 to 60, not %1.").arg(m_opt.months));
    if (m_opt.ledgerPath.isEmpty())
        return makeError("invalid_argument", QStringLiteral("No ledger file was given."));
    if (m_opt.passphrase.isEmpty() || m_opt.passphrase.contains('\n') || m_opt.passphrase.contains('\r'))
        return makeError(
            "invalid_argument", QStringLiteral("The key passphrase must be one non-empty line."));
    m_keysDir = m_opt.keysDir.isEmpty() ? m_opt.ledgerPath + QStringLiteral(".keys") : m_opt.keysDir;
    if (QFileInfo::exists(m_opt.ledgerPath) || QFileInfo(m_opt.ledgerPath).isSymLink())
        return makeError("already_exists",
            QStringLiteral("%1 already exists; the demo makes a new ledger.").arg(m_opt.ledgerPath));
    const QFileInfo keysInfo(m_keysDir);
    if (keysInfo.exists()) {
        if (!keysInfo.isDir()
            || !QDir(m_keysDir).isEmpty(
                QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return makeError("already_exists",
                QStringLiteral("%1 already exists and is not an empty directory.").arg(m_keysDir));
    }
    auto result = generateInto();
    if (!result)
        cleanUp();
    return result;
}

} // namespace

Result<DemoSummary> generate(const DemoOptions &options, const DemoProgress &progress)
{
    Generator generator(options, progress);
    return generator.run();
}

} // namespace ledger::demo
