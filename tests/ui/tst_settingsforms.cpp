// The desktop's registry forms, with no registry running: Settings (identity, address, CA, pin, interval)
// and the first-run join form judge what is typed by the ledger's own rules (replica::registryUrlProblem,
// validPins) and store it in the ledger's form; the Settings dialog shows every wrapped line whole. Pictures
// with ALLIANCE_SHOT_DIR set.

#include "ledger/replica/endpoint.h"
#include "support/templedger.h"
#include "syncdesktop.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalsettings.h"
#include "ui/window/firstrundialog.h"
#include "ui/window/settingsdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace ledger;
using namespace testsupport;
using namespace syncdesktop;
using namespace portal;

class TestSettingsForms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AlliancePortalTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settingsforms"));
        QSettings().clear();
        DialogHooks::setNonInteractive(true);
    }

    void init() { DialogHooks::clear(); }

    void settingsTakePinAndIntervalValidatedAsTyped()
    {
        PortalSettings current;
        current.syncIntervalMinutes = 30;
        SettingsDialog dialog(current);
        auto *pin = dialog.findChild<QLineEdit *>(QStringLiteral("registryPin"));
        auto *interval = dialog.findChild<QSpinBox *>(QStringLiteral("syncInterval"));
        QVERIFY(pin && interval);
        QCOMPARE(interval->value(), 30);
        QTest::keyClicks(pin, QStringLiteral("sha256//abc"));
        QVERIFY(dialog.problem().contains(QStringLiteral("sha256//")));
        const QString good = QStringLiteral("sha256//") + QString::fromLatin1(QByteArray(32, 'k').toBase64());
        pin->setText(good);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        interval->setValue(0);
        dialog.show();
        shot(&dialog, QStringLiteral("settings"));
        QCOMPARE(interval->text(), QStringLiteral("Only when I ask"));
        QCOMPARE(dialog.settings().pin, good);
        QCOMPARE(dialog.settings().syncIntervalMinutes, 0);
        dialog.settings().save();
        QCOMPARE(PortalSettings::load().pin, good);
        QCOMPARE(PortalSettings::load().syncIntervalMinutes, 0);
    }

    // The dialog grows and shrinks with its wrapped lines (the replica's scope, the problems): none is cut
    // off, whatever is typed. It used to keep the height it had before setReplica and the first problem.
    void settingsShowEveryWrappedLineWhole()
    {
        SettingsDialog dialog(PortalSettings {});
        dialog.setReplica({ QStringLiteral("https://old.example"), QString(), QString() },
            QStringLiteral("a-replica-with-a-rather-long-file-name.ledger"));
        dialog.show();
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("registryUrl"));
        auto *pin = dialog.findChild<QLineEdit *>(QStringLiteral("registryPin"));
        QVERIFY(url && pin);
        // A resized window's layout settles through posted events: wait for it (QTRY_*), a busy machine is
        // slow.
        const auto wholeLines = [&dialog] {
            for (QLabel *label : dialog.findChildren<QLabel *>()) {
                if (!label->isVisible() || !label->wordWrap())
                    continue;
                if (label->height() < label->heightForWidth(label->width()))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY(wholeLines());
        const int plain = dialog.height();
        url->clear();
        QTest::keyClicks(url, QStringLiteral("http://registry.example:8080"));
        QVERIFY(!dialog.problem().isEmpty());
        QTRY_VERIFY(wholeLines());
        QTRY_VERIFY(dialog.height() > plain);
        shot(&dialog, QStringLiteral("settings-address-problem"));
        QTest::keyClicks(pin, QStringLiteral("not a pin"));
        QTRY_VERIFY(wholeLines());
        url->clear();
        QTest::keyClicks(url, QStringLiteral("https://registry.example"));
        pin->clear();
        QVERIFY(dialog.problem().isEmpty());
        QTRY_VERIFY(wholeLines());
        QTRY_COMPARE(dialog.height(), plain); // and shrinks back
    }

    // The settings dialog takes the pins ledger::replica takes (the replica's endpoint, alliancectl and the
    // transport), no more and no fewer, says so next to the field as it is typed, and keeps the ledger's
    // stored form, so what the dialog accepts the replica's writeEndpoint accepts too.
    void settingsJudgePinsAsTheLedgerDoes_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("stored");
        const QString a = QString::fromLatin1(QByteArray(32, 'a').toBase64());
        const QString b = QString::fromLatin1(QByteArray(32, 'b').toBase64());
        const QString sa = QStringLiteral("sha256//") + a, sb = QStringLiteral("sha256//") + b;
        QTest::newRow("sha256//base64") << sa << true << sa;
        QTest::newRow("bare base64") << a << true << sa;
        QTest::newRow("two pins") << sa + u';' + b << true << sa + u';' + sb;
        QTest::newRow("spaces and a trailing ;")
            << QStringLiteral(" %1 ; %2 ;").arg(sa, b) << true << sa + u';' + sb;
        QTest::newRow("hex of 32 bytes")
            << QString::fromLatin1(QByteArray(32, 'a').toHex()) << false << QString();
        QTest::newRow("31 bytes") << QString::fromLatin1(QByteArray(31, 'a').toBase64()) << false
                                  << QString();
        QTest::newRow("not base64") << QStringLiteral("sha256//not-a-pin") << false << QString();
        QTest::newRow("sha1 prefix") << QStringLiteral("sha1//") + a << false << QString();
        QTest::newRow("one good, one bad") << sa + QStringLiteral(";sha256//abc") << false << QString();
    }

    void settingsJudgePinsAsTheLedgerDoes()
    {
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        QFETCH(QString, stored);
        const QString url = QStringLiteral("https://registry.example");
        // The ledger's own verdict on the same text, as alliancectl join stores it.
        QCOMPARE(
            replica::endpointProblem({ url, QString(), replica::normalisedPin(typed.trimmed()) }).isEmpty(),
            accepted);

        SettingsDialog dialog(PortalSettings {});
        dialog.setReplica({ url, QString(), QString() }, QStringLiteral("pm.ledger"));
        dialog.show();
        auto *pin = dialog.findChild<QLineEdit *>(QStringLiteral("registryPin"));
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("registryPinProblem"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(pin && problem && ok);
        QVERIFY(dialog.problem().isEmpty());
        QTest::keyClicks(pin, typed);
        QCOMPARE(dialog.problem().isEmpty(), accepted);
        QCOMPARE(problem->isVisible(), !accepted);
        QCOMPARE(ok->isEnabled(), accepted);
        if (!accepted) {
            QVERIFY(problem->text().contains(QStringLiteral("sha256//")));
            pin->clear(); // no pin is acceptable: the message goes as soon as the field changes
            QVERIFY(!problem->isVisible());
            QVERIFY(ok->isEnabled());
            return;
        }
        const auto endpoint = dialog.replicaEndpoint();
        QVERIFY(endpoint);
        QCOMPARE(endpoint->pin, stored);
        QCOMPARE(replica::endpointProblem(*endpoint), QString()); // writeEndpoint takes it
        QCOMPARE(dialog.settings().pin, QString()); // a replica's pin is its own, not the defaults'

        SettingsDialog defaults(PortalSettings {});
        QTest::keyClicks(defaults.findChild<QLineEdit *>(QStringLiteral("registryPin")), typed);
        QVERIFY2(defaults.problem().isEmpty(), qPrintable(defaults.problem()));
        QCOMPARE(defaults.settings().pin, stored);
    }

    // The registry address typed into Settings (with a replica open, and the defaults) and into the
    // first-run join form is judged by the ledger's one rule, replica::registryUrlProblem: the same verdict,
    // the same words, and the same stored form (no trailing '/'), as alliancectl and the transport.
    void settingsAndJoinFormJudgeAddressesAsTheLedgerDoes_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored"); // empty: refused
        QTest::newRow("host") << "https://registry.example"
                              << "https://registry.example";
        QTest::newRow("host and port") << "https://registry.example:8443"
                                       << "https://registry.example:8443";
        QTest::newRow("trailing slash") << "https://registry.example:8443/"
                                        << "https://registry.example:8443";
        QTest::newRow("spaces") << " https://127.0.0.1:4443/ "
                                << "https://127.0.0.1:4443";
        QTest::newRow("path") << "https://registry.example/alliance"
                              << "";
        QTest::newRow("api path") << "https://registry.example:8443/v1/"
                                  << "";
        QTest::newRow("plain http") << "http://registry.example:8080"
                                    << "";
        QTest::newRow("no scheme") << "registry.example"
                                   << "";
        QTest::newRow("user") << "https://pm@registry.example"
                              << "";
        QTest::newRow("query") << "https://registry.example/?a=b"
                               << "";
        QTest::newRow("fragment") << "https://registry.example#x"
                                  << "";
        QTest::newRow("port 0") << "https://registry.example:0"
                                << "";
        QTest::newRow("port too large") << "https://registry.example:70000"
                                        << "";
        QTest::newRow("no host") << "https://:8443"
                                 << "";
    }

    void settingsAndJoinFormJudgeAddressesAsTheLedgerDoes()
    {
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        const bool accepted = !stored.isEmpty();
        const QString verdict = replica::registryUrlProblem(typed);
        QCOMPARE(verdict.isEmpty(), accepted);

        // Settings with a replica open: its address is this replica's endpoint.
        SettingsDialog dialog(PortalSettings {});
        dialog.setReplica(
            { QStringLiteral("https://old.example"), QString(), QString() }, QStringLiteral("pm.ledger"));
        dialog.show();
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("registryUrl"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(url && ok);
        url->clear();
        QCOMPARE(dialog.problem(), replica::registryUrlProblem(QString())); // a replica needs an address
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(url, typed);
        QCOMPARE(dialog.problem(), verdict);
        QCOMPARE(ok->isEnabled(), accepted);
        if (accepted) {
            const auto endpoint = dialog.replicaEndpoint();
            QVERIFY(endpoint);
            QCOMPARE(endpoint->registryUrl, stored);
            QCOMPARE(replica::endpointProblem(*endpoint), QString()); // writeEndpoint takes it
        }

        // Settings without a replica: the defaults may have no address, else the same rule.
        SettingsDialog defaults(PortalSettings {});
        auto *defaultUrl = defaults.findChild<QLineEdit *>(QStringLiteral("registryUrl"));
        QVERIFY(defaultUrl);
        defaultUrl->clear();
        QVERIFY(defaults.problem().isEmpty());
        QTest::keyClicks(defaultUrl, typed);
        QCOMPARE(defaults.problem(), verdict);
        if (accepted)
            QCOMPARE(defaults.settings().registryUrl, stored);

        // The first-run join form, otherwise filled in so that only the address decides.
        ScratchDir dir;
        const QString key = dir.file(QStringLiteral("pm.key"));
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::WriteOnly)); // the form checks that the key file exists
        keyFile.close();
        FirstRunDialog join;
        join.showJoin();
        join.show();
        auto field = [&](const char *name) { return join.findChild<QLineEdit *>(QString::fromLatin1(name)); };
        auto *joinButton = join.findChild<QPushButton *>(QStringLiteral("joinButton"));
        QVERIFY(field("Registry address") && field("Join key file") && joinButton);
        field("CA file")->clear();
        field("Pinned key")->clear();
        field("Join key file")->setText(key);
        field("New replica file")->setText(dir.file(QStringLiteral("joined.ledger")));
        field("Registry address")->clear();
        QVERIFY(join.problem().isEmpty());
        QVERIFY(!joinButton->isEnabled()); // no address yet
        QTest::keyClicks(field("Registry address"), typed);
        QCOMPARE(join.problem(), verdict);
        QCOMPARE(joinButton->isEnabled(), accepted);
    }
};

QTEST_MAIN(TestSettingsForms)
#include "tst_settingsforms.moc"
