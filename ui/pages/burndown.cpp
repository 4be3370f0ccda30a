#include "ui/pages/burndown.h"

namespace portal {

BurnDown computeBurnDown(
    const std::vector<ledger::queries::MovementRow> &movements, const std::string &resource, int64_t nowMs)
{
    constexpr int64_t kWindow = int64_t(90) * 24 * 3600 * 1000;
    BurnDown out;
    for (const auto &m : movements) {
        if (m.resource != resource)
            continue;
        const bool into = m.to.rfind("grant:", 0) == 0;
        const bool outOf = m.from.rfind("grant:", 0) == 0;
        if (into && !outOf)
            out.balance += m.amount;
        else if (outOf && !into)
            out.balance -= m.amount;
        if (outOf && m.to == "consumed" && m.at > nowMs - kWindow && m.at <= nowMs)
            out.usedLast90Days += m.amount;
        out.points.emplace_back(m.at, out.balance);
    }
    if (out.usedLast90Days > 0 && out.balance > 0) {
        // days = balance / (used / 90): computed in ms with 128-bit headroom avoided by ordering the
        // division.
        const long double msLeft = static_cast<long double>(out.balance) * kWindow / out.usedLast90Days;
        out.runOutAt = nowMs + static_cast<int64_t>(msLeft);
    }
    return out;
}

} // namespace portal
