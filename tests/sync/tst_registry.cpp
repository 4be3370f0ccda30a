// The real alliance-registry over real TLS (a test CA, verification on), on a ledger moved from a
// standalone alliance: submissions and receipts, idempotent resubmission, paging, proofs, and every
// authentication and read-scope refusal.

#include "tlsregistry.h"

#include "sync/wire/messages.h"

#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"

#include <QTest>

using namespace kit;

class TstRegistry : public QObject
{
    Q_OBJECT

    TlsRegistry m_rig;
    std::unique_ptr<Https> m_http;
    const World &w() const { return m_rig.world(); }

    syncwire::CheckpointResponse checkpoint()
    {
        const Reply r = m_http->send("GET", "/v1/checkpoint", {}, &w().auditor);
        auto cp = syncwire::decodeCheckpoint(r.body);
        if (r.status != 200 || !cp)
            QTest::qFail(qPrintable(describe(r)), __FILE__, __LINE__);
        return cp ? cp.value() : syncwire::CheckpointResponse {};
    }

    // Every page the key may read, against the checkpoint of size treeSize.
    std::vector<syncwire::PageEntry> pullAll(
        const ledger::crypto::PrivateKey &key, int64_t treeSize, int limit)
    {
        std::vector<syncwire::PageEntry> all;
        std::optional<int64_t> from = 0;
        while (from) {
            const QByteArray target = "/v1/entries?from=" + QByteArray::number(*from)
                + "&limit=" + QByteArray::number(limit) + "&tree_size=" + QByteArray::number(treeSize);
            const Reply r = m_http->send("GET", target, {}, &key);
            auto page = syncwire::decodePage(r.body);
            if (r.status != 200 || !page) {
                QTest::qFail(qPrintable(describe(r)), __FILE__, __LINE__);
                return all;
            }
            if (page->treeSize != treeSize) {
                QTest::qFail("page on another tree size", __FILE__, __LINE__);
                return all;
            }
            for (auto &e : page->entries)
                all.push_back(std::move(e));
            from = page->next;
        }
        return all;
    }

    Reply submit(const ledger::crypto::PrivateKey &key, const std::vector<ledger::SignedEntry> &entries)
    {
        return m_http->send("POST", "/v1/entries", syncwire::encodeSubmit(entries), &key);
    }

private slots:
    void initTestCase()
    {
        m_rig.start();
        QVERIFY(!QTest::currentTestFailed());
        m_http = std::make_unique<Https>(m_rig.registry->baseUrl(), m_rig.pki->caFile());
    }

    void healthAndMetricsNeedNoKey()
    {
        const Reply h = m_http->send("GET", "/v1/health");
        QCOMPARE(h.status, 200);
        auto health = syncwire::decodeHealth(h.body);
        QVERIFY(health.ok());
        QCOMPARE(health->origin, QString::fromStdString(m_rig.alliance.origin));
        QCOMPARE(health->treeSize, m_rig.alliance.standaloneSize + 1); // + registry.appointed
        const Reply m = m_http->send("GET", "/v1/metrics");
        QCOMPARE(m.status, 200);
        QVERIFY(m.contentType.startsWith("text/plain"));
        QVERIFY2(m.body.contains("registry_tree_size " + QByteArray::number(health->treeSize)),
            m.body.constData());
        QVERIFY(m.body.contains("registry_requests_total{route=\"GET /v1/health\",status=\"200\"}"));
    }

    void checkpointIsSignedByTheRegistryKey()
    {
        const auto cp = checkpoint();
        auto opened = ledger::note::openNote(cp.checkpoint, QString::fromStdString(m_rig.alliance.origin),
            m_rig.alliance.registryKey.publicKey());
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(qint64(opened->size), cp.treeSize);
        QCOMPARE(opened->root, cp.root);
    }

