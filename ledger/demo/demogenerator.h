#pragma once
// The demo alliance: a deterministic, realistic ledger ("K-AI Startup Compute Alliance") for trying the
// product, for screenshots and for benchmarks. Used by `alliancectl demo` and by the desktop app's "open the
// demo".
//
// Everything goes through the real machinery: each entry is signed by the member key whose role may record
// it and is sequenced by ledger::Sequencer (rules engine, projections, Merkle log, checkpoints signed by the
// root key after every batch), with a ManualClock that walks simulated time forward from
// 2025-01-06T00:00Z for `months` months. Every receipt is checked; the only rejections are a few usage
// imports that overdraw their grant on purpose (counted in DemoSummary::rejectedOnPurpose).
//
// Deterministic: the same (startups, seed, months) give byte-identical log rows (entries, signatures, ids,
// sequencing times). All choices come from std::mt19937_64 seeded with `seed` (no std:: distributions, whose
// output differs between standard libraries); the nonces from a second generator derived from the seed; and
// every key from crypto::PrivateKey::fromSeed(SHA-256(uint64_be(seed) || role || uint64_be(index))), e.g.
// role "root" index 0, "pm" 0..2, "reviewer" i, "startup" i, "sponsor" i.
//
// keysDir (mode 0700) receives encrypted key files (crypto::saveKeyFile, KdfCost::Interactive) for a handful
// of members: admin.key (the root key, which also signs checkpoints), pm-1.key .. pm-K.key, reviewer-1.key,
// reviewer-2.key, startup-<id>.key (a member of the first startup that got a grant), sponsor-naver-cloud.key,
// auditor.key; plus README.txt (file, key id, role, member) and passphrase.txt (see DemoOptions::passphrase).
// The keys of every other member live in memory only while generating.
//
// Error codes: invalid_argument (startups outside 1..100000, months outside 1..60, empty or multi-line
// passphrase, empty path), already_exists (the ledger file exists, or keysDir exists and is not empty;
// nothing is touched), cancelled (progress returned false), unexpected_rejection (the rules engine refused a
// demo entry: a bug here or there; the message names the entry type and reason), io_error (keys directory),
// and any error of the store, the sequencer or crypto::saveKeyFile. On any error the files this call created
// are removed.

#include "ledger/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace ledger::demo {

struct DemoOptions
{
    int startups = 200; // 1..100000
    uint64_t seed = 1;
    int months = 12; // 1..60 of simulated time
    QString ledgerPath; // must not exist
    QString keysDir; // default: ledgerPath + ".keys"; must not exist or be empty
    // Encrypts the saved key files. The default, well-known demo passphrase is also written to
    // keysDir/passphrase.txt (mode 0600) for convenience; any other passphrase is never written anywhere.
    QByteArray passphrase = "demo-passphrase";
};

struct DemoSummary
{
    int64_t entries = 0; // rows in the log
    int64_t rejectedOnPurpose = 0; // overdrawing usage imports, rejected with insufficient_balance
    int startups = 0;
    int sponsors = 0;
    int pools = 0;
    int programmes = 0;
    int applications = 0;
    int grants = 0;
    QString keysDir;
    QStringList keyFiles; // absolute paths of the saved *.key files (each has a .pub beside it)
    QByteArray passphrase;
};

// progress(done, totalEstimate, phase) is called after every batch and between phases; `done` counts
// entries sequenced so far, `totalEstimate` is a planning estimate (>= done). Return false to cancel.
using DemoProgress = std::function<bool(int64_t done, int64_t totalEstimate, const QString &phase)>;

Result<DemoSummary> generate(const DemoOptions &options, const DemoProgress &progress = {});

} // namespace ledger::demo
