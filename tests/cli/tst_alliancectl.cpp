// End-to-end tests of alliancectl: the real binary (run with QProcess) on a real ledger file with real,
// passphrase-encrypted keys. The process's stdin is a pipe, so confirmations are implied and passphrases
// come from files, exactly as in a script.

#include "ledger/domain/brn.h"
#include "support/ctlprocess.h"
#include "support/templedger.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

namespace {

using Run = testsupport::TextRun;

// "1234567890"-style number with a correct (or, if `valid` is false, a wrong) check digit.
QString brn(const char *nine, bool valid)
{
    const int check = ledger::brnCheckDigit(nine);
    return QLatin1String(nine) + QString::number(valid ? check : (check + 1) % 10);
}

} // namespace

class TestAlliancectl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpOnEveryVerb_data();
    void helpOnEveryVerb();
    void endToEnd();
    void approvals();
    void malformedAmounts_data();
    void malformedAmounts();
    void keyAndFileErrors();
    void corruptLedger();

private:
    Run ctl(const QStringList &args);
    // The whole observable ledger: every log row and every balance.
    QString snapshot();
    int64_t logSize();
    QStringList as(const QString &key) const;
    QString keyId(const QString &key);
    void expectOneErrorLine(const Run &r);

    testsupport::ScratchDir m_dir;
    QString m_ledger;
    QString m_pass;
};

void TestAlliancectl::initTestCase()
{
    const QString bin = testsupport::alliancectlPath();
    QVERIFY2(
        QFileInfo(bin).isExecutable(), qPrintable(QStringLiteral("alliancectl not built at %1").arg(bin)));
    m_ledger = m_dir.file(QStringLiteral("alliance.ledger"));
    m_pass = m_dir.file(QStringLiteral("passphrase"));
    QFile f(m_pass);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("correct horse battery staple\n");
    f.close();
}

Run TestAlliancectl::ctl(const QStringList &args)
{
    testsupport::RunOptions options;
    options.workingDirectory = m_dir.path();
    options.unsetEnv = testsupport::alliancectlDefaultsEnv();
    options.timeoutMs = 60'000;
    return testsupport::asText(testsupport::runAlliancectl(args, options));
}

QStringList TestAlliancectl::as(const QString &key) const
{
    return { QStringLiteral("--ledger"), m_ledger, QStringLiteral("--key"), m_dir.file(key),
        QStringLiteral("--passphrase-file"), m_pass };
}

QString TestAlliancectl::snapshot()
{
    const Run log = ctl({ QStringLiteral("log"), QStringLiteral("show"), QStringLiteral("--json"),
        QStringLiteral("--from"), QStringLiteral("0"), QStringLiteral("--limit"), QStringLiteral("100000"),
        QStringLiteral("--ledger"), m_ledger });
    const Run bal
        = ctl({ QStringLiteral("balance"), QStringLiteral("--json"), QStringLiteral("--ledger"), m_ledger });
    if (log.code != 0 || bal.code != 0)
        return QStringLiteral("snapshot failed: ") + log.err + bal.err;
    return log.out + bal.out;
}

int64_t TestAlliancectl::logSize()
{
    const Run r
        = ctl({ QStringLiteral("info"), QStringLiteral("--json"), QStringLiteral("--ledger"), m_ledger });
    return r.code == 0
        ? QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("size")).toInteger(-1)
        : -1;
}

QString TestAlliancectl::keyId(const QString &key)
{
    // keygen printed it; read it back from the .pub file the way the ledger computes it.
    QFile f(m_dir.file(key + QStringLiteral(".pub")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray raw = QByteArray::fromBase64(f.readAll().trimmed());
    return QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).left(16).toHex());
}

void TestAlliancectl::expectOneErrorLine(const Run &r)
{
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 1, qPrintable(QStringLiteral("stderr: ") + r.err));
    QVERIFY2(lines.first().startsWith(QLatin1String("alliancectl: error: ")), qPrintable(r.err));
}