    void movedLogKeepsTheSameTree()
    {
        const auto cp = checkpoint();
        const int64_t m = m_rig.alliance.standaloneSize;
        const Reply r = m_http->send("GET",
            "/v1/proof/consistency?from=" + QByteArray::number(m) + "&to=" + QByteArray::number(cp.treeSize),
            {}, &w().pm);
        QCOMPARE(r.status, 200);
        auto proof = syncwire::decodeConsistency(r.body);
        QVERIFY(proof.ok());
        QVERIFY(ledger::merkle::verifyConsistency(
            quint64(m), quint64(cp.treeSize), m_rig.alliance.standaloneRoot, cp.root, proof->proof));
        // The root at the old size, recomputed from the leaves served, is the standalone's.
        const auto entries = pullAll(w().auditor, cp.treeSize, 1000);
        QList<QByteArray> leaves;
        for (const auto &e : entries)
            leaves.append(ledger::merkle::entryLeafHash(e.sequencedAt, e.entry.id()));
        ledger::merkle::VectorLeafSource src(leaves);
        QCOMPARE(ledger::merkle::rootOf(src, quint64(m)), m_rig.alliance.standaloneRoot);
        // And the checkpoint the standalone signed at that size is still served for paging.
        const Reply old = m_http->send(
            "GET", "/v1/entries?from=0&limit=1&tree_size=" + QByteArray::number(m), {}, &w().pm);
        QCOMPARE(old.status, 200);
    }

    void submitReceiptsAndIdempotentResubmission()
    {
        const int64_t before = checkpoint().treeSize;
        const auto ok
            = makeEntry(w().pm, "sponsor.registered", bodies::sponsor("sp-new", "cloud", "New Cloud"));
        const auto bad
            = makeEntry(w().pm, "sponsor.registered", bodies::sponsor(w().sponsor)); // exists already
        const Reply r = submit(w().pm, { ok, bad });
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        auto resp = syncwire::decodeSubmitResponse(r.body);
        QVERIFY(resp.ok());
        QCOMPARE(resp->receipts.size(), size_t(2));
        QVERIFY(resp->receipts[0].sequenced);
        QCOMPARE(resp->receipts[0].seq, before);
        QCOMPARE(resp->receipts[0].entryId, ok.id());
        QVERIFY(!resp->receipts[1].sequenced);
        QVERIFY(!resp->receipts[1].code.isEmpty());
        QVERIFY(resp->receipts[1].verifyRejection(m_rig.alliance.registryKey.publicKey()));
        auto note = ledger::note::openNote(resp->checkpoint, QString::fromStdString(m_rig.alliance.origin),
            m_rig.alliance.registryKey.publicKey());
        QVERIFY(note.ok());
        QCOMPARE(qint64(note->size), before + 1);

        // Both again (a retry after a lost answer): the original receipts, byte for byte; nothing appended.
        const Reply again = submit(w().pm, { ok, bad });
        QCOMPARE(again.status, 200);
        auto resp2 = syncwire::decodeSubmitResponse(again.body);
        QVERIFY(resp2.ok());
        QCOMPARE(resp2->receipts[0].seq, resp->receipts[0].seq);
        QCOMPARE(resp2->receipts[0].sequencedAt, resp->receipts[0].sequencedAt);
        QCOMPARE(resp2->receipts[1].rejection, resp->receipts[1].rejection);
        QCOMPARE(resp2->receipts[1].rejectionSig, resp->receipts[1].rejectionSig);
        QCOMPARE(checkpoint().treeSize, before + 1);
        // A later batch may depend on an earlier entry of the same batch.
        const auto pool = makeEntry(w().pm, "sponsor.registered", bodies::sponsor("sp-chain"));
        const auto pledge = makeEntry(w().pm, "pool.pledged",
            bodies::pledge("pool-chain", "sp-chain", w().programme, w().resource, 1000,
                QDateTime::currentMSecsSinceEpoch() + 30 * kDay));
        auto chained = syncwire::decodeSubmitResponse(submit(w().pm, { pool, pledge }).body);
        QVERIFY(chained.ok());
        QVERIFY(chained->receipts[0].sequenced);
        QVERIFY2(chained->receipts[1].sequenced, qPrintable(chained->receipts[1].message));
    }

