#pragma once
// Helpers shared by the report builders (not part of the public API).

#include "ledger/reports/report.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <string>
#include <type_traits>
#include <utility>

namespace ledger::reports::detail {

// Fills the header of `report`: alliance, period, generation time, log size and latest checkpoint.
Result<void> fillHeader(store::LedgerStore &store, const ReportOptions &options, Report &report);

// unknown_object when --startup or --sponsor names nothing in the ledger.
Result<void> checkFilters(store::LedgerStore &store, const ReportOptions &options);

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

Error cancelled();

// Calls progress at the first row and then every 4096; false when the caller asked to stop.
inline bool tick(const ProgressFn &progress, int64_t done, int64_t total)
{
    return !progress || (done & 4095) != 1 || progress(done, total);
}

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// Steps `st` to its end, calling fn(st) for each row: the one row loop of the report builders. fn returns
// void, or bool: false stops early and the result is cancelled() (the caller's progress said stop).
template<typename Fn> Result<void> eachRow(sql::Statement &st, Fn &&fn)
{
    if constexpr (std::is_void_v<decltype(fn(std::as_const(st)))>) {
        return st.eachRow(std::forward<Fn>(fn));
    } else {
        bool stopped = false; // fn returned false: the user cancelled
        auto walked = st.eachRow([&](const sql::Statement &row) { return !(stopped = !fn(row)); });
        if (!walked)
            return walked.error();
        if (stopped)
            return cancelled();
        return {};
    }
}

} // namespace ledger::reports::detail
