#include "ledger/reports/journal.h"

#include "ledger/domain/state.h"
#include "ledger/domain/units.h"
#include "ledger/reports/csv.h"
#include "ledger/reports/reportcommon.h"

#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace ledger::reports {

using namespace detail;

namespace {

// YYYY-MM-DD of a UTC time, without QDateTime (called once per movement).
void appendDate(QByteArray &out, int64_t ms)
{
    int64_t z = (ms >= 0 ? ms : ms - (kDayMs - 1)) / kDayMs + 719468; // days since 0000-03-01
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(y), int(m), int(d));
    out += buf;
}

class Accounts
{
public:
    std::unordered_map<std::string, std::string> startupOfGrant;

    // The journal account of a ledger account; `grant` names the grant of the movement.
    const std::string &name(const std::string &account, const std::string &grant)
    {
        const std::string key = account + '\n' + grant;
        auto it = m_cache.find(key);
        if (it != m_cache.end())
            return it->second;
        std::string out = account;
        const auto st = startupOfGrant.find(grant);
        const std::string startup = st == startupOfGrant.end() ? std::string("unknown") : st->second;
        if (account.rfind("grant:", 0) == 0)
            out = "grant:" + startup + ':' + account.substr(6);
        else if (account == kConsumedAccount || account == kExpiredAccount)
            out = account + ':' + startup;
        if (m_cache.size() > 200000)
            m_cache.clear();
        return m_cache.emplace(key, std::move(out)).first->second;
    }

private:
    std::unordered_map<std::string, std::string> m_cache;
};

QByteArray describe(const std::string &from, const std::string &to, const std::string &grant,
    const std::unordered_map<std::string, std::string> &startupOfGrant)
{
    auto startsWith = [](const std::string &s, const char *p) { return s.rfind(p, 0) == 0; };
    std::string d;
    if (startsWith(from, "sponsor:") && startsWith(to, "pool:"))
        d = "pledge to pool " + to.substr(5) + " by " + from.substr(8);
    else if (startsWith(from, "pool:") && startsWith(to, "sponsor:") && grant.empty())
        d = "pool " + from.substr(5) + " closed, returned to " + to.substr(8);
    else if (startsWith(to, "grant:")) {
        auto it = startupOfGrant.find(grant);
        d = "grant " + grant + " to " + (it == startupOfGrant.end() ? std::string("?") : it->second);
    } else if (to == kConsumedAccount)
        d = "usage on " + grant;
    else if (to == kExpiredAccount)
        d = "expiry of " + grant;
    else
        d = "clawback of " + grant;
    return QByteArray::fromStdString(d);
}

void appendPosting(QByteArray &out, const std::string &account, int64_t milli, const std::string &resource)
{
    out += "    ";
    out += account.c_str();
    // Two or more spaces end the account name in both tools.
    const qsizetype pad = std::max<qsizetype>(2, 44 - qsizetype(account.size()));
    out += QByteArray(pad, ' ');
    out += plainAmount(milli);
    out += " \"";
    out += resource.c_str();
    out += "\"\n";
}

// The movements --startup (?3) and --sponsor (?4) keep; an empty parameter keeps all. A startup's are those
// of its grants. A sponsor's are its pledges and pool closures, and every movement of its pools and of the
// grants drawn from them (grants, usage, expiry, clawback): whole transactions, so the journal still
// balances, and the balance of each of the sponsor's pools and grants equals the ledger's.
constexpr const char *kMovementFilter
    = "(?3 = '' OR grant_id IN (SELECT id FROM grants WHERE startup = ?3)) AND (?4 = '' OR from_account = "
      "'sponsor:' || ?4 OR to_account = 'sponsor:' || ?4 OR from_account IN (SELECT 'pool:' || id FROM "
      "pools WHERE sponsor = ?4) OR to_account IN (SELECT 'pool:' || id FROM pools WHERE sponsor = ?4) OR "
      "grant_id IN (SELECT g.id FROM grants g JOIN pools p ON p.id = g.pool WHERE p.sponsor = ?4))";

} // namespace

