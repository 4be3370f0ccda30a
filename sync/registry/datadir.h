#pragma once
// The registry's data directory: registry.ledger (the log, same format as a standalone ledger, plus the
// registry tables), checkpoint.key (the encrypted checkpoint key) and checkpoint.pass (its passphrase, mode
// 0600, so that the service can start unattended; whoever can read the directory can sign checkpoints) and
// replay.sqlite (signatures of requests still inside the replay window).

#include "sync/registry/storage.h"

#include "ledger/crypto/ed25519.h"

#include <QString>

#include <optional>

namespace registry {

struct DataDir
{
    QString dir;
    QString ledger() const { return dir + QStringLiteral("/registry.ledger"); }
    QString key() const { return dir + QStringLiteral("/checkpoint.key"); }
    QString passphrase() const { return dir + QStringLiteral("/checkpoint.pass"); }
    QString replay() const { return dir + QStringLiteral("/replay.sqlite"); } // made at the first start
};

struct InitReport
{
    int64_t treeSize = 0;
    std::optional<StoredCheckpoint> lastStandaloneCheckpoint; // the source's latest, as it was
    QByteArray registryCheckpoint; // the first note the registry signed
};

// Copies the standalone ledger `from` (the whole log, byte for byte, with its projections) into a new data
// directory and makes `key` its checkpoint signer. The ledger must already hold the admin-signed
// registry.appointed entry naming that key (error "not_appointed" says how to record one). On any
// failure the directory is left without a ledger.
ledger::Result<InitReport> initDataDir(
    const DataDir &data, const QString &from, const QString &keyFile, const QByteArray &passphrase);

// The checkpoint key of a data directory (passphrase from `passphraseFile` or checkpoint.pass).
ledger::Result<ledger::crypto::PrivateKey> loadCheckpointKey(
    const DataDir &data, const std::optional<QString> &passphraseFile);

} // namespace registry
