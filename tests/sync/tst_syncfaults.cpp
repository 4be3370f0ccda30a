// What the sync client does with responses that are wrong: malformed, truncated, oversized, of the wrong
// content type, a server error, or with a signature, timestamp, inclusion proof, consistency proof or
// checkpoint signature that does not verify. The bodies are real ones captured from the real registry over
// TLS, served back by a fake HTTPS server (tests/sync/fakeregistry.h) with one defect each; every case is an
// error and the replica is left exactly as it was. The untouched bodies, served the same way, do sync.

#include "fakeregistry.h"
#include "sync/syncrig.h"
#include "sync/wire/messages.h"

#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;

namespace {

struct Captured
{
    QByteArray checkpoint, consistency, fullPage, filteredPage;
    QByteArray consistencyTarget, fullTarget, filteredTarget;
};

QByteArray get(syncclient::HttpsTransport &t, const QByteArray &target)
{
    auto r = t.get(target);
    if (!r || r->status != 200)
        qWarning(
            "capture %s: %s", target.constData(), r ? r->body.constData() : qPrintable(r.error().toString()));
    return r && r->status == 200 ? r->body : QByteArray();
}

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
    Rig rig;
    Captured cap;
    QString fullPath, filteredPath;
    int64_t N = 0, T = 0;
    std::unique_ptr<fakeregistry::Server> fake;

    // The captured bodies; the entries page is the full or the filtered replica's (both stopped at N).
    void serveCanonical(bool filtered)
    {
        fake->clear();
        fake->set("/v1/checkpoint", { 200, "application/json", cap.checkpoint, false });
        fake->set(cap.consistencyTarget, { 200, "application/json", cap.consistency, false });
        fake->set(filtered ? cap.filteredTarget : cap.fullTarget,
            { 200, "application/json", filtered ? cap.filteredPage : cap.fullPage, false });
    }

    syncclient::SyncOptions fakeOptions() const
    {
        syncclient::SyncOptions o = rig.options(fake->baseUrl());
        o.transport.maxAttempts = 2;
        o.binaryPages = false; // these are the JSON pages' faults; binary pages': tst_binarypage
        return o;
    }

    // Pulls a copy of the replica at `path` through the fake registry; returns the error (empty code: none)
    // and checks that a failure left the copy exactly as it was.
    Error pullCopy(const QString &path, const crypto::PrivateKey &key, const syncclient::SyncOptions &o)
    {
        static int n = 0;
        const QString copy = rig.file(QStringLiteral("copy-%1.ledger").arg(++n));
        if (!copyLedger(path, copy))
            return makeError("test", QStringLiteral("copy failed"));
        QMap<QString, QByteArray> before;
        {
            auto s = store::LedgerStore::open(copy, store::LedgerStore::Mode::ReadOnly);
            before = tableDigests(s.value()->db());
        }
        auto store = store::LedgerStore::open(copy, store::LedgerStore::Mode::ReadWrite);
        auto engine = syncclient::SyncEngine::create(*store.value(), key, o);
        if (!engine)
            return engine.error();
        auto r = engine.value()->pull();
        Error e = r ? Error {} : r.error();
        engine.value().reset();
        if (!r && tableDigests(store.value()->db()) != before)
            return makeError(
                "changed", QStringLiteral("the replica changed after: %1").arg(r.error().toString()));
        if (r && !r->complete)
            return makeError("incomplete", QStringLiteral("the pull did not complete"));
        return e;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(rig.build());
        fullPath = rig.file(QStringLiteral("full.ledger"));
        filteredPath = rig.file(QStringLiteral("founder.ledger"));
        QVERIFY(rig.join(rig.world.pm, fullPath));
        QVERIFY(rig.join(rig.world.founder, filteredPath));
        N = store::LedgerStore::open(fullPath, store::LedgerStore::Mode::ReadOnly).value()->logSize().value();
        std::vector<SignedEntry> more;
        for (int i = 0; i < 3; ++i)
            more.push_back(rig.ledger->sign(
                rig.world.pm2, "sponsor.registered", bodies::sponsor("fault-" + std::to_string(i))));
        auto sent = submitDirect(rig.options(), rig.world.pm2, more);
        QVERIFY2(sent, qPrintable(why(sent)));
        T = N + 3;
        auto pm = signedTransport(rig.options(), rig.world.pm);
        auto founder = signedTransport(rig.options(), rig.world.founder);
        QVERIFY(pm && founder);
        cap.checkpoint = get(*pm.value(), "/v1/checkpoint");
        cap.consistencyTarget
            = QStringLiteral("/v1/proof/consistency?from=%1&to=%2").arg(N).arg(T).toLatin1();
        cap.consistency = get(*pm.value(), cap.consistencyTarget);
        cap.fullTarget
            = QStringLiteral("/v1/entries?from=%1&limit=1000&tree_size=%2").arg(N).arg(T).toLatin1();
        cap.fullPage = get(*pm.value(), cap.fullTarget);
        cap.filteredTarget = cap.fullTarget; // the filtered replica also stopped at N
        cap.filteredPage = get(*founder.value(), cap.filteredTarget);
        QVERIFY(!cap.checkpoint.isEmpty() && !cap.consistency.isEmpty() && !cap.fullPage.isEmpty()
            && !cap.filteredPage.isEmpty());
        QVERIFY(syncwire::decodePage(cap.filteredPage)->entries.front().proof.has_value());
        fake = std::make_unique<fakeregistry::Server>(rig.pki->issue(QStringLiteral("fake")));
        QVERIFY(fake->port() != 0);
    }

