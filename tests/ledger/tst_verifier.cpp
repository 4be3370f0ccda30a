// verify, rebuild and export (ledger/engine/{verifier,rebuild,export}.h) on a realistic ledger: a few hundred
// entries with k-of-n approvals, usage, tranche releases, expiry, clawbacks and a closed pool. The export is
// re-verified line by line with nothing but Ed25519, SHA-256 and the Merkle tree definition; and every kind
// of single-byte tampering with the file must be found, at the right position.

#include "ledger/codec/json.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/domain/brn.h"
#include "ledger/engine/export.h"
#include "ledger/engine/rebuild.h"
#include "ledger/engine/statediff.h"
#include "ledger/engine/verifier.h"
#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "support/ledgerfixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>
#include <QtEndian>

#include <functional>
#include <memory>

using namespace ledger;
using namespace testsupport;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString describe(const Result<VerifyReport> &r)
{
    if (!r)
        return QStringLiteral("error ") + r.error().toString();
    return QStringLiteral("ok=%1 seq=%2 %3: %4").arg(r->ok).arg(r->firstBadSeq).arg(r->code, r->problem);
}

// A ledger that looks like a season of the alliance. Deterministic: the same entries on every run.
class LedgerGenerator
{
public:
    explicit LedgerGenerator(LedgerFixture &f)
        : m_f(f)
    { }