    void malformedEntryGetsASignedRejectionNotA400()
    {
        const int64_t before = checkpoint().treeSize;
        // Properly signed, but not canonical JSON (a space): the batch goes through, that entry is rejected.
        ledger::SignedEntry odd = makeEntry(w().pm, "sponsor.registered", bodies::sponsor("sp-odd"));
        odd.bytes.replace("{\"author\"", "{ \"author\"");
        odd.signature = w().pm.sign(ledger::signedMessage(odd.type, odd.bytes));
        const auto fine = makeEntry(w().pm, "sponsor.registered", bodies::sponsor("sp-fine"));
        const Reply r = submit(w().pm, { odd, fine });
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        auto resp = syncwire::decodeSubmitResponse(r.body);
        QVERIFY(resp.ok());
        QVERIFY(!resp->receipts[0].sequenced);
        QVERIFY2(!resp->receipts[0].code.isEmpty(), qPrintable(resp->receipts[0].message));
        QVERIFY(resp->receipts[0].verifyRejection(m_rig.alliance.registryKey.publicKey()));
        QVERIFY(resp->receipts[1].sequenced);
        QCOMPARE(checkpoint().treeSize, before + 1);
    }

    void concurrentSubmissionsAreAllSequenced()
    {
        const int64_t before = checkpoint().treeSize;
        // Several connections at once: the registry merges what waits into one sequencer round.
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 8; ++i) {
            const QByteArray body = syncwire::encodeSubmit(
                { makeEntry(w().pm2, "sponsor.registered", bodies::sponsor("conc-" + std::to_string(i))) });
            replies.append(nam.post(m_rig.signedSubmit(w().pm2, body), body));
        }
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished())
                QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            auto resp = syncwire::decodeSubmitResponse(reply->readAll());
            QVERIFY(resp.ok());
            QVERIFY(resp->receipts.at(0).sequenced);
            reply->deleteLater();
        }
        QCOMPARE(checkpoint().treeSize, before + 8);
    }

    void wholeLogReadersRecomputeTheRoot()
    {
        const auto cp = checkpoint();
        const auto entries = pullAll(w().reviewer, cp.treeSize, 7); // small pages: paging on one tree size
        QCOMPARE(int64_t(entries.size()), cp.treeSize);
        QList<QByteArray> leaves;
        for (size_t i = 0; i < entries.size(); ++i) {
            QCOMPARE(entries[i].seq, int64_t(i));
            QVERIFY(!entries[i].proof);
            QVERIFY(ledger::openSignedEntry(entries[i].entry).ok());
            leaves.append(ledger::merkle::entryLeafHash(entries[i].sequencedAt, entries[i].entry.id()));
        }
        QCOMPARE(
            ledger::merkle::rootOf(ledger::merkle::VectorLeafSource(leaves), quint64(cp.treeSize)), cp.root);
        // Without tree_size: the latest checkpoint.
        const Reply latest = m_http->send("GET", "/v1/entries?from=0&limit=2", {}, &w().reviewer);
        QCOMPARE(latest.status, 200);
        auto page = syncwire::decodePage(latest.body);
        QVERIFY(page.ok());
        QCOMPARE(page->treeSize, cp.treeSize);
        QCOMPARE(page->next, std::optional<int64_t>(2));
        const Reply unknown = m_http->send("GET", "/v1/entries?from=0&tree_size=999999", {}, &w().reviewer);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(errorCode(unknown), QStringLiteral("unknown_tree_size"));
    }

    void startupMemberSeesItsOwnAndPublicEntriesWithProofs()
    {
        const auto cp = checkpoint();
        const auto entries = pullAll(w().founder, cp.treeSize, 5);
        QVERIFY(!entries.empty());
        bool sawOwnGrant = false;
        for (const auto &e : entries) {
            QVERIFY(e.proof.has_value());
            const QByteArray leaf = ledger::merkle::entryLeafHash(e.sequencedAt, e.entry.id());
            QVERIFY(ledger::merkle::verifyInclusion(
                quint64(e.seq), quint64(cp.treeSize), leaf, *e.proof, cp.root));
            auto decoded = ledger::openSignedEntry(e.entry);
            QVERIFY(decoded.ok());
            QVERIFY2(e.seq != m_rig.alliance.st2Registered, "a startup read another startup's entry");
            const std::string body = ledger::json::canonical(decoded->body).toStdString();
            // Public entries (members, pools, ...) may name anyone; nothing else may name the other startup.
            if (!ledger::isPublicType(decoded->type))
                QVERIFY2(body.find(w().startup2) == std::string::npos, body.c_str());
            sawOwnGrant = sawOwnGrant || decoded->type == "grant.created";
        }
        QVERIFY(sawOwnGrant);
        QVERIFY(int64_t(entries.size()) < cp.treeSize);
        // Asking for another startup's entry by number is refused.
        const Reply r = m_http->send("GET",
            "/v1/proof/inclusion?seq=" + QByteArray::number(m_rig.alliance.st2Registered)
                + "&tree_size=" + QByteArray::number(cp.treeSize),
            {}, &w().founder);
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QStringLiteral("forbidden"));
        // But its own entries' proofs it gets.
        const Reply own = m_http->send("GET",
            "/v1/proof/inclusion?seq=" + QByteArray::number(entries.back().seq)
                + "&tree_size=" + QByteArray::number(cp.treeSize),
            {}, &w().founder);
        QCOMPARE(own.status, 200);
        const Reply me = m_http->send("GET", "/v1/me", {}, &w().founder);
        auto who = syncwire::decodeMe(me.body);
        QVERIFY(who.ok());
        QCOMPARE(who->role, QStringLiteral("startup"));
        QCOMPARE(who->startup, QString::fromStdString(w().startup));
    }

    void sponsorSeesItsGrantsButCannotGrant()
    {
        const auto cp = checkpoint();
        const auto entries = pullAll(w().sponsorMember2, cp.treeSize, 1000); // kvc: no grants
        for (const auto &e : entries) {
            auto decoded = ledger::openSignedEntry(e.entry);
            QVERIFY(decoded.ok());
            // Public entries, and approvals of public ones (the pool pledge); nothing about startups or
            // grants.
            QVERIFY2(
                ledger::isPublicType(decoded->type) || decoded->type == "approval", decoded->type.c_str());
        }
        const auto mine = pullAll(w().sponsorMember, cp.treeSize, 1000); // nipa: the pool of g-1
        bool sawGrant = false;
        for (const auto &e : mine)
            sawGrant = sawGrant || e.entry.type == "grant.created";
        QVERIFY(sawGrant);
        // A sponsor member signs a grant: the rules refuse it, with a signed rejection.
        const auto grant = makeEntry(w().sponsorMember, "grant.created",
            bodies::grant("g-sponsor", w().application, w().pool,
                { { 1000, QDateTime::currentMSecsSinceEpoch() } },
                QDateTime::currentMSecsSinceEpoch() + 30 * kDay));
        const Reply r = submit(w().sponsorMember, { grant });
        QCOMPARE(r.status, 200);
        auto resp = syncwire::decodeSubmitResponse(r.body);
        QVERIFY(resp.ok());
        QVERIFY(!resp->receipts[0].sequenced);
        QVERIFY(resp->receipts[0].verifyRejection(m_rig.alliance.registryKey.publicKey()));
        QCOMPARE(checkpoint().treeSize, cp.treeSize);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("no headers") << "none" << 401 << "unauthenticated";
        QTest::newRow("unknown key") << "unknown" << 401 << "unknown_key";
        QTest::newRow("revoked key") << "revoked" << 403 << "key_revoked";
        QTest::newRow("stale") << "stale" << 401 << "stale_request";
        QTest::newRow("future") << "future" << 401 << "stale_request";
        QTest::newRow("bad signature") << "badsig" << 401 << "bad_signature";
        QTest::newRow("signature of another path") << "otherpath" << 401 << "bad_signature";
        QTest::newRow("not the author") << "notauthor" << 403 << "not_author";
        QTest::newRow("unknown query") << "query" << 400 << "invalid_query";
        QTest::newRow("no such endpoint") << "404" << 404 << "not_found";
        QTest::newRow("wrong method") << "405" << 405 << "method_not_allowed";
    }

    void refusals()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QString, code);
        const int64_t before = checkpoint().treeSize;
        const auto stranger = testKey("stranger");
        const qint64 now = uniqueNow();
        Reply r;
        if (kind == QLatin1String("none")) {
            r = m_http->send("GET", "/v1/checkpoint");
        } else if (kind == QLatin1String("unknown")) {
            r = m_http->send("GET", "/v1/checkpoint", {}, &stranger);
        } else if (kind == QLatin1String("revoked")) {
            r = m_http->send("GET", "/v1/checkpoint", {}, &m_rig.alliance.revoked);
        } else if (kind == QLatin1String("stale")) {
            r = m_http->send("GET", "/v1/checkpoint", {}, &w().pm, "application/json", now - 10 * kMinute);
        } else if (kind == QLatin1String("future")) {
            r = m_http->send("GET", "/v1/checkpoint", {}, &w().pm, "application/json", now + 10 * kMinute);
        } else if (kind == QLatin1String("badsig")) {
            const auto h = syncwire::signRequest(stranger, "GET", "/v1/checkpoint", {}, now);
            r = m_http->raw("GET", "/v1/checkpoint", {}, {},
                { { syncwire::kKeyHeader, w().pm.keyId().toLatin1() }, { syncwire::kTimeHeader, h.time },
                    { syncwire::kSignatureHeader, h.signature } });
        } else if (kind == QLatin1String("otherpath")) {
            const auto h = syncwire::signRequest(w().pm, "GET", "/v1/me", {}, now);
            r = m_http->raw("GET", "/v1/checkpoint", {}, {},
                { { syncwire::kKeyHeader, h.keyId }, { syncwire::kTimeHeader, h.time },
                    { syncwire::kSignatureHeader, h.signature } });
        } else if (kind == QLatin1String("notauthor")) {
            r = submit(w().pm, { makeEntry(w().pm2, "sponsor.registered", bodies::sponsor("sp-x")) });
        } else if (kind == QLatin1String("query")) {
            r = m_http->send("GET", "/v1/entries?form=3", {}, &w().pm);
        } else if (kind == QLatin1String("404")) {
            r = m_http->send("GET", "/v1/nothing", {}, &w().pm);
        } else {
            r = m_http->send("DELETE", "/v1/checkpoint", {}, &w().pm);
        }
        QVERIFY2(r.status == status, qPrintable(describe(r)));
        QCOMPARE(errorCode(r), code);
        QCOMPARE(checkpoint().treeSize, before);
    }

    void replayedRequestIsRefused()
    {
        const auto h = syncwire::signRequest(w().pm, "GET", "/v1/me", {}, uniqueNow());
        const QList<QPair<QByteArray, QByteArray>> headers { { syncwire::kKeyHeader, h.keyId },
            { syncwire::kTimeHeader, h.time }, { syncwire::kSignatureHeader, h.signature } };
        const Reply first = m_http->raw("GET", "/v1/me", {}, {}, headers);
        QCOMPARE(first.status, 200);
        const Reply second = m_http->raw("GET", "/v1/me", {}, {}, headers);
        QCOMPARE(second.status, 401);
        QCOMPARE(errorCode(second), QStringLiteral("replayed_request"));
    }

    void cleanupTestCase()
    {
        if (m_rig.registry)
            m_rig.registry->stop();
    }
};

QTEST_GUILESS_MAIN(TstRegistry)
#include "tst_registry.moc"
