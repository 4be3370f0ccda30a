// What the sync client does with responses that are wrong: malformed, truncated, oversized, of the wrong
// content type, a server error, or with a signature, timestamp, inclusion proof, consistency proof or
// checkpoint signature that does not verify. The bodies are real ones captured from the real registry over
// TLS, served back by a fake HTTPS server (tests/sync/fakeregistry.h) with one defect each; every case is an
// error and the replica is left exactly as it was. The untouched bodies, served the same way, do sync.

#include "sync/wire/messages.h"
#include "tamperrig.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;
using namespace tamperrig;

namespace {

QByteArray flipPageEntry(const QByteArray &body, const std::function<void(syncwire::PageEntry &)> &change)
{
    auto page = syncwire::decodePage(body);
    if (!page || page->entries.empty())
        qFatal("page does not decode");
    change(page->entries[page->entries.size() / 2]);
    return syncwire::encodePage(page.value());
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

private:
    TamperRig tamper;
    Rig &rig = tamper.rig;
    QByteArray pageTarget, fullPage, filteredPage;

    // The captured bodies; the entries page is the full or the filtered replica's (both stopped at N).
    void serveCanonical(bool filtered)
    {
        tamper.serveHead();
        tamper.fake->set(pageTarget, { 200, "application/json", filtered ? filteredPage : fullPage, false });
    }

    syncclient::SyncOptions fakeOptions() const
    {
        syncclient::SyncOptions o = tamper.fakeOptions();
        o.binaryPages = false; // these are the JSON pages' faults; binary pages': tst_binarypage
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tamper.build());
        auto pm = signedTransport(rig.options(), rig.world.pm);
        auto founder = signedTransport(rig.options(), rig.world.founder);
        QVERIFY(pm && founder);
        pageTarget = tamper.entriesTarget(false); // the filtered replica also stopped at N
        fullPage = get(*pm.value(), pageTarget).body;
        filteredPage = get(*founder.value(), pageTarget).body;
        QVERIFY(!fullPage.isEmpty() && !filteredPage.isEmpty());
        QVERIFY(syncwire::decodePage(filteredPage)->entries.front().proof.has_value());
    }

    void untouchedResponsesSync()
    {
        serveCanonical(false);
        const Error full = tamper.pullCopy(false, fakeOptions());
        QVERIFY2(full.code.isEmpty(), qPrintable(full.toString()));
        serveCanonical(true);
        const Error filtered = tamper.pullCopy(true, fakeOptions());
        QVERIFY2(filtered.code.isEmpty(), qPrintable(filtered.toString()));
    }

