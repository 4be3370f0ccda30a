#include "sync/registry/auth.h"

#include "sync/wire/requestauth.h"

namespace registry {

ledger::Result<Caller> authenticate(const HttpRequest &request, const Directory &directory,
    ReplayCache &replays, int64_t windowMs, int64_t nowMs)
{
    const QByteArray keyId = request.header("x-alliance-key");
    const QByteArray timeText = request.header("x-alliance-time");
    const QByteArray sigText = request.header("x-alliance-signature");
    if (keyId.isEmpty() || timeText.isEmpty() || sigText.isEmpty())
        return ledger::makeError("unauthenticated",
            QStringLiteral(
                "Sign the request: X-Alliance-Key, X-Alliance-Time and X-Alliance-Signature are required."));
    const auto time = syncwire::parseTime(timeText);
    const QByteArray sig = syncwire::parseSignature(sigText);
    if (!syncwire::isKeyId(keyId) || !time || sig.isEmpty())
        return ledger::makeError("unauthenticated",
            QStringLiteral("The X-Alliance headers are malformed (key id: 32 lowercase hex digits; time: "
                           "milliseconds; signature: base64 of 64 bytes)."));
    if (*time < nowMs - windowMs || *time > nowMs + windowMs)
        return ledger::makeError("stale_request",
            QStringLiteral(
                "The request time is %1 s away from the registry's clock; at most %2 s is allowed. "
                "Check the clock.")
                .arg((*time - nowMs) / 1000)
                .arg(windowMs / 1000));
    const auto found = directory.find(keyId.toStdString());
    if (found == directory.end())
        return ledger::makeError("unknown_key",
            QStringLiteral("The key %1 is not enrolled in this alliance.").arg(QString::fromLatin1(keyId)));
    const ledger::Member &member = found->second;
    auto key = ledger::crypto::PublicKey::fromRaw(member.publicKey);
    if (!key
        || !syncwire::verifyRequest(key.value(), request.method, request.target, request.body, *time, sig))
        return ledger::makeError("bad_signature",
            QStringLiteral("The request signature does not verify for key %1.")
                .arg(QString::fromLatin1(keyId)));
    // Revocation is told only to the key's holder (it proved it by signing).
    if (member.revoked)
        return ledger::makeError(
            "key_revoked", QStringLiteral("The key %1 has been revoked.").arg(QString::fromLatin1(keyId)));
    switch (replays.check(sig, *time, nowMs)) {
    case ReplayCache::Outcome::Fresh:
        break;
    case ReplayCache::Outcome::Replayed:
        return ledger::makeError("replayed_request",
            QStringLiteral("This signed request was already received; sign every request afresh."));
    case ReplayCache::Outcome::Full:
        return ledger::makeError("overloaded", QStringLiteral("The registry is busy; retry shortly."));
    case ReplayCache::Outcome::Unavailable:
        return ledger::makeError(
            "replay_journal", QStringLiteral("The registry could not record the request; retry later."));
    }
    return Caller { member, key.value() };
}

Scope scopeOf(const ledger::Member &member)
{
    Scope s;
    switch (member.role) {
    case ledger::Role::Admin:
    case ledger::Role::ProgrammeManager:
    case ledger::Role::Reviewer:
    case ledger::Role::Auditor:
        s.wholeLog = true;
        break;
    case ledger::Role::Startup:
        s.startup = member.startup;
        break;
    case ledger::Role::Sponsor:
        s.sponsor = member.sponsor;
        break;
    }
    return s;
}

} // namespace registry
