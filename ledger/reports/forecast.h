#pragma once
// The run-out forecast of one grant, in exact integer arithmetic: from its recent rate of use (used over
// window), the credit available now, the tranches still to be released and its expiry, when its credit
// first runs out and how much will expire unused.

#include <cstdint>
#include <optional>
#include <vector>

namespace ledger::reports {

struct ForecastInput
{
    int64_t now = 0;
    int64_t available = 0;
    std::vector<std::pair<int64_t, int64_t>> tranches; // (release_at, amount) not yet released, any order
    int64_t expiresAt = 0;
    int64_t usedInWindow = 0; // milli-GPU-hours used in the window, by the usage's own period
    int64_t windowMs = 0;
};

struct ForecastResult
{
    std::optional<int64_t> runsOutAt; // first moment the available credit reaches zero before expiry
    int64_t unusedAtExpiry = 0; // released and unreleased credit left when the grant expires
    int64_t dailyRate = 0; // milli-GPU-hours per day
};

ForecastResult forecastGrant(const ForecastInput &in);

} // namespace ledger::reports