    void joinDiscardsPagesThatDoNotAddUp()
    {
        // A new member's first page (the whole log) with one timestamp changed: join fails, keeps nothing.
        auto pm3 = signedTransport(rig.options(), rig.world.pm3);
        QVERIFY(pm3);
        const QByteArray me = get(*pm3.value(), "/v1/me").body;
        const QByteArray target
            = QStringLiteral("/v1/entries?from=0&limit=1000&tree_size=%1").arg(tamper.T).toLatin1();
        const QByteArray whole = get(*pm3.value(), target).body;
        QVERIFY(!me.isEmpty() && !whole.isEmpty());
        tamper.fake->clear();
        tamper.fake->set("/v1/me", { 200, "application/json", me, false });
        tamper.fake->set("/v1/checkpoint", { 200, "application/json", tamper.checkpoint, false });
        tamper.fake->set(target,
            { 200, "application/json",
                flipPageEntry(whole, [](syncwire::PageEntry &e) { e.sequencedAt += 1; }), false });
        const QString path = rig.file(QStringLiteral("joined-through-fake.ledger"));
        syncclient::JoinOptions j;
        j.sync = fakeOptions();
        auto r = syncclient::join(path, rig.world.pm3, j);
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("proof_invalid"));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));
        // The untouched page joins.
        tamper.fake->set(target, { 200, "application/json", whole, false });
        auto ok = syncclient::join(path, rig.world.pm3, j);
        QVERIFY2(ok, qPrintable(why(ok)));
        QVERIFY(ok->complete);
        QCOMPARE(ok->pulled, tamper.T);
    }

    void badResponsesChangeNothing_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<bool>("filtered");
        QTest::addColumn<QString>("code");
        QTest::newRow("malformed checkpoint") << "malformed" << false << "invalid_response";
        QTest::newRow("truncated checkpoint") << "truncated" << false << "network_error";
        QTest::newRow("wrong content type") << "content-type" << false << "invalid_response";
        QTest::newRow("server error") << "500" << false << "internal";
        QTest::newRow("overloaded") << "503" << false << "overloaded";
        QTest::newRow("oversized page") << "oversized" << false << "response_too_large";
        QTest::newRow("bad entry signature") << "signature" << false << "replica_bad_entry";
        QTest::newRow("changed sequenced_at") << "time" << false << "proof_invalid";
        QTest::newRow("bad consistency proof") << "consistency" << false << "fork_detected";
        QTest::newRow("bad checkpoint signature") << "note-signature" << false << "checkpoint_signature";
        QTest::newRow("bad inclusion proof") << "inclusion" << true << "proof_invalid";
        QTest::newRow("truncated filtered page") << "truncated-page" << true << "network_error";
    }
    void badResponsesChangeNothing()
    {
        QFETCH(QString, defect);
        QFETCH(bool, filtered);
        QFETCH(QString, code);
        serveCanonical(filtered);
        const QByteArray page = filtered ? filteredPage : fullPage;
        syncclient::SyncOptions o = fakeOptions();
        using fakeregistry::Response;
        if (defect == QLatin1String("malformed"))
            tamper.fake->set("/v1/checkpoint",
                Response { 200, "application/json", tamper.checkpoint.left(40) + "]", false });
        else if (defect == QLatin1String("truncated"))
            tamper.fake->set("/v1/checkpoint", Response { 200, "application/json", tamper.checkpoint, true });
        else if (defect == QLatin1String("content-type"))
            tamper.fake->set("/v1/checkpoint", Response { 200, "text/html", tamper.checkpoint, false });
        else if (defect == QLatin1String("500"))
            tamper.fake->set("/v1/checkpoint",
                Response {
                    500, "application/json", R"({"error":{"code":"internal","message":"Boom."}})", false });
        else if (defect == QLatin1String("503"))
            tamper.fake->set("/v1/checkpoint",
                Response {
                    503, "application/json", R"({"error":{"code":"overloaded","message":"Busy."}})", false });
        else if (defect == QLatin1String("oversized")) {
            o.transport.maxResponseBytes = 64 * 1024;
            tamper.fake->set(
                pageTarget, Response { 200, "application/json", page + QByteArray(100 * 1024, ' '), false });
        } else if (defect == QLatin1String("signature"))
            tamper.fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(page,
                        [](syncwire::PageEntry &e) {
                            e.entry.signature[7] = char(e.entry.signature[7] ^ 1);
                        }),
                    false });
        else if (defect == QLatin1String("time"))
            tamper.fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(page, [](syncwire::PageEntry &e) { e.sequencedAt += 1; }), false });
        else if (defect == QLatin1String("consistency")) {
            auto p = syncwire::decodeConsistency(tamper.consistency).value();
            p.proof[0][0] = char(p.proof[0][0] ^ 1);
            tamper.fake->set(tamper.consistencyTarget,
                Response { 200, "application/json", syncwire::encodeConsistency(p), false });
        } else if (defect == QLatin1String("note-signature")) {
            auto c = syncwire::decodeCheckpoint(tamper.checkpoint).value();
            const qsizetype line = c.checkpoint.lastIndexOf("\n\xe2\x80\x94 ");
            const qsizetype sigStart = c.checkpoint.lastIndexOf(' ') + 1;
            QVERIFY(line > 0 && sigStart > line);
            QByteArray sig = QByteArray::fromBase64(c.checkpoint.mid(sigStart).trimmed());
            sig[20] = char(sig[20] ^ 1); // in the Ed25519 signature, after the 4-byte key hash
            c.checkpoint = c.checkpoint.left(sigStart) + sig.toBase64() + "\n";
            tamper.fake->set(
                "/v1/checkpoint", Response { 200, "application/json", syncwire::encodeCheckpoint(c), false });
            auto pg = syncwire::decodePage(page).value();
            pg.checkpoint = c.checkpoint;
            tamper.fake->set(
                pageTarget, Response { 200, "application/json", syncwire::encodePage(pg), false });
        } else if (defect == QLatin1String("inclusion"))
            tamper.fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(
                        page, [](syncwire::PageEntry &e) { (*e.proof)[0][5] = char((*e.proof)[0][5] ^ 1); }),
                    false });
        else if (defect == QLatin1String("truncated-page"))
            tamper.fake->set(pageTarget, Response { 200, "application/json", page, true });
        const Error e = tamper.pullCopy(filtered, o);
        QVERIFY2(e.code == code, qPrintable(QStringLiteral("expected %1, got %2").arg(code, e.toString())));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
