// Binary pages (GET /v1/entries?format=2, sync/wire/binarypage.h): the real registry over TLS serves them
// with the same content as its JSON pages, a join through them builds the same replica, and a binary page
// with a defect (a changed byte in an entry or signature, a truncated body, a wrong author key index,
// bytes after the last entry) is a clear error that leaves the replica exactly as it was. Tampered bodies
// are served by a fake HTTPS registry, set up as for tst_syncfaults (tamperrig.h).

#include "sync/wire/binarypage.h"
#include "sync/wire/messages.h"
#include "tamperrig.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;
using namespace tamperrig;

namespace {

// Offset of entry `index`'s fields in a binary page (see binarypage.h): returns the offset of its seq.
qsizetype entryOffset(const QByteArray &body, int index)
{
    auto u16 = [&](qsizetype at) { return qsizetype((uchar(body[at]) << 8) | uchar(body[at + 1])); };
    auto u32 = [&](qsizetype at) {
        return qsizetype((quint32(uchar(body[at])) << 24) | (quint32(uchar(body[at + 1])) << 16)
            | (quint32(uchar(body[at + 2])) << 8) | quint32(uchar(body[at + 3])));
    };
    qsizetype at = 4 + 8;
    at += 4 + u32(at); // checkpoint
    at += 1 + 8; // next
    at += 2 + 32 * u16(at); // keys
    at += 2; // entry count
    for (int i = 0; i < index; ++i) {
        at += 8 + 8 + 2;
        at += 4 + u32(at) + 64;
        at += 1 + 32 * qsizetype(uchar(body[at]));
    }
    return at;
}

} // namespace

class TestBinaryPage : public QObject
{
    Q_OBJECT

private:
    TamperRig tamper;
    Rig &rig = tamper.rig;
    QByteArray fullTarget, filteredTarget;
    Got fullBinary, fullJson, filteredBinary, filteredJson;

    void serve(bool filtered, const QByteArray &page)
    {
        tamper.serveHead();
        tamper.fake->set(
            filtered ? filteredTarget : fullTarget, { 200, syncwire::kBinaryPageType, page, false });
    }

    Error pullCopy(bool filtered) { return tamper.pullCopy(filtered, tamper.fakeOptions()); }

private slots:
    void initTestCase()
    {
        // The joins ask the real registry for binary pages (the default).
        QVERIFY(tamper.build());
        auto pm = signedTransport(rig.options(), rig.world.pm);
        auto founder = signedTransport(rig.options(), rig.world.founder);
        QVERIFY(pm && founder);
        fullTarget = tamper.entriesTarget(true);
        filteredTarget = fullTarget; // the filtered replica also stopped at N
        fullBinary = get(*pm.value(), fullTarget);
        fullJson = get(*pm.value(), tamper.entriesTarget(false));
        filteredBinary = get(*founder.value(), filteredTarget);
        filteredJson = get(*founder.value(), tamper.entriesTarget(false));
        QVERIFY(!fullBinary.body.isEmpty() && !filteredBinary.body.isEmpty() && !fullJson.body.isEmpty()
            && !filteredJson.body.isEmpty());
    }