    void build(int64_t targetEntries)
    {
        LedgerFixture &f = m_f;
        const World &w = f.buildStandard();
        // A second programme with 3-of-n approvals above 200 GPU-hours, funded by the VC in H100 hours.
        f.mustRecord(w.pm, "programme.created",
            bodies::programme("cloud-2026", f.clock.nowMs(), f.clock.nowMs() + 90 * kDay, 200'000, 3,
                { { "impact", 50 }, { "feasibility", 30 }, { "clarity", 20 } }));
        f.pool("kvc-h100", w.sponsor2, "cloud-2026", "kt-cloud/h100", 3'000'000, f.clock.nowMs() + 300 * kDay,
            w.sponsorMember2, { w.pm, w.pm2 });
        // app-1 of the standard world gets its grant.
        grant("g-app-1", w.application, w.pool, 300'000, 10 * kDay, 40 * kDay);
        for (int round = 0; f.logSize() < targetEntries && !QTest::currentTestFailed(); ++round)
            this->round(round);
    }

private:
    void grant(const std::string &id, const std::string &app, const std::string &pool, int64_t amount,
        int64_t secondTrancheAfter, int64_t expiresAfter)
    {
        LedgerFixture &f = m_f;
        const World &w = f.world();
        const int64_t now = f.clock.nowMs();
        const int64_t half = amount / 2;
        const Receipt r = f.record(w.pm, "grant.created",
            bodies::grant(id, app, pool, { { half, now }, { amount - half, now + secondTrancheAfter } },
                now + expiresAfter));
        if (!r.accepted) {
            failAt(QStringLiteral("grant %1: %2").arg(q(id), r.rejection.toString()),
                std::source_location::current());
            return;
        }
        if (r.outcome == Outcome::PendingApproval) {
            const int64_t k = f.state().pending.at(hex(r.entryId)).required;
            std::vector<crypto::PrivateKey> approvers { w.pm2, w.pm3 };
            approvers.resize(size_t(k - 1));
            f.approve(r.entryId, approvers);
        }
        m_grants.push_back(id);
    }

    void round(int r)
    {
        LedgerFixture &f = m_f;
        const World &w = f.world();
        f.clock.advance(kDay + r * kMinute);
        const int64_t now = f.clock.nowMs();
        const bool second = r % 3 == 2; // every third application goes to the H100 programme
        const std::string programme = second ? "cloud-2026" : w.programme;
        const std::string pool = second ? m_h100Pool : w.pool;
        if (f.state().balance(poolAccount(w.pool), w.resource) < 1'000'000)
            f.pool(w.pool, w.sponsor, w.programme, w.resource, 2'000'000, w.poolValidUntil, w.sponsorMember,
                { w.pm });
        const std::string resource = second ? "kt-cloud/h100" : w.resource;

        // A new startup applies.
        std::string nine = "3058" + std::to_string(10000 + r).substr(0, 5);
        nine.resize(9, '0');
        const std::string brn = nine + char('0' + brnCheckDigit(nine));
        const std::string startup = "st-g" + std::to_string(r);
        const std::string app = "app-g" + std::to_string(r);
        f.mustRecord(w.pm, "startup.registered",
            bodies::startup(startup, formatBrn(brn), r % 2 ? "media" : "finance"));
        const crypto::PrivateKey founder = f.enrol(Role::Startup, "founder-g" + std::to_string(r), startup);
        const int64_t amount = 100'000 + (r % 4) * 150'000;
        f.mustRecord(
            founder, "application.submitted", bodies::application(app, startup, programme, resource, amount));
        f.mustRecord(
            w.pm, "application.assigned", bodies::assign(app, { keyIdOf(w.reviewer), keyIdOf(w.reviewer2) }));
        const auto scores = [&](int64_t base) {
            if (second)
                return std::vector<std::pair<std::string, int64_t>> { { "impact", 30 + base },
                    { "feasibility", 20 }, { "clarity", base } };
            return std::vector<std::pair<std::string, int64_t>> { { "team", 5 + base % 5 }, { "market", 6 },
                { "tech", 10 + base } };
        };
        // Two reviews in one batch.
        f.submit({ f.sign(w.reviewer, "application.reviewed", bodies::review(app, scores(r % 7))),
            r % 5 == 3 ? f.sign(w.reviewer2, "application.reviewed", bodies::conflict(app))
                       : f.sign(w.reviewer2, "application.reviewed", bodies::review(app, scores(r % 3))) });
        const char *decision = r % 7 == 6 ? "rejected" : r % 7 == 5 ? "waitlisted" : "approved";
        f.mustRecord(w.pm, "application.decided", bodies::decide(app, decision, "panel decision"));
        if (r % 7 == 5)
            f.mustRecord(founder, "application.withdrawn", bodies::withdraw(app));
        else if (r % 11 == 10)
            f.mustRecord(founder, "application.withdrawn", bodies::withdraw(app, "changed plans"));
        else if (r % 7 != 6)
            grant("g-" + app, app, pool, amount, (3 + r % 5) * kDay, (8 + r % 4 * 4) * kDay);

        // Daily operations, as one batch: releases due, usage, expiries, the odd clawback.
        std::vector<SignedEntry> batch;
        int n = 0;
        for (const std::string &id : m_grants) {
            const Grant &g = f.state().grants.at(id);
            if (g.status != GrantStatus::Active)
                continue;
            if (now >= g.expiresAt) {
                batch.push_back(f.sign(w.pm, "credits.expired", bodies::expire(id)));
                continue;
            }
            for (size_t t = 0; t < g.tranches.size(); ++t) {
                if (!g.tranches[t].released && g.tranches[t].releaseAt <= now)
                    batch.push_back(f.sign(w.pm, "grant.tranche_released", bodies::release(id, int64_t(t))));
            }
            const int64_t use = std::min<int64_t>(g.available, 7'000 + 1'000 * (n++ % 9));
            // Usage is recorded for a period the grant already existed in.
            if (use > 0 && g.createdAt <= now - kHour)
                batch.push_back(f.sign(w.pm2, "usage.recorded",
                    bodies::usage(
                        id, "u-" + std::to_string(r) + "-" + id, g.resource, use, now - kDay, now - kHour)));
        }
        if (r % 6 == 4 && !m_grants.empty()) {
            const std::string &id = m_grants[size_t(r) % m_grants.size()];
            const Grant &g = f.state().grants.at(id);
            if (g.status == GrantStatus::Active && now < g.expiresAt && g.balance() > 20'000)
                batch.push_back(
                    f.sign(w.pm, "grant.clawed_back", bodies::clawback(id, 10'000, "inactive", "partial")));
        }
        if (r % 9 == 8) {
            // The newest grant that still holds credit is clawed back entirely.
            for (auto it = m_grants.rbegin(); it != m_grants.rend(); ++it) {
                const Grant &g = f.state().grants.at(*it);
                if (g.status == GrantStatus::Active && now < g.expiresAt && g.balance() > 0) {
                    batch.push_back(f.sign(
                        w.pm, "grant.clawed_back", bodies::clawback(*it, 0, "misuse", "shared credentials")));
                    break;
                }
            }
        }
        if (!batch.empty()) {
            const auto receipts = f.submit(batch);
            for (const Receipt &rc : receipts) {
                if (!rc.accepted)
                    failAt(QStringLiteral("round %1: %2").arg(r).arg(rc.rejection.toString()),
                        std::source_location::current());
                if (rc.accepted && rc.outcome == Outcome::PendingApproval) {
                    // A clawback above the threshold: the other programme managers co-sign it.
                    std::vector<crypto::PrivateKey> approvers { w.pm2, w.pm3 };
                    approvers.resize(size_t(f.state().pending.at(hex(rc.entryId)).required - 1));
                    f.approve(rc.entryId, approvers);
                }
            }
        }
        if (r == 12) {
            // The VC closes its pool (3-of-n); the credit already granted stays with the startups.
            const Receipt closing = f.mustRecord(
                w.sponsorMember2, "pool.closed", bodies::closePool("kvc-h100"), Outcome::PendingApproval);
            f.approve(closing.entryId, { w.pm, w.pm2 });
            m_h100Pool = "kvc-h100-2";
            f.pool(m_h100Pool, w.sponsor2, "cloud-2026", "kt-cloud/h100", 3'000'000, now + 300 * kDay,
                w.sponsorMember2, { w.pm, w.pm2 });
        }
    }

    LedgerFixture &m_f;
    std::vector<std::string> m_grants;
    std::string m_h100Pool = "kvc-h100";
};

// RFC 9162 2.1.1, written from the RFC: MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 || d0), and
// MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) for the largest power of two k < n.
QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}
QByteArray referenceRoot(const QList<QByteArray> &leafHashes, qsizetype begin, qsizetype end)
{
    const qsizetype n = end - begin;
    if (n == 0)
        return sha256({});
    if (n == 1)
        return leafHashes[begin];
    qsizetype k = 1;
    while (k * 2 < n)
        k *= 2;
    return sha256(QByteArray(1, '\x01') + referenceRoot(leafHashes, begin, begin + k)
        + referenceRoot(leafHashes, begin + k, end));
}

sql::Database openConnection(const QString &path)
{
    auto db = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    if (!db)
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(db.error().toString()));
    // The tampering connection need not be durable; the copy is thrown away after the test.
    if (!db->execScript("PRAGMA synchronous=OFF").ok())
        qFatal("cannot configure %s", qPrintable(path));
    return std::move(db.value());
}

QByteArray blobAt(sql::Database &db, const char *sqlText, int64_t key)
{
    auto st = db.prepare(sqlText);
    if (!st)
        return {};
    st->bind(1, key);
    auto row = st->step();
    return row && row.value() ? st->blob(0) : QByteArray();
}

void exec(sql::Database &db, const char *sqlText, const QByteArray &value, int64_t key)
{
    auto st = db.prepare(sqlText);
    QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
    st->bind(1, value).bind(2, key);
    auto r = st->exec();
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    QCOMPARE(db.changes(), 1);
}

QByteArray flipped(QByteArray bytes, qsizetype at, char mask = 0x01)
{
    bytes[at] = char(bytes[at] ^ mask);
    return bytes;
}

} // namespace

class TestVerifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // A realistic ledger of about 300 entries, and a smaller one of about 100 for the tamper matrix.
        m_big = std::make_unique<LedgerFixture>();
        LedgerGenerator(*m_big).build(300);
        QVERIFY(!QTest::currentTestFailed());
        m_bigSize = m_big->logSize();
        m_bigState = m_big->state();
        m_big->close();

        m_small = std::make_unique<LedgerFixture>();
        LedgerGenerator(*m_small).build(100);
        QVERIFY(!QTest::currentTestFailed());
        m_smallSize = m_small->logSize();
        m_small->close();
        QVERIFY(
            !QFile::exists(m_big->path() + QStringLiteral("-wal"))); // fully checkpointed: one file to copy
    }

