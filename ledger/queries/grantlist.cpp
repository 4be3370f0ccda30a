#include "ledger/queries/grantlist.h"

#include "ledger/codec/json.h"
#include "ledger/queries/querysupport.h"

namespace ledger::queries {

using detail::str;

namespace {

#define GRANT_LIST_COLUMNS                                                                                   \
    "SELECT id, application, startup, pool, resource, status, amount, unreleased, available, consumed, "     \
    "expired, clawed_back, expires_at, created_at, last_usage_at, tranches FROM grants "

GrantRow readGrantRow(const sql::Statement &s)
{
    GrantRow g;
    g.id = str(s, 0);
    g.application = str(s, 1);
    g.startup = str(s, 2);
    g.pool = str(s, 3);
    g.resource = str(s, 4);
    g.status = str(s, 5);
    g.amount = s.int64(6);
    g.unreleased = s.int64(7);
    g.available = s.int64(8);
    g.consumed = s.int64(9);
    g.expired = s.int64(10);
    g.clawedBack = s.int64(11);
    g.expiresAt = s.int64(12);
    g.createdAt = s.int64(13);
    g.lastUsageAt = s.int64(14);
    if (auto v = json::parse(s.textView(15)); v && v->isArray()) {
        for (const json::Value &t : v->toArray()) {
            TrancheRow row;
            if (const json::Value *x = t.find("amount"); x && x->isInt())
                row.amount = x->toInt();
            if (const json::Value *x = t.find("release_at"); x && x->isInt())
                row.releaseAt = x->toInt();
            if (const json::Value *x = t.find("released"); x && x->isBool())
                row.released = x->toBool();
            g.tranches.push_back(row);
        }
    }
    return g;
}

} // namespace

Result<std::vector<GrantRow>> grants(store::LedgerStore &store)
{
    LQ_STMT(st, GRANT_LIST_COLUMNS "ORDER BY created_at DESC, id");
    std::vector<GrantRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { out.push_back(readGrantRow(s)); }));
    return out;
}

Result<std::vector<GrantRow>> poolGrants(store::LedgerStore &store, std::string_view poolId)
{
    LQ_STMT(st, GRANT_LIST_COLUMNS "WHERE pool = ? ORDER BY amount DESC, id");
    st.bind(1, poolId);
    std::vector<GrantRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { out.push_back(readGrantRow(s)); }));
    return out;
}

Result<std::vector<PendingRow>> pendingActions(store::LedgerStore &store)
{
    LQ_STMT(st,
        "SELECT target, type, author, body, approvers, required, created_at FROM pending "
        "ORDER BY created_at, target");
    std::vector<PendingRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
        PendingRow p;
        p.target = str(s, 0);
        p.type = str(s, 1);
        p.author = str(s, 2);
        const QByteArrayView body = s.blobView(3);
        p.body.assign(body.data(), size_t(body.size()));
        p.approvers = detail::stringList(s.textView(4));
        p.required = s.int64(5);
        p.createdAt = s.int64(6);
        out.push_back(std::move(p));
    }));
    return out;
}

Result<std::vector<MovementRow>> startupMovements(store::LedgerStore &store, std::string_view startupId)
{
    LQ_STMT(st,
        "SELECT m.seq, m.at, m.from_account, m.to_account, m.resource, m.amount, m.grant_id FROM movements m "
        "JOIN grants g ON g.id = m.grant_id WHERE g.startup = ? ORDER BY m.seq");
    st.bind(1, startupId);
    std::vector<MovementRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
        out.push_back(
            MovementRow { s.int64(0), s.int64(1), str(s, 2), str(s, 3), str(s, 4), s.int64(5), str(s, 6) });
    }));
    return out;
}

} // namespace ledger::queries