    void registryServesTheSamePageInBothFormats()
    {
        for (const auto &[binary, json] :
            { std::pair { &fullBinary, &fullJson }, std::pair { &filteredBinary, &filteredJson } }) {
            QCOMPARE(binary->contentType, QByteArray(syncwire::kBinaryPageType));
            QVERIFY(json->contentType.startsWith("application/json"));
            QVERIFY(binary->body.size() < json->body.size());
            auto b = syncwire::decodeBinaryPage(binary->body);
            auto j = syncwire::decodePage(json->body);
            QVERIFY2(b, qPrintable(why(b)));
            QVERIFY(j);
            QCOMPARE(b->treeSize, j->treeSize);
            QCOMPARE(b->checkpoint, j->checkpoint);
            QCOMPARE(b->next, j->next);
            QCOMPARE(b->entries.size(), j->entries.size());
            QVERIFY(!b->entries.empty());
            for (size_t i = 0; i < b->entries.size(); ++i) {
                const syncwire::PageEntry &x = b->entries[i];
                const syncwire::PageEntry &y = j->entries[i];
                QCOMPARE(x.seq, y.seq);
                QCOMPARE(x.sequencedAt, y.sequencedAt);
                QCOMPARE(x.entry.bytes, y.entry.bytes);
                QCOMPARE(x.entry.signature, y.entry.signature);
                QCOMPARE(x.entry.authorKey.raw(), y.entry.authorKey.raw());
                QCOMPARE(x.entry.type, y.entry.type);
                QCOMPARE(x.proof.value_or(QList<QByteArray>()), y.proof.value_or(QList<QByteArray>()));
            }
            // And the encoder gives the registry's bytes back.
            QCOMPARE(syncwire::encodeBinaryPage(b.value()), binary->body);
        }
        QVERIFY(syncwire::decodeBinaryPage(filteredBinary.body)->entries.front().proof.has_value());
    }

    void registryRefusesAnUnknownFormat()
    {
        auto pm = signedTransport(rig.options(), rig.world.pm);
        QVERIFY(pm);
        auto r = pm.value()->get(QStringLiteral("/v1/entries?from=0&limit=10&format=3").toLatin1());
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QCOMPARE(syncwire::decodeError(r->body).code, QStringLiteral("invalid_query"));
    }

    void joinedReplicasMatchTheRegistry()
    {
        // The joins of initTestCase went through binary pages: their logs are the registry's, entry by entry.
        auto pm = signedTransport(rig.options(), rig.world.pm);
        QVERIFY(pm);
        const QByteArray page = get(*pm.value(),
            QStringLiteral("/v1/entries?from=0&limit=1000&tree_size=%1").arg(tamper.T).toLatin1())
                                    .body;
        auto whole = syncwire::decodePage(page);
        QVERIFY(whole);
        auto s = store::LedgerStore::open(tamper.fullPath, store::LedgerStore::Mode::ReadOnly);
        QVERIFY(s);
        QCOMPARE(s.value()->logSize().value(), tamper.N);
        for (int64_t seq = 0; seq < tamper.N; ++seq) {
            auto rec = s.value()->readLog(seq);
            QVERIFY(rec);
            QCOMPARE(rec->entry, whole->entries[size_t(seq)].entry.bytes);
        }
    }

    void untouchedBinaryPagesSync()
    {
        serve(false, fullBinary.body);
        const Error full = pullCopy(false);
        QVERIFY2(full.code.isEmpty(), qPrintable(full.toString()));
        serve(true, filteredBinary.body);
        const Error filtered = pullCopy(true);
        QVERIFY2(filtered.code.isEmpty(), qPrintable(filtered.toString()));
    }