    void realisticLedgerHasEverything()
    {
        // The generator must have produced what the other tests rely on.
        QVERIFY2(m_bigSize >= 300 && m_bigSize < 400, qPrintable(QString::number(m_bigSize)));
        QVERIFY(m_smallSize >= 100 && m_smallSize < 160);
        const State &s = m_bigState;
        int active = 0, expired = 0, clawed = 0;
        for (const auto &[id, g] : s.grants) {
            active += g.status == GrantStatus::Active;
            expired += g.status == GrantStatus::Expired;
            clawed += g.status == GrantStatus::ClawedBack;
        }
        QVERIFY(active > 0);
        QVERIFY(expired > 0);
        QVERIFY(clawed > 0);
        QVERIFY(s.balance("consumed", "naver-cloud/b200") > 0);
        QVERIFY(s.balance("consumed", "kt-cloud/h100") > 0);
        QVERIFY(s.balance("expired", "naver-cloud/b200") > 0);
        QVERIFY(s.pools.at("kvc-h100").closed);
        QVERIFY(s.pending.empty());
        QCOMPARE(invariantProblem(s), QString());
        int64_t clawedBack = 0;
        for (const auto &[id, g] : s.grants)
            clawedBack += g.clawedBack;
        QVERIFY(clawedBack > 0);
    }

