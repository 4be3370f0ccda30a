// The demo generator's running: nonces, recording entries, signing and sequencing them in batches, the
// event loop.
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

} // namespace ledger::demo::detail
