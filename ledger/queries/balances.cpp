#include "ledger/queries/balances.h"

#include "ledger/codec/json.h"
#include "ledger/domain/roles.h"
#include "ledger/queries/querysupport.h"

#include <algorithm>
#include <map>

namespace ledger::queries {

namespace {

constexpr std::string_view kPending = "pending_approval";

std::vector<TrancheRow> readTranches(std::string_view text)
{
    std::vector<TrancheRow> out;
    auto v = json::parse(text);
    if (!v || !v->isArray())
        return out;
    for (const json::Value &t : v->toArray()) {
        TrancheRow row;
        if (const json::Value *a = t.find("amount"); a && a->isInt())
            row.amount = a->toInt();
        if (const json::Value *r = t.find("release_at"); r && r->isInt())
            row.releaseAt = r->toInt();
        if (const json::Value *r = t.find("released"); r && r->isBool())
            row.released = r->toBool();
        out.push_back(row);
    }
    return out;
}

MemberInfo readMember(const sql::Statement &st)
{
    MemberInfo m;
    m.keyId = detail::str(st, 0);
    m.publicKey = st.blob(1);
    m.name = detail::str(st, 2);
    m.role = detail::str(st, 3);
    m.startup = detail::str(st, 4);
    m.sponsor = detail::str(st, 5);
    m.revoked = st.int64(6) != 0;
    m.enrolledAt = st.int64(7);
    return m;
}

#define MEMBER_COLUMNS "key_id, public_key, name, role, startup, sponsor, revoked, enrolled_at"

void sortMembers(std::vector<MemberInfo> &list)
{
    auto rank = [](const std::string &role) { return int(roleFromName(role).value_or(Role::Auditor)); };
    std::sort(list.begin(), list.end(), [&](const MemberInfo &a, const MemberInfo &b) {
        if (rank(a.role) != rank(b.role))
            return rank(a.role) < rank(b.role);
        if (a.name != b.name)
            return a.name < b.name;
        return a.keyId < b.keyId;
    });
}

Result<std::vector<MemberInfo>> collectMembers(sql::Statement &st)
{
    std::vector<MemberInfo> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) { out.push_back(readMember(st)); }));
    sortMembers(out);
    return out;
}

Error unknown(const char *what, std::string_view id)
{
    return makeError("unknown_object",
        QStringLiteral("There is no %1 \"%2\".")
            .arg(QLatin1String(what), QString::fromUtf8(id.data(), qsizetype(id.size()))));
}

// Pool rows, from the pools table, without the figures taken from grants and balances.
PoolUtilisation readPool(const sql::Statement &st)
{
    PoolUtilisation p;
    p.id = detail::str(st, 0);
    p.sponsor = detail::str(st, 1);
    p.programme = detail::str(st, 2);
    p.resource = detail::str(st, 3);
    p.pledged = st.int64(4);
    p.validUntil = st.int64(5);
    p.closed = st.int64(6) != 0;
    return p;
}

} // namespace

GrantRow detail::readGrantRow(const sql::Statement &st)
{
    GrantRow g;
    g.id = detail::str(st, 0);
    g.application = detail::str(st, 1);
    g.startup = detail::str(st, 2);
    g.pool = detail::str(st, 3);
    g.resource = detail::str(st, 4);
    g.status = detail::str(st, 5);
    g.amount = st.int64(6);
    g.unreleased = st.int64(7);
    g.available = st.int64(8);
    g.consumed = st.int64(9);
    g.expired = st.int64(10);
    g.clawedBack = st.int64(11);
    g.expiresAt = st.int64(12);
    g.createdAt = st.int64(13);
    g.lastUsageAt = st.int64(14);
    g.tranches = readTranches(st.textView(15));
    return g;
}

Result<LedgerInfo> ledgerInfo(store::LedgerStore &store)
{
    LedgerInfo info;
    {
        LQ_STMT(st,
            "SELECT key, value FROM meta WHERE key IN ('alliance_id', 'alliance_name', 'origin', "
            "'root_key', 'checkpoint_key', 'registry_url', 'projection_size', 'projection_last_at')");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            const std::string_view key = st.textView(0);
            const QByteArray value = st.blob(1);
            if (key == "alliance_id")
                info.allianceId = value.toStdString();
            else if (key == "alliance_name")
                info.allianceName = value.toStdString();
            else if (key == "origin")
                info.origin = value.toStdString();
            else if (key == "root_key")
                info.rootKey = value;
            else if (key == "checkpoint_key")
                info.checkpointKey = value;
            else if (key == "registry_url")
                info.registryUrl = value.toStdString();
            else if (key == "projection_size")
                info.projectionSize = value.toLongLong();
            else if (key == "projection_last_at")
                info.lastSequencedAt = value.toLongLong();
        }));
    }
    auto size = store.logSize();
    if (!size)
        return size.error();
    info.logSize = size.value();
    auto cp = store.latestCheckpoint();
    if (!cp)
        return cp.error();
    if (cp.value()) {
        info.checkpointSize = cp.value()->treeSize;
        info.checkpointSignedAt = cp.value()->signedAt;
    }
    return info;
}

