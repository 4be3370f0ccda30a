#pragma once
// Compares two States object by object, for `verify` to prove the projections equal a rebuild from the log.

#include "ledger/domain/state.h"

#include <QString>

namespace ledger {

// Empty when equal; otherwise one sentence naming the first difference found ("grant g-12: consumed ...").
QString firstDifference(const State &expected, const State &actual);

} // namespace ledger
