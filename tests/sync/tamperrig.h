#pragma once
// The set-up tst_syncfaults and tst_binarypage share (header only; tests/sync): a full (pm) and a filtered
// (founder) replica joined from the real registry at N entries, three more entries so the registry is at T,
// the registry's checkpoint and consistency proof (N to T) captured over TLS, and a fake HTTPS registry
// (fakeregistry.h) to serve them back with the entries page a test has broken on purpose. pullCopy pulls
// a copy of a replica through the fake and reports a failed pull that changed the copy.

#include "fakeregistry.h"
#include "sync/syncrig.h"

#include <QTest>

namespace tamperrig {

using namespace syncrig;

// A 200 response as the registry sent it; empty (with a warning saying why) on anything else.
struct Got
{
    QByteArray contentType, body;
};

inline Got get(syncclient::HttpsTransport &t, const QByteArray &target)
{
    auto r = t.get(target);
    if (!r || r->status != 200)
        qWarning(
            "capture %s: %s", target.constData(), r ? r->body.constData() : qPrintable(r.error().toString()));
    return r && r->status == 200 ? Got { r->contentType, r->body } : Got {};
}

struct TamperRig
{
    Rig rig;
    QString fullPath, filteredPath;
    int64_t N = 0, T = 0;
    QByteArray checkpoint, consistency, consistencyTarget;
    std::unique_ptr<fakeregistry::Server> fake;

    // False (the test failed or a capture is empty) when the set-up could not be made.
    bool build()
    {
        if (!rig.build())
            return false;
        fullPath = rig.file(QStringLiteral("full.ledger"));
        filteredPath = rig.file(QStringLiteral("founder.ledger"));
        if (!rig.join(rig.world.pm, fullPath) || !rig.join(rig.world.founder, filteredPath))
            return false;
        N = ledger::store::LedgerStore::open(fullPath, ledger::store::LedgerStore::Mode::ReadOnly)
                .value()
                ->logSize()
                .value();
        std::vector<ledger::SignedEntry> more;
        for (int i = 0; i < 3; ++i)
            more.push_back(rig.ledger->sign(
                rig.world.pm2, "sponsor.registered", bodies::sponsor("tampered-" + std::to_string(i))));
        auto sent = submitDirect(rig.options(), rig.world.pm2, more);
        if (!sent) {
            qWarning("submit: %s", qPrintable(why(sent)));
            return false;
        }
        T = N + 3;
        auto pm = signedTransport(rig.options(), rig.world.pm);
        if (!pm)
            return false;
        checkpoint = get(*pm.value(), "/v1/checkpoint").body;
        consistencyTarget = QStringLiteral("/v1/proof/consistency?from=%1&to=%2").arg(N).arg(T).toLatin1();
        consistency = get(*pm.value(), consistencyTarget).body;
        fake = std::make_unique<fakeregistry::Server>(rig.pki->issue(QStringLiteral("fake")));
        return !QTest::currentTestFailed() && !checkpoint.isEmpty() && !consistency.isEmpty()
            && fake->port() != 0;
    }

    // The entries from N up to T, as both replicas ask for them (binary: format 2).
    QByteArray entriesTarget(bool binary) const
    {
        return QStringLiteral("/v1/entries?from=%1&limit=1000&tree_size=%2%3")
            .arg(N)
            .arg(T)
            .arg(binary ? QStringLiteral("&format=2") : QString())
            .toLatin1();
    }

    // The fake serves the captured checkpoint and consistency proof, and nothing else yet.
    void serveHead()
    {
        fake->clear();
        fake->set("/v1/checkpoint", { 200, "application/json", checkpoint, false });
        fake->set(consistencyTarget, { 200, "application/json", consistency, false });
    }

    // A pull's options through the fake: a broken response is tried twice, not the default number of times.
    syncclient::SyncOptions fakeOptions() const
    {
        syncclient::SyncOptions o = rig.options(fake->baseUrl());
        o.transport.maxAttempts = 2;
        return o;
    }

    // Pulls a copy of the full or the filtered replica through the fake; returns the pull's error (empty
    // code: none), or "changed" when a failed pull left the copy different from before, or "incomplete"
    // when a pull that succeeded did not bring the copy from N to T.
    ledger::Error pullCopy(bool filtered, const syncclient::SyncOptions &o)
    {
        using ledger::makeError;
        using ledger::store::LedgerStore;
        static int n = 0;
        const QString copy = rig.file(QStringLiteral("tampered-copy-%1.ledger").arg(++n));
        if (!copyLedger(filtered ? filteredPath : fullPath, copy))
            return makeError("test", QStringLiteral("copy failed"));
        QMap<QString, QByteArray> before;
        {
            auto s = LedgerStore::open(copy, LedgerStore::Mode::ReadOnly);
            before = tableDigests(s.value()->db());
        }
        auto store = LedgerStore::open(copy, LedgerStore::Mode::ReadWrite);
        auto engine
            = syncclient::SyncEngine::create(*store.value(), filtered ? rig.world.founder : rig.world.pm, o);
        if (!engine)
            return engine.error();
        auto r = engine.value()->pull();
        ledger::Error e = r ? ledger::Error {} : r.error();
        engine.value().reset();
        if (!r && tableDigests(store.value()->db()) != before)
            return makeError(
                "changed", QStringLiteral("the replica changed after: %1").arg(r.error().toString()));
        if (r && (!r->complete || r->pulled != T - N))
            return makeError("incomplete", QStringLiteral("the pull did not complete"));
        return e;
    }
};

} // namespace tamperrig