    void verifyRealisticLedger()
    {
        ScratchDir dir;
        const QString path = copyOf(m_big->path(), dir);
        auto store = openStore(path);
        QVERIFY(store);
        for (bool quick : { false, true }) {
            VerifyOptions options;
            options.quick = quick;
            int64_t lastDone = 0;
            options.progress = [&](int64_t done, int64_t total) {
                lastDone = done;
                return total == m_bigSize;
            };
            auto report = verifyLedger(*store, options);
            QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));
            QCOMPARE(report->entries, m_bigSize);
            QCOMPARE(report->firstBadSeq, int64_t(-1));
            QCOMPARE(report->uncheckpointed, int64_t(0));
            QVERIFY(report->checkpoints > 30);
            QCOMPARE(report->checkpoints, int64_t(store->checkpoints()->size()));
            QCOMPARE(lastDone, m_bigSize);
        }
        // Cancelling is an error, not a verdict.
        VerifyOptions cancel;
        cancel.progress = [](int64_t, int64_t) { return false; };
        auto cancelled = verifyLedger(*store, cancel);
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, QStringLiteral("cancelled"));
        // Read-only access is enough to verify.
        store.reset();
        auto ro = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(ro.ok());
        auto report = verifyLedger(*ro.value());
        QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));
    }

    void rebuildGivesIdenticalProjections()
    {
        ScratchDir dir;
        const QString path = copyOf(m_big->path(), dir);
        auto store = openStore(path);
        QVERIFY(store);
        const auto pristine = tableDigests(store->db());
        auto rebuilt = rebuildProjections(*store);
        QVERIFY2(rebuilt.ok(), rebuilt.ok() ? "" : qPrintable(rebuilt.error().toString()));
        QCOMPARE(rebuilt->entries, m_bigSize);
        QCOMPARE(tableDigests(store->db()), pristine);
        auto report = verifyLedger(*store);
        QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));

        // Every projection row gone: verify says so, rebuild brings back exactly what was there.
        {
            sql::Database other = openConnection(path);
            QVERIFY(other
                        .execScript("DELETE FROM members; DELETE FROM programmes; DELETE FROM sponsors; "
                                    "DELETE FROM pools;"
                                    "DELETE FROM startups; DELETE FROM applications; DELETE FROM grants; "
                                    "DELETE FROM pending;"
                                    "DELETE FROM balances; DELETE FROM movements; DELETE FROM usages;"
                                    "DELETE FROM meta WHERE key IN ('projection_size', 'projection_last_at', "
                                    "'alliance_id',"
                                    "'alliance_name', 'origin', 'checkpoint_key', 'registry_url');")
                        .ok());
        }
        report = verifyLedger(*store);
        QVERIFY(report.ok());
        QVERIFY(!report->ok);
        QCOMPARE(report->code, QStringLiteral("projection_mismatch"));
        QCOMPARE(report->firstBadSeq, m_bigSize);
        rebuilt = rebuildProjections(*store);
        QVERIFY2(rebuilt.ok(), rebuilt.ok() ? "" : qPrintable(rebuilt.error().toString()));
        QCOMPARE(tableDigests(store->db()), pristine);
        report = verifyLedger(*store);
        QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));
        // The sequencer opens on the rebuilt file and sees the same alliance.
        ManualClock clock(m_bigState.lastAt);
        auto seq = Sequencer::open(*store, clock);
        QVERIFY2(seq.ok(), seq.ok() ? "" : qPrintable(seq.error().toString()));
        QCOMPARE(firstDifference(m_bigState, (*seq)->state()), QString());
    }

    void exportIsIndependentlyVerifiable()
    {
        ScratchDir dir;
        const QString path = copyOf(m_big->path(), dir);
        auto store = openStore(path);
        QVERIFY(store);
        const QString out = dir.file(QStringLiteral("ledger.jsonl"));
        auto exported = exportJsonl(*store, out);
        QVERIFY2(exported.ok(), exported.ok() ? "" : qPrintable(exported.error().toString()));
        QCOMPARE(exported->entries, m_bigSize);
        QCOMPARE(exported->checkpointSize, m_bigSize);

        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), m_bigSize + 1); // the last line ends with "\n"
        QVERIFY(lines.back().isEmpty());

        QList<QByteArray> leaves;
        QByteArray checkpointKey;
        QString origin;
        QByteArray rootKey;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            auto parsed = json::parse(std::string_view(line.constData(), size_t(line.size())));
            QVERIFY2(parsed.ok(), qPrintable(QStringLiteral("line %1").arg(i)));
            QVERIFY(json::isCanonical(std::string_view(line.constData(), size_t(line.size()))));
            const json::Value &v = parsed.value();
            QCOMPARE(v.toObject().size(), size_t(5));
            QCOMPARE(v.find("seq")->toInt(), int64_t(i));
            const int64_t at = v.find("sequenced_at")->toInt();
            const QByteArray entry = QByteArray::fromStdString(v.find("entry")->toString());
            const QByteArray sig
                = QByteArray::fromBase64(QByteArray::fromStdString(v.find("sig")->toString()),
                    QByteArray::AbortOnBase64DecodingErrors);
            const QByteArray authorKey
                = QByteArray::fromBase64(QByteArray::fromStdString(v.find("author_key")->toString()),
                    QByteArray::AbortOnBase64DecodingErrors);
            QCOMPARE(sig.size(), 64);
            QCOMPARE(authorKey.size(), 32);
            auto e = json::parse(std::string_view(entry.constData(), size_t(entry.size())));
            QVERIFY(e.ok());
            const std::string type = e->find("type")->toString();
            // The author is the key's id: hex of the first 16 bytes of SHA-256(raw key).
            QCOMPARE(
                q(e->find("author")->toString()), QString::fromLatin1(sha256(authorKey).left(16).toHex()));
            // The signature, over exactly the documented message.
            const QByteArray message
                = QByteArray("alliance-ledger/v1\n") + QByteArray::fromStdString(type) + '\n' + entry;
            auto key = crypto::PublicKey::fromRaw(authorKey);
            QVERIFY(key.ok());
            QVERIFY2(key->verify(message, sig), qPrintable(QStringLiteral("signature of line %1").arg(i)));
            QVERIFY(!key->verify(message + ' ', sig));
            // Entry id and leaf hash, recomputed from their definitions, match what the ledger stored.
            const QByteArray id = sha256(message + sig);
            QByteArray leafData(8, '\0');
            qToBigEndian(quint64(at), leafData.data());
            const QByteArray leaf = sha256(QByteArray(1, '\0') + leafData + id);
            auto rec = store->readLog(i);
            QVERIFY(rec.ok());
            QCOMPARE(rec->entryId, id);
            QCOMPARE(rec->leafHash, leaf);
            QCOMPARE(rec->sequencedAt, at);
            leaves.push_back(leaf);
            if (type == "alliance.genesis") {
                const json::Value &body = *e->find("body");
                rootKey
                    = QByteArray::fromBase64(QByteArray::fromStdString(body.find("root_key")->toString()));
                const json::Value *ck = body.find("checkpoint_key");
                checkpointKey
                    = ck ? QByteArray::fromBase64(QByteArray::fromStdString(ck->toString())) : rootKey;
                origin = QString::fromStdString(body.find("origin")->toString());
            }
            if (type == "registry.appointed")
                checkpointKey = QByteArray::fromBase64(
                    QByteArray::fromStdString(e->find("body")->find("checkpoint_key")->toString()));
        }
        QCOMPARE(rootKey.size(), 32);
        // The Merkle root, twice: the library's and one written from RFC 9162 here.
        const QByteArray root = merkle::rootOf(merkle::VectorLeafSource(leaves), quint64(leaves.size()));
        QCOMPARE(referenceRoot(leaves, 0, leaves.size()), root);
        // The checkpoint, opened with the key named in the genesis entry.
        QFile cpFile(out + QStringLiteral(".checkpoint"));
        QVERIFY(cpFile.open(QIODevice::ReadOnly));
        const QByteArray noteText = cpFile.readAll();
        auto cpKey = crypto::PublicKey::fromRaw(checkpointKey);
        QVERIFY(cpKey.ok());
        auto cp = note::openNote(noteText, origin, cpKey.value());
        QVERIFY2(cp.ok(), cp.ok() ? "" : qPrintable(cp.error().toString()));
        QCOMPARE(cp->origin, origin);
        QCOMPARE(qint64(cp->size), m_bigSize);
        QCOMPARE(cp->root, root);
        QVERIFY(noteText.startsWith(
            origin.toUtf8() + '\n' + QByteArray::number(m_bigSize) + '\n' + root.toBase64() + '\n'));
        // The .pub file is the genesis root key.
        QFile pub(out + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll(), rootKey.toBase64() + '\n');
    }

    void exportWithUncheckpointedTail()
    {
        // A checkpoint older than the log covers a prefix: the prefix's root must match it.
        ScratchDir dir;
        const QString path = copyOf(m_small->path(), dir);
        {
            auto store = openStore(path);
            QVERIFY(store);
            ManualClock clock(kT0 + 400 * kDay);
            auto seq = Sequencer::open(*store, clock); // no checkpoint signer: the tail stays unsigned
            QVERIFY(seq.ok());
            const crypto::PrivateKey root = testKey("root");
            Entry e { "sponsor.registered", keyIdOf(root), kT0 + 400 * kDay, std::string(32, 'c'),
                bodies::sponsor("late") };
            auto r = (*seq)->submit({ signEntry(e, root) });
            QVERIFY(r.ok() && r->front().accepted);
            auto report = verifyLedger(*store);
            QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));
            QCOMPARE(report->uncheckpointed, int64_t(1));
            const QString out = dir.file(QStringLiteral("x.jsonl"));
            auto exported = exportJsonl(*store, out);
            QVERIFY(exported.ok());
            QCOMPARE(exported->entries, m_smallSize + 1);
            QCOMPARE(exported->checkpointSize, m_smallSize);
            QFile cpFile(out + QStringLiteral(".checkpoint"));
            QVERIFY(cpFile.open(QIODevice::ReadOnly));
            auto cp = note::openNote(
                cpFile.readAll(), QStringLiteral("alliance.example/ledger"), root.publicKey());
            QVERIFY(cp.ok());
            QCOMPARE(cp->root, merkle::rootOf(*store->leafSource(), quint64(m_smallSize)));
            QVERIFY(cp->root != merkle::rootOf(*store->leafSource(), quint64(m_smallSize + 1)));
        }
    }

    // ---- tampering ----------------------------------------------------------------------------------------

    void tamperWithLogRows_data()
    {
        QTest::addColumn<int64_t>("seq");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("quickSees");
        const int64_t last = 99; // the small ledger has at least 100 entries
        for (int64_t seq :
            { int64_t(0), int64_t(1), int64_t(2), int64_t(5), int64_t(17), int64_t(31), int64_t(32),
                int64_t(33), int64_t(50), int64_t(63), int64_t(64), int64_t(77), int64_t(98), last }) {
            const auto row = [&](const char *column, const char *code, bool quick) {
                QTest::addRow("%s@%lld", column, qlonglong(seq))
                    << seq << QString::fromLatin1(column) << QString::fromLatin1(code) << quick;
            };
            row("entry", "entry_id_mismatch", true);
            row("sig", "entry_id_mismatch", true);
            row("leaf_hash", "leaf_hash_mismatch", true);
            row("entry_id", "entry_id_mismatch", true);
            row("sequenced_at", "leaf_hash_mismatch", true);
            row("type", "entry_id_mismatch", true);
            // Columns kept beside the signed bytes for queries: only the full check compares them.
            row("author", "column_mismatch", false);
            row("nonce", "column_mismatch", false);
            row("author_key", "bad_signature", false);
        }
    }
    void tamperWithLogRows()
    {
        QFETCH(int64_t, seq);
        QFETCH(QString, column);
        QFETCH(QString, code);
        QFETCH(bool, quickSees);
        ScratchDir dir;
        const QString path = copyOf(m_small->path(), dir);
        {
            sql::Database db = openConnection(path);
            if (column == QLatin1String("sequenced_at")) {
                auto st = db.prepare("UPDATE log SET sequenced_at = sequenced_at + 1 WHERE seq = ?");
                QVERIFY(st.ok());
                st->bind(1, seq);
                QVERIFY(st->exec().ok());
                QCOMPARE(db.changes(), 1);
            } else if (column == QLatin1String("author_key")) {
                // A valid key, but not the author's.
                exec(db, "UPDATE log SET author_key = ? WHERE seq = ?", testKey("mallory").publicKey().raw(),
                    seq);
            } else {
                const std::string select = "SELECT " + column.toStdString() + " FROM log WHERE seq = ?";
                const std::string update = "UPDATE log SET " + column.toStdString() + " = ? WHERE seq = ?";
                QByteArray value = blobAt(db, select.c_str(), seq);
                QVERIFY(!value.isEmpty());
                // One byte, somewhere in the middle; text columns stay valid lowercase text.
                const qsizetype at = value.size() / 2;
                value = flipped(value, at,
                    column == QLatin1String("type") || column == QLatin1String("author")
                            || column == QLatin1String("nonce")
                        ? 0x02
                        : 0x01);
                if (column == QLatin1String("type") || column == QLatin1String("author")
                    || column == QLatin1String("nonce")) {
                    auto st = db.prepare(update);
                    QVERIFY(st.ok());
                    st->bind(1, std::string_view(value.constData(), size_t(value.size()))).bind(2, seq);
                    QVERIFY(st->exec().ok());
                    QCOMPARE(db.changes(), 1);
                } else {
                    exec(db, update.c_str(), value, seq);
                }
            }
        }
        expectDefect(path, seq, code, quickSees);
    }

    void consistentForgeries()
    {
        // Tampering that recomputes everything it can without a private key is still caught: by the signature
        // in full mode, by the signed checkpoint in quick mode.
        const int64_t seq = 40;
        const int64_t nextCheckpoint = checkpointAtOrAfter(m_small->path(), seq + 1);
        QVERIFY(nextCheckpoint > seq);
        ScratchDir dir;
        {
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("sig.db"));
            {
                sql::Database db = openConnection(path);
                auto rec = readRow(db, seq);
                const QByteArray sig = flipped(rec.sig, 10);
                const QByteArray id = entryId(rec.type, rec.entry, sig);
                exec(db, "UPDATE log SET sig = ? WHERE seq = ?", sig, seq);
                exec(db, "UPDATE log SET entry_id = ? WHERE seq = ?", id, seq);
                exec(db, "UPDATE log SET leaf_hash = ? WHERE seq = ?",
                    merkle::entryLeafHash(rec.sequencedAt, id), seq);
            }
            expectFullDefect(path, seq, QStringLiteral("bad_signature"));
            expectQuickDefect(path, nextCheckpoint, QStringLiteral("checkpoint_mismatch"));
        }
        {
            // A later time (still before the next entry's), with the leaf hash recomputed: the signed
            // checkpoint no longer matches.
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("time.db"));
            int64_t s = -1;
            {
                sql::Database db = openConnection(path);
                auto st = db.prepare(
                    "SELECT a.seq FROM log a JOIN log b ON b.seq = a.seq + 1 "
                    "WHERE b.sequenced_at > a.sequenced_at + 1 AND a.seq >= 40 ORDER BY a.seq LIMIT 1");
                QVERIFY(st.ok() && st->step().value());
                s = st->int64(0);
                st = db.prepare("SELECT 1"); // finish the read before writing
                auto rec = readRow(db, s);
                const int64_t at = rec.sequencedAt + 1;
                auto up = db.prepare("UPDATE log SET sequenced_at = ?, leaf_hash = ? WHERE seq = ?");
                QVERIFY(up.ok());
                up->bind(1, at).bind(2, merkle::entryLeafHash(at, rec.entryId)).bind(3, s);
                QVERIFY(up->exec().ok());
                QCOMPARE(db.changes(), 1);
            }
            expectDefect(path, checkpointAtOrAfter(path, s + 1), QStringLiteral("checkpoint_mismatch"), true);
        }
        {
            // Two entries of one batch swapped: every row is internally consistent, the order is not.
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("swap.db"));
            const int64_t s = firstDependentPair(path);
            QVERIFY(s > 0);
            {
                sql::Database db = openConnection(path);
                QVERIFY(db.execScript("UPDATE log SET seq = -1 WHERE seq = " + std::to_string(s)
                              + ";"
                                "UPDATE log SET seq = "
                              + std::to_string(s) + " WHERE seq = " + std::to_string(s + 1)
                              + ";"
                                "UPDATE log SET seq = "
                              + std::to_string(s + 1) + " WHERE seq = -1;")
                            .ok());
            }
            expectFullDefect(path, s, QStringLiteral("rule_violation"));
            expectQuickDefect(path, checkpointAtOrAfter(path, s + 1), QStringLiteral("checkpoint_mismatch"));
        }
        {
            // A row removed.
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("gap.db"));
            {
                sql::Database db = openConnection(path);
                QVERIFY(db.execScript("DELETE FROM log WHERE seq = 57").ok());
            }
            expectDefect(path, 57, QStringLiteral("missing_entry"), true);
        }
        {
            // The last row removed: the newest checkpoint claims more than the log has.
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("short.db"));
            {
                sql::Database db = openConnection(path);
                QVERIFY(db.execScript("DELETE FROM log WHERE seq = " + std::to_string(m_smallSize - 1)).ok());
            }
            expectDefect(path, m_smallSize, QStringLiteral("checkpoint_mismatch"), true);
        }
        {
            // The stored Merkle frontier.
            const QString path = copyOf(m_small->path(), dir, QStringLiteral("frontier.db"));
            {
                sql::Database db = openConnection(path);
                auto st = db.prepare("SELECT value FROM meta WHERE key = 'merkle_frontier'");
                QVERIFY(st.ok() && st->step().ok());
                QByteArray frontier = st->blob(0);
                st = db.prepare("UPDATE meta SET value = ? WHERE key = 'merkle_frontier'");
                QVERIFY(st.ok());
                st->bind(1, flipped(frontier, frontier.size() - 1));
                QVERIFY(st->exec().ok());
            }
            expectDefect(path, m_smallSize, QStringLiteral("frontier_mismatch"), true);
        }
    }

    void tamperWithCheckpoints_data()
    {
        QTest::addColumn<int>("index"); // which checkpoint, in tree order
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("code");
        for (int index : { 0, 1, 7, 21, 22, 25, -1 }) {
            QTest::addRow("root@%d", index)
                << index << QStringLiteral("root") << QStringLiteral("checkpoint_mismatch");
            QTest::addRow("note size@%d", index)
                << index << QStringLiteral("note-size") << QStringLiteral("checkpoint_signature");
            QTest::addRow("note root@%d", index)
                << index << QStringLiteral("note-root") << QStringLiteral("checkpoint_signature");
            QTest::addRow("note sig@%d", index)
                << index << QStringLiteral("note-sig") << QStringLiteral("checkpoint_signature");
            QTest::addRow("note resigned@%d", index)
                << index << QStringLiteral("note-resigned") << QStringLiteral("checkpoint_signature");
        }
    }
    void tamperWithCheckpoints()
    {
        QFETCH(int, index);
        QFETCH(QString, what);
        QFETCH(QString, code);
        ScratchDir dir;
        const QString path = copyOf(m_small->path(), dir);
        int64_t treeSize = 0;
        {
            sql::Database db = openConnection(path);
            std::vector<int64_t> sizes;
            auto st = db.prepare("SELECT tree_size FROM checkpoints ORDER BY tree_size");
            QVERIFY(st.ok());
            while (st->step().value())
                sizes.push_back(st->int64(0));
            QVERIFY(sizes.size() > 26);
            treeSize = index < 0 ? sizes.back() : sizes[size_t(index)];
            const char *column = what == QLatin1String("root") ? "root" : "note";
            const std::string select
                = std::string("SELECT ") + column + " FROM checkpoints WHERE tree_size = ?";
            const std::string update
                = std::string("UPDATE checkpoints SET ") + column + " = ? WHERE tree_size = ?";
            QByteArray value = blobAt(db, select.c_str(), treeSize);
            if (what == QLatin1String("root")) {
                value = flipped(value, 5);
            } else if (what == QLatin1String("note-size")) {
                // The tree size line: another number, still a well-formed note.
                const qsizetype nl = value.indexOf('\n');
                const qsizetype nl2 = value.indexOf('\n', nl + 1);
                value.replace(nl + 1, nl2 - nl - 1, QByteArray::number(treeSize + 1));
            } else if (what == QLatin1String("note-root")) {
                const qsizetype nl = value.indexOf('\n', value.indexOf('\n') + 1);
                value = flipped(value, nl + 3, 0x20); // a letter's case in the base64 root
            } else if (what == QLatin1String("note-sig")) {
                value = flipped(value, value.size() - 10, 0x20);
            } else {
                // A note for another tree, properly signed, but by a key that is not the checkpoint key.
                note::Checkpoint cp;
                cp.origin = QStringLiteral("alliance.example/ledger");
                cp.size = quint64(treeSize);
                cp.root = blobAt(db, "SELECT root FROM checkpoints WHERE tree_size = ?", treeSize);
                value = note::signNote(cp, cp.origin, testKey("mallory"));
                QVERIFY(!value.isEmpty());
            }
            exec(db, update.c_str(), value, treeSize);
        }
        expectDefect(path, treeSize, code, true);
    }

    void tamperWithProjections_data()
    {
        QTest::addColumn<QString>("sqlText");
        QTest::newRow("pool balance")
            << QStringLiteral("UPDATE balances SET amount = amount + 1 WHERE account = 'pool:nipa-b200'");
        QTest::newRow("balance moved between accounts")
            << QStringLiteral("UPDATE balances SET amount = amount - 5 WHERE account = 'consumed' AND "
                              "resource = 'naver-cloud/b200';"
                              "UPDATE balances SET amount = amount + 5 WHERE account = 'expired' AND "
                              "resource = 'naver-cloud/b200'");
        QTest::newRow("grant consumed")
            << QStringLiteral("UPDATE grants SET consumed = consumed + 1000 WHERE id = 'g-app-1'");
        QTest::newRow("grant status")
            << QStringLiteral("UPDATE grants SET status = 'active' WHERE status = 'expired'");
        QTest::newRow("application stage")
            << QStringLiteral("UPDATE applications SET stage = 'approved' WHERE stage = 'rejected'");
        QTest::newRow("review score") << QStringLiteral("UPDATE applications SET reviews = replace(reviews, "
                                                        "'\"tech\":17', '\"tech\":18') WHERE id = 'app-1'");
        QTest::newRow("member role") << QStringLiteral(
            "UPDATE members SET role = 'admin' WHERE name = 'auditor-kang'");
        QTest::newRow("member revoked flag")
            << QStringLiteral("UPDATE members SET revoked = 1 WHERE name = 'pm-park'");
        QTest::newRow("extra startup")
            << QStringLiteral("INSERT INTO startups VALUES('ghost', 'Ghost', '1208147521', 'other')");
        QTest::newRow("pool closed flag")
            << QStringLiteral("UPDATE pools SET closed = 0 WHERE id = 'kvc-h100'");
        QTest::newRow("movement amount") << QStringLiteral(
            "UPDATE movements SET amount = amount + 1 WHERE rowid = (SELECT max(rowid) FROM movements)");
        QTest::newRow("movement deleted")
            << QStringLiteral("DELETE FROM movements WHERE rowid = (SELECT min(rowid) FROM movements)");
        QTest::newRow("projection size")
            << QStringLiteral("UPDATE meta SET value = CAST('7' AS BLOB) WHERE key = 'projection_size'");
        // The usage keys the sequencer's duplicate check reads: a lost one would let a usage be counted
        // twice.
        QTest::newRow("usage key deleted")
            << QStringLiteral("DELETE FROM usages WHERE key = (SELECT min(key) FROM usages)");
        QTest::newRow("usage key changed")
            << QStringLiteral("UPDATE usages SET key = key || 'x' WHERE key = (SELECT max(key) FROM usages)");
        QTest::newRow("extra usage key")
            << QStringLiteral("INSERT INTO usages VALUES('g-app-1' || char(10) || 'ghost')");
    }
    void tamperWithProjections()
    {
        QFETCH(QString, sqlText);
        ScratchDir dir;
        const QString path = copyOf(m_big->path(), dir);
        {
            sql::Database db = openConnection(path);
            QVERIFY(db.execScript(sqlText.toStdString()).ok());
            QVERIFY(db.changes() >= 1);
        }
        auto store = openStore(path);
        QVERIFY(store);
        const auto logBefore = tableRows(store->db(), QStringLiteral("log"));
        auto report = verifyLedger(*store);
        QVERIFY(report.ok());
        QVERIFY2(!report->ok, "a changed projection went unnoticed");
        QCOMPARE(report->code, QStringLiteral("projection_mismatch"));
        QCOMPARE(report->firstBadSeq, m_bigSize);
        // Quick mode does not look at projections.
        VerifyOptions quick;
        quick.quick = true;
        auto quickReport = verifyLedger(*store, quick);
        QVERIFY2(quickReport.ok() && quickReport->ok, qPrintable(describe(quickReport)));
        // Rebuild repairs it, without touching the log.
        auto rebuilt = rebuildProjections(*store);
        QVERIFY2(rebuilt.ok(), rebuilt.ok() ? "" : qPrintable(rebuilt.error().toString()));
        report = verifyLedger(*store);
        QVERIFY2(report.ok() && report->ok, qPrintable(describe(report)));
        QCOMPARE(tableRows(store->db(), QStringLiteral("log")), logBefore);
    }

    void rebuildRefusesADamagedLog()
    {
        ScratchDir dir;
        const QString path = copyOf(m_small->path(), dir);
        {
            sql::Database db = openConnection(path);
            // Swap two dependent entries: each is fine alone, the order breaks the rules.
            const int64_t s = firstDependentPair(path);
            QVERIFY(db.execScript("UPDATE log SET seq = -1 WHERE seq = " + std::to_string(s)
                          + ";"
                            "UPDATE log SET seq = "
                          + std::to_string(s) + " WHERE seq = " + std::to_string(s + 1)
                          + ";"
                            "UPDATE log SET seq = "
                          + std::to_string(s + 1) + " WHERE seq = -1;")
                        .ok());
        }
        auto store = openStore(path);
        QVERIFY(store);
        const auto before = tableDigests(store->db());
        auto rebuilt = rebuildProjections(*store);
        QVERIFY(!rebuilt.ok());
        QCOMPARE(rebuilt.error().code, QStringLiteral("rule_violation"));
        QCOMPARE(tableDigests(store->db()), before); // nothing changed
    }