Result<JournalStats> writeJournal(
    store::LedgerStore &store, const ReportOptions &options, QIODevice &out, const ProgressFn &progress)
{
    if (options.from && options.to && *options.from >= *options.to)
        return makeError(
            "invalid_argument", QStringLiteral("The period is empty: --from must be before --to."));
    Report header;
    LEDGER_TRY(fillHeader(store, options, header));
    const std::string startupFilter = options.startup.toStdString();
    const std::string sponsorFilter = options.sponsor.toStdString();
    LEDGER_TRY(checkFilters(store, options));

    Accounts accounts;
    std::set<std::string> resources;
    {
        auto st = store.db().prepare("SELECT id, startup, resource FROM grants");
        if (!st)
            return st.error();
        LEDGER_TRY(eachRow(*st, [&](const sql::Statement &row) {
            accounts.startupOfGrant.emplace(std::string(row.textView(0)), std::string(row.textView(1)));
        }));
        auto rs = store.db().prepare("SELECT DISTINCT resource FROM balances");
        if (!rs)
            return rs.error();
        LEDGER_TRY(
            eachRow(*rs, [&](const sql::Statement &row) { resources.insert(std::string(row.textView(0))); }));
    }

    QByteArray buf;
    buf.reserve(1 << 21);
    auto flush = [&]() -> Result<void> {
        if (out.write(buf) != buf.size())
            return makeError(
                "io_error", QStringLiteral("Could not write the journal: %1").arg(out.errorString()));
        buf.clear();
        return {};
    };
    buf += "; Journal of " + header.allianceName.simplified().toUtf8() + " (" + header.allianceId.toUtf8()
        + ")\n";
    buf += "; Period: " + periodText(options.from, options.to).toUtf8() + "\n";
    buf += "; Drawn from " + QByteArray::number(header.logSize) + " log entries";
    if (header.checkpointSize)
        buf += "; checkpoint tree size " + QByteArray::number(header.checkpointSize) + ", root "
            + header.checkpointRoot.toLatin1();
    buf += "\n; Amounts are GPU-hours with three decimals (exact milli-GPU-hours).\n\n";
    for (const std::string &r : resources)
        buf += "commodity 1000.000 \"" + QByteArray::fromStdString(r) + "\"\n";
    buf += '\n';

    const int64_t from = options.from.value_or(std::numeric_limits<int64_t>::min());
    const int64_t to = options.to.value_or(std::numeric_limits<int64_t>::max());
    JournalStats stats;

    if (options.from) {
        auto st = store.db().prepare(
            std::string("SELECT from_account, to_account, grant_id, resource, SUM(amount) "
                        "FROM movements WHERE at < ?1 AND ")
            + kMovementFilter + " GROUP BY 1, 2, 3, 4");
        if (!st)
            return st.error();
        st->bind(1, from).bind(3, startupFilter).bind(4, sponsorFilter);
        std::map<std::pair<std::string, std::string>, int64_t> opening; // (journal account, resource)
        LEDGER_TRY(eachRow(*st, [&](const sql::Statement &row) {
            const std::string fromAccount(row.textView(0)), toAccount(row.textView(1)),
                grant(row.textView(2)), resource(row.textView(3));
            const int64_t amount = row.int64(4);
            opening[{ accounts.name(toAccount, grant), resource }] += amount;
            opening[{ accounts.name(fromAccount, grant), resource }] -= amount;
        }));
        bool any = false;
        for (const auto &[key, amount] : opening)
            any = any || amount != 0;
        if (any) {
            appendDate(buf, from);
            buf += " * Opening balances\n";
            for (const auto &[key, amount] : opening)
                if (amount != 0)
                    appendPosting(buf, key.first, amount, key.second);
            buf += '\n';
            ++stats.transactions;
        }
    }

    auto st = store.db().prepare(std::string("SELECT seq, at, from_account, to_account, resource, amount, "
                                             "grant_id FROM movements WHERE at >= ?1 AND at < ?2 AND ")
        + kMovementFilter + " ORDER BY seq, rowid");
    if (!st)
        return st.error();
    st->bind(1, from).bind(2, to).bind(3, startupFilter).bind(4, sponsorFilter);
    // The progress total: the movements in the whole ledger (a bound for any filter).
    int64_t total = 0;
    if (progress) {
        auto count = store.db().prepare("SELECT COUNT(*) FROM movements");
        if (!count)
            return count.error();
        auto row = count->step();
        if (!row)
            return row.error();
        total = count->int64(0);
    }
    std::string fromAccount, toAccount, grant, resource;
    for (;;) {
        auto more = st->step();
        if (!more)
            return more.error();
        if (!more.value())
            break;
        const int64_t seq = st->int64(0);
        if (!tick(progress, stats.transactions + 1, total))
            return cancelled();
        fromAccount.assign(st->textView(2));
        toAccount.assign(st->textView(3));
        resource.assign(st->textView(4));
        const int64_t amount = st->int64(5);
        grant.assign(st->textView(6));
        appendDate(buf, st->int64(1));
        buf += " * (";
        buf += QByteArray::number(seq);
        buf += ") ";
        buf += describe(fromAccount, toAccount, grant, accounts.startupOfGrant);
        buf += "\n    ; seq: ";
        buf += QByteArray::number(seq);
        buf += '\n';
        appendPosting(buf, accounts.name(toAccount, grant), amount, resource);
        appendPosting(buf, accounts.name(fromAccount, grant), -amount, resource);
        buf += '\n';
        ++stats.transactions;
        if (buf.size() > (1 << 21))
            LEDGER_TRY(flush());
    }
    LEDGER_TRY(flush());
    return stats;
}

} // namespace ledger::reports
