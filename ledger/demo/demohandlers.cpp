// The demo generator's event handlers: one per kind of event, each recording the entries it stands for.
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

} // namespace ledger::demo::detail
