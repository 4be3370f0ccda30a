// The plain-text-accounting journal, read by the real `ledger` and `hledger`: both read it without error
// and their balances equal the ledger's own accounts and what `alliancectl balance` prints, to the
// thousandth of a GPU-hour. Skipped only if a binary is missing.

#include "ledger/queries/balances.h"
#include "ledger/store/ledgerstore.h"
#include "reportworld.h"
#include "support/ctlprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <map>

using namespace testsupport;

namespace {

using Balances = std::map<QString, std::map<QString, int64_t>>; // account -> commodity -> milli

// "-1234.500" -> -1234500, exactly (three decimals at most, as we write them).
std::optional<int64_t> parseMilli(QString text)
{
    text.remove(QLatin1Char(','));
    const bool negative = text.startsWith(QLatin1Char('-'));
    if (negative)
        text.remove(0, 1);
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    QString units = dot < 0 ? text : text.left(dot);
    QString frac = dot < 0 ? QString() : text.mid(dot + 1);
    if (frac.size() > 3)
        return std::nullopt;
    frac = frac.leftJustified(3, QLatin1Char('0'));
    bool ok1 = false, ok2 = false;
    const int64_t v = units.toLongLong(&ok1) * 1000 + frac.toLongLong(&ok2);
    if (!ok1 || !ok2)
        return std::nullopt;
    return negative ? -v : v;
}

// `balance --flat --no-total` of either tool: amounts on their own lines, the account after the last one.
std::optional<Balances> parseBalance(const QByteArray &output)
{
    Balances out;
    std::map<QString, int64_t> pending;
    for (const QByteArray &raw : output.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() < 2)
            return std::nullopt;
        auto milli = parseMilli(parts[0]);
        if (!milli)
            return std::nullopt;
        QString commodity = parts[1];
        commodity.remove(QLatin1Char('"'));
        pending[commodity] += *milli;
        if (parts.size() >= 3) {
            out[parts[2]] = pending;
            pending.clear();
        }
    }
    return out;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

    std::unique_ptr<LedgerFixture> fx;
    QString path;

    QString journal(const QStringList &extra = {})
    {
        const QString out
            = fx->dir().path() + QStringLiteral("/j%1.journal").arg(qHash(extra.join(QLatin1Char(' '))));
        auto r = runAlliancectl(
            QStringList { QStringLiteral("report"), QStringLiteral("journal"), QStringLiteral("--ledger"),
                path, QStringLiteral("--format"), QStringLiteral("journal"), QStringLiteral("--out"), out }
            + extra);
        if (r.exitCode != 0)
            QTest::qFail(r.err.constData(), __FILE__, __LINE__);
        return out;
    }

    // The expected balances: the ledger's balances table, with grant accounts under their startup and the
    // consumed / expired accounts split per startup (from the grants table).
    Balances expected()
    {
        Balances want;
        auto store = ledger::store::LedgerStore::open(path, ledger::store::LedgerStore::Mode::ReadOnly);
        auto st
            = store.value()->db().prepare("SELECT account, resource, amount FROM balances WHERE amount != 0");
        while (st->step().value()) {
            QString account = st->text(0);
            if (account.startsWith(QLatin1String("grant:"))) {
                auto g = store.value()->db().prepare("SELECT startup FROM grants WHERE id = ?1");
                g->bind(1, account.mid(6));
                (void)g->step();
                account = QStringLiteral("grant:%1:%2").arg(g->text(0), account.mid(6));
            }
            if (account == QLatin1String("consumed") || account == QLatin1String("expired"))
                continue;
            want[account][st->text(1)] += st->int64(2);
        }
        auto g = store.value()->db().prepare("SELECT startup, resource, consumed, expired FROM grants");
        while (g->step().value()) {
            if (g->int64(2))
                want[QStringLiteral("consumed:") + g->text(0)][g->text(1)] += g->int64(2);
            if (g->int64(3))
                want[QStringLiteral("expired:") + g->text(0)][g->text(1)] += g->int64(3);
        }
        return want;
    }

private slots:
    void initTestCase()
    {
        fx = std::make_unique<LedgerFixture>();
        reporttest::build(*fx);
        path = fx->path();
        fx->close();
    }

