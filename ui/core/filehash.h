#pragma once
// SHA-256 of a file, as 64 lowercase hex digits: what an application's `attachments` record and what the
// application panel checks a file against. hashFileInBackground reads the file on a worker thread (a large
// attachment would stall the UI thread) and calls `done` on the receiver's thread; nothing is called if the
// receiver is destroyed first.

#include "ledger/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace portal {

ledger::Result<QString> sha256OfFile(const QString &path);

void hashFileInBackground(
    const QString &path, QObject *receiver, std::function<void(const ledger::Result<QString> &)> done);

} // namespace portal
