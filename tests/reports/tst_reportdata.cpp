// Report data against what the projections say (queries/balances), on a real ledger; the forecast's
// arithmetic on hand-worked cases; cancelling.

#include "ledger/queries/balances.h"
#include "ledger/reports/forecast.h"
#include "ledger/reports/reports.h"
#include "reportworld.h"

#include <QTest>

using namespace ledger::reports;
using namespace testsupport;

namespace {

const Cell *find(const Report &r, const QString &column, const std::vector<Cell> &row)
{
    for (size_t i = 0; i < r.columns.size(); ++i)
        if (r.columns[i].title == column)
            return &row[i];
    return nullptr;
}

int64_t amountAt(const Report &r, const std::vector<Cell> &row, const QString &column)
{
    const Cell *c = find(r, column, row);
    return c && c->type == CellType::Amount ? c->number : -1;
}

QString textAt(const Report &r, const std::vector<Cell> &row, const QString &column)
{
    const Cell *c = find(r, column, row);
    return c ? c->text : QString();
}

} // namespace

class TestReportData : public QObject
{
    Q_OBJECT

    LedgerFixture *fx = nullptr;
    reporttest::ReportWorld rw;

private slots:
    void initTestCase()
    {
        fx = new LedgerFixture;
        rw = reporttest::build(*fx);
    }
    void cleanupTestCase() { delete fx; }

