// Checkpoints and signed notes (ledger/log/checkpoint.h): exact formats, interoperability with the
// golang.org/x/mod/sumdb/note example keys and notes, tampering, and strict parsing of hostile input.

#include "ledger/log/checkpoint.h"

#include "ledger/crypto/ed25519.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace ledger;
using namespace ledger::note;

namespace {

// From the golang.org/x/mod/sumdb/note package documentation and tests.
const QString kPeterName = QStringLiteral("PeterNeumann");
const QString kPeterVkey
    = QStringLiteral("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
const QByteArray kPeterSkeyData = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"; // 0x01 || seed
const QString kEnochName = QStringLiteral("EnochRoot");
const QString kEnochVkey = QStringLiteral("EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop");
const QByteArray kText = "If you think cryptography is the answer to your problem,\n"
                         "then you don't know what your problem is.\n";
const QByteArray kPeterSig
    = "\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgK"
      "vqfqdngotpRZb6KE6RyyBwJnAM=\n";
const QByteArray kEnochSig
    = "\xE2\x80\x94 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG0"
      "1oOTGwnWLox33WWd1RvMc+QQ=\n";
const QByteArray kEmDash = "\xE2\x80\x94";

crypto::PublicKey publicKeyFromVkey(const QString &vkey)
{
    const QByteArray data = QByteArray::fromBase64(vkey.section(u'+', 2).toLatin1());
    Q_ASSERT(data.size() == 33 && data[0] == '\x01');
    auto key = crypto::PublicKey::fromRaw(data.mid(1));
    Q_ASSERT(key.ok());
    return *key;
}

crypto::PrivateKey peterPrivateKey()
{
    auto key = crypto::PrivateKey::fromSeed(QByteArray::fromBase64(kPeterSkeyData).mid(1));
    Q_ASSERT(key.ok());
    return *key;
}

Checkpoint sampleCheckpoint()
{
    Checkpoint cp;
    cp.origin = QStringLiteral("alliance.example/ledger");
    cp.size = 1234567;
    cp.root = QCryptographicHash::hash("root", QCryptographicHash::Sha256);
    return cp;
}

QString code(const Error &e)
{
    return e.code;
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private slots:
    void keyHashKnownVectors()
    {
        const crypto::PublicKey peter = publicKeyFromVkey(kPeterVkey);
        QCOMPARE(keyHash(kPeterName, peter), QByteArray::fromHex("c74f20a3"));
        QCOMPARE(verifierKey(kPeterName, peter), kPeterVkey);
        const crypto::PublicKey enoch = publicKeyFromVkey(kEnochVkey);
        QCOMPARE(keyHash(kEnochName, enoch), QByteArray::fromHex("af0cfe78"));
        QCOMPARE(verifierKey(kEnochName, enoch), kEnochVkey);
        // The key hash covers the name and the algorithm byte, literally.
        QByteArray in = kPeterName.toUtf8() + "\n\x01" + peter.raw();
        QCOMPARE(
            keyHash(kPeterName, peter), QCryptographicHash::hash(in, QCryptographicHash::Sha256).left(4));
        QVERIFY(keyHash(kEnochName, peter) != keyHash(kPeterName, peter));
        // The published signer key derives the published verifier key.
        QCOMPARE(peterPrivateKey().publicKey().raw(), peter.raw());
        QVERIFY(verifierKey(QStringLiteral("bad name"), peter).isEmpty());
        QVERIFY(verifierKey(QStringLiteral("bad+name"), peter).isEmpty());
        QVERIFY(verifierKey(kPeterName, crypto::PublicKey()).isEmpty());
        QVERIFY(keyHash(kPeterName, crypto::PublicKey()).isEmpty());
    }

    void signMatchesReferenceImplementation()
    {
        // Ed25519 is deterministic, so signing the example text with the example key must reproduce the
        // x/mod/sumdb/note output byte for byte.
        const QByteArray expected = kText + "\n" + kPeterSig;
        QCOMPARE(signNoteText(kText, kPeterName, peterPrivateKey()), expected);
        // Re-signing replaces the existing line by the same key instead of duplicating it.
        QCOMPARE(addSignature(expected, kPeterName, peterPrivateKey()), expected);
        // A line by another key stays, in front of the new one.
        QCOMPARE(addSignature(kText + "\n" + kEnochSig, kPeterName, peterPrivateKey()),
            kText + "\n" + kEnochSig + kPeterSig);
    }

    void verifyReferenceNotes()
    {
        const crypto::PublicKey peter = publicKeyFromVkey(kPeterVkey);
        const crypto::PublicKey enoch = publicKeyFromVkey(kEnochVkey);
        const QByteArray single = kText + "\n" + kPeterSig;
        const QByteArray both = kText + "\n" + kPeterSig + kEnochSig;

        auto text = verifyNoteText(single, kPeterName, peter);
        QVERIFY2(text.ok(), qPrintable(text.ok() ? QString() : text.error().toString()));
        QCOMPARE(*text, kText);
        QCOMPARE(verifyNoteText(both, kPeterName, peter).value(), kText);
        QCOMPARE(verifyNoteText(both, kEnochName, enoch).value(), kText);

        const auto parsed = parseNote(both);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->text, kText);
        QCOMPARE(parsed->signatures.size(), 2);
        QCOMPARE(parsed->signatures[0].name, kPeterName);
        QCOMPARE(parsed->signatures[0].keyHash, 0xc74f20a3u);
        QCOMPARE(parsed->signatures[0].signature.size(), 64);
        QCOMPARE(parsed->signatures[1].name, kEnochName);
        QCOMPARE(parsed->signatures[1].keyHash, 0xaf0cfe78u);

        // Not signed by this key: name or key hash differ.
        QCOMPARE(
            code(verifyNoteText(single, kEnochName, enoch).error()), QStringLiteral("checkpoint_unsigned"));
        QCOMPARE(
            code(verifyNoteText(single, kEnochName, peter).error()), QStringLiteral("checkpoint_unsigned"));
        QCOMPARE(
            code(verifyNoteText(single, kPeterName, enoch).error()), QStringLiteral("checkpoint_unsigned"));
        QCOMPARE(code(verifyNoteText(single, QStringLiteral("Peter"), peter).error()),
            QStringLiteral("checkpoint_unsigned"));
        QCOMPARE(code(verifyNoteText(single, kPeterName, crypto::PublicKey()).error()),
            QStringLiteral("checkpoint_unsigned"));

        // The x/mod test's invalid signature: known key, signature does not verify.
        const QByteArray badSig = kText + "\n" + kPeterSig.left(60) + "ABCD" + kPeterSig.mid(60);
        QCOMPARE(
            code(verifyNoteText(badSig, kPeterName, peter).error()), QStringLiteral("checkpoint_signature"));
        // A valid line does not excuse an invalid one by the same key.
        QCOMPARE(
            code(verifyNoteText(kText + "\n" + kPeterSig + badSig.mid(kText.size() + 1), kPeterName, peter)
                     .error()),
            QStringLiteral("checkpoint_signature"));
        // An invalid line by another key is ignored.
        const QByteArray enochBad = kEnochSig.left(60) + "ABCD" + kEnochSig.mid(60);
        QVERIFY(verifyNoteText(kText + "\n" + kPeterSig + enochBad, kPeterName, peter).ok());

        // It is a valid note but not a checkpoint.
        QCOMPARE(code(openNote(single, kPeterName, peter).error()), QStringLiteral("checkpoint_invalid"));
    }

    void referenceMalformedNotes()
    {
        const crypto::PublicKey peter = publicKeyFromVkey(kPeterVkey);
        const QList<QByteArray> bad {
            kText,
            kText + "\n",
            kText + "\n" + kPeterSig.chopped(1),
            "\x01" + kText + "\n" + kPeterSig,
            "\xff" + kText + "\n" + kPeterSig,
            kText + "\n" + kEmDash
                + " Bad Name "
                  "x08go/ZJkuBS9UG/"
                  "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            kText + "\n" + kPeterSig + "Unexpected line.\n",
            kText + "\n" + kPeterSig.repeated(101),
        };
        for (const QByteArray &msg : bad) {
            const auto r = verifyNoteText(msg, kPeterName, peter);
            QVERIFY2(!r.ok(), msg.constData());
            QCOMPARE(r.error().code, QStringLiteral("checkpoint_invalid"));
            QVERIFY(!parseNote(msg).ok());
        }
    }

    void checkpointTextFormat()
    {
        Checkpoint cp = sampleCheckpoint();
        const QByteArray b64 = cp.root.toBase64();
        QCOMPARE(b64.size(), 44);
        QCOMPARE(cp.text(), "alliance.example/ledger\n1234567\n" + b64 + "\n");
        cp.extensions = QStringList { QStringLiteral("ext one"), QStringLiteral("둘") };
        QCOMPARE(cp.text(), "alliance.example/ledger\n1234567\n" + b64 + "\next one\n\xEB\x91\x98\n");
        const auto back = parseCheckpoint(cp.text());
        QVERIFY(back.ok());
        QVERIFY(*back == cp);

        Checkpoint empty;
        empty.origin = QStringLiteral("o");
        empty.root = QCryptographicHash::hash("", QCryptographicHash::Sha256);
        QCOMPARE(empty.text(), QByteArray("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"));
        QVERIFY(*parseCheckpoint(empty.text()) == empty);

        // The C2SP tlog-checkpoint example text.
        const auto c2sp = parseCheckpoint(
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
        QVERIFY(c2sp.ok());
        QCOMPARE(c2sp->origin, QStringLiteral("example.com/behind-the-sofa"));
        QCOMPARE(c2sp->size, quint64(20852163));
        QCOMPARE(c2sp->root.size(), 32);
        QVERIFY(c2sp->extensions.isEmpty());

        const auto max = parseCheckpoint("o\n18446744073709551615\n" + b64 + "\n");
        QVERIFY(max.ok());
        QCOMPARE(max->size, ~quint64(0));
    }

    void signAndOpenRoundTrip()
    {
        const crypto::PrivateKey key = crypto::PrivateKey::generate();
        const Checkpoint cp = sampleCheckpoint();
        const QByteArray note = signNote(cp, cp.origin, key);
        QVERIFY(!note.isEmpty());

        // Exact layout: text, blank line, one signature line with the key hash and a 64-byte signature.
        const QByteArray prefix = cp.text() + "\n" + kEmDash + " " + cp.origin.toUtf8() + " ";
        QVERIFY(note.startsWith(prefix));
        QVERIFY(note.endsWith("\n"));
        const QByteArray blob = QByteArray::fromBase64(note.mid(prefix.size()).chopped(1));
        QCOMPARE(blob.size(), 68);
        QCOMPARE(blob.left(4), keyHash(cp.origin, key.publicKey()));
        QVERIFY(key.publicKey().verify(cp.text(), blob.mid(4)));
        QCOMPARE(note.count('\n'), 5);

        const auto opened = openNote(note, cp.origin, key.publicKey());
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        QVERIFY(*opened == cp);
        QCOMPARE(parseCheckpoint(verifyNoteText(note, cp.origin, key.publicKey()).value()).value(), cp);

        // Extensions and a non-ASCII origin survive as well.
        Checkpoint ext = cp;
        ext.origin = QStringLiteral("얼라이언스.example/원장");
        ext.size = 0;
        ext.extensions = { QStringLiteral("x-tile: 7"), QStringLiteral("— not a signature") };
        const QByteArray extNote = signNote(ext, ext.origin, key);
        QVERIFY(!extNote.isEmpty());
        QVERIFY(openNote(extNote, ext.origin, key.publicKey()).value() == ext);

        // Wrong key, wrong name.
        const crypto::PrivateKey other = crypto::PrivateKey::generate();
        QCOMPARE(
            openNote(note, cp.origin, other.publicKey()).error().code, QStringLiteral("checkpoint_unsigned"));
        QCOMPARE(openNote(note, QStringLiteral("other.example/log"), key.publicKey()).error().code,
            QStringLiteral("checkpoint_unsigned"));
    }

    void cosigning()
    {
        const crypto::PrivateKey log = crypto::PrivateKey::generate();
        const crypto::PrivateKey witness = crypto::PrivateKey::generate();
        const QString witnessName = QStringLiteral("sponsor.example/witness");
        const Checkpoint cp = sampleCheckpoint();
        const QByteArray note = signNote(cp, cp.origin, log);
        const QByteArray cosigned = addSignature(note, witnessName, witness);
        QVERIFY(cosigned.startsWith(note));
        QCOMPARE(parseNote(cosigned)->signatures.size(), 2);
        QVERIFY(openNote(cosigned, cp.origin, log.publicKey()).value() == cp);
        QVERIFY(openNote(cosigned, witnessName, witness.publicKey()).value() == cp);
        // Cosigning twice with the same key keeps one line.
        QCOMPARE(addSignature(cosigned, witnessName, witness), cosigned);
        // Sixteen signers (the minimum the spec requires verifiers to accept) fit in a note.
        QByteArray many = cosigned;
        QList<crypto::PrivateKey> keys;
        for (int i = 0; i < 14; ++i) {
            keys.append(crypto::PrivateKey::generate());
            many = addSignature(many, QStringLiteral("witness%1.example").arg(i), keys.last());
            QVERIFY(!many.isEmpty());
        }
        QCOMPARE(parseNote(many)->signatures.size(), 16);
        QVERIFY(openNote(many, QStringLiteral("witness13.example"), keys.last().publicKey()).ok());
        QVERIFY(openNote(many, cp.origin, log.publicKey()).ok());
        // Refused: malformed note, bad name, invalid key.
        QVERIFY(addSignature(cp.text(), witnessName, witness).isEmpty());
        QVERIFY(addSignature(note, QStringLiteral("with space"), witness).isEmpty());
        QVERIFY(addSignature(note, witnessName, crypto::PrivateKey()).isEmpty());
        // Refused when the result would exceed 8 KiB.
        QByteArray full = note;
        int added = 0;
        while (true) {
            const QByteArray next
                = addSignature(full, QStringLiteral("w%1").arg(added), crypto::PrivateKey::generate());
            if (next.isEmpty())
                break;
            full = next;
            ++added;
        }
        QVERIFY(full.size() <= MaxNoteSize);
        QVERIFY(added > 16);
        QVERIFY(openNote(full, cp.origin, log.publicKey()).ok());
    }

    void signRefusesMalformedInput()
    {
        const crypto::PrivateKey key = crypto::PrivateKey::generate();
        const Checkpoint good = sampleCheckpoint();
        QVERIFY(!signNote(good, good.origin, key).isEmpty());

        QList<Checkpoint> bad;
        Checkpoint c = good;
        c.origin.clear();
        bad << c;
        c = good;
        c.origin = QStringLiteral("two\nlines");
        bad << c;
        c = good;
        c.origin = QStringLiteral("cr\r");
        bad << c;
        c = good;
        c.root = c.root.left(31);
        bad << c;
        c = good;
        c.root.clear();
        bad << c;
        c = good;
        c.extensions = { QString() };
        bad << c;
        c = good;
        c.extensions = { QStringLiteral("a\nb") };
        bad << c;
        c = good;
        c.extensions = { QString(QChar(0xD800)) }; // lone surrogate
        bad << c;
        c = good;
        c.origin = QString(9000, u'o');
        bad << c;
        for (const Checkpoint &cp : bad)
            QVERIFY2(signNote(cp, good.origin, key).isEmpty(), qPrintable(cp.origin.left(40)));

        for (const QString &name :
            { QString(), QStringLiteral("a b"), QStringLiteral("a+b"), QStringLiteral("tab\t"),
                QStringLiteral("nbsp\u00a0"), QStringLiteral("ideographic\u3000space"),
                QStringLiteral("new\nline"), QString(QChar(0xDC00)) })
            QVERIFY2(signNote(good, name, key).isEmpty(), qPrintable(name));
        QVERIFY(signNote(good, good.origin, crypto::PrivateKey()).isEmpty());
        QVERIFY(signNoteText("no final newline", kPeterName, key).isEmpty());
        QVERIFY(signNoteText("", kPeterName, key).isEmpty());
        QVERIFY(signNoteText("bad\x01"
                             "control\n",
            kPeterName, key)
                    .isEmpty());
        QVERIFY(!signNoteText("\n", kPeterName, key).isEmpty());
    }

    void parseCheckpointRejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QByteArray r = sampleCheckpoint().root.toBase64();
        const QByteArray ok = "o\n5\n" + r + "\n";
        QVERIFY(parseCheckpoint(ok).ok());
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("newline only") << QByteArray("\n");
        QTest::newRow("no final newline") << ok.chopped(1);
        QTest::newRow("two lines") << QByteArray("o\n5\n");
        QTest::newRow("crlf") << QByteArray("o\r\n5\r\n" + r + "\r\n");
        QTest::newRow("cr in origin") << QByteArray("o\r\n5\n" + r + "\n");
        QTest::newRow("empty origin") << QByteArray("\n5\n" + r + "\n");
        QTest::newRow("empty size") << QByteArray("o\n\n" + r + "\n");
        QTest::newRow("leading zero") << QByteArray("o\n05\n" + r + "\n");
        QTest::newRow("zero zero") << QByteArray("o\n00\n" + r + "\n");
        QTest::newRow("negative") << QByteArray("o\n-5\n" + r + "\n");
        QTest::newRow("plus") << QByteArray("o\n+5\n" + r + "\n");
        QTest::newRow("space before size") << QByteArray("o\n 5\n" + r + "\n");
        QTest::newRow("space after size") << QByteArray("o\n5 \n" + r + "\n");
        QTest::newRow("hex size") << QByteArray("o\n0x5\n" + r + "\n");
        QTest::newRow("size overflow") << QByteArray("o\n18446744073709551616\n" + r + "\n");
        QTest::newRow("size way too long") << QByteArray("o\n" + QByteArray(30, '9') + "\n" + r + "\n");
        QTest::newRow("root 31 bytes") << QByteArray("o\n5\n" + QByteArray(31, 'r').toBase64() + "\n");
        QTest::newRow("root 33 bytes") << QByteArray("o\n5\n" + QByteArray(33, 'r').toBase64() + "\n");
        QTest::newRow("root unpadded") << QByteArray("o\n5\n" + r.chopped(1) + "\n");
        QTest::newRow("root non-canonical bits") << QByteArray("o\n5\n" + r.left(42) + "B=\n");
        QTest::newRow("root base64url") << QByteArray("o\n5\n-_" + r.mid(2) + "\n");
        QTest::newRow("root with space") << QByteArray("o\n5\n" + r.left(20) + " " + r.mid(20) + "\n");
        QTest::newRow("root hex") << QByteArray("o\n5\n" + sampleCheckpoint().root.toHex() + "\n");
        QTest::newRow("empty root") << QByteArray("o\n5\n\n");
        QTest::newRow("blank extension") << QByteArray(ok + "\n");
        QTest::newRow("blank then extension") << QByteArray(ok + "\next\n");
        QTest::newRow("signed note") << QByteArray(ok + "\n" + kPeterSig);
        QTest::newRow("tab") << QByteArray("o\t\n5\n" + r + "\n");
        QTest::newRow("nul") << QByteArray("o\0x\n5\n", 7) + r + "\n";
        QTest::newRow("invalid utf-8") << QByteArray("o\xff\n5\n" + r + "\n");
        QTest::newRow("overlong utf-8") << QByteArray("o\xc0\xaf\n5\n" + r + "\n");
        QTest::newRow("utf-16 surrogate") << QByteArray("o\xed\xa0\x80\n5\n" + r + "\n");
        QTest::newRow("beyond U+10FFFF") << QByteArray("o\xf4\x90\x80\x80\n5\n" + r + "\n");
        QTest::newRow("truncated utf-8") << QByteArray("o\n5\n" + r + "\n\xe2\x80");
        QTest::newRow("over 8 KiB") << QByteArray(QByteArray(8200, 'o') + "\n5\n" + r + "\n");
    }

    void parseCheckpointRejectsMalformed()
    {
        QFETCH(QByteArray, text);
        const auto r = parseCheckpoint(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("checkpoint_invalid"));
        QVERIFY(!r.error().message.isEmpty());
    }

    void openNoteRejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("note");
        QTest::addColumn<QString>("error");
        const crypto::PrivateKey key = peterPrivateKey();
        const Checkpoint cp = sampleCheckpoint();
        const QByteArray text = cp.text();
        const QByteArray good = signNote(cp, kPeterName, key);
        const QByteArray line = good.mid(text.size() + 1);
        const QByteArray b64 = line.mid(kEmDash.size() + 1 + kPeterName.size() + 1).chopped(1);
        const QString invalid = QStringLiteral("checkpoint_invalid");

        QTest::newRow("good") << good << QString();
        QTest::newRow("empty") << QByteArray() << invalid;
        QTest::newRow("text only") << text << invalid;
        QTest::newRow("no signature lines") << QByteArray(text + "\n") << invalid;
        QTest::newRow("no blank line") << QByteArray(text + line) << invalid;
        // The text ends at the last blank line, so this is a different (unsigned) text...
        QTest::newRow("two blank lines")
            << QByteArray(text + "\n\n" + line) << QStringLiteral("checkpoint_signature");
        // ... and signed, it is not a checkpoint.
        QTest::newRow("signed text with blank line") << signNoteText(text + "\n", kPeterName, key) << invalid;
        QTest::newRow("blank line after signatures") << QByteArray(good + "\n") << invalid;
        QTest::newRow("line without newline") << good.chopped(1) << invalid;
        QTest::newRow("crlf") << QByteArray(good.chopped(1) + "\r\n") << invalid;
        QTest::newRow("hyphen") << QByteArray(text + "\n- PeterNeumann " + b64 + "\n") << invalid;
        QTest::newRow("en dash") << QByteArray(text + "\n\xE2\x80\x93 PeterNeumann " + b64 + "\n") << invalid;
        QTest::newRow("no space after dash")
            << QByteArray(text + "\n" + kEmDash + "PeterNeumann " + b64 + "\n") << invalid;
        QTest::newRow("two spaces after dash")
            << QByteArray(text + "\n" + kEmDash + "  PeterNeumann " + b64 + "\n") << invalid;
        QTest::newRow("two spaces before signature")
            << QByteArray(text + "\n" + kEmDash + " PeterNeumann  " + b64 + "\n") << invalid;
        QTest::newRow("no signature") << QByteArray(text + "\n" + kEmDash + " PeterNeumann\n") << invalid;
        QTest::newRow("empty signature") << QByteArray(text + "\n" + kEmDash + " PeterNeumann \n") << invalid;
        QTest::newRow("name with plus")
            << QByteArray(text + "\n" + kEmDash + " Peter+Neumann " + b64 + "\n") << invalid;
        QTest::newRow("name with nbsp")
            << QByteArray(text + "\n" + kEmDash + " Peter\xC2\xA0Neumann " + b64 + "\n") << invalid;
        QTest::newRow("signature too short") << QByteArray(
            text + "\n" + kEmDash + " PeterNeumann " + QByteArray("\xc7\x4f\x20\xa3").toBase64() + "\n")
                                             << invalid;
        QTest::newRow("signature unpadded")
            << QByteArray(text + "\n" + kEmDash + " PeterNeumann " + b64.chopped(1) + "\n") << invalid;
        QTest::newRow("signature not base64")
            << QByteArray(text + "\n" + kEmDash + " PeterNeumann " + b64.left(10) + "*" + b64.mid(11) + "\n")
            << invalid;
        QTest::newRow("trailing text") << QByteArray(good + "trailing\n") << invalid;
        QTest::newRow("nul in text") << QByteArray(QByteArray(1, '\0') + good) << invalid;
        QTest::newRow("invalid utf-8 in signature line")
            << QByteArray(text + "\n" + kEmDash + " Peter\xffNeumann " + b64 + "\n") << invalid;
        QTest::newRow("over 8 KiB") << QByteArray(good + line.repeated(80)) << invalid;
        QTest::newRow("101 lines") << QByteArray(
            text + "\n" + QByteArray(kEmDash + " x AAAAAAAA\n").repeated(101))
                                   << invalid;
        QTest::newRow("text not a checkpoint") << QByteArray(kText + "\n" + kPeterSig) << invalid;
        QTest::newRow("another key only")
            << QByteArray(text + "\n" + kEnochSig) << QStringLiteral("checkpoint_unsigned");
        QTest::newRow("name matches, key hash does not")
            << QByteArray(text + "\n" + kEmDash + " PeterNeumann " + kEnochSig.mid(kEmDash.size() + 11))
            << QStringLiteral("checkpoint_unsigned");
        QTest::newRow("signature of another text")
            << QByteArray(text + "\n" + kPeterSig) << QStringLiteral("checkpoint_signature");
        QTest::newRow("100 short lines then a good one")
            << QByteArray(text + "\n" + QByteArray(kEmDash + " x AAAAAAAA\n").repeated(99) + line)
            << QString();
    }

