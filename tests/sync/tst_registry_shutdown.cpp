// The real alliance-registry stopped with SIGTERM in the middle of a load: it stops accepting, answers the
// submissions it has in hand (receipts, after their commit) and exits 0. Every client sees either receipts or
// a connection error; after a restart the failed batches are resubmitted as they were, and the log then holds
// every entry exactly once, at the seq its receipt named.

#include "tlsregistry.h"

#include "sync/wire/messages.h"

#include <QTest>

#include <csignal>
#include <cstring>
#include <map>
#include <set>

using namespace kit;

namespace {

constexpr int kClients = 6;
constexpr int kBatchesPerClient = 4;
constexpr int kSmallBatch = 150;
constexpr int kBigBatch = 3000; // more than all small batches together: the gauge then names this one

struct Attempt
{
    std::vector<ledger::SignedEntry> entries;
    QByteArray body;
    bool sent = false;
    bool finished = false;
    int status = 0;
    QString networkError;
    std::optional<syncwire::SubmitResponse> receipts;
};

// `registry_entries_in_progress N` from a metrics page (-1 if absent).
int64_t entriesInProgress(const QByteArray &metrics)
{
    for (const QByteArray &line : metrics.split('\n'))
        if (line.startsWith("registry_entries_in_progress "))
            return line.mid(int(strlen("registry_entries_in_progress "))).trimmed().toLongLong();
    return -1;
}

} // namespace

class TstRegistryShutdown : public QObject
{
    Q_OBJECT

    TlsRegistry m_rig;
    const World &w() const { return m_rig.world(); }

    std::vector<ledger::SignedEntry> sponsors(int n, const QByteArray &tag)
    {
        std::vector<ledger::SignedEntry> out;
        for (int i = 0; i < n; ++i)
            out.push_back(makeEntry(
                w().pm, "sponsor.registered", bodies::sponsor(tag.toStdString() + "-" + std::to_string(i))));
        return out;
    }

    // Sends attempt `a` on `nam` (signed now); `done` runs when it finished either way.
    void post(QNetworkAccessManager &nam, Attempt &a, std::function<void()> done)
    {
        a.sent = true;
        QNetworkReply *reply = nam.post(m_rig.signedSubmit(w().pm, a.body), a.body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&a, reply, done = std::move(done)] {
            a.finished = true;
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            if (a.status == 200) {
                auto r = syncwire::decodeSubmitResponse(body);
                if (r)
                    a.receipts = std::move(r).value();
            } else if (a.status == 0) {
                a.networkError = reply->errorString();
            }
            reply->deleteLater();
            done();
        });
    }

