#pragma once
// The set-up the tst_registry*.cpp tests share: a scratch directory with a test CA and a server certificate,
// the standard alliance (kit::Alliance) moved onto a registry data directory, and the real alliance-registry
// serving it over TLS. Each test keeps only its own flags and members.

#include "registrytestkit.h"

#include <QTest>

#include <memory>

namespace kit {

struct TlsRegistry
{
    ScratchDir dir;
    std::unique_ptr<TestPki> pki;
    IssuedCert server;
    Alliance alliance;
    RegistryOptions options; // as started; a test may change them and start again
    std::unique_ptr<RegistryProcess> registry;

    const World &world() const { return alliance.world; }
    QString dataDir() const { return dir.file(QStringLiteral("data")); }

    // A POST /v1/entries of `body` signed now by `key`, trusting only the test CA: for tests that keep
    // several requests in flight on their own QNetworkAccessManager (Https sends one at a time).
    QNetworkRequest signedSubmit(const ledger::crypto::PrivateKey &key, const QByteArray &body) const
    {
        const auto h = syncwire::signRequest(key, "POST", "/v1/entries", body, uniqueNow());
        QNetworkRequest req(QUrl(registry->baseUrl() + QStringLiteral("/v1/entries")));
        req.setSslConfiguration(trustOnly(pki->caFile()));
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        req.setRawHeader("Content-Type", "application/json");
        req.setRawHeader(syncwire::kKeyHeader, h.keyId);
        req.setRawHeader(syncwire::kTimeHeader, h.time);
        req.setRawHeader(syncwire::kSignatureHeader, h.signature);
        return req;
    }

    // Builds all of it and starts the registry with `extraArgs`; a failure fails the running test (check
    // QTest::currentTestFailed(), as after Alliance::build).
    void start(const QStringList &extraArgs = {})
    {
        pki = std::make_unique<TestPki>(dir.path());
        QVERIFY2(pki->ok(), qPrintable(pki->error()));
        server = pki->issue(QStringLiteral("server"));
        QVERIFY(server.ok);
        QVERIFY(alliance.build(true));
        const ProcessResult init = alliance.init(dataDir());
        QVERIFY2(init.finished && init.exitCode == 0, qPrintable(init.output));
        options.dataDir = dataDir();
        options.certFile = server.certFile;
        options.keyFile = server.keyFile;
        options.extraArgs = extraArgs;
        registry = std::make_unique<RegistryProcess>(options);
        QVERIFY2(registry->start(), qPrintable(registry->output()));
    }
};

} // namespace kit
