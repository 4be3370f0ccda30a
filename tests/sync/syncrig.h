#pragma once
// The set-up of the sync integration tests (header only; tests/sync): an alliance built as a standalone
// ledger (buildPoolWorld), the admin's registry.appointed entry, `alliance-registry init`, a generated CA and
// server certificate, and the real alliance-registry started over TLS on 127.0.0.1. Members then join and
// sync through syncclient exactly as alliancectl does.

#include "ledger/crypto/keyfile.h"
#include "ledger/engine/session.h"
#include "support/registryprocess.h"
#include "support/testpki.h"
#include "sync/client/syncengine.h"
#include "sync/syncworld.h"
#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include <QDateTime>
#include <QDir>
#include <QTest>

#include <memory>

namespace syncrig {

using namespace testsupport;
using namespace syncworld;

// "code: message" of a failed Result, for QVERIFY2.
template<typename T> QString why(const ledger::Result<T> &r)
{
    return r ? QString() : r.error().toString();
}

struct Rig
{
    std::unique_ptr<LedgerFixture> ledger;
    World world;
    ledger::crypto::PrivateKey registryKey = testKey("registry");
    QString keyFile, passFile, dataDir;
    std::unique_ptr<TestPki> pki;
    IssuedCert server;
    std::unique_ptr<RegistryProcess> registry;

    QString file(const QString &name) const { return ledger->dir().file(name); }

    // Builds the alliance, moves it onto a registry data directory and starts the registry. `extra` runs
    // on the standalone ledger before the appointment (more history for a test).
    bool build(const std::function<void(LedgerFixture &)> &extra = {})
    {
        LedgerFixture::Options o;
        o.startMs = QDateTime::currentMSecsSinceEpoch() - 2 * kHour;
        ledger = std::make_unique<LedgerFixture>(o);
        buildPoolWorld(*ledger);
        world = ledger->world();
        if (extra)
            extra(*ledger);
        if (QTest::currentTestFailed())
            return false;
        keyFile = file(QStringLiteral("registry.key"));
        passFile = file(QStringLiteral("registry.pass"));
        if (!writePassphrase(passFile)
            || !ledger::crypto::saveKeyFile(
                registryKey, keyFile, "test passphrase", ledger::crypto::KdfCost::Fast))
            return false;
        ledger->mustRecord(
            ledger->root, "registry.appointed", bodies::appointRegistry(registryKey, "https://127.0.0.1"));
        ledger->close();
        dataDir = file(QStringLiteral("registry-data"));
        if (!initDataDir(ledger->path(), dataDir))
            return false;
        pki = std::make_unique<TestPki>(ledger->dir().path());
        if (!pki->ok()) {
            qWarning("test PKI: %s", qPrintable(pki->error()));
            return false;
        }
        server = pki->issue(QStringLiteral("server"));
        return server.ok && start(server);
    }

    static bool writePassphrase(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write("test passphrase\n") > 0;
    }

    bool initDataDir(const QString &from, const QString &dir)
    {
        const ProcessResult r = RegistryProcess::run(
            { QStringLiteral("init"), QStringLiteral("--data"), dir, QStringLiteral("--from"), from,
                QStringLiteral("--key"), keyFile, QStringLiteral("--passphrase-file"), passFile });
        if (!r.finished || r.exitCode != 0)
            qWarning("alliance-registry init: %s", qPrintable(r.output));
        return r.finished && r.exitCode == 0;
    }

    // (Re)starts the registry on `dataDir` with the given certificate.
    bool start(const IssuedCert &cert, const QString &dir = QString(), QStringList extraArgs = {})
    {
        registry.reset();
        RegistryOptions ro;
        ro.dataDir = dir.isEmpty() ? dataDir : dir;
        ro.certFile = cert.certFile;
        ro.keyFile = cert.keyFile;
        ro.extraArgs = extraArgs << QStringLiteral("--passphrase-file") << passFile;
        registry = std::make_unique<RegistryProcess>(ro);
        if (!registry->start()) {
            qWarning("alliance-registry: %s", qPrintable(registry->output()));
            return false;
        }
        return true;
    }

    syncclient::SyncOptions options(const QString &baseUrl = QString()) const
    {
        syncclient::SyncOptions o;
        o.transport.baseUrl = baseUrl.isEmpty() ? registry->baseUrl() : baseUrl;
        o.transport.caFile = pki->caFile();
        o.transport.backoffBaseMs = 20;
        o.transport.backoffMaxMs = 200;
        o.transport.totalTimeoutMs = 60'000;
        return o;
    }

    // A new member's replica at `path` (a full or filtered one by the key's role).
    ledger::Result<syncclient::SyncReport> join(
        const ledger::crypto::PrivateKey &key, const QString &path, const syncclient::SyncOptions &o) const
    {
        syncclient::JoinOptions j;
        j.sync = o;
        j.expectedRootKey = ledger->root.publicKey().raw();
        return syncclient::join(path, key, j);
    }
    ledger::Result<syncclient::SyncReport> join(
        const ledger::crypto::PrivateKey &key, const QString &path) const
    {
        return join(key, path, options());
    }
};

// A member's machine: its replica opened as a session (what the CLI and the desktop use) and a sync engine
// over the same file.
struct Machine
{
    std::unique_ptr<ledger::LedgerSession> session;
    std::unique_ptr<syncclient::SyncEngine> engine;

    bool open(const QString &path, const ledger::crypto::PrivateKey &key, const syncclient::SyncOptions &o)
    {
        auto s = ledger::LedgerSession::open(path, ledger::LedgerSession::Access::ReadWrite);
        if (!s)
            return false;
        session = std::move(s.value());
        auto e = syncclient::SyncEngine::create(session->store(), key, o);
        if (!e) {
            qWarning("engine: %s", qPrintable(e.error().toString()));
            return false;
        }
        engine = std::move(e.value());
        return true;
    }
    const ledger::State &state() { return *session->state().value(); }
};

} // namespace syncrig

namespace syncrig {

// A transport whose requests are signed by `key`.
inline ledger::Result<std::unique_ptr<syncclient::HttpsTransport>> signedTransport(
    const syncclient::SyncOptions &o, const ledger::crypto::PrivateKey &key)
{
    auto t = syncclient::HttpsTransport::create(o.transport);
    if (!t)
        return t.error();
    t.value()->setSigner([key](const QByteArray &method, const QByteArray &path, const QByteArray &body) {
        const auto h = syncwire::signRequest(key, method, path, body, QDateTime::currentMSecsSinceEpoch());
        return QList<syncclient::Header> { { syncwire::kKeyHeader, h.keyId },
            { syncwire::kTimeHeader, h.time }, { syncwire::kSignatureHeader, h.signature } };
    });
    return t;
}

// Submits entries straight to a registry (as another machine would), signed by `key`; the receipts.
inline ledger::Result<syncwire::SubmitResponse> submitDirect(const syncclient::SyncOptions &o,
    const ledger::crypto::PrivateKey &key, const std::vector<ledger::SignedEntry> &entries)
{
    auto t = signedTransport(o, key);
    if (!t)
        return t.error();
    auto r = t.value()->post(QByteArrayLiteral("/v1/entries"), syncwire::encodeSubmit(entries));
    if (!r)
        return r.error();
    if (r->status != 200)
        return syncwire::decodeError(r->body);
    return syncwire::decodeSubmitResponse(r->body);
}

// Copies a directory's files (a stopped registry's data directory).
inline bool copyDir(const QString &from, const QString &to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &fi : src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + fi.fileName();
        if (fi.isDir() ? !copyDir(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

} // namespace syncrig