    void statementClosesAtTheBalance()
    {
        ReportOptions o;
        o.startup = QStringLiteral("st-1");
        o.now = rw.end;
        auto r = startupStatement(fx->store(), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        auto b = ledger::queries::startupBalances(fx->store(), "st-1");
        QVERIFY(b.ok());
        QCOMPARE(b->resources.size(), size_t(2));
        for (const auto &res : b->resources) {
            int64_t closing = -1, opening = -1, sum = 0;
            for (const auto &row : r->rows) {
                if (textAt(*r, row, QStringLiteral("Resource")) != QString::fromStdString(res.resource))
                    continue;
                const QString kind = textAt(*r, row, QStringLiteral("Movement"));
                if (kind == QLatin1String("opening balance"))
                    opening = amountAt(*r, row, QStringLiteral("Balance"));
                else if (kind == QLatin1String("closing balance"))
                    closing = amountAt(*r, row, QStringLiteral("Balance"));
                else
                    sum += amountAt(*r, row, QStringLiteral("Amount"));
            }
            QCOMPARE(opening, 0);
            QCOMPARE(closing, res.balance);
            QCOMPARE(sum, res.balance);
        }
        // naver-cloud/b200: granted 300, used 50.5 and 30 -> 219.5; kt-cloud/h100: 100 - 12.345 - 87.655
        // expired.
        QCOMPARE(r->rows.size(), size_t(2 + 3 + 2 + 3));
    }

    void statementOfAPeriodOpensWithTheBalanceBefore()
    {
        ReportOptions o;
        o.startup = QStringLiteral("st-1");
        o.from = kT0 + 20 * kDay;
        o.to = kT0 + 60 * kDay;
        o.now = rw.end;
        auto r = buildReport(fx->store(), QStringLiteral("statement"), o);
        QVERIFY(r.ok());
        const auto &first = r->rows.front();
        QCOMPARE(textAt(*r, first, QStringLiteral("Resource")), QStringLiteral("kt-cloud/h100"));
        // b200 rows: opening 249.5, the usage of 30 on day 35, closing 219.5.
        std::vector<std::vector<Cell>> b200;
        for (const auto &row : r->rows)
            if (textAt(*r, row, QStringLiteral("Resource")) == QLatin1String("naver-cloud/b200"))
                b200.push_back(row);
        QCOMPARE(b200.size(), size_t(3));
        QCOMPARE(amountAt(*r, b200[0], QStringLiteral("Balance")), 249'500);
        QCOMPARE(amountAt(*r, b200[1], QStringLiteral("Amount")), -30'000);
        QCOMPARE(textAt(*r, b200[1], QStringLiteral("Movement")), QStringLiteral("used"));
        QCOMPARE(amountAt(*r, b200[2], QStringLiteral("Balance")), 219'500);
    }

    void statementNeedsAKnownStartup()
    {
        ReportOptions o;
        QCOMPARE(buildReport(fx->store(), QStringLiteral("statement"), o).error().code,
            QStringLiteral("invalid_argument"));
        o.startup = QStringLiteral("nobody");
        QCOMPARE(buildReport(fx->store(), QStringLiteral("statement"), o).error().code,
            QStringLiteral("unknown_object"));
        QCOMPARE(buildReport(fx->store(), QStringLiteral("nonsense"), o).error().code,
            QStringLiteral("unknown_report"));
    }

    void utilisationMatchesThePools()
    {
        ReportOptions o;
        o.now = rw.end;
        auto r = sponsorUtilisation(fx->store(), o);
        QVERIFY(r.ok());
        auto pools = ledger::queries::pools(fx->store());
        QVERIFY(pools.ok());
        QCOMPARE(pools->size(), size_t(2));
        for (const auto &p : pools.value()) {
            bool seen = false;
            for (const auto &row : r->rows) {
                if (textAt(*r, row, QStringLiteral("Pool")) != QString::fromStdString(p.id)
                    || textAt(*r, row, QStringLiteral("Startup")) != QLatin1String("(all startups)"))
                    continue;
                seen = true;
                QCOMPARE(amountAt(*r, row, QStringLiteral("Pledged")), p.pledged);
                QCOMPARE(amountAt(*r, row, QStringLiteral("Granted")), p.granted);
                QCOMPARE(amountAt(*r, row, QStringLiteral("Used")), p.consumed);
                QCOMPARE(amountAt(*r, row, QStringLiteral("Expired")), p.expired);
                QCOMPARE(amountAt(*r, row, QStringLiteral("Clawed back")), p.clawedBack);
                QCOMPARE(amountAt(*r, row, QStringLiteral("Held by grants")), p.outstanding);
            }
            QVERIFY(seen);
        }
        // nipa-b200 by hand: granted 300 + 800, used 50.5 + 100 + 30, clawed back 50.
        o.sponsor = QStringLiteral("nipa");
        auto nipa = sponsorUtilisation(fx->store(), o);
        QVERIFY(nipa.ok());
        QCOMPARE(nipa->rows.size(), size_t(3)); // the pool and its two startups
        QCOMPARE(amountAt(*nipa, nipa->rows[0], QStringLiteral("Granted")), 1'100'000);
        QCOMPARE(amountAt(*nipa, nipa->rows[0], QStringLiteral("Used")), 180'500);
        QCOMPARE(amountAt(*nipa, nipa->rows[0], QStringLiteral("Clawed back")), 50'000);
        QCOMPARE(amountAt(*nipa, nipa->rows[0], QStringLiteral("Held by grants")), 869'500);
        o.sponsor = QStringLiteral("nobody");
        QCOMPARE(sponsorUtilisation(fx->store(), o).error().code, QStringLiteral("unknown_object"));
    }

    void pipelineCountsStages()
    {
        ReportOptions o;
        o.now = rw.end;
        auto r = programmePipeline(fx->store(), o);
        QVERIFY(r.ok());
        QCOMPARE(r->rows.size(), size_t(4));
        int approved = 0, submitted = 0;
        for (const auto &row : r->rows) {
            approved += textAt(*r, row, QStringLiteral("Stage")) == QLatin1String("approved");
            submitted += textAt(*r, row, QStringLiteral("Stage")) == QLatin1String("submitted");
        }
        QCOMPARE(approved, 3);
        QCOMPARE(submitted, 1);
        QVERIFY(r->chart.has_value());
    }

    void expiringHonoursTheHorizon()
    {
        ReportOptions o;
        o.now = rw.end; // day 70: g-1 expires on day 180, g-2 on day 200
        o.days = 120;
        auto r = expiringCredits(fx->store(), o);
        QVERIFY(r.ok());
        QCOMPARE(r->rows.size(), size_t(1));
        QCOMPARE(r->rows[0][0].text, QStringLiteral("g-1"));
        QCOMPARE(amountAt(*r, r->rows[0], QStringLiteral("Balance")), 219'500);
        o.days = 30;
        QCOMPARE(expiringCredits(fx->store(), o)->rows.size(), size_t(0));
        o.days = 140;
        QCOMPARE(expiringCredits(fx->store(), o)->rows.size(), size_t(2));
    }

    void forecastArithmetic()
    {
        ForecastInput in;
        in.now = 0;
        in.windowMs = 10 * kDay;
        in.usedInWindow = 10'000; // 1 GPU-hour a day
        in.available = 100'000;
        in.expiresAt = 200 * kDay;
        auto f = forecastGrant(in);
        QCOMPARE(f.dailyRate, 1'000);
        QCOMPARE(f.runsOutAt.value_or(-1), 100 * kDay);
        QCOMPARE(f.unusedAtExpiry, 0);

        in.available = 10'000;
        in.tranches = { { 50 * kDay, 100'000 } };
        in.expiresAt = 300 * kDay;
        f = forecastGrant(in);
        QCOMPARE(f.runsOutAt.value_or(-1), 10 * kDay); // before the tranche comes
        QCOMPARE(f.unusedAtExpiry, 0);

        in.tranches
            = { { 50 * kDay, 100'000 }, { 400 * kDay, 5'000 } }; // the second never comes before expiry
        in.available = 100'000;
        in.expiresAt = 40 * kDay;
        f = forecastGrant(in);
        QVERIFY(!f.runsOutAt);
        QCOMPARE(f.unusedAtExpiry, 60'000 + 100'000 + 5'000);

        in.usedInWindow = 0;
        in.tranches.clear();
        f = forecastGrant(in);
        QVERIFY(!f.runsOutAt);
        QCOMPARE(f.unusedAtExpiry, 100'000);
    }

    void forecastOfTheWorld()
    {
        ReportOptions o;
        o.now = rw.end;
        auto r = runOutForecast(fx->store(), o);
        QVERIFY(r.ok());
        QCOMPARE(r->rows.size(), size_t(2)); // g-1 and g-2 hold credit
        for (const auto &row : r->rows)
            QVERIFY(!textAt(*r, row, QStringLiteral("Outlook")).isEmpty());
    }

    // A month imported late counts in its own period, not as a burst on the day it was recorded: the window
    // [now - 90 days, now) takes the usage whose period lies in it, pro rata at its edges.
    void forecastUsesTheUsagePeriod()
    {
        LedgerFixture f;
        const World &w = f.buildStandard();
        const int64_t t0 = f.clock.nowMs();
        f.mustRecord(w.pm, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { 200'000, t0 } }, t0 + 300 * kDay));
        f.clock.advance(200 * kDay);
        const int64_t now = f.clock.nowMs();
        // All three recorded today. Before the window: not counted at all.
        f.mustRecord(w.pm, "usage.recorded",
            bodies::usage("g-1", "old", w.resource, 30'000, t0 + kDay, t0 + 31 * kDay));
        // Half inside the window (its first 10 of 20 days are before it): half counted.
        f.mustRecord(w.pm, "usage.recorded",
            bodies::usage("g-1", "edge", w.resource, 20'000, now - 100 * kDay, now - 80 * kDay));
        // Inside: all counted.
        f.mustRecord(w.pm, "usage.recorded",
            bodies::usage("g-1", "recent", w.resource, 9'000, now - 50 * kDay, now - 20 * kDay));
        ReportOptions o;
        o.now = f.clock.nowMs();
        auto r = runOutForecast(f.store(), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->rows.size(), size_t(1));
        QCOMPARE(amountAt(*r, r->rows[0], QStringLiteral("Used in last 90 days")), 10'000 + 9'000);
        QCOMPARE(amountAt(*r, r->rows[0], QStringLiteral("Per day")), 19'000 / 90);
        // Seen from before any of it was recorded, nothing was used in the window.
        o.now = now - kDay;
        r = runOutForecast(f.store(), o);
        QVERIFY(r.ok());
        QCOMPARE(amountAt(*r, r->rows[0], QStringLiteral("Used in last 90 days")), 0);
    }

    void cancelling()
    {
        ReportOptions o;
        o.now = rw.end;
        auto r = buildReport(
            fx->store(), QStringLiteral("utilisation"), o, [](int64_t, int64_t) { return false; });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("cancelled"));
    }

    void emptyPeriodIsRefused()
    {
        ReportOptions o;
        o.from = kT0 + kDay;
        o.to = kT0;
        QCOMPARE(buildReport(fx->store(), QStringLiteral("pipeline"), o).error().code,
            QStringLiteral("invalid_argument"));
    }
};

QTEST_GUILESS_MAIN(TestReportData)
#include "tst_reportdata.moc"
