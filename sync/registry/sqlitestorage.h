#pragma once
// The SQLite implementation of Storage: the ledger file of ledger/store (same log, checkpoints, projections)
// plus two registry tables in the same file: stored rejections (so a resubmission gets its original signed
// rejection) and who each entry concerns (read scopes). The replay journal is a file of its own, so that
// recording a request never waits for the sequencer's write lock. All SQL of the registry is in sqlite*.cpp.

#include "sync/registry/storage.h"

namespace registry {

std::unique_ptr<Storage> makeSqliteStorage(const QString &ledgerPath, const QString &replayPath);

ledger::Result<std::unique_ptr<ReplayJournal>> openSqliteReplayJournal(const QString &path);

} // namespace registry
