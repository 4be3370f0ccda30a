#pragma once
// Shared by the tst_registry*.cpp integration tests: an HTTPS client over QNetworkAccessManager that trusts
// only the test CA (verification on), request signing, entry signing, and the alliance set-up: a standalone
// ledger (LedgerFixture's standard world), the admin's registry.appointed entry, `alliance-registry init`.

#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/visibility.h"
#include "support/ledgerfixture.h"
#include "support/registryprocess.h"
#include "support/testpki.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

#include <optional>

namespace kit {

using namespace testsupport;

struct Reply
{
    int status = 0; // 0: no HTTP answer (see networkError)
    QByteArray body;
    QByteArray contentType;
    QString networkError;
};

// Now in ms, strictly increasing: two identical requests signed in the same millisecond would carry the
// same signature, and the registry rightly refuses the second as a replay.
inline qint64 uniqueNow()
{
    static qint64 last = 0;
    last = std::max(last + 1, QDateTime::currentMSecsSinceEpoch());
    return last;
}

inline QSslConfiguration trustOnly(const QString &caFile)
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setCaCertificates(QSslCertificate::fromPath(caFile));
    c.setPeerVerifyMode(QSslSocket::VerifyPeer);
    c.setProtocol(QSsl::TlsV1_2OrLater);
    return c;
}

class Https
{
public:
    Https(QString baseUrl, const QString &caFile)
        : m_base(std::move(baseUrl))
        , m_tls(trustOnly(caFile))
    { }

    // A request; signed by `key` when given (time: now unless `timeMs`). `extra` headers are added last.
    Reply send(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
        const ledger::crypto::PrivateKey *key = nullptr, const QByteArray &contentType = "application/json",
        std::optional<qint64> timeMs = std::nullopt, QList<QPair<QByteArray, QByteArray>> extra = {})
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (key) {
            const auto h = syncwire::signRequest(*key, method, target, body, timeMs.value_or(uniqueNow()));
            headers = { { syncwire::kKeyHeader, h.keyId }, { syncwire::kTimeHeader, h.time },
                { syncwire::kSignatureHeader, h.signature } };
        }
        headers += extra;
        return raw(method, target, body, contentType, headers);
    }

    Reply raw(const QByteArray &method, const QByteArray &target, const QByteArray &body,
        const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        QNetworkRequest req(QUrl(m_base + QString::fromLatin1(target)));
        req.setSslConfiguration(m_tls);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        if (!body.isEmpty() || method == "POST")
            req.setRawHeader("Content-Type", contentType);
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        if (!reply->isFinished()) {
            reply->abort();
            r.networkError = QStringLiteral("timed out");
        }
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (reply->error() != QNetworkReply::NoError && r.status == 0)
            r.networkError = reply->errorString();
        reply->deleteLater();
        return r;
    }

private:
    QString m_base;
    QSslConfiguration m_tls;
    QNetworkAccessManager m_nam;
};

inline QString describe(const Reply &r)
{
    return QStringLiteral("HTTP %1 %2 %3")
        .arg(r.status)
        .arg(QString::fromUtf8(r.body.left(400)), r.networkError);
}

inline QString errorCode(const Reply &r)
{
    return syncwire::decodeError(r.body).code;
}

// An entry signed now by `key` (as a member's machine would make it).
inline ledger::SignedEntry makeEntry(const ledger::crypto::PrivateKey &key, std::string type, Value body)
{
    ledger::Entry e;
    e.type = std::move(type);
    e.author = key.keyId().toStdString();
    e.createdAt = QDateTime::currentMSecsSinceEpoch();
    e.nonce = ledger::makeNonce();
    e.body = std::move(body);
    return ledger::signEntry(e, key);
}

// A standalone alliance (the standard world, started two hours ago), moved onto a registry data directory.
struct Alliance
{
    std::unique_ptr<LedgerFixture> ledger;
    World world;
    ledger::crypto::PrivateKey registryKey = testKey("registry");
    ledger::crypto::PrivateKey revoked; // a member whose key was revoked before the move
    std::string origin;
    int64_t standaloneSize = 0; // the standalone's last checkpoint
    QByteArray standaloneRoot;
    int64_t st2Registered = -1; // seq of startup.registered for world.startup2
    QString keyFile, passFile;

    // Builds the ledger and writes the registry key; `appoint` records registry.appointed.
    bool build(bool appoint)
    {
        LedgerFixture::Options o;
        o.startMs = QDateTime::currentMSecsSinceEpoch() - 2 * kHour;
        ledger = std::make_unique<LedgerFixture>(o);
        world = ledger->buildStandard();
        if (QTest::currentTestFailed())
            return false;
        revoked = ledger->enrol(ledger::Role::Auditor, "auditor-gone");
        ledger->mustRecord(ledger->root, "member.revoked", bodies::revoke(keyIdOf(revoked)));
        ledger->standardGrant("g-1", world.application, { { 100'000, ledger->clock.nowMs() } },
            ledger->clock.nowMs() + 300 * kDay);
        origin = ledger->state().origin;
        auto scanned = ledger->store().scanLog(0, ledger->logSize(), [&](const ledger::store::LogView &v) {
            if (v.type == "startup.registered"
                && v.entry.toByteArray().contains(("\"" + world.startup2 + "\"").c_str()))
                st2Registered = v.seq;
            return true;
        });
        if (!scanned)
            return false;
        auto cp = ledger->store().latestCheckpoint();
        if (!cp || !cp.value())
            return false;
        standaloneSize = cp.value()->treeSize;
        standaloneRoot = cp.value()->root;
        keyFile = ledger->dir().file(QStringLiteral("registry.key"));
        passFile = ledger->dir().file(QStringLiteral("registry.pass"));
        QFile pass(passFile);
        if (!pass.open(QIODevice::WriteOnly) || pass.write("registry passphrase\n") <= 0)
            return false;
        pass.close();
        if (!ledger::crypto::saveKeyFile(
                registryKey, keyFile, "registry passphrase", ledger::crypto::KdfCost::Fast))
            return false;
        if (appoint)
            ledger->mustRecord(ledger->root, "registry.appointed",
                bodies::appointRegistry(registryKey, "https://127.0.0.1"));
        ledger->close();
        return !QTest::currentTestFailed();
    }

    ProcessResult init(const QString &dataDir) const
    {
        return RegistryProcess::run({ QStringLiteral("init"), QStringLiteral("--data"), dataDir,
            QStringLiteral("--from"), ledger->path(), QStringLiteral("--key"), keyFile,
            QStringLiteral("--passphrase-file"), passFile });
    }
};

} // namespace kit
