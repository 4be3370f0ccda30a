#include "sync/registry/datadir.h"

#include "sync/registry/sqlitestorage.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/engine/clock.h"
#include "ledger/store/ledgerstore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace registry {

namespace {

ledger::Result<void> writePrivate(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return ledger::makeError("io_error", QStringLiteral("Cannot write %1.").arg(path));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(bytes);
    if (!f.commit())
        return ledger::makeError("io_error", QStringLiteral("Cannot write %1.").arg(path));
    return {};
}

void removeAll(const DataDir &data)
{
    for (const QString &p : { data.ledger(), data.ledger() + QStringLiteral("-wal"),
             data.ledger() + QStringLiteral("-shm"), data.key(), data.passphrase() })
        QFile::remove(p);
}

} // namespace

ledger::Result<InitReport> initDataDir(
    const DataDir &data, const QString &from, const QString &keyFile, const QByteArray &passphrase)
{
    if (QFile::exists(data.ledger()))
        return ledger::makeError("already_exists",
            QStringLiteral("%1 already holds a registry ledger; use an empty directory.").arg(data.dir));
    auto key = ledger::crypto::loadKeyFile(keyFile, passphrase);
    if (!key)
        return key.error();
    if (!QDir().mkpath(data.dir))
        return ledger::makeError("io_error", QStringLiteral("Cannot create %1.").arg(data.dir));
    QFile::setPermissions(data.dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    InitReport report;
    {
        auto source = ledger::store::LedgerStore::open(from, ledger::store::LedgerStore::Mode::ReadOnly);
        if (!source)
            return source.error();
        auto cp = source.value()->latestCheckpoint();
        if (!cp)
            return cp.error();
        if (cp.value())
            report.lastStandaloneCheckpoint
                = StoredCheckpoint { cp.value()->treeSize, cp.value()->root, cp.value()->note };
        // A consistent copy of the whole file (log, checkpoints, projections), even while others write.
        auto vacuum = source.value()->db().prepare("VACUUM INTO ?");
        if (!vacuum)
            return vacuum.error();
        if (auto r = vacuum->bind(1, data.ledger()).exec(); !r) {
            removeAll(data);
            return r.error();
        }
    }
    QFile::setPermissions(data.ledger(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly)) {
        removeAll(data);
        return ledger::makeError("key_unreadable", QStringLiteral("Cannot read %1.").arg(keyFile));
    }
    if (auto r = writePrivate(data.key(), keyIn.readAll()); !r) {
        removeAll(data);
        return r.error();
    }
    if (auto r = writePrivate(data.passphrase(), passphrase + '\n'); !r) {
        removeAll(data);
        return r.error();
    }
    ledger::SystemClock clock;
    auto writer = makeSqliteStorage(data.ledger(), data.replay())->openWriter(key.value(), clock);
    if (!writer) {
        removeAll(data);
        if (writer.error().code == QLatin1String("not_checkpoint_key"))
            return ledger::makeError("not_appointed",
                QStringLiteral("%1 has no registry.appointed entry naming the key %2. An admin records one "
                               "first: alliancectl registry appoint --ledger %1 --key ADMIN.key "
                               "--registry-key %3.pub --url https://REGISTRY-HOST")
                    .arg(from, key->keyId(), keyFile));
        return writer.error();
    }
    report.treeSize = writer.value()->treeSize();
    auto reader = makeSqliteStorage(data.ledger(), data.replay())->openReader();
    if (reader) {
        auto cp = reader.value()->checkpoint(std::nullopt);
        if (cp && cp.value())
            report.registryCheckpoint = cp.value()->note;
    }
    return report;
}

ledger::Result<ledger::crypto::PrivateKey> loadCheckpointKey(
    const DataDir &data, const std::optional<QString> &passphraseFile)
{
    auto pass = ledger::crypto::readPassphraseFile(passphraseFile.value_or(data.passphrase()));
    if (!pass)
        return pass.error();
    auto key = ledger::crypto::loadKeyFile(data.key(), pass.value());
    pass->fill('\0');
    return key;
}

} // namespace registry