    void toolsAgreeWithTheLedger_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::newRow("ledger") << QStringLiteral("ledger");
        QTest::newRow("hledger") << QStringLiteral("hledger");
    }

    void toolsAgreeWithTheLedger()
    {
        QFETCH(QString, tool);
        const QString exe = QStandardPaths::findExecutable(tool);
        if (exe.isEmpty())
            QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
        const QString file = journal();
        LF_STOP_IF_FAILED();
        auto run = runProgram(exe,
            { QStringLiteral("-f"), file, QStringLiteral("balance"), QStringLiteral("--flat"),
                QStringLiteral("--no-total") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.isEmpty(), run.err.constData());
        auto got = parseBalance(run.out);
        QVERIFY2(got.has_value(), run.out.constData());
        const Balances want = expected();
        QVERIFY(want.size() > 8);
        QCOMPARE(*got, want);

        // And what `alliancectl balance` prints: every pool's balance, each startup's balance, consumed.
        auto all = runAlliancectl(
            { QStringLiteral("balance"), QStringLiteral("--ledger"), path, QStringLiteral("--json") });
        QCOMPARE(all.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(all.out).object();
        for (const auto &p : doc[QStringLiteral("pools")].toArray()) {
            const QJsonObject o = p.toObject();
            const QString account = QStringLiteral("pool:") + o[QStringLiteral("id")].toString();
            const int64_t balance = o[QStringLiteral("balance_milli")].toInteger();
            QCOMPARE((*got)[account][o[QStringLiteral("resource")].toString()], balance);
        }
        for (const auto &r : doc[QStringLiteral("resources")].toArray()) {
            const QJsonObject o = r.toObject();
            int64_t consumed = 0;
            for (const auto &[account, amounts] : *got)
                if (account.startsWith(QLatin1String("consumed:"))
                    && amounts.count(o[QStringLiteral("resource")].toString()))
                    consumed += amounts.at(o[QStringLiteral("resource")].toString());
            QCOMPARE(consumed, o[QStringLiteral("consumed_milli")].toInteger());
        }
        for (const char *startup : { "st-1", "st-2" }) {
            auto s = runAlliancectl({ QStringLiteral("balance"), QStringLiteral("--ledger"), path,
                QStringLiteral("--json"), QStringLiteral("--startup"), QLatin1String(startup) });
            QCOMPARE(s.exitCode, 0);
            for (const auto &r :
                QJsonDocument::fromJson(s.out).object()[QStringLiteral("resources")].toArray()) {
                const QJsonObject o = r.toObject();
                int64_t held = 0;
                for (const auto &[account, amounts] : *got)
                    if (account.startsWith(QStringLiteral("grant:%1:").arg(QLatin1String(startup)))
                        && amounts.count(o[QStringLiteral("resource")].toString()))
                        held += amounts.at(o[QStringLiteral("resource")].toString());
                QCOMPARE(held, o[QStringLiteral("balance_milli")].toInteger());
            }
        }
    }

    void aPeriodOpensWithTheBalancesBefore()
    {
        const QString exe = QStandardPaths::findExecutable(QStringLiteral("hledger"));
        if (exe.isEmpty())
            QSKIP("hledger is not installed");
        const QString whole = journal();
        const QString part = journal({ QStringLiteral("--from"), QStringLiteral("2026-01-20") });
        LF_STOP_IF_FAILED();
        QFile f(part);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("2026-01-20 * Opening balances\n"));
        QVERIFY(!text.contains("2026-01-01 *"));
        auto a = runProgram(exe,
            { QStringLiteral("-f"), whole, QStringLiteral("balance"), QStringLiteral("--flat"),
                QStringLiteral("--no-total") });
        auto b = runProgram(exe,
            { QStringLiteral("-f"), part, QStringLiteral("balance"), QStringLiteral("--flat"),
                QStringLiteral("--no-total") });
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(b.exitCode, 0);
        QCOMPARE(b.out, a.out);
    }

    // --sponsor keeps the sponsor's pledges and everything of its pools and of the grants drawn from them. In
    // this world each sponsor has the only pool of its resource, so the sponsor's journal read by either tool
    // must give exactly the ledger's balances of that resource, and nothing of the other.
    void oneSponsor_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("sponsor");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("other");
        for (const char *tool : { "ledger", "hledger" }) {
            QTest::addRow("%s kvc", tool) << QString::fromLatin1(tool) << QStringLiteral("kvc")
                                          << QStringLiteral("kt-cloud/h100") << QStringLiteral("nipa-b200");
            QTest::addRow("%s nipa", tool)
                << QString::fromLatin1(tool) << QStringLiteral("nipa") << QStringLiteral("naver-cloud/b200")
                << QStringLiteral("kvc-h100");
        }
    }
    void oneSponsor()
    {
        QFETCH(QString, tool);
        QFETCH(QString, sponsor);
        QFETCH(QString, resource);
        QFETCH(QString, other);
        const QString exe = QStandardPaths::findExecutable(tool);
        if (exe.isEmpty())
            QSKIP(qPrintable(tool + QStringLiteral(" is not installed")));
        const QString file = journal({ QStringLiteral("--sponsor"), sponsor });
        LF_STOP_IF_FAILED();
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("pledge to pool"));
        QVERIFY(text.contains("usage on"));
        QVERIFY(!text.contains(other.toUtf8()));
        auto run = runProgram(exe,
            { QStringLiteral("-f"), file, QStringLiteral("balance"), QStringLiteral("--flat"),
                QStringLiteral("--no-total") });
        QVERIFY2(run.exitCode == 0 && run.err.isEmpty(), run.err.constData());
        auto got = parseBalance(run.out);
        QVERIFY2(got.has_value(), run.out.constData());
        Balances want;
        for (const auto &[account, amounts] : expected())
            if (amounts.count(resource) && amounts.at(resource) != 0)
                want[account][resource] = amounts.at(resource);
        QVERIFY(want.size() >= 4);
        QCOMPARE(*got, want);
    }

    void unknownSponsorIsRefused()
    {
        const QString out = fx->dir().path() + QStringLiteral("/nobody.journal");
        auto bad = runAlliancectl({ QStringLiteral("report"), QStringLiteral("journal"),
            QStringLiteral("--ledger"), path, QStringLiteral("--format"), QStringLiteral("journal"),
            QStringLiteral("--out"), out, QStringLiteral("--sponsor"), QStringLiteral("nobody") });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("nobody"));
        QVERIFY(!QFile::exists(out));
    }

    void oneStartup()
    {
        const QString file = journal({ QStringLiteral("--startup"), QStringLiteral("st-2") });
        LF_STOP_IF_FAILED();
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("grant:st-2:g-2"));
        QVERIFY(!text.contains("st-1"));
        QVERIFY(text.contains("clawback of g-2"));
        auto bad = runAlliancectl(
            { QStringLiteral("report"), QStringLiteral("journal"), QStringLiteral("--ledger"), path,
                QStringLiteral("--format"), QStringLiteral("journal"), QStringLiteral("--out"),
                file + QStringLiteral(".x"), QStringLiteral("--startup"), QStringLiteral("nobody") });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("nobody"));
        QVERIFY(!QFile::exists(file + QStringLiteral(".x")));
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
