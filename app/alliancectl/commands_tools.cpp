// Long-running verbs over the whole ledger: verify, rebuild, log export, demo. Each shows progress on stderr
// and stops cleanly (nothing half-written) on Ctrl-C.

#include "cli.h"
#include "ledger/domain/units.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/demo/demogenerator.h"
#include "ledger/engine/export.h"
#include "ledger/engine/rebuild.h"
#include "ledger/engine/verifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <csignal>

namespace cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

// While alive, Ctrl-C (and SIGTERM) asks the running job to stop instead of killing the process, so the job
// can roll back; a second Ctrl-C kills as usual.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted = 0;
        struct sigaction sa = {};
        sa.sa_handler = onInterrupt;
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &sa, &m_oldInt);
        sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~InterruptGuard()
    {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

// Cancellation is reported as a usage-level outcome (the person stopped it), not as an I/O error.
template<typename T> T takeOrCancelled(ledger::Result<T> r, const QString &what)
{
    if (!r && r.error().code == QLatin1String("cancelled"))
        fail(ExitUsage, QStringLiteral("%1 was interrupted; nothing was changed.").arg(what));
    // So are arguments the job refuses (an existing file, a number out of range).
    if (!r
        && (r.error().code == QLatin1String("invalid_argument")
            || r.error().code == QLatin1String("already_exists")))
        usageError(r.error().message);
    return take(std::move(r));
}

// ---- verify -----------------------------------------------------------------------------------------------

int runVerify(Invocation &inv)
{
    auto &store = inv.readSession().store();
    InterruptGuard guard;
    const bool quick = inv.isSet(QStringLiteral("quick"));
    Progress progress(quick ? QStringLiteral("Verifying (quick)") : QStringLiteral("Verifying"));
    ledger::VerifyOptions options;
    options.quick = quick;
    options.progress = [&](int64_t done, int64_t total) {
        progress.update(done, total);
        return !g_interrupted;
    };
    const ledger::VerifyReport report
        = takeOrCancelled(ledger::verifyLedger(store, options), QStringLiteral("Verification"));
    progress.finish();
    if (!report.ok) {
        out(QStringLiteral("Verification FAILED%1: %2 \u2014 %3")
                .arg(report.firstBadSeq >= 0 ? QStringLiteral(" at #%1").arg(report.firstBadSeq) : QString(),
                    report.code, report.problem.simplified()));
        return ExitVerifyFailed;
    }
    out(QStringLiteral("Verified %1 entries and %2 checkpoints%3: OK")
            .arg(report.entries)
            .arg(report.checkpoints)
            .arg(quick ? QStringLiteral(
                     " (quick: ids, Merkle roots and checkpoint signatures; run without --quick to "
                     "check every signature and rule)")
                       : QString()));
    if (report.uncheckpointed > 0)
        out(QStringLiteral(
            "Note: the last %1 entries are not yet covered by a signed checkpoint; sign one with "
            "`alliancectl checkpoint --key CHECKPOINT_KEY_FILE`.")
                .arg(report.uncheckpointed));
    return ExitOk;
}

// ---- rebuild ----------------------------------------------------------------------------------------------

int runRebuild(Invocation &inv)
{
    auto &store = inv.readWriteSession().store();
    InterruptGuard guard;
    Progress progress(QStringLiteral("Rebuilding"));
    const ledger::RebuildReport report = takeOrCancelled(ledger::rebuildProjections(store,
                                                             [&](int64_t done, int64_t total) {
                                                                 progress.update(done, total);
                                                                 return !g_interrupted;
                                                             }),
        QStringLiteral("The rebuild"));
    progress.finish();
    out(QStringLiteral("Rebuilt the projections from %1 entries.").arg(report.entries));
    return ExitOk;
}

// ---- log export -------------------------------------------------------------------------------------------

int runLogExport(Invocation &inv)
{
    const QString format
        = inv.isSet(QStringLiteral("format")) ? inv.value(QStringLiteral("format")) : QStringLiteral("jsonl");
    if (format != QLatin1String("jsonl"))
        usageError(QStringLiteral("--format must be jsonl (the only export format so far), not \"%1\".")
                       .arg(format));
    const QString outPath = inv.required(QStringLiteral("out"));
    auto &store = inv.readSession().store();
    InterruptGuard guard;
    Progress progress(QStringLiteral("Exporting"));
    const ledger::ExportReport report = takeOrCancelled(ledger::exportJsonl(store, outPath,
                                                            [&](int64_t done, int64_t total) {
                                                                progress.update(done, total);
                                                                return !g_interrupted;
                                                            }),
        QStringLiteral("The export"));
    progress.finish();
    out(QStringLiteral("Exported %1 entries to %2 (with %2.checkpoint%3 and %2.pub).")
            .arg(report.entries)
            .arg(outPath,
                report.checkpointSize ? QStringLiteral(" covering %1 entries").arg(report.checkpointSize)
                                      : QStringLiteral(" (no checkpoint yet)")));
    return ExitOk;
}

// ---- demo -------------------------------------------------------------------------------------------------

int runDemo(Invocation &inv)
{
    ledger::demo::DemoOptions options;
    options.startups = int(
        inv.isSet(QStringLiteral("startups")) ? inv.integer(QStringLiteral("startups"), 1, 100000) : 200);
    if (inv.isSet(QStringLiteral("seed"))) {
        const QString s = inv.value(QStringLiteral("seed")).trimmed();
        bool ok = false;
        options.seed = s.toULongLong(&ok);
        if (!ok)
            usageError(
                QStringLiteral("--seed must be a whole number from 0 to 18446744073709551615, not \"%1\".")
                    .arg(s));
    }
    options.months
        = int(inv.isSet(QStringLiteral("months")) ? inv.integer(QStringLiteral("months"), 1, 60) : 12);
    options.ledgerPath = inv.ledgerPath();
    options.keysDir = inv.isSet(QStringLiteral("keys-dir")) ? inv.value(QStringLiteral("keys-dir"))
                                                            : options.ledgerPath + QStringLiteral(".keys");
    if (QFileInfo::exists(options.ledgerPath))
        usageError(
            QStringLiteral("%1 already exists; the demo writes a new ledger (choose another --ledger).")
                .arg(options.ledgerPath));
    const bool ownPassphrase = inv.isSet(QStringLiteral("passphrase-file"))
        || !qEnvironmentVariable("ALLIANCE_PASSPHRASE_FILE").isEmpty();
    if (ownPassphrase)
        options.passphrase = inv.passphrase(QStringLiteral("the demo keys"));

    InterruptGuard guard;
    Progress progress(QStringLiteral("Generating the demo"));
    const ledger::demo::DemoSummary summary
        = takeOrCancelled(ledger::demo::generate(options,
                              [&](int64_t done, int64_t total, const QString &phase) {
                                  progress.update(done, total, phase);
                                  return !g_interrupted;
                              }),
            QStringLiteral("The demo"));
    progress.finish();
    QString passphraseHint;
    const QString passphraseFile = QDir(summary.keysDir).filePath(QStringLiteral("passphrase.txt"));
    if (!ownPassphrase && QFileInfo::exists(passphraseFile))
        passphraseHint = QStringLiteral(" --passphrase-file %1").arg(passphraseFile);
    out(QStringLiteral(
        "Generated the demo alliance in %1: %2 entries, %3 startups, %4 sponsors, %5 pools, %6 "
        "programmes, %7 applications, %8 grants (%9 overdrawing usage imports rejected on purpose).")
            .arg(options.ledgerPath)
            .arg(summary.entries)
            .arg(summary.startups)
            .arg(summary.sponsors)
            .arg(summary.pools)
            .arg(summary.programmes)
            .arg(summary.applications)
            .arg(summary.grants)
            .arg(summary.rejectedOnPurpose));
    out(QStringLiteral("Member keys: %1 (%2 key files; see README.txt there).")
            .arg(summary.keysDir)
            .arg(summary.keyFiles.size()));
    out(QStringLiteral("Try: alliancectl balance --ledger %1").arg(options.ledgerPath));
    if (!passphraseHint.isEmpty() && !summary.keyFiles.isEmpty())
        out(QStringLiteral("     alliancectl checkpoint --ledger %1 --key %2%3")
                .arg(options.ledgerPath, summary.keyFiles.constFirst(), passphraseHint));
    return ExitOk;
}

} // namespace

void addToolVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("verify"),
        QStringLiteral("Verify the ledger: ids, Merkle tree, signatures, rules, projections"),
        QStringLiteral(
            "Checks that the ledger file is what its log says. --quick recomputes entry ids, leaf hashes, "
            "the "
            "Merkle root at every checkpoint and the checkpoint signatures; the full check also verifies "
            "every entry signature, replays every entry through the rules engine and compares the "
            "projections. Exit code 3 if anything is wrong. Needs no key."),
        [] { return QList<QCommandLineOption> { opt("quick", "Skip signatures, replay and projections.") }; },
        runVerify });
    verbs.push_back(
        Verb { QStringLiteral("rebuild"), QStringLiteral("Derive the projections again from the log"),
            QStringLiteral("Throws the projection tables away and derives them again from the log, in one "
                           "transaction (nothing changes if it fails or is interrupted). Needs no key."),
            [] { return QList<QCommandLineOption> {}; }, runRebuild });
    verbs.push_back(
        Verb { QStringLiteral("log export"), QStringLiteral("Export the log for third-party verification"),
            QStringLiteral(
                "Writes FILE (one JSON line per entry), FILE.checkpoint (the latest signed checkpoint) and "
                "FILE.pub (the alliance root public key), as docs/EXPORT-FORMAT.md describes. Needs no key."),
            [] {
                return QList<QCommandLineOption> { opt("format", "jsonl (the default and only format).",
                                                       "FORMAT"),
                    opt("out", "The file to write.", "FILE") };
            },
            runLogExport });
    verbs.push_back(Verb { QStringLiteral("demo"),
        QStringLiteral("Generate a demo alliance ledger with member keys"),
        QStringLiteral(
            "Writes a new, deterministic demo ledger (--ledger, which must not exist) with simulated months "
            "of programmes, applications, reviews, grants and usage, and the members' keys in --keys-dir. "
            "The keys are encrypted with --passphrase-file if given, else with the demo passphrase (written "
            "beside them: demo only)."),
        [] {
            return QList<QCommandLineOption> {
                opt("startups", "How many startups (1-100000, default 200).", "N"),
                opt("seed", "The random seed (default 1); the same seed gives the same ledger.", "S"),
                opt("months", "Months of simulated time (1-60, default 12).", "M"),
                opt("keys-dir", "Where the member keys go (default: LEDGER.keys).", "DIR"),
            };
        },
        runDemo });
}

} // namespace cli