private slots:
    void initTestCase()
    {
        m_rig.start({ QStringLiteral("--max-batch"), QString::number(kBigBatch), QStringLiteral("--max-body"),
            QString::number(16 * 1024 * 1024) });
        QVERIFY(!QTest::currentTestFailed());
    }

    void idleRegistryStopsCleanlyOnSigint()
    {
        QVERIFY(::kill(pid_t(m_rig.registry->processId()), SIGINT) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_rig.registry->isRunning(), 30'000);
        m_rig.registry->stop();
        QCOMPARE(m_rig.registry->lastExitCode(), 0);
        QVERIFY2(m_rig.registry->output().contains(QStringLiteral("stopped (tree size")),
            qPrintable(m_rig.registry->output()));
        QVERIFY2(m_rig.registry->start(), qPrintable(m_rig.registry->output()));
    }

    void sigtermMidLoadLosesAndDuplicatesNothing()
    {
        Https http(m_rig.registry->baseUrl(), m_rig.pki->caFile());
        const Reply before = http.send("GET", "/v1/checkpoint", {}, &w().auditor);
        auto cp0 = syncwire::decodeCheckpoint(before.body);
        QVERIFY2(before.status == 200 && cp0, qPrintable(describe(before)));
        const int64_t size0 = cp0->treeSize;

        // The load: kClients clients sending small batches one after another, and a big batch (another one
        // if a big batch is answered before the probe saw it in progress, on a fast machine).
        std::vector<std::vector<Attempt>> clients(kClients);
        for (int c = 0; c < kClients; ++c) {
            for (int b = 0; b < kBatchesPerClient; ++b) {
                Attempt a;
                a.entries
                    = sponsors(kSmallBatch, "sd-" + QByteArray::number(c) + "-" + QByteArray::number(b));
                a.body = syncwire::encodeSubmit(a.entries);
                clients[size_t(c)].push_back(std::move(a));
            }
        }
        std::vector<std::unique_ptr<Attempt>> bigs;
        auto newBig = [&] {
            bigs.push_back(std::make_unique<Attempt>());
            bigs.back()->entries = sponsors(kBigBatch, "sd-big-" + QByteArray::number(int(bigs.size())));
            bigs.back()->body = syncwire::encodeSubmit(bigs.back()->entries);
            return bigs.back().get();
        };
        Attempt *big = newBig();

        std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
        std::function<void(int, size_t)> sendNext = [&](int c, size_t b) {
            auto &mine = clients[size_t(c)];
            if (b >= mine.size())
                return;
            post(*nams[size_t(c)], mine[b], [&, c, b] {
                // After a connection error the registry is going away: this client stops here.
                if (mine[b].status == 200)
                    sendNext(c, b + 1);
            });
        };
        for (int c = 0; c < kClients; ++c) {
            nams.push_back(std::make_unique<QNetworkAccessManager>());
            sendNext(c, 0);
        }
        QNetworkAccessManager bigNam;
        post(bigNam, *big, [] {});

        // SIGTERM once the big batch is certainly in the registry's hands (checking or sequencing).
        bool signalled = false;
        QNetworkAccessManager probe;
        QElapsedTimer clock;
        clock.start();
        while (!signalled && clock.elapsed() < 120'000) {
            if (big->finished) {
                QVERIFY2(big->status == 200, qPrintable(big->networkError));
                if (bigs.size() >= 5)
                    break;
                big = newBig();
                post(bigNam, *big, [] {});
            }
            QNetworkRequest req(QUrl(m_rig.registry->baseUrl() + QStringLiteral("/v1/metrics")));
            req.setSslConfiguration(trustOnly(m_rig.pki->caFile()));
            QNetworkReply *reply = probe.get(req);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const int64_t inProgress = entriesInProgress(reply->readAll());
            reply->deleteLater();
            if (inProgress >= kBigBatch && !big->finished) {
                QVERIFY(::kill(pid_t(m_rig.registry->processId()), SIGTERM) == 0);
                signalled = true;
            } else {
                QTest::qWait(10);
            }
        }
        QVERIFY2(signalled, "the big batch was never seen in progress");

        // Everyone finishes: receipts or a connection error.
        auto allDone = [&] {
            for (const auto &b : bigs)
                if (!b->finished)
                    return false;
            for (const auto &mine : clients)
                for (const Attempt &a : mine)
                    if (a.sent && !a.finished)
                        return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 120'000);
        // The one in hand when the signal came was answered.
        QVERIFY2(big->status == 200 && big->receipts, qPrintable(big->networkError));
        QCOMPARE(big->receipts->receipts.size(), size_t(kBigBatch));
        int answered = 0, refused = 0;
        for (const auto &mine : clients) {
            for (const Attempt &a : mine) {
                if (!a.finished)
                    continue;
                QVERIFY2(a.status == 200 || a.status == 0,
                    qPrintable(QStringLiteral("HTTP %1 during shutdown").arg(a.status)));
                if (a.status == 200) {
                    QVERIFY(a.receipts);
                    ++answered;
                } else {
                    ++refused;
                }
            }
        }
        qInfo("small batches: %d answered, %d connection errors, the rest not sent", answered, refused);

        QTRY_VERIFY_WITH_TIMEOUT(!m_rig.registry->isRunning(), 60'000);
        m_rig.registry->stop();
        QCOMPARE(m_rig.registry->lastExitCode(), 0);

        // Restart; resubmit what got no receipts, and one batch that did (idempotent: the same receipts).
        QVERIFY2(m_rig.registry->start(), qPrintable(m_rig.registry->output()));
        Https again(m_rig.registry->baseUrl(), m_rig.pki->caFile());
        std::map<QByteArray, int64_t> seqOf; // entry id -> seq from its receipt
        auto take = [&](const Attempt &a, const syncwire::SubmitResponse &r) {
            QCOMPARE(r.receipts.size(), a.entries.size());
            for (size_t i = 0; i < r.receipts.size(); ++i) {
                QVERIFY(r.receipts[i].sequenced);
                QCOMPARE(r.receipts[i].entryId, a.entries[i].id());
                auto [it, fresh] = seqOf.emplace(r.receipts[i].entryId, r.receipts[i].seq);
                QVERIFY2(fresh || it->second == r.receipts[i].seq, "an entry got two different seqs");
            }
        };
        for (const auto &b : bigs) {
            QVERIFY(b->receipts);
            take(*b, *b->receipts);
        }
        const Reply repeat = again.send("POST", "/v1/entries", big->body, &w().pm);
        auto repeated = syncwire::decodeSubmitResponse(repeat.body);
        QVERIFY2(repeat.status == 200 && repeated, qPrintable(describe(repeat)));
        take(*big, repeated.value());
        for (auto &mine : clients) {
            for (Attempt &a : mine) {
                if (a.status == 200) {
                    take(a, *a.receipts);
                    continue;
                }
                const Reply r = again.send("POST", "/v1/entries", a.body, &w().pm);
                auto decoded = syncwire::decodeSubmitResponse(r.body);
                QVERIFY2(r.status == 200 && decoded, qPrintable(describe(r)));
                take(a, decoded.value());
            }
        }
        const size_t total = size_t(kClients * kBatchesPerClient * kSmallBatch) + bigs.size() * kBigBatch;
        QCOMPARE(seqOf.size(), total);

        // The log: exactly the old entries plus each of ours once, where its receipt said.
        const Reply after = again.send("GET", "/v1/checkpoint", {}, &w().auditor);
        auto cp1 = syncwire::decodeCheckpoint(after.body);
        QVERIFY2(after.status == 200 && cp1, qPrintable(describe(after)));
        QCOMPARE(cp1->treeSize, size0 + int64_t(total));
        std::set<QByteArray> seen;
        for (int64_t from = size0; from < cp1->treeSize;) {
            const QByteArray target = "/v1/entries?from=" + QByteArray::number(from)
                + "&limit=1000&tree_size=" + QByteArray::number(cp1->treeSize);
            const Reply r = again.send("GET", target, {}, &w().auditor);
            auto page = syncwire::decodePage(r.body);
            QVERIFY2(r.status == 200 && page && !page->entries.empty(), qPrintable(describe(r)));
            for (const auto &e : page->entries) {
                const QByteArray id = e.entry.id();
                QVERIFY2(seen.insert(id).second, "an entry is in the log twice");
                QVERIFY2(seqOf.count(id) && seqOf[id] == e.seq, "a log entry is not where its receipt said");
            }
            from = page->next.value_or(cp1->treeSize);
        }
        QCOMPARE(seen.size(), total);
    }

    void cleanupTestCase() { m_rig.registry.reset(); }
};

QTEST_GUILESS_MAIN(TstRegistryShutdown)
#include "tst_registry_shutdown.moc"
