// sync/wire: the request message and signature headers, and every JSON body of protocol v1 (round trips
// and strict refusals of malformed input).

#include "sync/wire/messages.h"
#include "sync/wire/requestauth.h"

#include "support/ledgerfixture.h"

#include <QTest>

using namespace testsupport;

class TstWire : public QObject
{
    Q_OBJECT

private slots:
    void requestMessageIsExact()
    {
        const QByteArray m = syncwire::requestMessage("POST", "/v1/entries?x=1", "{}", 1767225600000);
        QCOMPARE(m,
            QByteArray("alliance-request/v1\nPOST\n/v1/entries?x=1\n"
                       "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\n1767225600000"));
        const QByteArray empty = syncwire::requestMessage("GET", "/v1/me", "", 5);
        QVERIFY(empty.contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n5"));
    }

    void signAndVerify()
    {
        const auto key = testKey("member");
        const auto h = syncwire::signRequest(key, "GET", "/v1/me", "", 42);
        QCOMPARE(h.keyId, key.keyId().toLatin1());
        QVERIFY(syncwire::isKeyId(h.keyId));
        QCOMPARE(syncwire::parseTime(h.time), std::optional<qint64>(42));
        const QByteArray sig = syncwire::parseSignature(h.signature);
        QCOMPARE(sig.size(), 64);
        QVERIFY(syncwire::verifyRequest(key.publicKey(), "GET", "/v1/me", "", 42, sig));
        // Any change of method, target, body or time breaks it, as does another key.
        QVERIFY(!syncwire::verifyRequest(key.publicKey(), "POST", "/v1/me", "", 42, sig));
        QVERIFY(!syncwire::verifyRequest(key.publicKey(), "GET", "/v1/me?a", "", 42, sig));
        QVERIFY(!syncwire::verifyRequest(key.publicKey(), "GET", "/v1/me", "x", 42, sig));
        QVERIFY(!syncwire::verifyRequest(key.publicKey(), "GET", "/v1/me", "", 43, sig));
        QVERIFY(!syncwire::verifyRequest(testKey("other").publicKey(), "GET", "/v1/me", "", 42, sig));
    }

    void headerParsingIsStrict()
    {
        QVERIFY(!syncwire::parseTime("-1"));
        QVERIFY(!syncwire::parseTime(""));
        QVERIFY(!syncwire::parseTime("12a"));
        QVERIFY(!syncwire::parseTime("1234567890123456"));
        QVERIFY(syncwire::parseSignature("AAAA").isEmpty());
        QVERIFY(syncwire::parseSignature(QByteArray(88, '!')).isEmpty());
        QVERIFY(!syncwire::isKeyId("ABCDEF0123456789abcdef0123456789"));
        QVERIFY(!syncwire::isKeyId("abc"));
    }

    void errorsRoundTrip()
    {
        const QByteArray body
            = syncwire::encodeError(ledger::makeError("unknown_key", QStringLiteral("Who?")));
        QCOMPARE(body, QByteArray(R"({"error":{"code":"unknown_key","message":"Who?"}})"));
        const auto e = syncwire::decodeError(body);
        QCOMPARE(e.code, QStringLiteral("unknown_key"));
        QCOMPARE(syncwire::decodeError("<html>").code, QStringLiteral("invalid_response"));
    }

    void submitRoundTripAndRefusals()
    {
        LedgerFixture f;
        const auto e1 = f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        const auto e2 = f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc"));
        const QByteArray body = syncwire::encodeSubmit({ e1, e2 });
        auto decoded = syncwire::decodeSubmit(body, 10);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QCOMPARE(decoded->size(), size_t(2));
        QCOMPARE(decoded->at(1).bytes, e2.bytes);
        QCOMPARE(decoded->at(1).signature, e2.signature);
        QCOMPARE(decoded->at(1).type, std::string("sponsor.registered"));
        QCOMPARE(decoded->at(1).id(), e2.id());

        // Entry bytes that are not an entry still make a batch (the sequencer rejects them with a receipt).
        const QByteArray notAnEntry = "{\"entries\":[{\"author_key\":\"" + e1.authorKey.raw().toBase64()
            + "\",\"entry\":\"bm90IGpzb24=\",\"sig\":\"" + e1.signature.toBase64() + "\"}]}";
        auto loose = syncwire::decodeSubmit(notAnEntry, 10);
        QVERIFY(loose.ok());
        QCOMPARE(loose->at(0).bytes, QByteArray("not json"));
        QVERIFY(loose->at(0).type.empty());

        auto tooMany = syncwire::decodeSubmit(body, 1);
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, QStringLiteral("batch_too_large"));
        for (const QByteArray &bad : { QByteArray("{"), QByteArray("[]"), QByteArray(R"({"entries":[]})"),
                 QByteArray(R"({"entries":[{"entry":"!!","sig":"","author_key":""}]})"),
                 QByteArray(R"({"entries":[1]})") }) {
            auto r = syncwire::decodeSubmit(bad, 10);
            QVERIFY2(!r.ok(), bad.constData());
            QCOMPARE(r.error().code, QStringLiteral("bad_request"));
        }
    }

