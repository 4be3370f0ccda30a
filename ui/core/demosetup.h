#pragma once
// "Open the demo": the demo alliance (ledger/demo) generated once into a directory (the app-data folder,
// or a temporary one), and which of its key files a role opens it with.

#include "ledger/engine/clock.h"
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

// The demo's own time: it was generated in simulated time (2025), so "now" in the demo is the moment after
// its last entry, moving on with the real clock. Writes in the demo are stamped with this time.
class DemoClock : public ledger::Clock
{
public:
    explicit DemoClock(int64_t demoNowMs);
    int64_t nowMs() const override;

private:
    int64_t m_offset = 0; // system time minus demo time
};

// The default folder for the demo: <app data>/demo.
QString defaultDemoDir();

} // namespace portal
