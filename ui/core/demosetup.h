#pragma once
// "Open the demo": the demo alliance (ledger/demo) generated once into a directory (the app-data folder,
// or a temporary one), and which of its key files a role opens it with.

#include "ledger/result.h"

#include <QString>

#include <functional>

namespace portal {

struct DemoPaths
{
    QString ledger;
    QString keysDir;
    QString keyFile(const QString &name) const; // e.g. "pm-1.key"
    QString passphrase() const; // the well-known demo passphrase, from keysDir/passphrase.txt
};

// Generates the demo into `dir` unless it is there already. progress(done, total) may return false to stop.
ledger::Result<DemoPaths> ensureDemo(
    const QString &dir, int startups = 200, const std::function<bool(qint64, qint64)> &progress = {});

// The default folder for the demo: <app data>/demo.
QString defaultDemoDir();

} // namespace portal
