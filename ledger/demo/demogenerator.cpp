#include "ledger/demo/demogenerator.h"

#include "ledger/demo/generator.h"

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/crypto/sha256.h"
#include "ledger/demo/demonames.h"
#include "ledger/domain/brn.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/sequencer.h"
#include "ledger/store/ledgerstore.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTime>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ledger::demo {

namespace detail {

Result<void> Generator::checkShadow()
{
    const State &s = m_seq->state();
    for (const GrantSim &g : m_grants) {
        auto it = s.grants.find(g.id);
        if (it == s.grants.end())
            return makeError("internal_error",
                QStringLiteral("The demo grant %1 is missing from the ledger.").arg(q(g.id)));
        const Grant &real = it->second;
        const GrantStatus want = g.state == GState::Pending ? GrantStatus::PendingApproval
            : g.state == GState::Active                     ? GrantStatus::Active
            : g.state == GState::Expired                    ? GrantStatus::Expired
                                                            : GrantStatus::ClawedBack;
        if (real.status != want || real.available != g.available || real.unreleased != g.unreleased)
            return makeError("internal_error",
                QStringLiteral("The demo generator's account of grant %1 (%2 available, %3 unreleased) "
                               "differs from the ledger's (%4, %5).")
                    .arg(q(g.id))
                    .arg(g.available)
                    .arg(g.unreleased)
                    .arg(real.available)
                    .arg(real.unreleased));
    }
    return {};
}

Result<QStringList> Generator::saveKeys(const QString &dir)
{
    struct Saved
    {
        QString file;
        int actor;
        QString role;
    };
    std::vector<Saved> saved;
    saved.push_back({ QStringLiteral("admin.key"), m_root,
        QStringLiteral("admin (alliance root key; signs checkpoints)") });
    for (size_t i = 0; i < m_pms.size(); ++i)
        saved.push_back(
            { QStringLiteral("pm-%1.key").arg(i + 1), m_pms[i], QStringLiteral("programme_manager") });
    for (size_t i = 0; i < 2 && i < m_reviewers.size(); ++i)
        saved.push_back(
            { QStringLiteral("reviewer-%1.key").arg(i + 1), m_reviewers[i], QStringLiteral("reviewer") });
    // The startup of the first grant, so that its member has balances and statements to look at.
    const StartupDef &startup
        = m_startups[size_t(m_grants.empty() ? 0 : m_apps[size_t(m_grants[0].app)].startup)];
    saved.push_back({ QStringLiteral("startup-%1.key").arg(q(startup.id)), startup.actor,
        QStringLiteral("startup (%1)").arg(q(startup.id)) });
    const SponsorDef &sponsor = m_sponsors[2]; // naver-cloud
    saved.push_back({ QStringLiteral("sponsor-%1.key").arg(q(sponsor.id)), sponsor.actor,
        QStringLiteral("sponsor (%1)").arg(q(sponsor.id)) });
    saved.push_back({ QStringLiteral("auditor.key"), m_auditor, QStringLiteral("auditor") });

    // scrypt makes each file take a while; write them on all cores.
    std::vector<std::optional<Error>> errors(saved.size());
    parallelFor(
        saved.size(),
        [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
                auto r = crypto::saveKeyFile(m_actors[size_t(saved[i].actor)].key,
                    QDir(dir).absoluteFilePath(saved[i].file), m_opt.passphrase,
                    crypto::KdfCost::Interactive);
                if (!r)
                    errors[i] = r.error();
            }
        },
        1);
    QStringList files;
    QByteArray table;
    for (size_t i = 0; i < saved.size(); ++i) {
        if (errors[i])
            return *errors[i];
        const Saved &s = saved[i];
        const Actor &a = m_actors[size_t(s.actor)];
        files << QDir(dir).absoluteFilePath(s.file);
        table += QStringLiteral("  %1  %2  %3  %4\n")
                     .arg(s.file, -34)
                     .arg(q(a.id), -32)
                     .arg(s.role, -44)
                     .arg(q(a.name))
                     .toUtf8();
    }

    // The well-known demo passphrase is written beside the keys for convenience; a passphrase the caller
    // chose is never written anywhere.
    const bool demoPassphrase = m_opt.passphrase == DemoOptions().passphrase;
    if (demoPassphrase
        && !writeFileExclusive(
            QDir(dir).absoluteFilePath(QStringLiteral("passphrase.txt")), m_opt.passphrase + '\n', 0600))
        return makeError("io_error", QStringLiteral("Cannot write passphrase.txt in %1.").arg(dir));

