// Entries waiting for k-of-n approvals: withdrawn with pending.cancelled, refused when their proposer was
// revoked meanwhile; and the tranche bookkeeping after a partial clawback of unreleased credit.

#include "support/ledgerfixture.h"

#include <QtTest>

using namespace ledger;
using namespace testsupport;

class TestPendingActions : public QObject
{
    Q_OBJECT

    static Value cancel(const QByteArray &target)
    {
        return obj({ { "target", Value(hex(target)) }, { "reason", Value("the request changed") } });
    }

private slots:
    void cancelledGrantFreesItsApplication()
    {
        LedgerFixture f({ .audit = true });
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t now = f.clock.nowMs();
        // 600,000 is above the 500,000 threshold: the grant waits, nothing moves.
        const Receipt proposal = f.record(w.pm, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { 600'000, now } }, now + 90 * kDay));
        QVERIFY(proposal.accepted);
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        const int64_t poolBefore = f.balance("pool:nipa-b200");

        // Neither a startup member nor a reviewer may cancel; an unknown target is refused.
        QCOMPARE(f.record(w.founder, "pending.cancelled", cancel(proposal.entryId)).rejection.code,
            QStringLiteral("not_authorised"));
        QCOMPARE(f.record(w.reviewer, "pending.cancelled", cancel(proposal.entryId)).rejection.code,
            QStringLiteral("not_authorised"));
        QCOMPARE(f.record(w.pm, "pending.cancelled", cancel(QByteArray(32, '\x07'))).rejection.code,
            QStringLiteral("unknown_object"));

        const Receipt cancelled = f.record(w.pm2, "pending.cancelled", cancel(proposal.entryId));
        QVERIFY2(cancelled.accepted, qPrintable(cancelled.rejection.toString()));
        QVERIFY(f.state().pending.empty());
        QCOMPARE(int(f.grant("g-1")->status), int(GrantStatus::Cancelled));
        QVERIFY(f.application(w.application)->grant.empty());
        QCOMPARE(f.balance("pool:nipa-b200"), poolBefore);
        QCOMPARE(f.balance("grant:g-1"), int64_t(0));

        // The approval now has nothing to approve; the grant id stays taken; the application can be granted.
        QCOMPARE(f.record(w.pm2, "approval", bodies::approval(proposal.entryId)).rejection.code,
            QStringLiteral("unknown_object"));
        QCOMPARE(f.record(w.pm, "grant.created",
                      bodies::grant("g-1", w.application, w.pool, { { 100'000, now } }, now + 90 * kDay))
                     .rejection.code,
            QStringLiteral("already_exists"));
        const Receipt regrant = f.record(w.pm, "grant.created",
            bodies::grant("g-2", w.application, w.pool, { { 100'000, now } }, now + 90 * kDay));
        QVERIFY2(regrant.accepted, qPrintable(regrant.rejection.toString()));
        QCOMPARE(f.balance("grant:g-2"), int64_t(100'000));
        QVERIFY(f.reopen());
        QCOMPARE(int(f.grant("g-1")->status), int(GrantStatus::Cancelled));
    }

    void revokedProposerCannotBeApproved()
    {
        LedgerFixture f({ .audit = true });
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t now = f.clock.nowMs();
        const Receipt proposal = f.record(w.pm3, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { 600'000, now } }, now + 90 * kDay));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        f.mustRecord(f.root, "member.revoked", bodies::revoke(keyIdOf(w.pm3)));
        const Receipt approval = f.record(w.pm, "approval", bodies::approval(proposal.entryId));
        QCOMPARE(approval.rejection.code, QStringLiteral("revoked_member"));
        QCOMPARE(f.state().pending.size(), size_t(1));
        QCOMPARE(f.balance("grant:g-1"), int64_t(0));
        // It can still be withdrawn.
        QVERIFY(f.record(w.pm, "pending.cancelled", cancel(proposal.entryId)).accepted);
        QVERIFY(f.state().pending.empty());
    }

    void partialClawbackComesOffTheLastTranches()
    {
        LedgerFixture f({ .audit = true });
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application,
            { { 100'000, now }, { 100'000, now + 10 * kDay }, { 100'000, now + 20 * kDay } },
            now + 90 * kDay);
        LF_STOP_IF_FAILED();
        QCOMPARE(f.grant("g-1")->unreleased, int64_t(200'000));
        // 150,000 back: 100,000 off the last tranche, 50,000 off the second.
        f.mustRecord(w.pm, "grant.clawed_back", bodies::clawback("g-1", 150'000));
        const Grant *g = f.grant("g-1");
        QCOMPARE(g->tranches[0].amount, int64_t(100'000));
        QCOMPARE(g->tranches[1].amount, int64_t(50'000));
        QCOMPARE(g->tranches[2].amount, int64_t(0));
        QCOMPARE(g->unreleased, int64_t(50'000));
        QCOMPARE(g->available, int64_t(100'000));
        f.clock.advance(10 * kDay);
        f.mustRecord(w.pm, "grant.tranche_released", bodies::release("g-1", 1));
        g = f.grant("g-1");
        QCOMPARE(g->available, int64_t(150'000));
        QCOMPARE(g->unreleased, int64_t(0));
        QCOMPARE(f.balance("grant:g-1"), int64_t(150'000));
        QCOMPARE(invariantProblem(f.state()), QString());
    }

    void shorterTopUpAndEarlyUsageAreRefused()
    {
        LedgerFixture f({ .audit = true });
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        QCOMPARE(f.record(w.pm, "pool.pledged",
                      bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, 1, w.poolValidUntil - kDay))
                     .rejection.code,
            QStringLiteral("invalid_body"));
        f.clock.advance(2 * kDay);
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 100'000, now } }, now + 90 * kDay);
        LF_STOP_IF_FAILED();
        // A period that ended before the grant existed.
        QCOMPARE(f.record(w.pm, "usage.recorded",
                      bodies::usage("g-1", "u-1", w.resource, 1, now - 2 * kDay, now - kDay))
                     .rejection.code,
            QStringLiteral("invalid_body"));
        QVERIFY(f.record(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 1, now - kDay, now))
                    .accepted);
    }
};

QTEST_GUILESS_MAIN(TestPendingActions)
#include "tst_pendingactions.moc"
