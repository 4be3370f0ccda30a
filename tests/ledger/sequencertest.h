#pragma once
// What the tst_sequencer*.cpp binaries share: a second connection to a ledger file, and a count of its
// checkpoints.

#include "support/ledgerfixture.h"

namespace seqtest {

// A second, independent connection to the same file, as another process would have.
inline ledger::sql::Database secondConnection(const QString &path)
{
    auto db = ledger::sql::Database::open(path, ledger::sql::Database::Mode::ReadWrite);
    if (!db)
        qFatal("cannot open a second connection: %s", qPrintable(db.error().toString()));
    return std::move(db.value());
}

// How many checkpoints the fixture's ledger holds (-1 when they cannot be read).
inline int64_t checkpointCount(testsupport::LedgerFixture &f)
{
    auto cps = f.store().checkpoints();
    return cps ? int64_t(cps->size()) : -1;
}

} // namespace seqtest
