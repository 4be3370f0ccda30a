// The demo generator's planning: people, sponsors, programmes, startups, applications, pools and the
// schedule of events, all decided from the seed before the rules engine runs.
#include "ledger/demo/generator.h"

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

} // namespace ledger::demo::detail
