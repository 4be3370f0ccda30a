// The sequencer (ledger/engine/sequencer.h) on real ledger files: batches are one transaction with receipts
// in order, resubmission is idempotent, nonces are single-use, signatures and canonical bytes are checked,
// checkpoints follow every batch, time never runs backwards in the log, a reopened ledger is the same
// ledger, and a storage failure in the middle of a batch leaves nothing behind.

#include "ledger/engine/statediff.h"
#include "ledger/engine/verifier.h"
#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "support/ledgerfixture.h"

#include <QTest>

#include <sqlite3.h>

using namespace ledger;
using namespace testsupport;

namespace {

// Counts the commits on a connection while it lives (sqlite3_commit_hook on the real connection).
class CommitCounter
{
public:
    explicit CommitCounter(sql::Database &db)
        : m_db(db.handle())
    {
        sqlite3_commit_hook(m_db, &CommitCounter::hook, this);
    }
    ~CommitCounter() { sqlite3_commit_hook(m_db, nullptr, nullptr); }
    int commits = 0;

private:
    static int hook(void *self)
    {
        ++static_cast<CommitCounter *>(self)->commits;
        return 0;
    }
    sqlite3 *m_db;
};

// A second, independent connection to the same file, as another process would have.
sql::Database secondConnection(const QString &path)
{
    auto db = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    if (!db)
        qFatal("cannot open a second connection: %s", qPrintable(db.error().toString()));
    return std::move(db.value());
}

QByteArray replaceOnce(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = bytes.indexOf(from);
    Q_ASSERT(at >= 0);
    return bytes.replace(at, from.size(), to);
}

// Re-signs hand-made bytes as `key` (for entries whose bytes the codec would never produce).
SignedEntry signBytes(const crypto::PrivateKey &key, const std::string &type, const QByteArray &bytes)
{
    SignedEntry s;
    s.bytes = bytes;
    s.type = type;
    s.authorKey = key.publicKey();
    s.signature = key.sign(signedMessage(type, bytes));
    return s;
}

int64_t checkpointCount(LedgerFixture &f)
{
    auto cps = f.store().checkpoints();
    return cps ? int64_t(cps->size()) : -1;
}

} // namespace

class TestSequencer : public QObject
{
    Q_OBJECT

private slots:
    void batchIsOneTransactionWithReceiptsInOrder()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = testKey("pm");
        const int64_t before = f.logSize();
        const int64_t checkpointsBefore = checkpointCount(f);
        std::vector<SignedEntry> batch {
            f.sign(f.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm")),
            f.sign(pm, "sponsor.registered", bodies::sponsor("nipa")), // pm is enrolled by the entry before
            f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa")), // rejected: exists by now
            f.sign(testKey("stranger"), "sponsor.registered",
                bodies::sponsor("kvc")), // rejected: unknown author
            f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc", "vc")),
        };
        CommitCounter commits(f.store().db());
        const auto receipts = f.submit(batch);
        QCOMPARE(commits.commits, 1);
        QCOMPARE(receipts.size(), size_t(5));
        const bool accepted[] = { true, true, false, false, true };
        const int64_t seqs[] = { before, before + 1, -1, -1, before + 2 };
        for (size_t i = 0; i < receipts.size(); ++i) {
            QCOMPARE(receipts[i].accepted, accepted[i]);
            QCOMPARE(receipts[i].seq, seqs[i]);
            QCOMPARE(receipts[i].entryId, batch[i].id());
            QVERIFY(!receipts[i].duplicate);
        }
        QCOMPARE(receipts[2].rejection.code, QStringLiteral("already_exists"));
        QCOMPARE(receipts[3].rejection.code, QStringLiteral("unknown_author"));
        QCOMPARE(receipts[1].sequencedAt, kT0);
        QCOMPARE(f.logSize(), before + 3);
        // The log holds exactly the accepted entries, in order, with their exact bytes.
        for (int i : { 0, 1, 4 }) {
            auto rec = f.store().readLog(receipts[size_t(i)].seq);
            QVERIFY(rec.ok());
            QCOMPARE(rec->entry, batch[size_t(i)].bytes);
            QCOMPARE(rec->sig, batch[size_t(i)].signature);
            QCOMPARE(rec->entryId, batch[size_t(i)].id());
        }
        // One checkpoint for the batch, at its end.
        QCOMPARE(checkpointCount(f), checkpointsBefore + 1);
        auto latest = f.store().latestCheckpoint();
        QVERIFY(latest.ok() && latest->has_value());
        QCOMPARE((*latest)->treeSize, before + 3);
    }

