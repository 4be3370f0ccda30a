// The executable itself: without a display it says so in one line, points to alliancectl and exits
// non-zero instead of crashing; with the offscreen platform it opens a ledger and paints its window.

#include "portalworld.h"

#include <QProcess>
#include <QTest>

class TestPortalApp : public QObject
{
    Q_OBJECT

    static QString exe()
    {
        return qEnvironmentVariable("ALLIANCE_BIN_DIR") + QStringLiteral("/alliance-portal/alliance-portal");
    }

private slots:
    void noDisplayIsOneLineAndNonZero()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
        p.start(exe(), { QStringLiteral("--demo") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // not a crash
        QVERIFY(p.exitCode() != 0);
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QVERIFY2(err.contains(QStringLiteral("alliancectl")), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
    }

    void opensALedgerAndPaints()
    {
        auto world = testsupport::makePortalWorld();
        QVERIFY(world);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), world->fixture->dir().file(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(exe(),
            { QStringLiteral("--ledger"), world->ledger, QStringLiteral("--key"), world->pmKey,
                QStringLiteral("--exit-after-first-paint") });
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("first-paint-ms "));
    }

    void aMissingLedgerIsAClearMessage()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(exe(), { QStringLiteral("--ledger"), QStringLiteral("/nonexistent/x.ledger") });
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("alliance-portal: ") && err.contains("x.ledger"), err.constData());
    }
};

QTEST_MAIN(TestPortalApp)
#include "tst_portalapp.moc"
