#pragma once
// A real ledger for the desktop tests: the fixture's standard world (a programme, a pool, startups, an
// approved and granted application), plus an application under review assigned to a reviewer who has not
// scored it yet, and the members' keys saved as real encrypted key files (fast KDF) beside the ledger.
// The fixture's own connection is closed, so the desktop opens the file as an application would.

#include "support/ledgerfixture.h"

#include <QString>

#include <functional>
#include <memory>

namespace portal {
class PortalContext;
}

namespace testsupport {

inline constexpr const char *kPassphrase = "test-passphrase";

struct PortalWorld
{
    std::unique_ptr<LedgerFixture> fixture;
    QString ledger;
    QString pmKey, pm2Key, reviewerKey, founderKey, founder2Key, sponsorKey, auditorKey;
    std::string underReview = "app-2"; // of startup2, assigned to the reviewer, not scored yet
    ledger::ManualClock *clock() { return &fixture->clock; }
};

// Builds the world; fails the current test (and returns nullptr) if anything went wrong. `more` records
// what a test needs beyond the standard world (before the fixture's connection closes).
std::unique_ptr<PortalWorld> makePortalWorld(const std::function<void(LedgerFixture &)> &more = {});

// Opens the world's ledger with `key` as the desktop does; fails the current test (and returns nullptr) if it
// cannot.
std::unique_ptr<portal::PortalContext> openPortal(PortalWorld &world, const QString &key);

// Answers the next signing prompts through the dialog hooks: confirm, then the world's passphrase.
void answerNextSigning();

} // namespace testsupport