// Each runs its argument once (it may be a ctl() call) and checks the exit code.
#define CTL_EXIT(expr, expected)                                                                             \
    do {                                                                                                     \
        const Run ctlRun_ = (expr);                                                                          \
        QVERIFY2(ctlRun_.code == (expected),                                                                 \
            qPrintable(QStringLiteral("exit %1\n%2").arg(ctlRun_.code).arg(ctlRun_.all())));                 \
    } while (0)
#define CTL_OK(expr) CTL_EXIT(expr, 0)

void TestAlliancectl::helpOnEveryVerb_data()
{
    QTest::addColumn<QString>("verb");
    for (const char *v : { "init", "keygen", "member add", "member list", "member revoke", "checkpoint",
             "programme create", "sponsor add", "pool pledge", "pool close", "startup register", "apply",
             "assign", "review", "decide", "withdraw", "approve", "grant", "release", "use", "expire",
             "clawback", "balance", "log show", "log export", "info", "verify", "rebuild", "demo" })
        QTest::newRow(v) << QString::fromLatin1(v);
}

void TestAlliancectl::helpOnEveryVerb()
{
    QFETCH(QString, verb);
    const Run r = ctl(verb.split(QLatin1Char(' ')) + QStringList { QStringLiteral("--help") });
    CTL_OK(r);
    QVERIFY2(
        r.out.startsWith(QStringLiteral("Usage: alliancectl %1 [options]").arg(verb)), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("--ledger")));
    QVERIFY(r.err.isEmpty());
}