    QByteArray readme;
    readme += "K-AI Startup Compute Alliance: demo member keys\n"
              "===============================================\n\n";
    readme
        += QStringLiteral("Ledger:   %1\nCommand:  alliancectl demo --startups %2 --seed %3 --months %4\n\n")
               .arg(QFileInfo(m_opt.ledgerPath).absoluteFilePath())
               .arg(m_opt.startups)
               .arg(m_opt.seed)
               .arg(m_opt.months)
               .toUtf8();
    if (demoPassphrase)
        readme += "DEMO ONLY. These keys sign a made-up alliance. The passphrase of every key file below is "
                  "written in\n"
                  "passphrase.txt in this directory, so anyone who can read this directory can use the keys. "
                  "Never keep\n"
                  "a real key's passphrase next to it.\n\n";
    else
        readme += "DEMO ONLY. These keys sign a made-up alliance. The key files below are encrypted with the "
                  "passphrase\n"
                  "given when the demo was generated; it is not stored here.\n\n";
    readme += "Each *.key file is an encrypted PKCS#8 private key (scrypt + AES-256, mode 0600); the *.pub "
              "file\n"
              "beside it holds the public key. The other members of the demo (the second admin, the other\n"
              "reviewers, startups and sponsors) have keys that were not saved.\n\n";
    readme += QStringLiteral("  %1  %2  %3  %4\n")
                  .arg(QStringLiteral("File"), -34)
                  .arg(QStringLiteral("Key id"), -32)
                  .arg(QStringLiteral("Role"), -44)
                  .arg(QStringLiteral("Member"))
                  .toUtf8();
    readme += table;
    if (demoPassphrase)
        readme
            += "\n  passphrase.txt                      the passphrase of the key files above (demo only)\n";
    if (!writeFileExclusive(QDir(dir).absoluteFilePath(QStringLiteral("README.txt")), readme, 0644))
        return makeError("io_error", QStringLiteral("Cannot write README.txt in %1.").arg(dir));
    return files;
}

void Generator::deriveKeys()
{
    // Startup member keys are most of the keys; derive them on all cores.
    const size_t first = m_actors.size();
    m_actors.resize(first + m_startups.size());
    parallelFor(
        m_startups.size(),
        [this, first](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
                Actor &a = m_actors[first + i];
                a.key = deriveKey(m_opt.seed, "startup", i);
                a.id = a.key.keyId().toStdString();
                a.publicKey = a.key.publicKey().raw().toBase64().toStdString();
            }
        },
        64);
    for (size_t i = 0; i < m_startups.size(); ++i) {
        Actor &a = m_actors[first + i];
        StartupDef &s = m_startups[i];
        a.name = personName() + " (" + s.name + ")";
        a.role = "startup";
        a.startup = s.id;
        s.actor = int(first + i);
    }
}

