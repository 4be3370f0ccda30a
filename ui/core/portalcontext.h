#pragma once
// One opened ledger as the desktop sees it: the session (store for reads, record() for writes), the identity
// the user opened it with (key file, key id, the member and role that key has in the ledger) and the
// unlocked private key, kept for a limited time so the passphrase is asked once per session.
// Pages read through ledger/queries on store(); they never touch the rules State (loading it costs the
// whole projection set), which only the first write opens, through the session's sequencer.

#include "ledger/domain/roles.h"
#include "ledger/engine/session.h"
#include "ledger/queries/balances.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace portal {

class PortalContext : public QObject
{
    Q_OBJECT
public:
    // Opens `ledgerPath` read-write for the identity in `keyFile` (its ".pub" beside it names the key; the
    // passphrase is asked only when signing). An empty keyFile opens the ledger without an identity: read
    // only pages, no actions.
    static ledger::Result<std::unique_ptr<PortalContext>> open(
        const QString &ledgerPath, const QString &keyFile, const ledger::Clock *clock = nullptr);
    ~PortalContext() override;

    ledger::LedgerSession &session() { return *m_session; }
    ledger::store::LedgerStore &store() { return m_session->store(); }
    const ledger::Clock &clock() const { return m_session->clock(); }
    int64_t nowMs() const { return clock().nowMs(); }
    QString ledgerPath() const { return m_session->path(); }
    QString keyFile() const { return m_keyFile; }
    QString keyId() const { return m_keyId; }

    // The member the key belongs to (none: the key is not enrolled, or no key was given).
    const std::optional<ledger::queries::MemberInfo> &member() const { return m_member; }
    std::optional<ledger::Role> role() const;
    bool hasRole(std::initializer_list<ledger::Role> roles) const;
    QString displayName() const;
    const ledger::queries::LedgerInfo &info() const { return m_info; }

    // The unlocked key, if it is still held (see setKeyTimeout). A user's action: it restarts the timeout.
    const ledger::crypto::PrivateKey *unlockedKey();
    // The same key without counting as a use, for background work (periodic sync): it must never keep
    // the key from locking itself.
    const ledger::crypto::PrivateKey *heldKey();
    ledger::Result<void> unlock(const QByteArray &passphrase);
    void forgetKey();
    void setKeyTimeoutMs(int64_t ms) { m_keyTimeoutMs = ms; }

    // Re-reads the ledger info and tells every page the ledger changed.
    void notifyChanged();
    // Entries waiting in the outbox (signed, not yet sequenced by a registry).
    int outboxCount();

    enum class NoticeKind { Info, Success, Pending, Error };
    // A message for the window's notice bar (the result of a signing ceremony, a failed read).
    void postNotice(NoticeKind kind, const QString &text) { emit notice(kind, text); }

signals:
    void ledgerChanged();
    void notice(portal::PortalContext::NoticeKind kind, const QString &text);

private:
    PortalContext() = default;
    void reloadIdentity();

    std::unique_ptr<ledger::LedgerSession> m_session;
    QString m_keyFile;
    QString m_keyId;
    std::optional<ledger::queries::MemberInfo> m_member;
    ledger::queries::LedgerInfo m_info;
    std::optional<ledger::crypto::PrivateKey> m_key;
    QElapsedTimer m_keyAge;
    int64_t m_keyTimeoutMs = 15 * 60 * 1000;
};

} // namespace portal
