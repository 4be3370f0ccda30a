#include "portalworld.h"

#include "ledger/crypto/keyfile.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"

#include <QTest>

namespace testsupport {

namespace {
QString saveKey(LedgerFixture &f, const ledger::crypto::PrivateKey &key, const QString &name)
{
    const QString path = f.dir().file(name + QStringLiteral(".key"));
    auto saved = ledger::crypto::saveKeyFile(key, path, kPassphrase, ledger::crypto::KdfCost::Fast);
    if (!saved)
        QTest::qFail(qPrintable(saved.error().toString()), __FILE__, __LINE__);
    return path;
}
} // namespace

std::unique_ptr<PortalWorld> makePortalWorld(const std::function<void(LedgerFixture &)> &more)
{
    auto w = std::make_unique<PortalWorld>();
    w->fixture = std::make_unique<LedgerFixture>();
    LedgerFixture &f = *w->fixture;
    const World &world = f.buildStandard();
    if (QTest::currentTestFailed())
        return nullptr;
    f.clock.advance(kHour);
    f.mustRecord(world.founder2, "application.submitted",
        bodies::application(w->underReview, world.startup2, world.programme, world.resource, 200'000,
            "Clinical speech recognition"));
    f.mustRecord(
        world.pm, "application.assigned", bodies::assign(w->underReview, { keyIdOf(world.reviewer) }));
    if (more)
        more(f);
    if (QTest::currentTestFailed())
        return nullptr;
    w->ledger = f.path();
    w->pmKey = saveKey(f, world.pm, QStringLiteral("pm"));
    w->pm2Key = saveKey(f, world.pm2, QStringLiteral("pm2"));
    w->reviewerKey = saveKey(f, world.reviewer, QStringLiteral("reviewer"));
    w->founderKey = saveKey(f, world.founder, QStringLiteral("founder"));
    w->founder2Key = saveKey(f, world.founder2, QStringLiteral("founder2"));
    w->sponsorKey = saveKey(f, world.sponsorMember, QStringLiteral("sponsor"));
    w->auditorKey = saveKey(f, world.auditor, QStringLiteral("auditor"));
    f.close();
    if (QTest::currentTestFailed())
        return nullptr;
    return w;
}

std::unique_ptr<portal::PortalContext> openPortal(PortalWorld &world, const QString &key)
{
    auto ctx = portal::PortalContext::open(world.ledger, key, world.clock());
    if (!ctx) {
        QTest::qFail(qPrintable(ctx.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(ctx.value());
}

void answerNextSigning()
{
    portal::DialogHooks::setNextConfirm(true);
    portal::DialogHooks::setNextPassphrase(kPassphrase);
}

} // namespace testsupport