Result<std::optional<StartupInfo>> startup(store::LedgerStore &store, std::string_view id)
{
    LQ_STMT(st, "SELECT id, name, brn, sector FROM startups WHERE id = ?");
    st.bind(1, id);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<StartupInfo>();
    return std::optional<StartupInfo>(
        StartupInfo { detail::str(st, 0), detail::str(st, 1), detail::str(st, 2), detail::str(st, 3) });
}

Result<StartupBalances> startupBalances(store::LedgerStore &store, std::string_view startupId)
{
    auto info = startup(store, startupId);
    if (!info)
        return info.error();
    if (!info.value())
        return unknown("startup", startupId);
    StartupBalances out;
    out.startup = std::move(*info.value());

    LQ_STMT(
        st, "SELECT " LQ_GRANT_COLUMNS " FROM grants WHERE startup = ? ORDER BY resource, expires_at, id");
    st.bind(1, startupId);
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
        GrantRow g = detail::readGrantRow(st);
        if (out.resources.empty() || out.resources.back().resource != g.resource) {
            out.resources.emplace_back();
            out.resources.back().resource = g.resource;
        }
        ResourceBalance &r = out.resources.back();
        if (g.status == kPending) {
            r.pending += g.amount;
        } else {
            r.granted += g.amount;
            r.unreleased += g.unreleased;
            r.available += g.available;
            r.consumed += g.consumed;
            r.expired += g.expired;
            r.clawedBack += g.clawedBack;
            r.balance += g.balance();
            if (g.status == "active" && g.balance() > 0
                && (!r.earliestExpiry || g.expiresAt < *r.earliestExpiry))
                r.earliestExpiry = g.expiresAt;
        }
        r.grants.push_back(std::move(g));
    }));
    return out;
}

namespace {

Result<int64_t> poolBalance(store::LedgerStore &store, const PoolUtilisation &p)
{
    LQ_STMT(st, "SELECT amount FROM balances WHERE account = ? AND resource = ?");
    st.bind(1, "pool:" + p.id).bind(2, p.resource);
    auto row = st.step();
    if (!row)
        return row.error();
    return row.value() ? st.int64(0) : int64_t(0);
}

#define POOL_GRANT_SUMS                                                                                      \
    "COALESCE(SUM(CASE WHEN status <> 'pending_approval' THEN amount END), 0), "                             \
    "COALESCE(SUM(CASE WHEN status = 'pending_approval' THEN amount END), 0), "                              \
    "COUNT(CASE WHEN status <> 'pending_approval' THEN 1 END), COALESCE(SUM(consumed), 0), "                 \
    "COALESCE(SUM(expired), 0), COALESCE(SUM(clawed_back), 0), COALESCE(SUM(unreleased + available), 0)"

void readPoolSums(const sql::Statement &st, int col, PoolUtilisation &p)
{
    p.granted = st.int64(col);
    p.pending = st.int64(col + 1);
    p.grantCount = st.int64(col + 2);
    p.consumed = st.int64(col + 3);
    p.expired = st.int64(col + 4);
    p.clawedBack = st.int64(col + 5);
    p.outstanding = st.int64(col + 6);
}

} // namespace

Result<PoolUtilisation> poolUtilisation(store::LedgerStore &store, std::string_view poolId)
{
    PoolUtilisation p;
    {
        LQ_STMT(st,
            "SELECT id, sponsor, programme, resource, pledged, valid_until, closed FROM pools WHERE id = ?");
        st.bind(1, poolId);
        auto row = st.step();
        if (!row)
            return row.error();
        if (!row.value())
            return unknown("pool", poolId);
        p = readPool(st);
    }
    {
        LQ_STMT(st, "SELECT " POOL_GRANT_SUMS " FROM grants WHERE pool = ?");
        st.bind(1, poolId);
        auto row = st.step();
        if (!row)
            return row.error();
        readPoolSums(st, 0, p);
    }
    auto balance = poolBalance(store, p);
    if (!balance)
        return balance.error();
    p.balance = balance.value();
    return p;
}