    void openNoteRejectsMalformed()
    {
        QFETCH(QByteArray, note);
        QFETCH(QString, error);
        const auto r = openNote(note, kPeterName, peterPrivateKey().publicKey());
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
            QVERIFY(*r == sampleCheckpoint());
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, error);
        }
    }

    void tamperingAnyByteFails()
    {
        const crypto::PrivateKey key = crypto::PrivateKey::generate();
        const Checkpoint cp = sampleCheckpoint();
        const QByteArray note = signNote(cp, cp.origin, key);
        const qsizetype textSize = cp.text().size();
        for (qsizetype i = 0; i < note.size(); ++i) {
            for (char delta : { char(1), char(0x20), char(0x80) }) {
                QByteArray t = note;
                t[i] = char(t[i] ^ delta);
                const auto r = openNote(t, cp.origin, key.publicKey());
                QVERIFY2(!r.ok(), qPrintable(QStringLiteral("byte %1 ^ %2").arg(i).arg(int(uchar(delta)))));
                // Text changes are caught by the signature (or the syntax), never silently accepted.
                if (i < textSize && r.error().code != QStringLiteral("checkpoint_invalid"))
                    QCOMPARE(r.error().code, QStringLiteral("checkpoint_signature"));
            }
            QByteArray removed = note;
            removed.remove(i, 1);
            QVERIFY(!openNote(removed, cp.origin, key.publicKey()).ok());
            QByteArray inserted = note;
            inserted.insert(i, 'A');
            QVERIFY(!openNote(inserted, cp.origin, key.publicKey()).ok());
        }
        // Plausible edits of each part of the text.
        QByteArray origin = note;
        origin.replace("alliance.example/ledger\n", "alliance.example/ledgex\n");
        QByteArray size = note;
        size.replace("\n1234567\n", "\n1234568\n");
        QByteArray extension = note;
        extension.insert(textSize, "ext\n");
        for (const QByteArray &t : { origin, size, extension }) {
            QVERIFY(t != note);
            QCOMPARE(
                openNote(t, cp.origin, key.publicKey()).error().code, QStringLiteral("checkpoint_signature"));
        }
    }

    void randomMutationsNeverCrash()
    {
        const crypto::PrivateKey key = crypto::PrivateKey::generate();
        const crypto::PrivateKey witness = crypto::PrivateKey::generate();
        Checkpoint cp = sampleCheckpoint();
        cp.extensions = { QStringLiteral("ext") };
        const QByteArray note = addSignature(signNote(cp, cp.origin, key), QStringLiteral("w"), witness);
        QRandomGenerator rng(99);
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray t = note;
            const int edits = 1 + int(rng.bounded(4u));
            for (int e = 0; e < edits && !t.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng.bounded(quint32(t.size())));
                switch (rng.bounded(4u)) {
                case 0:
                    t[at] = char(rng.generate());
                    break;
                case 1:
                    t.remove(at, qsizetype(rng.bounded(8u)));
                    break;
                case 2:
                    t.insert(at, QByteArray(1, "\n \xE2\x80\x94+=A\x00"[rng.bounded(8u)]));
                    break;
                default:
                    t.truncate(at);
                    break;
                }
            }
            const auto r = openNote(t, cp.origin, key.publicKey());
            const auto parsed = parseNote(t);
            if (parsed.ok())
                QVERIFY(parsed->text.endsWith('\n') && !parsed->signatures.isEmpty());
            const auto asText = parseCheckpoint(t);
            if (asText.ok())
                QCOMPARE(asText->root.size(), 32);
            const QByteArray resigned = addSignature(t, QStringLiteral("w"), witness);
            QCOMPARE(resigned.isEmpty(), !parsed.ok());
            if (!resigned.isEmpty())
                QVERIFY(verifyNoteText(resigned, QStringLiteral("w"), witness.publicKey()).ok());
            if (r.ok()) {
                // Only edits confined to the witness line (or none) can keep the log's signature valid.
                QVERIFY(*r == cp);
                QVERIFY(t.startsWith(note.left(note.indexOf("\n\n") + 2)));
                ++accepted;
            }
        }
        QVERIFY(accepted < 20000);
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