    void batchEqualsOneByOne()
    {
        // The same entries, as one batch or one at a time, give the same log and the same projections.
        LedgerFixture a;
        LedgerFixture b;
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = testKey("pm");
        std::vector<SignedEntry> batch {
            a.sign(a.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm")),
            a.sign(pm, "sponsor.registered", bodies::sponsor("nipa")),
            a.sign(pm, "programme.created", bodies::programme("p", kT0, kT0 + kDay, 0, 1)),
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "naver-cloud/b200", 5000, kT0 + kDay)),
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "kt-cloud/h100", 5000, kT0 + kDay)), // mismatch
            a.sign(pm, "pool.pledged",
                bodies::pledge("pool", "nipa", "p", "naver-cloud/b200", 7000, kT0 + kDay)),
        };
        const auto together = a.submit(batch);
        std::vector<Receipt> single;
        for (const SignedEntry &e : batch)
            single.push_back(b.recordSigned(e));
        QCOMPARE(together.size(), single.size());
        for (size_t i = 0; i < single.size(); ++i) {
            QCOMPARE(together[i].accepted, single[i].accepted);
            QCOMPARE(together[i].seq, single[i].seq);
            QCOMPARE(together[i].rejection.code, single[i].rejection.code);
        }
        QCOMPARE(together[4].rejection.code, QStringLiteral("pool_mismatch"));
        QCOMPARE(firstDifference(a.state(), b.state()), QString());
        QCOMPARE(a.state().balance("pool:pool", "naver-cloud/b200"), int64_t(12000));
        for (const char *table :
            { "log", "members", "sponsors", "programmes", "pools", "balances", "movements" })
            QCOMPARE(tableRows(a.store().db(), QLatin1String(table)),
                tableRows(b.store().db(), QLatin1String(table)));
    }

    void rejectedEntryDoesNotUseUpItsNonce()
    {
        // A rejected entry never reaches the log, so its nonce is still free: whether the next entry with
        // that nonce comes in the same batch or the next one must not matter.
        LedgerFixture a;
        LedgerFixture b;
        LF_STOP_IF_FAILED();
        const std::string nonce(32, '7');
        const SignedEntry rejected = a.sign(a.root, "pool.closed", bodies::closePool("none"), kT0, nonce);
        const SignedEntry valid = a.sign(a.root, "sponsor.registered", bodies::sponsor("nipa"), kT0, nonce);
        const auto sameBatch = a.submit({ rejected, valid });
        QCOMPARE(sameBatch.size(), size_t(2));
        QCOMPARE(sameBatch[0].rejection.code, QStringLiteral("unknown_object"));
        const Receipt first = b.recordSigned(rejected);
        const Receipt second = b.recordSigned(valid);
        QCOMPARE(first.rejection.code, QStringLiteral("unknown_object"));
        QVERIFY2(second.accepted, qPrintable(second.rejection.toString()));
        QVERIFY2(sameBatch[1].accepted, qPrintable(sameBatch[1].rejection.toString()));
        QCOMPARE(sameBatch[1].seq, second.seq);
    }

    // makeNonce: 32 lowercase hex digits whose first 12 are the time in milliseconds, so that one author's
    // nonces sort in the order they were made, followed by random ones.
    void noncesAreHexAndSortByTime()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const std::string a = makeNonce();
        QTest::qWait(3);
        const std::string b = makeNonce();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        for (const std::string &n : { a, b }) {
            QCOMPARE(n.size(), size_t(32));
            QVERIFY2(std::all_of(n.begin(), n.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }),
                n.c_str());
        }
        bool ok = false;
        const qint64 at = QByteArray::fromStdString(a.substr(0, 12)).toLongLong(&ok, 16);
        QVERIFY(ok);
        QVERIFY(at >= before && at <= after);
        QVERIFY(a < b);
        QVERIFY(makeNonce().substr(12) != makeNonce().substr(12)); // the random part
    }

    void resubmissionIsIdempotent()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const SignedEntry e = f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        const Receipt original = f.recordSigned(e);
        QVERIFY(original.accepted);
        const int64_t size = f.logSize();
        const int64_t checkpoints = checkpointCount(f);
        f.clock.advance(kHour);
        const Receipt again = f.recordSigned(e);
        QVERIFY(again.accepted);
        QVERIFY(again.duplicate);
        QCOMPARE(again.seq, original.seq);
        QCOMPARE(again.sequencedAt, original.sequencedAt);
        QCOMPARE(again.entryId, original.entryId);
        QCOMPARE(f.logSize(), size);
        QCOMPARE(checkpointCount(f), checkpoints); // nothing new to sign
        // Twice in one batch, and once more after a restart.
        const SignedEntry e2 = f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc", "vc"));
        const auto receipts = f.submit({ e2, e, e2 });
        QCOMPARE(receipts.size(), size_t(3));
        QVERIFY(receipts[0].accepted && !receipts[0].duplicate);
        QVERIFY(receipts[1].duplicate);
        QCOMPARE(receipts[1].seq, original.seq);
        QVERIFY(receipts[2].duplicate);
        QCOMPARE(receipts[2].seq, receipts[0].seq);
        QCOMPARE(f.logSize(), size + 1);
        QVERIFY(f.reopen());
        const Receipt afterRestart = f.recordSigned(e2);
        QVERIFY(afterRestart.duplicate);
        QCOMPARE(afterRestart.seq, receipts[0].seq);
        QCOMPARE(f.logSize(), size + 1);
    }

    void rejectionsAreNotRemembered()
    {
        // A rejected entry is judged again when it comes back: the state may have changed meanwhile.
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = testKey("pm");
        const SignedEntry early = f.sign(pm, "sponsor.registered", bodies::sponsor("nipa"));
        const Receipt r1 = f.recordSigned(early);
        QCOMPARE(r1.rejection.code, QStringLiteral("unknown_author"));
        f.mustRecord(f.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm"));
        const Receipt r2 = f.recordSigned(early);
        QVERIFY2(r2.accepted, qPrintable(r2.rejection.toString()));
        QVERIFY(!r2.duplicate);
    }

    void duplicateNonce()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const std::string nonce(32, 'a');
        QVERIFY(f.recordSigned(f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"), kT0, nonce))
                    .accepted);
        const int64_t size = f.logSize();
        // Same author and nonce, other content: refused.
        Receipt r = f.recordSigned(f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc"), kT0, nonce));
        QVERIFY(!r.accepted);
        QCOMPARE(r.rejection.code, QStringLiteral("duplicate_nonce"));
        r = f.recordSigned(f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"), kT0 + 1, nonce));
        QCOMPARE(r.rejection.code, QStringLiteral("duplicate_nonce"));
        QCOMPARE(f.logSize(), size);
        // Within one batch.
        const std::string nonce2(32, 'b');
        const auto receipts
            = f.submit({ f.sign(f.root, "sponsor.registered", bodies::sponsor("s1"), kT0, nonce2),
                f.sign(f.root, "sponsor.registered", bodies::sponsor("s2"), kT0, nonce2) });
        QCOMPARE(receipts.size(), size_t(2));
        QVERIFY(receipts[0].accepted);
        QVERIFY(!receipts[1].accepted);
        QCOMPARE(receipts[1].rejection.code, QStringLiteral("duplicate_nonce"));
        QVERIFY(!f.state().sponsors.count("s2"));
        // Another author may use the same nonce.
        const crypto::PrivateKey pm = f.enrol(Role::ProgrammeManager, "pm");
        r = f.recordSigned(f.sign(pm, "sponsor.registered", bodies::sponsor("s3"), kT0, nonce));
        QVERIFY2(r.accepted, qPrintable(r.rejection.toString()));
        // And after a restart the nonce is still taken.
        QVERIFY(f.reopen());
        r = f.recordSigned(f.sign(f.root, "sponsor.registered", bodies::sponsor("s4"), kT0, nonce));
        QCOMPARE(r.rejection.code, QStringLiteral("duplicate_nonce"));
    }

    void badSignatures()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const SignedEntry good = f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        const auto expectRejected = [&](const SignedEntry &s, const char *code) {
            const int64_t size = f.logSize();
            const Receipt r = f.recordSigned(s);
            QVERIFY2(!r.accepted, code);
            QCOMPARE(r.rejection.code, QString::fromLatin1(code));
            QCOMPARE(r.seq, int64_t(-1));
            QCOMPARE(f.logSize(), size);
        };
        // Each byte of the signature matters.
        for (int i : { 0, 1, 31, 32, 63 }) {
            SignedEntry s = good;
            s.signature[i] = char(s.signature[i] ^ 0x01);
            expectRejected(s, "bad_signature");
            LF_STOP_IF_FAILED();
        }
        {
            SignedEntry s = good;
            s.signature.chop(1);
            expectRejected(s, "bad_signature");
            s.signature.clear();
            expectRejected(s, "bad_signature");
        }
        // A changed entry (still valid canonical JSON) no longer matches its signature.
        {
            SignedEntry s = good;
            s.bytes = replaceOnce(s.bytes, "\"nipa\"", "\"nipb\"");
            expectRejected(s, "bad_signature");
            s = good;
            s.bytes = replaceOnce(
                s.bytes, QByteArray::number(qlonglong(kT0)), QByteArray::number(qlonglong(kT0 + 1)));
            expectRejected(s, "bad_signature");
        }
        // The signature of another key, presented with the author's key.
        {
            SignedEntry s = good;
            s.signature = testKey("other").sign(signedMessage(s.type, s.bytes));
            expectRejected(s, "bad_signature");
        }
        // The right signature but another key presented as the author's.
        {
            SignedEntry s = good;
            s.authorKey = testKey("other").publicKey();
            expectRejected(s, "bad_signature");
            s.authorKey = crypto::PublicKey();
            expectRejected(s, "bad_signature");
        }
        // An entry signed by one key that names another as its author.
        {
            Entry e;
            e.type = "sponsor.registered";
            e.author = keyIdOf(f.root);
            e.createdAt = kT0;
            e.nonce = f.nextNonce();
            e.body = bodies::sponsor("nipa");
            SignedEntry s = signEntry(e, testKey("mallory"));
            expectRejected(s, "bad_signature");
        }
        // The signature covers the type: the same bytes signed for another type are refused.
        {
            SignedEntry s = good;
            s.signature = f.root.sign(signedMessage("sponsor.registere", s.bytes));
            expectRejected(s, "bad_signature");
            s = good;
            s.type = "pool.closed";
            expectRejected(s, "invalid_entry");
        }
        // Every single-byte corruption of the entry bytes is refused, with some reason.
        for (qsizetype i = 0; i < good.bytes.size(); i += 7) {
            SignedEntry s = good;
            s.bytes[i] = char(s.bytes[i] ^ 0x20);
            const Receipt r = f.recordSigned(s);
            QVERIFY2(!r.accepted, qPrintable(QStringLiteral("byte %1 accepted").arg(i)));
            QVERIFY2(QStringList({ QStringLiteral("bad_signature"), QStringLiteral("invalid_json"),
                                     QStringLiteral("invalid_entry"), QStringLiteral("non_canonical") })
                         .contains(r.rejection.code),
                qPrintable(r.rejection.toString()));
        }
        QVERIFY(f.recordSigned(good).accepted);
    }

    void nonCanonicalBytes()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const SignedEntry good = f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        const QByteArray canonical = good.bytes;
        const std::vector<QByteArray> variants = {
            replaceOnce(canonical, "{", "{ "), // whitespace
            canonical + "\n", // trailing newline
            replaceOnce(canonical, "\"nipa\"", "\"\\u006eipa\""), // needless escape
            // Members out of order: "type" moved first.
            "{\"type\":\"sponsor.registered\","
                + replaceOnce(canonical, ",\"type\":\"sponsor.registered\"", "").mid(1),
        };
        for (const QByteArray &bytes : variants) {
            const Receipt r = f.recordSigned(signBytes(f.root, "sponsor.registered", bytes));
            QVERIFY2(!r.accepted, bytes.constData());
            QCOMPARE(r.rejection.code, QStringLiteral("non_canonical"));
        }
        QCOMPARE(f.logSize(), int64_t(1));
        QVERIFY(f.recordSigned(good).accepted);
    }

    void checkpointsFollowEveryBatch()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        const crypto::PublicKey rootPub = f.root.publicKey();
        const QString origin = QStringLiteral("alliance.example/ledger");
        for (int batchSize : { 1, 3, 5, 2 }) {
            std::vector<SignedEntry> batch;
            for (int i = 0; i < batchSize; ++i)
                batch.push_back(
                    f.sign(f.root, "sponsor.registered", bodies::sponsor("s-" + f.nextNonce().substr(24))));
            f.clock.advance(kSecond);
            const auto receipts = f.submit(batch);
            QCOMPARE(receipts.size(), size_t(batchSize));
            auto latest = f.store().latestCheckpoint();
            QVERIFY(latest.ok() && latest->has_value());
            const store::CheckpointRecord &cp = **latest;
            const int64_t size = f.logSize();
            QCOMPARE(cp.treeSize, size);
            const QByteArray root = merkle::rootOf(*f.store().leafSource(), quint64(size));
            QCOMPARE(cp.root, root);
            QCOMPARE(cp.signedAt, f.clock.nowMs());
            auto opened = note::openNote(cp.note, origin, rootPub);
            QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toString()));
            QCOMPARE(opened->origin, origin);
            QCOMPARE(qint64(opened->size), size);
            QCOMPARE(opened->root, root);
            // Another key does not open it.
            QVERIFY(!note::openNote(cp.note, origin, testKey("other").publicKey()).ok());
        }
        QCOMPARE(checkpointCount(f), int64_t(5)); // genesis + four batches
        // A batch of rejections only (or an empty batch) signs nothing new.
        f.submit({ f.sign(testKey("stranger"), "sponsor.registered", bodies::sponsor("x")) });
        f.submit({});
        QCOMPARE(checkpointCount(f), int64_t(5));
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok() && report->ok);
        QCOMPARE(report->checkpoints, int64_t(5));
        QCOMPARE(report->uncheckpointed, int64_t(0));
    }

    void checkpointSigner()
    {
        auto o = LedgerFixture::Options {};
        o.checkpoints = false;
        LedgerFixture f(o);
        LF_STOP_IF_FAILED();
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        QCOMPARE(checkpointCount(f), int64_t(0));
        QVERIFY(!f.sequencer().canCheckpoint());
        auto r = f.sequencer().checkpoint();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("not_authorised"));
        auto wrong = f.sequencer().setCheckpointSigner(testKey("other"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, QStringLiteral("not_authorised"));
        QVERIFY(!f.sequencer().canCheckpoint());
        QVERIFY(f.sequencer().setCheckpointSigner(f.root).ok());
        QVERIFY(f.sequencer().checkpoint().ok());
        QCOMPARE(checkpointCount(f), int64_t(1));
        QVERIFY(f.sequencer().checkpoint().ok()); // nothing new: no second checkpoint of the same tree
        QCOMPARE(checkpointCount(f), int64_t(1));
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));

        // An appointed registry takes over: the root key stops signing, the registry's key continues the
        // same tree, and verify follows the hand-over.
        const crypto::PrivateKey registry = testKey("registry");
        f.mustRecord(f.root, "registry.appointed", bodies::appointRegistry(registry));
        // The key is checked after the batch: the appointment itself is first covered by the registry.
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("kvc"));
        QCOMPARE(f.store().latestCheckpoint()->value().treeSize, int64_t(2));
        QVERIFY(!f.sequencer().setCheckpointSigner(f.root).ok());
        QVERIFY(f.sequencer().setCheckpointSigner(registry).ok());
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("kt"));
        const store::CheckpointRecord cp = f.store().latestCheckpoint()->value();
        QCOMPARE(cp.treeSize, int64_t(5));
        QVERIFY(
            note::openNote(cp.note, QStringLiteral("alliance.example/ledger"), registry.publicKey()).ok());
        QVERIFY(!note::openNote(cp.note, QStringLiteral("alliance.example/ledger"), f.root.publicKey()).ok());
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
        QCOMPARE(report->checkpoints, int64_t(2));
    }

    void sequencedAtIsMonotonic()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        f.clock.set(kT0 + kHour);
        const Receipt a = f.record(f.root, "sponsor.registered", bodies::sponsor("a"));
        f.clock.set(kT0 + kMinute); // the computer's clock goes back
        const Receipt b = f.record(f.root, "sponsor.registered", bodies::sponsor("b"));
        const auto batch = f.submit({ f.sign(f.root, "sponsor.registered", bodies::sponsor("c")),
            f.sign(f.root, "sponsor.registered", bodies::sponsor("d")) });
        f.clock.set(kT0 + 2 * kHour);
        const Receipt e = f.record(f.root, "sponsor.registered", bodies::sponsor("e"));
        QCOMPARE(a.sequencedAt, kT0 + kHour);
        QCOMPARE(b.sequencedAt, kT0 + kHour);
        QCOMPARE(batch[0].sequencedAt, kT0 + kHour);
        QCOMPARE(batch[1].sequencedAt, kT0 + kHour);
        QCOMPARE(e.sequencedAt, kT0 + 2 * kHour);
        QCOMPARE(f.state().lastAt, kT0 + 2 * kHour);
        // Also across a restart, and the time rules use the sequenced time, not the clock.
        QVERIFY(f.reopen());
        f.clock.set(kT0);
        const Receipt g = f.record(f.root, "sponsor.registered", bodies::sponsor("g"));
        QCOMPARE(g.sequencedAt, kT0 + 2 * kHour);
        int64_t previous = 0;
        auto scanned = f.store().scanLog(0, f.logSize(), [&](const store::LogView &v) {
            if (v.sequencedAt < previous)
                return false;
            previous = v.sequencedAt;
            return true;
        });
        QVERIFY(scanned.ok());
        QCOMPARE(previous, kT0 + 2 * kHour);
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok() && report->ok);
    }

    void reopenGivesIdenticalState()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardApplication("app-2", w.startup2, 700'000);
        f.standardGrant(
            "g-1", w.application, { { 100'000, now }, { 200'000, now + 10 * kDay } }, now + 90 * kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 30'000, now, now));
        // A pending grant and a pending clawback stay pending across the restart.
        const Receipt pendingGrant = f.mustRecord(w.pm, "grant.created",
            bodies::grant("g-2", "app-2", w.pool, { { 700'000, now } }, now + kDay),
            Outcome::PendingApproval);
        f.mustRecord(w.pm, "application.submitted",
            bodies::application("app-3", w.startup, w.programme, w.resource, 5));
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer2) }));
        f.mustRecord(w.reviewer2, "application.reviewed", bodies::conflict("app-3"));
        LF_STOP_IF_FAILED();
        const State before = f.state();
        const auto tables = tableDigests(f.store().db());
        QVERIFY(f.reopen());
        QCOMPARE(firstDifference(before, f.state()), QString());
        QCOMPARE(firstDifference(f.state(), before), QString());
        QCOMPARE(tableDigests(f.store().db()), tables);
        QCOMPARE(f.state().size, before.size);
        QCOMPARE(f.state().lastAt, before.lastAt);
        QCOMPARE(f.state().pending.size(), size_t(1));
        // The details firstDifference looks at too: scores in rubric order, tranche flags, approvers.
        const Application &a = f.state().applications.at(w.application);
        QCOMPARE(a.reviews.size(), size_t(1));
        QCOMPARE(a.reviews[0].scores,
            (std::vector<std::pair<std::string, int64_t>> {
                { "team", 8 }, { "market", 6 }, { "tech", 17 } }));
        QVERIFY(f.state().applications.at("app-3").reviews.at(0).conflict);
        // Appending continues where it left off; the approval completes after the restart.
        const Receipt approval = f.mustRecord(
            w.pm2, "approval", bodies::approval(pendingGrant.entryId), Outcome::ApprovedAndApplied);
        QCOMPARE(approval.seq, before.size);
        QCOMPARE(f.state().balance("grant:g-2", w.resource), int64_t(700'000));
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
    }

    void openRefusesStaleProjectionsAndReadOnlyFiles()
    {
        QString path;
        ScratchDir keep;
        {
            LedgerFixture f;
            f.buildStandard();
            LF_STOP_IF_FAILED();
            path = keep.file(QStringLiteral("copy.db"));
            f.close();
            QVERIFY(QFile::copy(f.path(), path));
        }
        {
            auto ro = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadOnly);
            QVERIFY(ro.ok());
            ManualClock clock(kT0);
            auto seq = Sequencer::open(*ro.value(), clock);
            QVERIFY(!seq.ok());
            QCOMPARE(seq.error().code, QStringLiteral("database_readonly"));
        }
        {
            sql::Database db = secondConnection(path);
            QVERIFY(db.execScript("UPDATE meta SET value = CAST('5' AS BLOB) WHERE key = 'projection_size'")
                        .ok());
        }
        auto rw = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
        QVERIFY(rw.ok());
        ManualClock clock(kT0);
        auto seq = Sequencer::open(*rw.value(), clock);
        QVERIFY(!seq.ok());
        QCOMPARE(seq.error().code, QStringLiteral("projections_stale"));
    }

    // ---- storage failures ---------------------------------------------------------------------------------

    void storageFailureMidBatch_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::addColumn<QString>("code");
        // Each trigger makes one real write of the batch fail inside SQLite, at a different stage.
        QTest::newRow("third log row") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON log WHEN NEW.seq = %1 + 2 BEGIN SELECT RAISE(ABORT, "
            "'injected'); END") << QStringLiteral("constraint");
        QTest::newRow("first log row") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON log WHEN NEW.seq = %1 BEGIN SELECT RAISE(ABORT, "
            "'injected'); END") << QStringLiteral("constraint");
        QTest::newRow("projections") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON sponsors BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                     << QStringLiteral("constraint");
        QTest::newRow("movements") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON movements BEGIN SELECT RAISE(FAIL, 'injected %1'); END")
                                   << QStringLiteral("constraint");
        QTest::newRow("usages") << QStringLiteral(
            "CREATE TRIGGER inject BEFORE INSERT ON usages BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                << QStringLiteral("constraint");
        QTest::newRow("checkpoint") << QStringLiteral("CREATE TRIGGER inject BEFORE INSERT ON checkpoints "
                                                      "BEGIN SELECT RAISE(ABORT, 'injected %1'); END")
                                    << QStringLiteral("constraint");
        QTest::newRow("frontier") << QStringLiteral("CREATE TRIGGER inject BEFORE UPDATE ON meta WHEN "
                                                    "NEW.key = 'merkle_frontier' BEGIN SELECT RAISE(ABORT, "
                                                    "'injected %1'); END")
                                  << QStringLiteral("constraint");
    }
    void storageFailureMidBatch()
    {
        QFETCH(QString, trigger);
        QFETCH(QString, code);
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 100'000, now } }, now + 90 * kDay);
        LF_STOP_IF_FAILED();
        f.clock.advance(kHour);
        const std::vector<SignedEntry> batch {
            f.sign(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 1000, now, now + kHour)),
            f.sign(w.pm, "sponsor.registered", bodies::sponsor("new-sponsor")),
            f.sign(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 2000, now, now + kHour)),
            f.sign(w.pm, "usage.recorded",
                bodies::usage("g-1", "u-3", w.resource, 999'999, now, now + kHour)), // rejected
            f.sign(w.pm, "grant.clawed_back", bodies::clawback("g-1", 5000)),
        };
        const LedgerSnapshot before = f.snapshot();
        {
            sql::Database other = secondConnection(f.path());
            QVERIFY(other.execScript(trigger.arg(before.logSize).toStdString()).ok());
        }
        auto failed = f.sequencer().submit(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, code);
        QVERIFY(failed.error().message.contains(QLatin1String("injected")));
        // Nothing of the batch is stored, and the sequencer's memory is back where it was.
        const LedgerSnapshot after = f.snapshot();
        QCOMPARE(snapshotDifference(before, after), QString());
        QVERIFY(!f.store().db().inTransaction());
        // Once the disk behaves again the same batch goes through, at the same positions.
        {
            sql::Database other = secondConnection(f.path());
            QVERIFY(other.execScript("DROP TRIGGER inject").ok());
        }
        const auto receipts = f.submit(batch);
        QCOMPARE(receipts.size(), size_t(5));
        QCOMPARE(receipts[0].seq, before.logSize);
        QCOMPARE(receipts[2].seq, before.logSize + 2);
        QCOMPARE(receipts[3].rejection.code, QStringLiteral("insufficient_balance"));
        QCOMPARE(receipts[4].seq, before.logSize + 3);
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(3000));
        QCOMPARE(f.state().grants.at("g-1").clawedBack, int64_t(5000));
        QCOMPARE(invariantProblem(f.state()), QString());
        auto report = verifyLedger(f.store());
        QVERIFY(report.ok());
        QVERIFY2(report->ok, qPrintable(report->code + QLatin1Char(' ') + report->problem));
        QVERIFY(f.reopen());
        QCOMPARE(f.state().grants.at("g-1").consumed, int64_t(3000));
    }

    void diskFullMidBatch()
    {
        LedgerFixture f;
        f.buildStandard();
        LF_STOP_IF_FAILED();
        // A quota on the file's pages: the first new page the batch needs cannot be had.
        int64_t pageCount = 0;
        {
            auto pages = f.store().db().prepare("PRAGMA page_count");
            QVERIFY(pages.ok() && pages->step().ok());
            pageCount = pages->int64(0);
        }
        std::vector<SignedEntry> batch;
        for (int i = 0; i < 200; ++i) {
            Value body = bodies::sponsor("big-" + std::to_string(i), "corporate", std::string(190, 'n'));
            batch.push_back(f.sign(f.root, "sponsor.registered", body));
        }
        const LedgerSnapshot before = f.snapshot();
        QVERIFY(f.store().db().execScript("PRAGMA max_page_count = " + std::to_string(pageCount)).ok());
        auto failed = f.sequencer().submit(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, QStringLiteral("disk_full"));
        QCOMPARE(snapshotDifference(before, f.snapshot()), QString());
        QVERIFY(f.store().db().execScript("PRAGMA max_page_count = 1073741823").ok());
        const auto receipts = f.submit(batch);
        QCOMPARE(receipts.size(), size_t(200));
        QCOMPARE(receipts.back().seq, before.logSize + 199);
        QCOMPARE(f.logSize(), before.logSize + 200);
    }

    void busyDatabase()
    {
        LedgerFixture f;
        LF_STOP_IF_FAILED();
        sqlite3_busy_timeout(f.store().db().handle(), 50); // do not wait the default 5 s
        const LedgerSnapshot before = f.snapshot();
        sql::Database other = secondConnection(f.path());
        {
            auto lock = sql::Transaction::begin(other); // another writer holds the lock
            QVERIFY(lock.ok());
            auto failed
                = f.sequencer().submit({ f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa")) });
            QVERIFY(!failed.ok());
            QCOMPARE(failed.error().code, QStringLiteral("database_busy"));
        }
        QCOMPARE(snapshotDifference(before, f.snapshot()), QString());
        QVERIFY(f.record(f.root, "sponsor.registered", bodies::sponsor("nipa")).accepted);
    }
};

QTEST_GUILESS_MAIN(TestSequencer)
#include "tst_sequencer.moc"
