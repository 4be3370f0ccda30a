#include "ui/core/demosetup.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/demo/demogenerator.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace portal {

QString DemoPaths::keyFile(const QString &name) const
{
    return QDir(keysDir).filePath(name);
}

QString DemoPaths::passphrase() const
{
    auto p = ledger::crypto::readPassphraseFile(QDir(keysDir).filePath(QStringLiteral("passphrase.txt")));
    return p ? QString::fromUtf8(p.value()) : QString();
}

ledger::Result<DemoPaths> ensureDemo(
    const QString &dir, int startups, const std::function<bool(qint64, qint64)> &progress)
{
    DemoPaths paths;
    paths.ledger = QDir(dir).filePath(QStringLiteral("demo.ledger"));
    paths.keysDir = QDir(dir).filePath(QStringLiteral("demo.keys"));
    if (QFileInfo::exists(paths.ledger) && QFileInfo::exists(paths.keyFile(QStringLiteral("pm-1.key"))))
        return paths;
    if (!QDir().mkpath(dir))
        return ledger::makeError("io_error", QStringLiteral("Cannot create the folder %1.").arg(dir));
    ledger::demo::DemoOptions options;
    options.startups = startups;
    options.seed = 7;
    options.ledgerPath = paths.ledger;
    options.keysDir = paths.keysDir;
    auto made = ledger::demo::generate(options, [&](int64_t done, int64_t total, const QString &) {
        return progress ? progress(done, total) : true;
    });
    if (!made)
        return made.error();
    return paths;
}

DemoClock::DemoClock(int64_t demoNowMs)
    : m_offset(QDateTime::currentMSecsSinceEpoch() - demoNowMs)
{ }

int64_t DemoClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() - m_offset;
}

QString defaultDemoDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo"));
}

} // namespace portal
