#pragma once
// The burn-down of one startup's credits of one resource: its balance after every movement, and a run-out
// forecast from the usage of the last 90 days (linear: balance / daily use). Pure data, computed from the
// statement rows; the chart widget draws it.

#include "ledger/queries/grantlist.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portal {

struct BurnDown
{
    std::vector<std::pair<int64_t, int64_t>> points; // (time ms, balance milli-GPU-h)
    int64_t balance = 0;
    int64_t usedLast90Days = 0;
    std::optional<int64_t> runOutAt; // when the balance reaches zero at the recent rate
};

BurnDown computeBurnDown(
    const std::vector<ledger::queries::MovementRow> &movements, const std::string &resource, int64_t nowMs);

} // namespace portal
