#include "ledger/queries/startuplist.h"

#include "ledger/queries/querysupport.h"

#include <unordered_map>

namespace ledger::queries {

int64_t StartupListRow::totalBalance() const
{
    int64_t total = 0;
    for (const auto &[resource, amount] : balances)
        total += amount;
    return total;
}

Result<std::vector<StartupListRow>> startupList(store::LedgerStore &store)
{
    std::vector<StartupListRow> out;
    std::unordered_map<std::string, size_t> index;
    {
        LQ_STMT(st, "SELECT id, name, brn, sector FROM startups ORDER BY name, id");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
            StartupListRow row;
            row.id = detail::str(s, 0);
            row.name = detail::str(s, 1);
            row.brn = detail::str(s, 2);
            row.sector = detail::str(s, 3);
            index.emplace(row.id, out.size());
            out.push_back(std::move(row));
        }));
    }
    {
        LQ_STMT(st, "SELECT startup, count(*) FROM applications GROUP BY startup");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
            if (auto it = index.find(detail::str(s, 0)); it != index.end())
                out[it->second].applications = s.int64(1);
        }));
    }
    {
        // Grants waiting for approvals hold no credit (balances.h).
        LQ_STMT(st,
            "SELECT startup, resource, count(*), sum(unreleased + available) FROM grants "
            "WHERE status <> 'pending_approval' GROUP BY startup, resource ORDER BY startup, resource");
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
            auto it = index.find(detail::str(s, 0));
            if (it == index.end())
                return;
            StartupListRow &row = out[it->second];
            row.grants += s.int64(2);
            if (const int64_t balance = s.int64(3); balance > 0)
                row.balances.emplace_back(detail::str(s, 1), balance);
        }));
    }
    return out;
}

} // namespace ledger::queries