Result<std::vector<PoolUtilisation>> pools(store::LedgerStore &store)
{
    std::vector<PoolUtilisation> out;
    std::map<std::string, size_t> index;
    {
        LQ_STMT(st,
            "SELECT id, sponsor, programme, resource, pledged, valid_until, closed FROM pools ORDER BY id");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            index[detail::str(st, 0)] = out.size();
            out.push_back(readPool(st));
        }));
    }
    {
        LQ_STMT(st, "SELECT pool, " POOL_GRANT_SUMS " FROM grants GROUP BY pool");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            auto it = index.find(detail::str(st, 0));
            if (it != index.end())
                readPoolSums(st, 1, out[it->second]);
        }));
    }
    {
        LQ_STMT(st, "SELECT account, amount FROM balances WHERE account >= 'pool:' AND account < 'pool;'");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            auto it = index.find(std::string(st.textView(0).substr(5)));
            if (it != index.end())
                out[it->second].balance += st.int64(1);
        }));
    }
    return out;
}

Result<std::vector<ResourceSummary>> summary(store::LedgerStore &store)
{
    std::map<std::string, ResourceSummary> byResource;
    auto at = [&](std::string_view resource) -> ResourceSummary & {
        ResourceSummary &r = byResource[std::string(resource)];
        r.resource = std::string(resource);
        return r;
    };
    {
        LQ_STMT(st, "SELECT resource, COUNT(*), COALESCE(SUM(pledged), 0) FROM pools GROUP BY resource");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            ResourceSummary &r = at(st.textView(0));
            r.pools = st.int64(1);
            r.pledged = st.int64(2);
        }));
    }
    {
        LQ_STMT(st,
            "SELECT resource, COALESCE(SUM(amount), 0) FROM balances WHERE account >= 'pool:' AND account "
            "< 'pool;' GROUP BY resource");
        LEDGER_TRY(detail::eachRow(
            st, [&](const sql::Statement &) { at(st.textView(0)).poolBalance = st.int64(1); }));
    }
    {
        LQ_STMT(st,
            "SELECT resource, COUNT(DISTINCT startup), COUNT(*), COALESCE(SUM(amount), 0), "
            "COALESCE(SUM(unreleased), 0), COALESCE(SUM(available), 0), COALESCE(SUM(consumed), 0), "
            "COALESCE(SUM(expired), 0), COALESCE(SUM(clawed_back), 0) FROM grants WHERE status <> "
            "'pending_approval' GROUP BY resource");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &) {
            ResourceSummary &r = at(st.textView(0));
            r.startups = st.int64(1);
            r.grants = st.int64(2);
            r.granted = st.int64(3);
            r.unreleased = st.int64(4);
            r.available = st.int64(5);
            r.consumed = st.int64(6);
            r.expired = st.int64(7);
            r.clawedBack = st.int64(8);
            r.balance = r.unreleased + r.available;
        }));
    }
    {
        LQ_STMT(st,
            "SELECT resource, COALESCE(SUM(amount), 0) FROM grants WHERE status = 'pending_approval' "
            "GROUP BY resource");
        LEDGER_TRY(
            detail::eachRow(st, [&](const sql::Statement &) { at(st.textView(0)).pending = st.int64(1); }));
    }
    std::vector<ResourceSummary> out;
    out.reserve(byResource.size());
    for (auto &kv : byResource)
        out.push_back(std::move(kv.second));
    return out;
}

Result<std::vector<MemberInfo>> members(store::LedgerStore &store)
{
    LQ_STMT(st, "SELECT " MEMBER_COLUMNS " FROM members");
    return collectMembers(st);
}

Result<std::vector<MemberInfo>> startupMembers(store::LedgerStore &store, std::string_view startupId)
{
    LQ_STMT(st, "SELECT " MEMBER_COLUMNS " FROM members WHERE startup = ?");
    st.bind(1, startupId);
    return collectMembers(st);
}

Result<std::optional<MemberInfo>> member(store::LedgerStore &store, std::string_view keyId)
{
    LQ_STMT(st, "SELECT " MEMBER_COLUMNS " FROM members WHERE key_id = ?");
    st.bind(1, keyId);
    auto row = st.step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<MemberInfo>();
    return std::optional<MemberInfo>(readMember(st));
}

} // namespace ledger::queries