private:
    static QString copyOf(
        const QString &pristine, ScratchDir &dir, const QString &name = QStringLiteral("copy.db"))
    {
        const QString path = dir.file(name);
        if (!QFile::copy(pristine, path))
            qFatal("cannot copy %s", qPrintable(pristine));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    static std::unique_ptr<store::LedgerStore> openStore(const QString &path)
    {
        auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        if (!store) {
            QTest::qFail(qPrintable(store.error().toString()), __FILE__, __LINE__);
            return nullptr;
        }
        return std::move(store.value());
    }

    static store::LogRecord readRow(sql::Database &db, int64_t seq)
    {
        store::LogRecord r;
        auto st = db.prepare("SELECT sequenced_at, entry_id, type, entry, sig FROM log WHERE seq = ?");
        if (!st)
            return r;
        st->bind(1, seq);
        if (!st->step().value())
            return r;
        r.seq = seq;
        r.sequencedAt = st->int64(0);
        r.entryId = st->blob(1);
        r.type = std::string(st->textView(2));
        r.entry = st->blob(3);
        r.sig = st->blob(4);
        return r;
    }

    // The smallest checkpoint tree size >= size.
    static int64_t checkpointAtOrAfter(const QString &path, int64_t size)
    {
        sql::Database db = openConnection(path);
        auto st = db.prepare("SELECT min(tree_size) FROM checkpoints WHERE tree_size >= ?");
        if (!st)
            return -1;
        st->bind(1, size);
        return st->step().value() && !st->isNull(0) ? st->int64(0) : -1;
    }

    // A position s where entries s and s + 1 have the same time and s + 1 depends on s (a member's enrolment
    // and that member's first entry): swapping them breaks the rules but no single row.
    static int64_t firstDependentPair(const QString &path)
    {
        sql::Database db = openConnection(path);
        auto st = db.prepare(
            "SELECT a.seq FROM log a JOIN log b ON b.seq = a.seq + 1 AND b.sequenced_at = a.sequenced_at "
            "WHERE a.type = 'startup.registered' AND b.type = 'member.enrolled' "
            "AND json_extract(CAST(a.entry AS TEXT), '$.body.startup') "
            "  = json_extract(CAST(b.entry AS TEXT), '$.body.startup') ORDER BY a.seq LIMIT 1");
        if (!st)
            return -1;
        return st->step().value() ? st->int64(0) : -1;
    }

    // Full verify finds `code` at `seq`; quick verify finds the same (quickSees) or nothing at all.
    static void expectDefect(const QString &path, int64_t seq, const QString &code, bool quickSees)
    {
        expectFullDefect(path, seq, code);
        auto store = openStore(path);
        QVERIFY(store);
        VerifyOptions quick;
        quick.quick = true;
        auto report = verifyLedger(*store, quick);
        QVERIFY2(report.ok(), qPrintable(describe(report)));
        if (quickSees) {
            QVERIFY2(!report->ok, "quick verify did not notice");
            QCOMPARE(report->code, code);
            QCOMPARE(report->firstBadSeq, seq);
        } else {
            // Documented limit: quick mode checks hashes, not signatures or the query columns.
            QVERIFY2(report->ok, qPrintable(describe(report)));
        }
    }

    static void expectFullDefect(const QString &path, int64_t seq, const QString &code)
    {
        auto store = openStore(path);
        QVERIFY(store);
        auto full = verifyLedger(*store);
        QVERIFY2(full.ok(), qPrintable(describe(full)));
        QVERIFY2(!full->ok, "full verify did not notice");
        QCOMPARE(full->code, code);
        QCOMPARE(full->firstBadSeq, seq);
        QVERIFY(!full->problem.isEmpty());
    }

    static void expectQuickDefect(const QString &path, int64_t seq, const QString &code)
    {
        auto store = openStore(path);
        QVERIFY(store);
        VerifyOptions quick;
        quick.quick = true;
        auto report = verifyLedger(*store, quick);
        QVERIFY2(report.ok() && !report->ok, qPrintable(describe(report)));
        QCOMPARE(report->code, code);
        QCOMPARE(report->firstBadSeq, seq);
    }

    std::unique_ptr<LedgerFixture> m_big, m_small;
    int64_t m_bigSize = 0, m_smallSize = 0;
    State m_bigState;
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