    void untouchedResponsesSync()
    {
        serveCanonical(false);
        const Error full = pullCopy(fullPath, rig.world.pm, fakeOptions());
        QVERIFY2(full.code.isEmpty(), qPrintable(full.toString()));
        serveCanonical(true);
        const Error filtered = pullCopy(filteredPath, rig.world.founder, fakeOptions());
        QVERIFY2(filtered.code.isEmpty(), qPrintable(filtered.toString()));
    }

    void joinDiscardsPagesThatDoNotAddUp()
    {
        // A new member's first page (the whole log) with one timestamp changed: join fails, keeps nothing.
        auto pm3 = signedTransport(rig.options(), rig.world.pm3);
        QVERIFY(pm3);
        const QByteArray me = get(*pm3.value(), "/v1/me");
        const QByteArray target
            = QStringLiteral("/v1/entries?from=0&limit=1000&tree_size=%1").arg(T).toLatin1();
        const QByteArray whole = get(*pm3.value(), target);
        QVERIFY(!me.isEmpty() && !whole.isEmpty());
        fake->clear();
        fake->set("/v1/me", { 200, "application/json", me, false });
        fake->set("/v1/checkpoint", { 200, "application/json", cap.checkpoint, false });
        fake->set(target,
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
        fake->set(target, { 200, "application/json", whole, false });
        auto ok = syncclient::join(path, rig.world.pm3, j);
        QVERIFY2(ok, qPrintable(why(ok)));
        QVERIFY(ok->complete);
        QCOMPARE(ok->pulled, T);
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
        const QByteArray pageTarget = filtered ? cap.filteredTarget : cap.fullTarget;
        const QByteArray page = filtered ? cap.filteredPage : cap.fullPage;
        syncclient::SyncOptions o = fakeOptions();
        using fakeregistry::Response;
        if (defect == QLatin1String("malformed"))
            fake->set(
                "/v1/checkpoint", Response { 200, "application/json", cap.checkpoint.left(40) + "]", false });
        else if (defect == QLatin1String("truncated"))
            fake->set("/v1/checkpoint", Response { 200, "application/json", cap.checkpoint, true });
        else if (defect == QLatin1String("content-type"))
            fake->set("/v1/checkpoint", Response { 200, "text/html", cap.checkpoint, false });
        else if (defect == QLatin1String("500"))
            fake->set("/v1/checkpoint",
                Response {
                    500, "application/json", R"({"error":{"code":"internal","message":"Boom."}})", false });
        else if (defect == QLatin1String("503"))
            fake->set("/v1/checkpoint",
                Response {
                    503, "application/json", R"({"error":{"code":"overloaded","message":"Busy."}})", false });
        else if (defect == QLatin1String("oversized")) {
            o.transport.maxResponseBytes = 64 * 1024;
            fake->set(
                pageTarget, Response { 200, "application/json", page + QByteArray(100 * 1024, ' '), false });
        } else if (defect == QLatin1String("signature"))
            fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(page,
                        [](syncwire::PageEntry &e) {
                            e.entry.signature[7] = char(e.entry.signature[7] ^ 1);
                        }),
                    false });
        else if (defect == QLatin1String("time"))
            fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(page, [](syncwire::PageEntry &e) { e.sequencedAt += 1; }), false });
        else if (defect == QLatin1String("consistency")) {
            auto p = syncwire::decodeConsistency(cap.consistency).value();
            p.proof[0][0] = char(p.proof[0][0] ^ 1);
            fake->set(cap.consistencyTarget,
                Response { 200, "application/json", syncwire::encodeConsistency(p), false });
        } else if (defect == QLatin1String("note-signature")) {
            auto c = syncwire::decodeCheckpoint(cap.checkpoint).value();
            const qsizetype line = c.checkpoint.lastIndexOf("\n\xe2\x80\x94 ");
            const qsizetype sigStart = c.checkpoint.lastIndexOf(' ') + 1;
            QVERIFY(line > 0 && sigStart > line);
            QByteArray sig = QByteArray::fromBase64(c.checkpoint.mid(sigStart).trimmed());
            sig[20] = char(sig[20] ^ 1); // in the Ed25519 signature, after the 4-byte key hash
            c.checkpoint = c.checkpoint.left(sigStart) + sig.toBase64() + "\n";
            fake->set(
                "/v1/checkpoint", Response { 200, "application/json", syncwire::encodeCheckpoint(c), false });
            auto pg = syncwire::decodePage(page).value();
            pg.checkpoint = c.checkpoint;
            fake->set(pageTarget, Response { 200, "application/json", syncwire::encodePage(pg), false });
        } else if (defect == QLatin1String("inclusion"))
            fake->set(pageTarget,
                Response { 200, "application/json",
                    flipPageEntry(
                        page, [](syncwire::PageEntry &e) { (*e.proof)[0][5] = char((*e.proof)[0][5] ^ 1); }),
                    false });
        else if (defect == QLatin1String("truncated-page"))
            fake->set(pageTarget, Response { 200, "application/json", page, true });
        const Error e
            = pullCopy(filtered ? filteredPath : fullPath, filtered ? rig.world.founder : rig.world.pm, o);
        QVERIFY2(e.code == code, qPrintable(QStringLiteral("expected %1, got %2").arg(code, e.toString())));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
