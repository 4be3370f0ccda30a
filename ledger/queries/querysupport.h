#pragma once
// Shared helpers of the desktop's read models (applications, grants, log pages): a cached prepared statement
// reset on scope exit, and the steps of reading rows. Internal to ledger/queries.

#include "ledger/queries/balances.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <string>
#include <vector>

#define LQ_STMT(var, sqlText)                                                                                \
    auto var##Result = store.db().cached(sqlText);                                                           \
    if (!var##Result)                                                                                        \
        return var##Result.error();                                                                          \
    ledger::sql::Statement &var = *var##Result.value();                                                      \
    ledger::sql::ResetGuard var##Guard(var)

// The columns readGrantRow() reads, in its order.
#define LQ_GRANT_COLUMNS                                                                                     \
    "id, application, startup, pool, resource, status, amount, unreleased, available, consumed, expired, "   \
    "clawed_back, expires_at, created_at, last_usage_at, tranches"

namespace ledger::queries::detail {

inline std::string str(const sql::Statement &st, int col)
{
    return std::string(st.textView(col));
}

// Steps `st` to the end, calling fn for each row.
template<typename Fn> Result<void> eachRow(sql::Statement &st, Fn &&fn)
{
    return st.eachRow(std::forward<Fn>(fn));
}

std::vector<std::string> stringList(std::string_view jsonText);

// One row of the grants table, selected as LQ_GRANT_COLUMNS (balances.cpp).
GrantRow readGrantRow(const sql::Statement &st);

} // namespace ledger::queries::detail
