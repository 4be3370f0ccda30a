// What the sequencer (ledger/engine/sequencer.h) admits, and how often: resubmission is idempotent, a
// rejection is judged again, nonces are single-use per author (and a rejected entry does not use its nonce
// up), signatures cover every byte and the type, and only canonical bytes are taken.

#include "sequencertest.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace seqtest;

namespace {

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

} // namespace

class TestSequencerAdmission : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_GUILESS_MAIN(TestSequencerAdmission)
#include "tst_sequencer_admission.moc"
