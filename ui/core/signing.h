#pragma once
// The signing ceremony (UI.md "Signing is a ceremony"): before an entry is appended the user sees what will
// be signed, in words, and with which key; confirms; gives the passphrase once per session; and then sees
// the result: sequenced (with its number), pending approvals, or rejected with the reason. Nothing looks done
// before it is: pages refresh only after the ledger has the entry.

#include "ledger/codec/json.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QWidget;

namespace portal {

class PortalContext;

struct SignOutcome
{
    enum class Kind { Cancelled, Sequenced, Pending, Rejected, Failed };
    Kind kind = Kind::Cancelled;
    int64_t seq = -1;
    QString code; // the rules engine's reason code, for Rejected and Failed
    QString message; // in words, for the notice bar
    bool done() const { return kind == Kind::Sequenced || kind == Kind::Pending; }
};

class SigningCeremony
{
    Q_DECLARE_TR_FUNCTIONS(SigningCeremony)

public:
    // Runs the ceremony for one entry and posts its result to ctx's notice bar.
    static SignOutcome run(
        QWidget *parent, PortalContext &ctx, const std::string &type, ledger::json::Value body);
    struct Item
    {
        std::string type;
        ledger::json::Value body;
    };
    // One confirmation for several entries (bulk assign): each is then signed and sequenced on its own; the
    // outcome counts them (Sequenced only if every one was; else Rejected with the first reason).
    static SignOutcome runBatch(
        QWidget *parent, PortalContext &ctx, const QString &headline, std::vector<Item> items);
    // Asks for the passphrase if the key is not unlocked; false if the user cancelled or gave up.
    static bool ensureUnlocked(QWidget *parent, PortalContext &ctx, QString *problem);
};

} // namespace portal
