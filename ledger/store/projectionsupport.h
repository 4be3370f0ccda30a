#pragma once
// Private to the projection files (ledger/store/projections_*.cpp): the statement macro and column helpers
// they share, and the JSON columns (a programme's rubric, an application's reviewers and reviews, a grant's
// tranches, a pending action's approvers), written as canonical JSON and read back leniently: a damaged cell
// reads as empty rather than failing the load, since the projections can always be rebuilt from the log.

#include "ledger/domain/state.h"
#include "ledger/store/sqlite.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// `sql::Statement &var`: the database `db`'s cached statement for `sqlText`, or return its error.
#define TRY_STMT(var, sqlText)                                                                               \
    auto var##Result = db.cached(sqlText);                                                                   \
    if (!var##Result)                                                                                        \
        return var##Result.error();                                                                          \
    sql::Statement &var = *var##Result.value()

namespace ledger::store::projection {

inline std::string_view view(const std::string &s)
{
    return s;
}

inline std::string text(const sql::Statement &st, int col)
{
    return std::string(st.textView(col));
}

using RubricOrder = std::unordered_map<std::string, std::vector<std::string>>; // programme -> criteria

std::string stringListJson(const std::vector<std::string> &items);
std::vector<std::string> readStringList(std::string_view text);

std::string rubricJson(const std::vector<Criterion> &rubric);
std::vector<Criterion> readRubric(std::string_view text);

std::string reviewsJson(const std::vector<Review> &reviews);
// The stored scores are sorted by criterion; `order` (the programme's criteria, or nullptr when unknown)
// puts them back in rubric order, as the rules engine keeps them.
std::vector<Review> readReviews(std::string_view text, const std::vector<std::string> *order);

std::string tranchesJson(const std::vector<Tranche> &tranches);
std::vector<Tranche> readTranches(std::string_view text);

} // namespace ledger::store::projection