void TestAlliancectl::endToEnd()
{
    // A new alliance.
    Run r = ctl({ QStringLiteral("init"), QStringLiteral("--alliance"), QStringLiteral("test-alliance"),
        QStringLiteral("--name"), QStringLiteral("Test Alliance"), QStringLiteral("--origin"),
        QStringLiteral("test.example/log"), QStringLiteral("--key-out"),
        m_dir.file(QStringLiteral("root.key")), QStringLiteral("--ledger"), m_ledger,
        QStringLiteral("--passphrase-file"), m_pass });
    CTL_OK(r);
    QVERIFY(QFileInfo::exists(m_ledger));
    QCOMPARE(QFileInfo(m_dir.file(QStringLiteral("root.key"))).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
        QFileDevice::Permissions());
    QVERIFY(!r.all().contains(QLatin1String("correct horse")));
    // init never touches an existing ledger.
    r = ctl({ QStringLiteral("init"), QStringLiteral("--alliance"), QStringLiteral("other"),
        QStringLiteral("--name"), QStringLiteral("Other"), QStringLiteral("--key-out"),
        m_dir.file(QStringLiteral("other.key")), QStringLiteral("--ledger"), m_ledger,
        QStringLiteral("--passphrase-file"), m_pass });
    CTL_EXIT(r, 1);
    expectOneErrorLine(r);
    QCOMPARE(logSize(), 1);

    for (const char *k : { "pm.key", "reviewer.key", "reviewer2.key", "founder.key" }) {
        r = ctl({ QStringLiteral("keygen"), QStringLiteral("--out"), m_dir.file(QLatin1String(k)),
            QStringLiteral("--passphrase-file"), m_pass });
        CTL_OK(r);
    }
    const QString root = QStringLiteral("root.key");
    const QString pm = QStringLiteral("pm.key");
    const QString reviewer = QStringLiteral("reviewer.key");
    const QString reviewer2 = QStringLiteral("reviewer2.key");
    const QString founder = QStringLiteral("founder.key");

    auto enrol
        = [&](const QString &key, const QString &name, const QString &role, const QStringList &extra = {}) {
              return ctl(QStringList { QStringLiteral("member"), QStringLiteral("add"),
                             QStringLiteral("--key-file"), m_dir.file(key + QStringLiteral(".pub")),
                             QStringLiteral("--name"), name, QStringLiteral("--role"), role }
                  + extra + as(root));
          };
    r = enrol(pm, QStringLiteral("Kim"), QStringLiteral("programme_manager"));
    CTL_OK(r);
    QVERIFY2(r.out.contains(QLatin1String("Sequenced as #1")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("signing as root (admin, key")), qPrintable(r.out));
    CTL_OK(enrol(reviewer, QStringLiteral("Reviewer One"), QStringLiteral("reviewer")));
    CTL_OK(enrol(reviewer2, QStringLiteral("Reviewer Two"), QStringLiteral("reviewer")));

    r = ctl(QStringList { QStringLiteral("programme"), QStringLiteral("create"), QStringLiteral("--id"),
                QStringLiteral("seed-2026"), QStringLiteral("--name"), QStringLiteral("Seed compute 2026"),
                QStringLiteral("--opens"), QStringLiteral("2020-01-01"), QStringLiteral("--closes"),
                QStringLiteral("2099-12-31"), QStringLiteral("--criterion"), QStringLiteral("impact:10"),
                QStringLiteral("--criterion"), QStringLiteral("team:5") }
        + as(pm));
    CTL_OK(r);
    // The PM's entries are not covered by a checkpoint: the root key signs those.
    QVERIFY2(r.out.contains(QLatin1String("not yet covered by a signed checkpoint")), qPrintable(r.out));
    CTL_OK(ctl(QStringList { QStringLiteral("sponsor"), QStringLiteral("add"), QStringLiteral("--id"),
                   QStringLiteral("naver-cloud"), QStringLiteral("--name"), QStringLiteral("NAVER Cloud"),
                   QStringLiteral("--kind"), QStringLiteral("cloud") }
        + as(pm)));
    CTL_OK(ctl(QStringList { QStringLiteral("pool"), QStringLiteral("pledge"), QStringLiteral("--pool"),
                   QStringLiteral("p1"), QStringLiteral("--sponsor"), QStringLiteral("naver-cloud"),
                   QStringLiteral("--programme"), QStringLiteral("seed-2026"), QStringLiteral("--resource"),
                   QStringLiteral("naver-cloud/b200"), QStringLiteral("--amount"), QStringLiteral("50,000"),
                   QStringLiteral("--valid-until"), QStringLiteral("2099-01-01") }
        + as(pm)));

    // Startups: a valid business registration number, and one with a wrong check digit.
    r = ctl(QStringList { QStringLiteral("startup"), QStringLiteral("register"), QStringLiteral("--id"),
                QStringLiteral("acme-ai"), QStringLiteral("--name"), QStringLiteral("Acme AI"),
                QStringLiteral("--brn"), brn("123456789", true), QStringLiteral("--sector"),
                QStringLiteral("robotics") }
        + as(pm));
    CTL_OK(r);
    const QString beforeBadBrn = snapshot();
    r = ctl(QStringList { QStringLiteral("startup"), QStringLiteral("register"), QStringLiteral("--id"),
                QStringLiteral("bad-brn"), QStringLiteral("--name"), QStringLiteral("Bad BRN"),
                QStringLiteral("--brn"), brn("987654321", false), QStringLiteral("--sector"),
                QStringLiteral("robotics") }
        + as(pm));
    CTL_EXIT(r, 2);
    QVERIFY2(r.out.contains(QLatin1String("Rejected: invalid_brn")), qPrintable(r.out));
    QCOMPARE(snapshot(), beforeBadBrn);

    CTL_OK(enrol(founder, QStringLiteral("Founder"), QStringLiteral("startup"),
        { QStringLiteral("--startup"), QStringLiteral("acme-ai") }));

    // The startup applies (its startup is implied by its key).
    r = ctl(
        QStringList { QStringLiteral("apply"), QStringLiteral("--application"), QStringLiteral("acme-app-1"),
            QStringLiteral("--programme"), QStringLiteral("seed-2026"), QStringLiteral("--title"),
            QStringLiteral("Robot arm foundation model"), QStringLiteral("--resource"),
            QStringLiteral("naver-cloud/b200"), QStringLiteral("--amount"), QStringLiteral("1,500") }
        + as(founder));
    CTL_OK(r);
    QVERIFY2(r.out.contains(QLatin1String("signing as Founder (startup, key")), qPrintable(r.out));

    // Reviewers by name and by key id.
    CTL_OK(ctl(QStringList { QStringLiteral("assign"), QStringLiteral("--application"),
                   QStringLiteral("acme-app-1"), QStringLiteral("--reviewer"), QStringLiteral("Reviewer One"),
                   QStringLiteral("--reviewer"), keyId(reviewer2) }
        + as(pm)));
    // A reviewer with a conflict of interest declares it, and then cannot score.
    CTL_OK(ctl(QStringList { QStringLiteral("review"), QStringLiteral("--application"),
                   QStringLiteral("acme-app-1"), QStringLiteral("--conflict") }
        + as(reviewer2)));
    r = ctl(QStringList { QStringLiteral("review"), QStringLiteral("--application"),
                QStringLiteral("acme-app-1"), QStringLiteral("--score"), QStringLiteral("impact=9"),
                QStringLiteral("--score"), QStringLiteral("team=5") }
        + as(reviewer2));
    CTL_EXIT(r, 2);
    QVERIFY2(r.out.contains(QLatin1String("Rejected: conflict_of_interest")), qPrintable(r.out));
    CTL_OK(ctl(
        QStringList { QStringLiteral("review"), QStringLiteral("--application"), QStringLiteral("acme-app-1"),
            QStringLiteral("--score"), QStringLiteral("impact=8"), QStringLiteral("--score"),
            QStringLiteral("team=4"), QStringLiteral("--comment"), QStringLiteral("Credible plan.") }
        + as(reviewer)));
    CTL_OK(ctl(QStringList { QStringLiteral("decide"), QStringLiteral("--application"),
                   QStringLiteral("acme-app-1"), QStringLiteral("--decision"), QStringLiteral("approved"),
                   QStringLiteral("--reason"), QStringLiteral("Strong team and plan.") }
        + as(pm)));

    // A grant in two tranches: one due already, one in the future.
    r = ctl(
        QStringList { QStringLiteral("grant"), QStringLiteral("--application"), QStringLiteral("acme-app-1"),
            QStringLiteral("--pool"), QStringLiteral("p1"), QStringLiteral("--grant"), QStringLiteral("g1"),
            QStringLiteral("--tranche"), QStringLiteral("1,000@2020-06-01"), QStringLiteral("--tranche"),
            QStringLiteral("200.5@2097-01-01"), QStringLiteral("--expires"), QStringLiteral("2098-01-01") }
        + as(pm));
    CTL_OK(r);
    QVERIFY2(
        r.out.contains(QLatin1String("Grant 1,200.500 GPU-hours of naver-cloud/b200 to Acme AI (acme-ai)")),
        qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("expiring 2098-01-01, from pool p1")), qPrintable(r.out));

    // Usage, signed with a checkpoint after it.
    r = ctl(QStringList { QStringLiteral("use"), QStringLiteral("--grant"), QStringLiteral("g1"),
                QStringLiteral("--amount"), QStringLiteral("150.25"), QStringLiteral("--usage"),
                QStringLiteral("invoice-2026-01"), QStringLiteral("--checkpoint-key"), m_dir.file(root) }
        + as(pm));
    CTL_OK(r);
    QVERIFY2(!r.out.contains(QLatin1String("not yet covered")), qPrintable(r.out));

    r = ctl({ QStringLiteral("balance"), QStringLiteral("--startup"), QStringLiteral("acme-ai"),
        QStringLiteral("--json"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
    const QJsonObject b = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(b.value(QStringLiteral("startup")).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("acme-ai"));
    const QJsonArray resources = b.value(QStringLiteral("resources")).toArray();
    QCOMPARE(resources.size(), 1);
    const QJsonObject res = resources.first().toObject();
    QCOMPARE(res.value(QStringLiteral("resource")).toString(), QStringLiteral("naver-cloud/b200"));
    QCOMPARE(res.value(QStringLiteral("granted_milli")).toInteger(), 1200500);
    QCOMPARE(res.value(QStringLiteral("granted")).toString(), QStringLiteral("1,200.500"));
    QCOMPARE(res.value(QStringLiteral("unreleased_milli")).toInteger(), 200500);
    QCOMPARE(res.value(QStringLiteral("available_milli")).toInteger(), 849750);
    QCOMPARE(res.value(QStringLiteral("consumed_milli")).toInteger(), 150250);
    QCOMPARE(res.value(QStringLiteral("consumed")).toString(), QStringLiteral("150.250"));
    QCOMPARE(res.value(QStringLiteral("expired_milli")).toInteger(), 0);
    QCOMPARE(res.value(QStringLiteral("clawed_back_milli")).toInteger(), 0);
    QCOMPARE(res.value(QStringLiteral("balance_milli")).toInteger(), 1050250);
    QCOMPARE(res.value(QStringLiteral("balance")).toString(), QStringLiteral("1,050.250"));
    QCOMPARE(res.value(QStringLiteral("earliest_expiry_ms")).toInteger(), 4039372800000); // 2098-01-01T00:00Z
    QCOMPARE(res.value(QStringLiteral("grants")).toArray().size(), 1);

    r = ctl({ QStringLiteral("balance"), QStringLiteral("--pool"), QStringLiteral("p1"),
        QStringLiteral("--json"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
    const QJsonObject pool
        = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("pool")).toObject();
    QCOMPARE(pool.value(QStringLiteral("pledged_milli")).toInteger(), 50000000);
    QCOMPARE(pool.value(QStringLiteral("granted_milli")).toInteger(), 1200500);
    QCOMPARE(pool.value(QStringLiteral("balance_milli")).toInteger(), 50000000 - 1200500);
    QCOMPARE(pool.value(QStringLiteral("consumed_milli")).toInteger(), 150250);

    // An overdraft is rejected by the rules and leaves the ledger as it was.
    const QString before = snapshot();
    const int64_t sizeBefore = logSize();
    r = ctl(QStringList { QStringLiteral("use"), QStringLiteral("--grant"), QStringLiteral("g1"),
                QStringLiteral("--amount"), QStringLiteral("900") }
        + as(pm));
    CTL_EXIT(r, 2);
    QVERIFY2(r.out.contains(QLatin1String("Rejected: insufficient_balance")), qPrintable(r.out));
    QCOMPARE(logSize(), sizeBefore);
    QCOMPARE(snapshot(), before);

    // A programme manager may not enrol members.
    r = ctl(QStringList { QStringLiteral("member"), QStringLiteral("add"), QStringLiteral("--key-file"),
                m_dir.file(QStringLiteral("root.key.pub")), QStringLiteral("--name"),
                QStringLiteral("Sneaky"), QStringLiteral("--role"), QStringLiteral("admin") }
        + as(pm));
    CTL_EXIT(r, 2);
    QVERIFY2(r.out.contains(QLatin1String("Rejected: not_authorised")), qPrintable(r.out));
    QCOMPARE(snapshot(), before);

    // Readers need no key; the log reads back in one line per entry.
    r = ctl({ QStringLiteral("log"), QStringLiteral("show"), QStringLiteral("--ledger"), m_ledger,
        QStringLiteral("--limit"), QStringLiteral("3") });
    CTL_OK(r);
    QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);
    QVERIFY2(r.out.contains(QLatin1String("usage.recorded")), qPrintable(r.out));
    r = ctl({ QStringLiteral("member"), QStringLiteral("list"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
    QVERIFY(r.out.contains(QLatin1String("Reviewer Two")));

    // The checkpoint key signs; then the whole ledger verifies.
    r = ctl({ QStringLiteral("checkpoint"), QStringLiteral("--key"), m_dir.file(root),
        QStringLiteral("--ledger"), m_ledger, QStringLiteral("--passphrase-file"), m_pass });
    CTL_OK(r);
    r = ctl({ QStringLiteral("verify"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
    QVERIFY2(r.out.contains(QLatin1String("OK")), qPrintable(r.out));
    r = ctl({ QStringLiteral("verify"), QStringLiteral("--quick"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
}

void TestAlliancectl::approvals()
{
    if (!QFileInfo::exists(m_ledger))
        QSKIP("needs the ledger of endToEnd");
    // Above the threshold a pledge needs two distinct keys.
    Run r = ctl(QStringList { QStringLiteral("programme"), QStringLiteral("create"), QStringLiteral("--id"),
                    QStringLiteral("big-2026"), QStringLiteral("--name"), QStringLiteral("Big compute"),
                    QStringLiteral("--opens"), QStringLiteral("2020-01-01"), QStringLiteral("--closes"),
                    QStringLiteral("2099-12-31"), QStringLiteral("--criterion"), QStringLiteral("impact:10"),
                    QStringLiteral("--approval-threshold"), QStringLiteral("100"),
                    QStringLiteral("--approvals-required"), QStringLiteral("2") }
        + as(QStringLiteral("pm.key")));
    CTL_OK(r);
    r = ctl(QStringList { QStringLiteral("pool"), QStringLiteral("pledge"), QStringLiteral("--pool"),
                QStringLiteral("p2"), QStringLiteral("--sponsor"), QStringLiteral("naver-cloud"),
                QStringLiteral("--programme"), QStringLiteral("big-2026"), QStringLiteral("--resource"),
                QStringLiteral("naver-cloud/h100"), QStringLiteral("--amount"), QStringLiteral("500"),
                QStringLiteral("--valid-until"), QStringLiteral("2099-01-01") }
        + as(QStringLiteral("pm.key")));
    CTL_OK(r);
    QVERIFY2(r.out.contains(QLatin1String("Waiting for approvals (1 of 2)")), qPrintable(r.out));
    const auto m = QRegularExpression(QStringLiteral("--target ([0-9a-f]{64})")).match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    // The proposer cannot approve its own entry a second time.
    r = ctl(QStringList { QStringLiteral("approve"), QStringLiteral("--target"), m.captured(1) }
        + as(QStringLiteral("pm.key")));
    CTL_EXIT(r, 2);
    QVERIFY2(r.out.contains(QLatin1String("Rejected: already_approved")), qPrintable(r.out));
    r = ctl(QStringList { QStringLiteral("approve"), QStringLiteral("--target"), m.captured(1) }
        + as(QStringLiteral("root.key")));
    CTL_OK(r);
    QVERIFY2(r.out.contains(QLatin1String("approvals are complete")), qPrintable(r.out));
    r = ctl({ QStringLiteral("balance"), QStringLiteral("--pool"), QStringLiteral("p2"),
        QStringLiteral("--json"), QStringLiteral("--ledger"), m_ledger });
    CTL_OK(r);
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())
                 .object()
                 .value(QStringLiteral("pool"))
                 .toObject()
                 .value(QStringLiteral("balance_milli"))
                 .toInteger(),
        500000);
}

void TestAlliancectl::malformedAmounts_data()
{
    QTest::addColumn<QString>("amount");
    for (const char *a : { "1.2345", "-5", "abc", "99999999999999999999", "0", "0.000", "1,2345", "12,00",
             "1e3", "1.", ".5", "1 200", "+5", "9007199254741" })
        QTest::newRow(a) << QString::fromLatin1(a);
}

void TestAlliancectl::malformedAmounts()
{
    QFETCH(QString, amount);
    if (!QFileInfo::exists(m_ledger))
        QSKIP("needs the ledger of endToEnd");
    const int64_t size = logSize();
    const Run r = ctl(QStringList { QStringLiteral("use"), QStringLiteral("--grant"), QStringLiteral("g1"),
                          QStringLiteral("--amount"), amount }
        + as(QStringLiteral("pm.key")));
    CTL_EXIT(r, 1);
    expectOneErrorLine(r);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(logSize(), size);
}

void TestAlliancectl::keyAndFileErrors()
{
    if (!QFileInfo::exists(m_ledger))
        QSKIP("needs the ledger of endToEnd");
    const QString before = snapshot();
    const QStringList use { QStringLiteral("use"), QStringLiteral("--grant"), QStringLiteral("g1"),
        QStringLiteral("--amount"), QStringLiteral("1") };

    // A wrong passphrase.
    const QString wrong = m_dir.file(QStringLiteral("wrong-passphrase"));
    {
        QFile f(wrong);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not the passphrase\n");
    }
    Run r = ctl(use
        + QStringList { QStringLiteral("--ledger"), m_ledger, QStringLiteral("--key"),
            m_dir.file(QStringLiteral("pm.key")), QStringLiteral("--passphrase-file"), wrong });
    CTL_EXIT(r, 4);
    expectOneErrorLine(r);
    QVERIFY(!r.all().contains(QLatin1String("not the passphrase")));

    // A truncated key file.
    const QString truncated = m_dir.file(QStringLiteral("truncated.key"));
    {
        QFile in(m_dir.file(QStringLiteral("pm.key")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile outFile(truncated);
        QVERIFY(outFile.open(QIODevice::WriteOnly));
        outFile.write(in.readAll().left(100));
        outFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    r = ctl(use
        + QStringList { QStringLiteral("--ledger"), m_ledger, QStringLiteral("--key"), truncated,
            QStringLiteral("--passphrase-file"), m_pass });
    CTL_EXIT(r, 4);
    expectOneErrorLine(r);

    // A missing key file, a missing ledger.
    r = ctl(use + as(QStringLiteral("nobody.key")));
    CTL_EXIT(r, 4);
    expectOneErrorLine(r);
    r = ctl({ QStringLiteral("balance"), QStringLiteral("--ledger"),
        m_dir.file(QStringLiteral("missing.ledger")) });
    CTL_EXIT(r, 4);
    expectOneErrorLine(r);
    QVERIFY(!QFileInfo::exists(m_dir.file(QStringLiteral("missing.ledger"))));

    // No passphrase and no terminal to ask on: a usage error.
    r = ctl(use
        + QStringList { QStringLiteral("--ledger"), m_ledger, QStringLiteral("--key"),
            m_dir.file(QStringLiteral("pm.key")) });
    CTL_EXIT(r, 1);
    expectOneErrorLine(r);

    // Unknown verbs and options.
    r = ctl({ QStringLiteral("frobnicate") });
    CTL_EXIT(r, 1);
    expectOneErrorLine(r);
    r = ctl({ QStringLiteral("balance"), QStringLiteral("--no-such-option") });
    CTL_EXIT(r, 1);
    expectOneErrorLine(r);

    QCOMPARE(snapshot(), before);
}

void TestAlliancectl::corruptLedger()
{
    const QString bad = m_dir.file(QStringLiteral("corrupt.ledger"));
    QByteArray noise(64 * 1024, Qt::Uninitialized);
    QRandomGenerator gen(42);
    for (auto &c : noise)
        c = char(gen.bounded(256));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(noise);
    }
    for (const QStringList &args : { QStringList { QStringLiteral("balance") },
             QStringList { QStringLiteral("log"), QStringLiteral("show") },
             QStringList { QStringLiteral("verify") }, QStringList { QStringLiteral("info") },
             QStringList { QStringLiteral("use"), QStringLiteral("--grant"), QStringLiteral("g1"),
                 QStringLiteral("--amount"), QStringLiteral("1"), QStringLiteral("--key"),
                 m_dir.file(QStringLiteral("pm.key")), QStringLiteral("--passphrase-file"), m_pass } }) {
        const Run r = ctl(args + QStringList { QStringLiteral("--ledger"), bad });
        CTL_EXIT(r, 4);
        expectOneErrorLine(r);
    }
    QFile f(bad);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), noise);
}

QTEST_GUILESS_MAIN(TestAlliancectl)
#include "tst_alliancectl.moc"
