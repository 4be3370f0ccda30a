#include "ledger/queries/grantlist.h"

#include "ledger/codec/json.h"
#include "ledger/queries/querysupport.h"

namespace ledger::queries {

using detail::str;

Result<std::vector<GrantRow>> grants(store::LedgerStore &store)
{
    LQ_STMT(st, "SELECT " LQ_GRANT_COLUMNS " FROM grants ORDER BY created_at DESC, id");
    std::vector<GrantRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { out.push_back(detail::readGrantRow(s)); }));
    return out;
}

Result<std::vector<GrantRow>> poolGrants(store::LedgerStore &store, std::string_view poolId)
{
    LQ_STMT(st, "SELECT " LQ_GRANT_COLUMNS " FROM grants WHERE pool = ? ORDER BY amount DESC, id");
    st.bind(1, poolId);
    std::vector<GrantRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { out.push_back(detail::readGrantRow(s)); }));
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
