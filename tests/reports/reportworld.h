#pragma once
// The alliance the report tests draw from: the fixture's standard world plus grants with tranches, usage,
// an approval-gated grant, a partial clawback, a second resource whose grant expires, and an application
// whose title is hostile to spreadsheets. Built through the real sequencer on a real SQLite file.

#include "support/ledgerfixture.h"

namespace reporttest {

struct ReportWorld
{
    std::string resource2 = "kt-cloud/h100";
    std::string pool2 = "kvc-h100";
    int64_t end = 0; // the clock when the world was built
};

// Builds it on `fx` (fresh). The clock ends 70 days after it started.
ReportWorld build(testsupport::LedgerFixture &fx);

} // namespace reporttest
