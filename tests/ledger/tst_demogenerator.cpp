// The demo alliance generator: a small ledger through the real sequencer, deterministic for a seed, with
// valid business registration numbers, balanced accounts, loadable key files, and refusals that touch
// nothing.

#include "ledger/demo/demogenerator.h"

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/domain/brn.h"
#include "ledger/store/ledgerstore.h"

#include "support/templedger.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QtTest>

#include <memory>

using namespace ledger;

namespace {

using testsupport::modeOf;
using testsupport::readAll;

struct Row
{
    int64_t sequencedAt;
    QByteArray id;
    QByteArray entry;
    QByteArray sig;
    QByteArray authorKey;
    std::string type;
};

std::vector<Row> readLog(const QString &path)
{
    std::vector<Row> rows;
    auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
    if (!store)
        return rows;
    auto size = store.value()->logSize();
    if (!size)
        return rows;
    auto scanned = store.value()->scanLog(0, size.value(), [&](const store::LogView &v) {
        rows.push_back({ v.sequencedAt, v.entryId.toByteArray(), v.entry.toByteArray(), v.sig.toByteArray(),
            v.authorKey.toByteArray(), std::string(v.type) });
        return true;
    });
    if (!scanned)
        rows.clear();
    return rows;
}

demo::DemoOptions options(const QString &path, uint64_t seed, int startups = 20, int months = 12)
{
    demo::DemoOptions o;
    o.startups = startups;
    o.seed = seed;
    o.months = months;
    o.ledgerPath = path;
    return o;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    testsupport::ScratchDir m_dir;
    QString m_a, m_b, m_c;
    demo::DemoSummary m_summaryA, m_summaryB;
    int m_progressCalls = 0;

private slots:
    void initTestCase()
    {
        m_a = m_dir.file(QStringLiteral("a.ledger"));
        m_b = m_dir.file(QStringLiteral("b.ledger"));
        m_c = m_dir.file(QStringLiteral("c.ledger"));
        int64_t lastDone = -1;
        bool monotonic = true;
        auto a = demo::generate(options(m_a, 7), [&](int64_t done, int64_t total, const QString &) {
            ++m_progressCalls;
            monotonic = monotonic && done >= lastDone && total >= done;
            lastDone = done;
            return true;
        });
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().toString()));
        m_summaryA = a.value();
        QVERIFY(monotonic);
        auto b = demo::generate(options(m_b, 7));
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().toString()));
        m_summaryB = b.value();
        auto c = demo::generate(options(m_c, 8));
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
    }

    void summaryMatchesTheLedger()
    {
        auto store = store::LedgerStore::open(m_a, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        auto size = store.value()->logSize();
        QVERIFY(size.ok());
        QCOMPARE(size.value(), m_summaryA.entries);
        QVERIFY(m_summaryA.entries > 100);
        QCOMPARE(m_summaryA.startups, 20);
        QVERIFY(m_summaryA.applications >= 20);
        QVERIFY(m_summaryA.grants > 0);
        QVERIFY(m_summaryA.sponsors > 0 && m_summaryA.pools > 0 && m_summaryA.programmes >= 2);
        QVERIFY(m_progressCalls > 0);

        // The latest checkpoint covers the whole log.
        auto cp = store.value()->latestCheckpoint();
        QVERIFY(cp.ok() && cp.value().has_value());
        QCOMPARE(cp.value()->treeSize, m_summaryA.entries);

        // The object counts agree with the projections.
        auto count = [&](const char *sql) -> int64_t {
            auto st = store.value()->db().prepare(sql);
            if (!st)
                return -1;
            auto row = st->step();
            return row && row.value() ? st->int64(0) : -1;
        };
        QCOMPARE(count("SELECT COUNT(*) FROM startups"), int64_t(m_summaryA.startups));
        QCOMPARE(count("SELECT COUNT(*) FROM applications"), int64_t(m_summaryA.applications));
        QCOMPARE(count("SELECT COUNT(*) FROM grants"), int64_t(m_summaryA.grants));
        QCOMPARE(count("SELECT COUNT(*) FROM sponsors"), int64_t(m_summaryA.sponsors));
        QCOMPARE(count("SELECT COUNT(*) FROM pools"), int64_t(m_summaryA.pools));
        QCOMPARE(count("SELECT COUNT(*) FROM programmes"), int64_t(m_summaryA.programmes));
    }

    void everyEntryVerifies()
    {
        const auto rows = readLog(m_a);
        QCOMPARE(int64_t(rows.size()), m_summaryA.entries);
        QSet<QString> types;
        int64_t lastAt = 0;
        for (const Row &r : rows) {
            auto key = crypto::PublicKey::fromRaw(r.authorKey);
            QVERIFY(key.ok());
            SignedEntry s { r.entry, r.sig, key.value(), r.type };
            QVERIFY(openSignedEntry(s).ok());
            QCOMPARE(s.id(), r.id);
            QVERIFY(r.sequencedAt >= lastAt);
            lastAt = r.sequencedAt;
            types.insert(QString::fromStdString(r.type));
        }
        for (const char *type : { "alliance.genesis", "member.enrolled", "programme.created",
                 "sponsor.registered", "pool.pledged", "pool.closed", "startup.registered",
                 "application.submitted", "application.assigned", "application.reviewed",
                 "application.decided", "application.withdrawn", "grant.created", "grant.tranche_released",
                 "usage.recorded", "credits.expired", "grant.clawed_back", "approval" })
            QVERIFY2(types.contains(QLatin1String(type)), type);
    }

    void sameSeedGivesIdenticalLog()
    {
        const auto a = readLog(m_a);
        const auto b = readLog(m_b);
        QVERIFY(!a.empty());
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].entry, b[i].entry);
            QCOMPARE(a[i].id, b[i].id);
            QCOMPARE(a[i].sig, b[i].sig);
            QCOMPARE(a[i].sequencedAt, b[i].sequencedAt);
        }
        QCOMPARE(m_summaryA.entries, m_summaryB.entries);
        QCOMPARE(m_summaryA.rejectedOnPurpose, m_summaryB.rejectedOnPurpose);
        // The same member keys too.
        for (const QString &file :
            { QStringLiteral("admin.key"), QStringLiteral("pm-1.key"), QStringLiteral("auditor.key") })
            QCOMPARE(readAll(m_summaryA.keysDir + QLatin1Char('/') + file + QStringLiteral(".pub")),
                readAll(m_summaryB.keysDir + QLatin1Char('/') + file + QStringLiteral(".pub")));
    }

    void differentSeedDiffers()
    {
        const auto a = readLog(m_a);
        const auto c = readLog(m_c);
        QVERIFY(!c.empty());
        QVERIFY(a.front().entry != c.front().entry); // another root key
        bool differs = a.size() != c.size();
        for (size_t i = 0; !differs && i < a.size(); ++i)
            differs = a[i].id != c[i].id;
        QVERIFY(differs);
    }

    void keyFiles()
    {
        const QString dir = m_summaryA.keysDir;
        QCOMPARE(dir, QFileInfo(m_a + QStringLiteral(".keys")).absoluteFilePath());
        QCOMPARE(modeOf(dir), mode_t(0700));
        QCOMPARE(m_summaryA.passphrase, QByteArray("demo-passphrase"));
        QVERIFY(m_summaryA.keyFiles.size() >= 8);
        QStringList names;
        for (const QString &path : m_summaryA.keyFiles)
            names << QFileInfo(path).fileName();
        for (const char *want : { "admin.key", "pm-1.key", "pm-2.key", "reviewer-1.key", "reviewer-2.key",
                 "auditor.key", "sponsor-naver-cloud.key" })
            QVERIFY2(names.contains(QLatin1String(want)), want);
        QVERIFY(std::any_of(names.begin(), names.end(),
            [](const QString &n) { return n.startsWith(QLatin1String("startup-")); }));

        auto store = store::LedgerStore::open(m_a, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        const QByteArray readme = readAll(dir + QStringLiteral("/README.txt"));
        QVERIFY(readme.contains("DEMO ONLY"));
        for (const QString &path : m_summaryA.keyFiles) {
            QVERIFY(QFileInfo::exists(path));
            QCOMPARE(modeOf(path), mode_t(0600));
            auto key = crypto::loadKeyFile(path, m_summaryA.passphrase);
            QVERIFY2(key.ok(), qPrintable(key.ok() ? QString() : key.error().toString()));
            QVERIFY(readme.contains(key->keyId().toUtf8()));
            QVERIFY(readme.contains(QFileInfo(path).fileName().toUtf8()));
            // Every saved key belongs to an enrolled member.
            auto st = store.value()->db().prepare("SELECT role FROM members WHERE key_id = ?");
            QVERIFY(st.ok());
            st->bind(1, key->keyId());
            auto row = st->step();
            QVERIFY(row.ok() && row.value());
        }
        auto admin = crypto::loadKeyFile(dir + QStringLiteral("/admin.key"), m_summaryA.passphrase);
        QVERIFY(admin.ok());
        auto root = store.value()->meta("root_key");
        QVERIFY(root.ok() && root.value().has_value());
        QCOMPARE(*root.value(), admin->publicKey().raw());

        const QString pass = dir + QStringLiteral("/passphrase.txt");
        QCOMPARE(modeOf(pass), mode_t(0600));
        auto fromFile = crypto::readPassphraseFile(pass);
        QVERIFY(fromFile.ok());
        QCOMPARE(fromFile.value(), m_summaryA.passphrase);
    }

    void startupBrnsAreValidAndUnique()
    {
        auto store = store::LedgerStore::open(m_a, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        auto st = store.value()->db().prepare("SELECT id, brn, name, sector FROM startups");
        QVERIFY(st.ok());
        QSet<QString> brns;
        int n = 0;
        for (;;) {
            auto row = st->step();
            QVERIFY(row.ok());
            if (!row.value())
                break;
            const std::string brn(st->textView(1));
            QVERIFY2(normaliseBrn(brn).has_value(), brn.c_str());
            QCOMPARE(brnCheckDigit(brn.substr(0, 9)), brn[9] - '0');
            brns.insert(QString::fromStdString(brn));
            QVERIFY(!st->text(2).isEmpty());
            ++n;
        }
        QCOMPARE(n, 20);
        QCOMPARE(brns.size(), 20);
    }

    void balancesSumToZero()
    {
        auto store = store::LedgerStore::open(m_a, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        auto st = store.value()->db().prepare(
            "SELECT resource, SUM(amount), COUNT(*) FROM balances GROUP BY resource");
        QVERIFY(st.ok());
        int resources = 0;
        for (;;) {
            auto row = st->step();
            QVERIFY(row.ok());
            if (!row.value())
                break;
            QVERIFY2(st->int64(1) == 0, qPrintable(st->text(0)));
            QVERIFY(st->int64(2) >= 2);
            ++resources;
        }
        QVERIFY(resources >= 3);
        auto negative = store.value()->db().prepare("SELECT COUNT(*) FROM balances WHERE amount < 0 AND "
                                                    "(account LIKE 'pool:%' OR account LIKE 'grant:%')");
        QVERIFY(negative.ok());
        auto row = negative->step();
        QVERIFY(row.ok() && row.value());
        QCOMPARE(negative->int64(0), int64_t(0));
    }

    void someUsageIsRejectedOnPurpose() { QVERIFY(m_summaryA.rejectedOnPurpose > 0); }

    void existingFileIsRefusedUntouched()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("precious.ledger"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("precious bytes");
        }
        auto r = demo::generate(options(path, 1, 3));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QLatin1String("already_exists"));
        QCOMPARE(readAll(path), QByteArray("precious bytes"));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".keys")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList { QStringLiteral("precious.ledger") });

        // A keys directory with something in it is refused too, before any ledger is made.
        const QString other = dir.file(QStringLiteral("other.ledger"));
        QVERIFY(QDir().mkpath(other + QStringLiteral(".keys")));
        {
            QFile f(other + QStringLiteral(".keys/mine.key"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto r2 = demo::generate(options(other, 1, 3));
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().code, QLatin1String("already_exists"));
        QVERIFY(!QFileInfo::exists(other));
    }

    void invalidArguments()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("x.ledger"));
        for (auto [startups, months] :
            { std::pair { 0, 12 }, std::pair { 100001, 12 }, std::pair { 10, 0 }, std::pair { 10, 61 } }) {
            auto r = demo::generate(options(path, 1, startups, months));
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QLatin1String("invalid_argument"));
            QVERIFY(!QFileInfo::exists(path));
        }
    }

    void cancelRemovesWhatItMade()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("cancelled.ledger"));
        int calls = 0;
        auto r = demo::generate(
            options(path, 1, 10), [&](int64_t, int64_t, const QString &) { return ++calls < 5; });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QLatin1String("cancelled"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList());
    }

    void tinyAlliance()
    {
        testsupport::ScratchDir dir;
        const QString path = dir.file(QStringLiteral("tiny.ledger"));
        demo::DemoOptions o = options(path, 3, 3, 1);
        o.keysDir = dir.file(QStringLiteral("tiny-keys"));
        o.passphrase = "a passphrase of my own";
        auto r = demo::generate(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->startups, 3);
        QCOMPARE(r->keysDir, QFileInfo(o.keysDir).absoluteFilePath());
        QCOMPARE(int64_t(readLog(path).size()), r->entries);
        // A passphrase the caller chose is used but never written down.
        QVERIFY(!QFileInfo::exists(o.keysDir + QStringLiteral("/passphrase.txt")));
        QVERIFY(!readAll(o.keysDir + QStringLiteral("/README.txt")).contains("a passphrase of my own"));
        QVERIFY(crypto::loadKeyFile(o.keysDir + QStringLiteral("/admin.key"), o.passphrase).ok());
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
