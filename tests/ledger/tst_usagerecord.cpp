// readUsageRecord + Rules::applyUsage (ledger/domain/usagerecord.h), the rebuild's way of replaying a usage
// record without a JSON tree: it must take the canonical entries the CLI and the importers sign, give
// exactly the outcome (and state) of the general path for each, and refuse (so the general path decides)
// everything outside its narrow form.

#include "ledger/domain/usagerecord.h"
#include "ledger/engine/statediff.h"
#include "support/ledgerfixture.h"

#include <QTest>

#include <string>

using namespace ledger;
using namespace testsupport;

namespace {

std::string_view bytesOf(const SignedEntry &e)
{
    return { e.bytes.constData(), size_t(e.bytes.size()) };
}

QString outcomeText(const Result<Outcome> &r)
{
    return r ? QStringLiteral("applied %1").arg(int(r.value())) : r.error().toString();
}

} // namespace

class TestUsageRecord : public QObject
{
    Q_OBJECT

private slots:
    void readsTheFieldsOfASignedUsage()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const SignedEntry e = f.sign(
            w.pm, "usage.recorded", bodies::usage("g-7", "job 42/a", w.resource, 1234, 5, 987654321));
        UsageRecord rec;
        QVERIFY(readUsageRecord(bytesOf(e), rec));
        auto decoded = decodeEntry(e.bytes);
        QVERIFY(decoded);
        QCOMPARE(std::string(rec.authorView()), decoded->author);
        QCOMPARE(rec.createdAt, decoded->createdAt);
        const UsageFields u = rec.fields();
        QCOMPARE(std::string(u.grant), std::string("g-7"));
        QCOMPARE(std::string(u.usage), std::string("job 42/a"));
        QCOMPARE(std::string(u.resource), w.resource);
        QCOMPARE(u.amount, int64_t(1234));
        QCOMPARE(u.periodStart, int64_t(5));
        QCOMPARE(u.periodEnd, int64_t(987654321));
    }

    // Everything outside the narrow form goes to the general path (which accepts or rejects it itself).
    void refusesWhatItDoesNotTake()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const Value good = bodies::usage("g-1", "u-1", w.resource, 1000, 1, 2);
        UsageRecord rec;
        auto reads = [&](const Value &body, const char *type = "usage.recorded") {
            return readUsageRecord(bytesOf(f.sign(w.pm, type, body)), rec);
        };
        QVERIFY(reads(good));
        QVERIFY(!reads(good, "credits.expired")); // another type
        QVERIFY(!reads(with(good, "usage", Value("a\"b")))); // an escape
        QVERIFY(!reads(with(good, "usage", Value("사용량")))); // non-ASCII text
        QVERIFY(!reads(with(good, "usage", Value("")))); // empty text
        QVERIFY(!reads(with(good, "usage", Value(std::string(129, 'u'))))); // too long
        QVERIFY(reads(with(good, "usage", Value(std::string(128, 'u')))));
        QVERIFY(!reads(with(good, "grant", Value("G-1")))); // not an id
        QVERIFY(!reads(with(good, "resource", Value("naver-cloud")))); // not a resource
        QVERIFY(!reads(with(good, "amount", Value(0))));
        QVERIFY(!reads(with(good, "amount", Value(-5))));
        QVERIFY(!reads(with(good, "amount", Value("5")))); // a string
        QVERIFY(!reads(with(good, "period_end", Value(int64_t(253402300800000))))); // after year 9999
        QVERIFY(reads(with(good, "period_end", Value(int64_t(253402300799999)))));
        QVERIFY(!reads(with(good, "note", Value("x")))); // a field the type does not have
        QVERIFY(!reads(without(good, "period_start")));

        const SignedEntry e = f.sign(w.pm, "usage.recorded", good);
        std::string bytes(bytesOf(e));
        QVERIFY(readUsageRecord(bytes, rec));
        QVERIFY(!readUsageRecord(bytes + " ", rec)); // trailing bytes
        QVERIFY(!readUsageRecord(bytes.substr(0, bytes.size() - 1), rec)); // truncated
        std::string spaced = bytes;
        spaced.insert(1, " ");
        QVERIFY(!readUsageRecord(spaced, rec)); // not canonical
        std::string bigNumber = bytes;
        const size_t at = bigNumber.find("\"amount\":1000");
        QVERIFY(at != std::string::npos);
        bigNumber.replace(at, 13, "\"amount\":9007199254740992"); // 2^53: beyond I-JSON
        QVERIFY(!readUsageRecord(bigNumber, rec));
        std::string fraction = bytes;
        fraction.replace(at, 13, "\"amount\":1000.5");
        QVERIFY(!readUsageRecord(fraction, rec));
        std::string upperNonce = bytes;
        const size_t nonce = upperNonce.find("\"nonce\":\"") + 9;
        upperNonce[nonce] = 'A';
        QVERIFY(!readUsageRecord(upperNonce, rec));
    }

    // The same outcome, error and resulting state as Rules::apply, accepted or rejected, for each way a
    // usage record can go.
    void sameOutcomeAsTheGeneralPath()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t t1 = f.clock.nowMs() + kDay;
        f.clock.set(t1);
        f.standardGrant(
            "g-1", w.application, { { 100'000, t1 }, { 200'000, t1 + 30 * kDay } }, t1 + 90 * kDay);
        LF_STOP_IF_FAILED();
        f.clock.set(t1 + 10 * kDay);
        const int64_t now = f.clock.nowMs();
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-0", w.resource, 5000, t1, now));
        LF_STOP_IF_FAILED();
        const State base = f.state(); // a full copy: every map fetched

        struct Case
        {
            const char *name;
            const crypto::PrivateKey *key;
            Value body;
        };
        const Case cases[] = {
            { "accepted", &w.pm, bodies::usage("g-1", "u-1", w.resource, 60'000, t1, now - kDay) },
            { "by another manager", &w.pm2, bodies::usage("g-1", "u-2", w.resource, 1, t1, now) },
            { "not authorised", &w.founder, bodies::usage("g-1", "u-1", w.resource, 1000, t1, now) },
            { "unknown grant", &w.pm, bodies::usage("g-9", "u-1", w.resource, 1000, t1, now) },
            { "period reversed", &w.pm, bodies::usage("g-1", "u-1", w.resource, 1000, now, now - 1) },
            { "not yet", &w.pm, bodies::usage("g-1", "u-1", w.resource, 1000, t1, now + 1) },
            { "before the grant", &w.pm,
                bodies::usage("g-1", "u-1", w.resource, 1000, t1 - 2 * kDay, t1 - kDay) },
            { "other resource", &w.pm, bodies::usage("g-1", "u-1", "kt-cloud/h100", 1000, t1, now) },
            { "duplicate", &w.pm, bodies::usage("g-1", "u-0", w.resource, 1, t1, now) },
            { "over the balance", &w.pm, bodies::usage("g-1", "u-1", w.resource, 95'001, t1, now) },
            { "all of it", &w.pm, bodies::usage("g-1", "u-1", w.resource, 95'000, t1, now) },
        };
        for (const Case &c : cases) {
            const SignedEntry e = f.sign(*c.key, "usage.recorded", c.body);
            auto entry = decodeEntry(e.bytes);
            QVERIFY2(entry, c.name);
            UsageRecord rec;
            QVERIFY2(readUsageRecord(bytesOf(e), rec), c.name);
            EntryContext ctx;
            ctx.seq = base.size;
            ctx.at = now;
            ctx.entryId = std::string(64, 'a');
            ctx.authorKey = c.key->publicKey().raw();

            State general = base;
            State fast = base;
            general.trackDirty = fast.trackDirty = true;
            const auto expected = Rules::apply(general, entry.value(), ctx);
            Entry header;
            header.type = "usage.recorded";
            header.author = std::string(rec.authorView());
            header.createdAt = rec.createdAt;
            const auto actual = Rules::applyUsage(fast, header, rec.fields(), ctx);
            QCOMPARE(outcomeText(actual), outcomeText(expected));
            QVERIFY2(firstDifference(general, fast).isEmpty(), qPrintable(firstDifference(general, fast)));
            QCOMPARE(fast.dirty.movements.size(), general.dirty.movements.size());
            QCOMPARE(fast.dirty.usages.size(), general.dirty.usages.size());
            QCOMPARE(fast.size, general.size);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsageRecord)
#include "tst_usagerecord.moc"
