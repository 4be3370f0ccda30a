#pragma once
// The verifiable statement bundle (docs/STATEMENT-BUNDLE.md): a startup's entries as their exact signed
// bytes, each with its RFC 9162 inclusion proof, and the signed checkpoint they are proven against, in one
// canonical JSON file. Anyone holding the alliance's root public key can check it offline and recompute the
// startup's balances; buildBundle() writes it from a ledger file, verifyBundle() is the reference verifier.
//
// Error codes of verifyBundle (each with a sentence naming what failed): bundle_invalid (not a bundle of
// this format: size, JSON, canonical form, members, base64), bundle_genesis (the genesis is missing or not
// signed by the given alliance key), bundle_signature (an entry's signature or author does not verify),
// bundle_checkpoint (the checkpoint is not signed by the alliance's checkpoint key, or is for another log),
// bundle_proof (an inclusion proof does not lead to the checkpoint's root), bundle_content (the entries do
// not make a statement of the named startup: unexpected types, grants of someone else, missing context).
// buildBundle: unknown_object (no such startup), no_checkpoint, cancelled, and the store's errors.

#include "ledger/crypto/ed25519.h"
#include "ledger/reports/report.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

namespace ledger::statement {

inline constexpr std::string_view kBundleFormat = "alliance-statement/v1";
inline constexpr qsizetype kMaxBundleBytes = 64 * 1024 * 1024;

struct BundleStats
{
    int64_t entries = 0;
    int64_t treeSize = 0;
};

// The bundle of `startup` against the latest checkpoint (entries after it cannot be proven yet and are
// left out). Reads the whole log once.
Result<QByteArray> buildBundle(store::LedgerStore &store, const std::string &startup,
    const reports::ProgressFn &progress = {}, BundleStats *stats = nullptr);

struct VerifiedGrant
{
    std::string id;
    std::string application;
    std::string resource;
    QString status; // active, pending approval, cancelled, expired, clawed back
    int64_t granted = 0; // in effect (0 while pending or cancelled)
    int64_t consumed = 0;
    int64_t expired = 0;
    int64_t clawedBack = 0;
    int64_t balance = 0;
    int64_t expiresAt = 0;
};

struct VerifiedResource
{
    std::string resource;
    int64_t granted = 0, consumed = 0, expired = 0, clawedBack = 0, balance = 0;
};

struct VerifiedStatement
{
    std::string allianceId, allianceName, origin;
    std::string startup, startupName;
    quint64 treeSize = 0;
    QByteArray root;
    int64_t entries = 0;
    int64_t lastSequencedAt = 0;
    std::vector<VerifiedGrant> grants; // by id
    std::vector<VerifiedResource> resources; // by resource
};

Result<VerifiedStatement> verifyBundle(QByteArrayView bundle, const crypto::PublicKey &allianceKey);

} // namespace ledger::statement