Result<DemoSummary> Generator::generateInto()
{
    m_start = msOf(kStartDate);
    m_end = msOf(kStartDate.addMonths(m_opt.months));
    m_days = int((m_end - m_start) / kDay);
    m_now = m_start;
    m_clock.set(m_start);

    LEDGER_TRY(report(QStringLiteral("Planning")));
    planPeople();
    planSponsorsAndProgrammes();
    planStartups();
    deriveKeys();
    planApplications();
    planPools();
    schedulePlan();

    // Create the file ourselves, exclusively, so a file that appears meanwhile is never overwritten.
    {
        QFile file(m_opt.ledgerPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (QFileInfo::exists(m_opt.ledgerPath))
                return makeError(
                    "already_exists", QStringLiteral("%1 already exists.").arg(m_opt.ledgerPath));
            return makeError(
                "io_error", QStringLiteral("Cannot create %1: %2").arg(m_opt.ledgerPath, file.errorString()));
        }
        m_createdLedger = true;
    }
    auto store = store::LedgerStore::open(m_opt.ledgerPath, store::LedgerStore::Mode::Create);
    if (!store)
        return store.error();
    m_store = std::move(store.value());
    // A demo that is interrupted is thrown away and made again, so it need not fsync every batch; WAL mode
    // keeps the file consistent either way. FULL is restored, and everything synced, at the end.
    LEDGER_TRY(m_store->db().execScript("PRAGMA synchronous = OFF;"));
    auto seq = Sequencer::open(*m_store, m_clock);
    if (!seq)
        return seq.error();
    m_seq = std::move(seq.value());
    LEDGER_TRY(m_seq->setCheckpointSigner(m_actors[size_t(m_root)].key));

    LEDGER_TRY(runEvents());
    LEDGER_TRY(checkShadow());
    LEDGER_TRY(m_seq->checkpoint());
    LEDGER_TRY(m_store->db().setSynchronous(true));
    LEDGER_TRY(m_store->db().execScript("PRAGMA wal_checkpoint(TRUNCATE);"));

    auto size = m_store->logSize();
    if (!size)
        return size.error();

    // The keys directory last: a failed run leaves nothing behind.
    LEDGER_TRY(report(QStringLiteral("Saving keys")));
    if (!QFileInfo::exists(m_keysDir)) {
        if (!QDir().mkpath(m_keysDir))
            return makeError(
                "io_error", QStringLiteral("Cannot create the keys directory %1.").arg(m_keysDir));
        m_createdKeysDir = true;
    }
    m_wroteKeys = true;
    if (::chmod(QFile::encodeName(m_keysDir).constData(), 0700) != 0)
        return makeError("io_error", QStringLiteral("Cannot make %1 private (mode 0700).").arg(m_keysDir));
    auto files = saveKeys(m_keysDir);
    if (!files)
        return files.error();

    DemoSummary summary;
    summary.entries = size.value();
    summary.rejectedOnPurpose = m_rejectedOnPurpose;
    summary.startups = int(m_startups.size());
    summary.sponsors = int(m_sponsors.size());
    summary.pools = int(m_pools.size());
    summary.programmes = int(m_programmes.size());
    summary.applications = m_submitted;
    summary.grants = int(m_grants.size());
    summary.keysDir = QFileInfo(m_keysDir).absoluteFilePath();
    summary.keyFiles = files.value();
    summary.passphrase = m_opt.passphrase;
    if (m_progress) // everything is written: too late to cancel
        m_progress(summary.entries, summary.entries, QStringLiteral("Done"));
    return summary;
}

void Generator::cleanUp()
{
    m_seq.reset();
    m_store.reset();
    if (m_createdLedger) {
        for (const char *suffix : { "", "-wal", "-shm", "-journal" })
            QFile::remove(m_opt.ledgerPath + QLatin1String(suffix));
    }
    if (m_createdKeysDir) {
        QDir(m_keysDir).removeRecursively();
    } else if (m_wroteKeys) {
        // The directory was there, empty: empty it again.
        QDir dir(m_keysDir);
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System))
            dir.remove(name);
    }
}

Result<DemoSummary> Generator::run()
{
    if (m_opt.startups < 1 || m_opt.startups > 100000)
        return makeError("invalid_argument",
            QStringLiteral("The number of startups must be 1 to 100000, not %1.").arg(m_opt.startups));
    if (m_opt.months < 1 || m_opt.months > 60)
        return makeError("invalid_argument",
            QStringLiteral("The number of months must be 1 to 60, not %1.").arg(m_opt.months));
    if (m_opt.ledgerPath.isEmpty())
        return makeError("invalid_argument", QStringLiteral("No ledger file was given."));
    if (m_opt.passphrase.isEmpty() || m_opt.passphrase.contains('\n') || m_opt.passphrase.contains('\r'))
        return makeError(
            "invalid_argument", QStringLiteral("The key passphrase must be one non-empty line."));
    m_keysDir = m_opt.keysDir.isEmpty() ? m_opt.ledgerPath + QStringLiteral(".keys") : m_opt.keysDir;
    if (QFileInfo::exists(m_opt.ledgerPath) || QFileInfo(m_opt.ledgerPath).isSymLink())
        return makeError("already_exists",
            QStringLiteral("%1 already exists; the demo makes a new ledger.").arg(m_opt.ledgerPath));
    const QFileInfo keysInfo(m_keysDir);
    if (keysInfo.exists()) {
        if (!keysInfo.isDir()
            || !QDir(m_keysDir).isEmpty(
                QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return makeError("already_exists",
                QStringLiteral("%1 already exists and is not an empty directory.").arg(m_keysDir));
    }
    auto result = generateInto();
    if (!result)
        cleanUp();
    return result;
}

} // namespace detail

Result<DemoSummary> generate(const DemoOptions &options, const DemoProgress &progress)
{
    detail::Generator generator(options, progress);
    return generator.run();
}

} // namespace ledger::demo
