#include "ui/core/portalcontext.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/queries/logpage.h"

#include <QCoreApplication>

namespace portal {

ledger::Result<std::unique_ptr<PortalContext>> PortalContext::open(
    const QString &ledgerPath, const QString &keyFile, const ledger::Clock *clock)
{
    auto session = ledger::LedgerSession::open(ledgerPath, ledger::LedgerSession::Access::ReadWrite, clock);
    if (!session)
        return session.error();
    std::unique_ptr<PortalContext> ctx(new PortalContext);
    ctx->m_session = std::move(session.value());
    ctx->m_keyFile = keyFile;
    if (!keyFile.isEmpty()) {
        auto pub = ledger::crypto::readPublicKeyFile(keyFile + QStringLiteral(".pub"));
        if (!pub)
            return pub.error();
        ctx->m_keyId = pub.value().keyId();
    }
    auto info = ledger::queries::ledgerInfo(ctx->store());
    if (!info)
        return info.error();
    ctx->m_info = info.value();
    ctx->reloadIdentity();
    return ctx;
}

PortalContext::~PortalContext() = default;

void PortalContext::reloadIdentity()
{
    m_member.reset();
    if (m_keyId.isEmpty())
        return;
    auto m = ledger::queries::member(store(), m_keyId.toStdString());
    if (m && m.value() && !m.value()->revoked)
        m_member = m.value();
}

std::optional<ledger::Role> PortalContext::role() const
{
    if (!m_member)
        return std::nullopt;
    return ledger::roleFromName(m_member->role);
}

bool PortalContext::hasRole(std::initializer_list<ledger::Role> roles) const
{
    const auto r = role();
    if (!r)
        return false;
    for (ledger::Role x : roles)
        if (x == *r)
            return true;
    return false;
}

QString PortalContext::displayName() const
{
    if (m_member)
        return QString::fromStdString(m_member->name);
    if (m_keyId.isEmpty())
        return QCoreApplication::translate("PortalContext", "No identity");
    return QCoreApplication::translate("PortalContext", "Key %1 (not enrolled)").arg(m_keyId.left(8));
}

const ledger::crypto::PrivateKey *PortalContext::heldKey()
{
    if (m_key && m_keyAge.isValid() && m_keyAge.elapsed() > m_keyTimeoutMs)
        forgetKey();
    return m_key ? &*m_key : nullptr;
}

const ledger::crypto::PrivateKey *PortalContext::unlockedKey()
{
    heldKey();
    if (m_key)
        m_keyAge.restart(); // the timeout counts from the last use
    return m_key ? &*m_key : nullptr;
}

ledger::Result<void> PortalContext::unlock(const QByteArray &passphrase)
{
    auto key = ledger::crypto::loadKeyFile(m_keyFile, passphrase);
    if (!key)
        return key.error();
    m_key = std::move(key.value());
    m_keyAge.start();
    // The alliance's checkpoint key (the root key in standalone mode) signs a checkpoint after each write.
    if (m_key->publicKey().raw() == m_info.checkpointKey)
        LEDGER_TRY(m_session->setCheckpointSigner(*m_key));
    return {};
}

void PortalContext::forgetKey()
{
    m_key.reset();
    m_keyAge.invalidate();
}

void PortalContext::notifyChanged()
{
    if (auto info = ledger::queries::ledgerInfo(store()))
        m_info = info.value();
    reloadIdentity();
    emit ledgerChanged();
}

int PortalContext::outboxCount()
{
    auto n = ledger::queries::outboxPending(store());
    return n ? int(n.value()) : 0;
}

} // namespace portal