    void receiptsAndSignedRejections()
    {
        const auto cpKey = testKey("registry");
        const QByteArray id(32, '\x07');
        syncwire::SubmitResponse resp;
        syncwire::WireReceipt ok;
        ok.entryId = id;
        ok.sequenced = true;
        ok.seq = 41;
        ok.sequencedAt = 1767225600000;
        syncwire::WireReceipt rej;
        rej.entryId = QByteArray(32, '\x08');
        rej.code = QStringLiteral("insufficient_balance");
        rej.message = QStringLiteral("Not enough.");
        rej.rejection = syncwire::rejectionBytes(5, rej.code, rej.entryId.toHex(), rej.message);
        rej.rejectionSig = cpKey.sign(syncwire::rejectionMessage(rej.rejection));
        resp.receipts = { ok, rej };
        resp.checkpoint = "origin\n1\nAAAA\n\n— x y\n";
        auto back = syncwire::decodeSubmitResponse(syncwire::encodeSubmitResponse(resp));
        QVERIFY(back.ok());
        QCOMPARE(back->receipts.size(), size_t(2));
        QCOMPARE(back->receipts[0].seq, 41);
        QVERIFY(back->receipts[0].sequenced);
        QCOMPARE(back->receipts[1].code, rej.code);
        QVERIFY(back->receipts[1].verifyRejection(cpKey.publicKey()));
        QVERIFY(!back->receipts[1].verifyRejection(testKey("other").publicKey()));
        auto forged = back->receipts[1];
        forged.code = QStringLiteral("other_code");
        QVERIFY(!forged.verifyRejection(cpKey.publicKey()));
        QCOMPARE(back->checkpoint, resp.checkpoint);
    }

    void pagesAndProofs()
    {
        LedgerFixture f;
        syncwire::Page page;
        page.treeSize = 7;
        page.checkpoint = "cp";
        page.next = 3;
        syncwire::PageEntry pe;
        pe.seq = 2;
        pe.sequencedAt = 99;
        pe.entry = f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        pe.proof = QList<QByteArray> { QByteArray(32, 'a'), QByteArray(32, 'b') };
        page.entries.push_back(pe);
        pe.proof.reset();
        page.entries.push_back(pe);
        auto back = syncwire::decodePage(syncwire::encodePage(page));
        QVERIFY(back.ok());
        QCOMPARE(back->next, std::optional<int64_t>(3));
        QCOMPARE(back->entries.size(), size_t(2));
        QCOMPARE(back->entries[0].proof->size(), 2);
        QVERIFY(!back->entries[1].proof);
        QCOMPARE(back->entries[0].entry.id(), pe.entry.id());
        page.next.reset();
        QVERIFY(!syncwire::decodePage(syncwire::encodePage(page))->next);
        QVERIFY(!syncwire::decodePage(R"({"tree_size":-1,"checkpoint":"","next":null,"entries":[]})").ok());

        auto inc = syncwire::decodeInclusion(syncwire::encodeInclusion({ 3, 9, { QByteArray(32, 'c') } }));
        QVERIFY(inc.ok());
        QCOMPARE(inc->treeSize, 9);
        QVERIFY(!syncwire::decodeInclusion(R"({"seq":1,"tree_size":2,"proof":["AAAA"]})").ok());
        auto con = syncwire::decodeConsistency(syncwire::encodeConsistency({ 2, 9, {} }));
        QVERIFY(con.ok());
        QCOMPARE(con->to, 9);
        auto cp = syncwire::decodeCheckpoint(syncwire::encodeCheckpoint({ "note", 4, QByteArray(32, 'r') }));
        QVERIFY(cp.ok());
        QCOMPARE(cp->root, QByteArray(32, 'r'));
        auto me = syncwire::decodeMe(syncwire::encodeMe({ QStringLiteral("k"), QStringLiteral("Kim"),
            QStringLiteral("startup"), QStringLiteral("st-1"), QString() }));
        QVERIFY(me.ok());
        QCOMPARE(me->startup, QStringLiteral("st-1"));
        auto h = syncwire::decodeHealth(
            syncwire::encodeHealth({ QStringLiteral("ok"), 3, QStringLiteral("o") }));
        QVERIFY(h.ok());
        QCOMPARE(h->treeSize, 3);
    }
};

QTEST_GUILESS_MAIN(TstWire)
#include "tst_wire.moc"