    void tamperedBinaryPagesChangeNothing_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<bool>("filtered");
        QTest::addColumn<QString>("code");
        QTest::newRow("changed entry byte") << "entry-byte" << false << "replica_bad_entry";
        QTest::newRow("changed signature byte") << "sig-byte" << false << "replica_bad_entry";
        QTest::newRow("changed sequenced_at") << "time" << false << "proof_invalid";
        QTest::newRow("changed author key") << "key-byte" << false << "replica_bad_entry";
        QTest::newRow("truncated page") << "truncated" << false << "invalid_response";
        QTest::newRow("truncated filtered page") << "truncated" << true << "invalid_response";
        QTest::newRow("key index out of range") << "key-index" << false << "invalid_response";
        QTest::newRow("another author's key index") << "other-key" << false << "replica_bad_entry";
        QTest::newRow("bytes after the last entry") << "trailing" << false << "invalid_response";
        QTest::newRow("changed inclusion proof") << "proof-byte" << true << "proof_invalid";
        QTest::newRow("wrong magic") << "magic" << false << "invalid_response";
    }
    void tamperedBinaryPagesChangeNothing()
    {
        QFETCH(QString, defect);
        QFETCH(bool, filtered);
        QFETCH(QString, code);
        QByteArray page = filtered ? filteredBinary.body : fullBinary.body;
        auto decoded = syncwire::decodeBinaryPage(page).value();
        const int mid = int(decoded.entries.size() / 2);
        const qsizetype at = entryOffset(page, mid); // seq of the middle entry
        const qsizetype bytesAt = at + 8 + 8 + 2 + 4;
        const qsizetype sigAt = bytesAt + decoded.entries[size_t(mid)].entry.bytes.size();
        if (defect == QLatin1String("entry-byte"))
            page[bytesAt + 20] = char(page[bytesAt + 20] ^ 0x01);
        else if (defect == QLatin1String("sig-byte"))
            page[sigAt + 10] = char(page[sigAt + 10] ^ 0x01);
        else if (defect == QLatin1String("time"))
            page[at + 15] = char(page[at + 15] ^ 0x01);
        else if (defect == QLatin1String("key-byte")) {
            // Another valid key in the key table: its entries' author ids no longer match.
            auto changed = decoded;
            changed.entries[size_t(mid)].entry.authorKey = rig.world.reviewer2.publicKey();
            page = syncwire::encodeBinaryPage(changed);
        } else if (defect == QLatin1String("truncated"))
            page.chop(page.size() - sigAt - 5);
        else if (defect == QLatin1String("key-index")) {
            page[at + 16] = char(0x7f);
            page[at + 17] = char(0xff);
        } else if (defect == QLatin1String("other-key")) {
            // The key table gets a second valid key (another member's) and the middle entry names it: the
            // page parses, and the entry's author id no longer matches its key.
            const qsizetype keysAt = 4 + 8 + 4 + decoded.checkpoint.size() + 1 + 8;
            const int keys = (uchar(page[keysAt]) << 8) | uchar(page[keysAt + 1]);
            QCOMPARE(keys, 1); // three entries by one member
            page[at + 16] = 0;
            page[at + 17] = 1;
            page[keysAt + 1] = 2;
            page.insert(keysAt + 2 + 32, rig.world.reviewer2.publicKey().raw());
        } else if (defect == QLatin1String("trailing"))
            page.append('\0');
        else if (defect == QLatin1String("proof-byte")) {
            const qsizetype proofAt = sigAt + 64;
            QVERIFY(uchar(page[proofAt]) > 0);
            page[proofAt + 1 + 5] = char(page[proofAt + 1 + 5] ^ 0x01);
        } else if (defect == QLatin1String("magic"))
            page[3] = '1';
        if (defect != QLatin1String("key-byte"))
            QVERIFY(page != (filtered ? filteredBinary.body : fullBinary.body));
        serve(filtered, page);
        const Error e = pullCopy(filtered);
        QVERIFY2(e.code == code, qPrintable(QStringLiteral("expected %1, got %2").arg(code, e.toString())));
        QVERIFY(!e.message.isEmpty());
    }

    void aRegistryWithoutBinaryPagesIsAskedForJson()
    {
        // An older registry refuses format=2 as an unknown parameter: the pull asks again in JSON.
        tamper.serveHead();
        tamper.fake->set(fullTarget,
            { 400, "application/json",
                R"({"error":{"code":"invalid_query","message":"Query parameter format is unknown."}})",
                false });
        tamper.fake->set(tamper.entriesTarget(false), { 200, "application/json", fullJson.body, false });
        const Error e = pullCopy(false);
        QVERIFY2(e.code.isEmpty(), qPrintable(e.toString()));
    }
};

QTEST_GUILESS_MAIN(TestBinaryPage)
#include "tst_binarypage.moc"
