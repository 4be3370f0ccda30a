// Joining a registry from the first-run dialog, against the real alliance-registry over real TLS: the form
// validates as typed; a wrong CA, an unreachable host, a key the registry does not know and a wrong
// passphrase each get a clear sentence and leave no file behind; a cancelled join leaves no replica (only a
// resumable partial file) and the next join completes it; the replica that comes out opens in the desktop
// with the right role and the registry's whole log.

#include "heartbeat.h"
#include "ledger/crypto/keyfile.h"
#include "ledger/replica/endpoint.h"
#include "sync/syncrig.h"
#include "syncdesktop.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/core/portalsettings.h"
#include "ui/core/syncjoinjob.h"
#include "ui/window/firstrundialog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace ledger;
using namespace testsupport;
using namespace syncworld;
using namespace syncrig;
using namespace syncdesktop;
using namespace portal;

namespace {

struct JoinForm
{
    FirstRunDialog &dialog;
    QLineEdit *field(const char *name) const
    {
        return dialog.findChild<QLineEdit *>(QString::fromLatin1(name));
    }
    QPushButton *button(const char *name) const
    {
        return dialog.findChild<QPushButton *>(QString::fromLatin1(name));
    }
    void fill(
        const QString &url, const QString &ca, const QString &key, const QString &pass, const QString &path)
    {
        field("Registry address")->setText(url);
        field("CA file")->setText(ca);
        field("Pinned key")->clear();
        field("Join key file")->setText(key);
        field("Key passphrase")->setText(pass);
        field("New replica file")->setText(path);
    }
    // Clicks Join and waits for the outcome; the largest event-loop gap meanwhile in *gap.
    std::optional<JoinOutcome> join(qint64 *gap = nullptr, QString *how = nullptr)
    {
        QSignalSpy done(dialog.joinJob(), &SyncJoinJob::finished);
        Heartbeat beat;
        QPushButton *b = button("joinButton");
        if (!b || !b->isEnabled()) {
            qWarning("Join is not offered: %s", qPrintable(dialog.problem()));
            return std::nullopt;
        }
        b->click();
        if (!done.wait(120'000))
            return std::nullopt;
        beat.stop();
        QString measured;
        if (gap)
            *gap = beat.stallMs(&measured);
        if (how)
            *how = measured;
        return done.takeFirst().at(0).value<JoinOutcome>();
    }
};

bool noFiles(const QString &path)
{
    return !QFileInfo::exists(path) && !QFileInfo::exists(path + QStringLiteral(".partial"));
}

} // namespace

class TestPortalSyncJoin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AlliancePortalTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_portalsyncjoin"));
        QSettings().clear();
        DialogHooks::setNonInteractive(true);
    }

    void joinFromTheFirstRunDialog()
    {
        Rig rig;
        QVERIFY(rig.build(moreHistory));
        const World &w = rig.world;
        const QString pmKey = saveKey(rig, w.pm, QStringLiteral("pm"));
        const QString path = rig.file(QStringLiteral("joined.ledger"));
        const QString url = rig.registry->baseUrl();

        FirstRunDialog dialog;
        syncclient::TransportOptions quick;
        quick.maxAttempts = 1;
        quick.connectTimeoutMs = 5'000;
        dialog.setJoinTuning(quick, 1000);
        dialog.show();
        auto *choice = dialog.findChild<QPushButton *>(QStringLiteral("joinChoice"));
        QVERIFY(choice && choice->isEnabled());
        choice->click();
        JoinForm form { dialog };
        QVERIFY(form.field("Registry address") && form.button("joinButton"));

        // Validated as typed.
        form.fill(QStringLiteral("http://127.0.0.1"), rig.pki->caFile(), pmKey, kPass, path);
        QVERIFY(dialog.problem().contains(QStringLiteral("https://")));
        QVERIFY(!form.button("joinButton")->isEnabled());
        form.field("Registry address")->setText(url);
        form.field("Pinned key")->setText(QStringLiteral("sha256//not-a-pin"));
        QVERIFY(dialog.problem().contains(QStringLiteral("pin")));
        form.field("Pinned key")->clear();
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));

        // A CA that did not sign the registry's certificate.
        QDir().mkpath(rig.file(QStringLiteral("other")));
        TestPki wrong(rig.file(QStringLiteral("other")), QStringLiteral("Another CA"));
        QVERIFY(wrong.ok());
        form.fill(url, wrong.caFile(), pmKey, kPass, path);
        auto out = form.join();
        QVERIFY(out && !out->ok);
        QCOMPARE(out->code, QStringLiteral("tls_error"));
        QVERIFY2(dialog.problem().contains(QStringLiteral("certificate was not accepted")),
            qPrintable(dialog.problem()));
        shot(&dialog, QStringLiteral("join-wrong-ca"));
        QVERIFY(noFiles(path));

        // An unreachable host (nothing listens on port 1).
        form.fill(QStringLiteral("https://127.0.0.1:1"), rig.pki->caFile(), pmKey, kPass, path);
        out = form.join();
        QVERIFY(out && !out->ok);
        QVERIFY2(
            dialog.problem().contains(QStringLiteral("cannot be reached")), qPrintable(dialog.problem()));
        QVERIFY(noFiles(path));

        // A key the alliance never enrolled.
        const QString stranger = saveKey(rig, crypto::PrivateKey::generate(), QStringLiteral("stranger"));
        form.fill(url, rig.pki->caFile(), stranger, kPass, path);
        out = form.join();
        QVERIFY(out && !out->ok);
        QCOMPARE(out->code, QStringLiteral("unknown_key"));
        QVERIFY2(dialog.problem().contains(QStringLiteral("not enrolled")), qPrintable(dialog.problem()));
        QVERIFY(noFiles(path));

        // The wrong passphrase.
        form.fill(url, rig.pki->caFile(), pmKey, QStringLiteral("not it"), path);
        out = form.join();
        QVERIFY(out && !out->ok);
        QCOMPARE(out->code, QStringLiteral("wrong_passphrase"));
        QVERIFY2(dialog.problem().contains(QStringLiteral("passphrase")), qPrintable(dialog.problem()));
        QVERIFY(noFiles(path));

        shot(&dialog, QStringLiteral("join-form"));
        // Right: a full replica of the registry's log, and the dialog hands it over to be opened.
        form.fill(url, rig.pki->caFile(), pmKey, kPass, path);
        qint64 gap = 0;
        QString how;
        out = form.join(&gap, &how);
        QVERIFY(out);
        QVERIFY2(out->ok, qPrintable(out->message));
        QVERIFY2(gap < 50, qPrintable(QStringLiteral("the event loop stalled %1 ms (%2)").arg(gap).arg(how)));
        qInfo("longest event-loop stall during join: %lld ms (%s)", static_cast<long long>(gap),
            qPrintable(how));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.choice(), FirstRunDialog::Choice::Join);
        QCOMPARE(dialog.ledgerPath(), path);
        QCOMPARE(dialog.keyFile(), pmKey);
        auto ctx = PortalContext::open(dialog.ledgerPath(), dialog.keyFile());
        QVERIFY2(ctx, qPrintable(why(ctx)));
        QCOMPARE(ctx.value()->role(), std::optional<Role>(Role::ProgrammeManager));
        QCOMPARE(ctx.value()->store().logSize().value(), out->report.treeSize);
        QVERIFY(out->report.treeSize > 150);
        QCOMPARE(PortalSettings::load().registryUrl, url); // remembered for the next join
        // The replica keeps its own registry and CA file (Settings show and change them).
        auto endpoint = ledger::replica::readEndpoint(ctx.value()->store());
        QVERIFY(endpoint && endpoint.value());
        QCOMPARE(endpoint.value()->registryUrl, url);
        QCOMPARE(endpoint.value()->caFile, rig.pki->caFile());
    }

    void cancelledJoinLeavesNoReplicaAndTheNextOneCompletes()
    {
        Rig rig;
        QVERIFY(rig.build(moreHistory));
        const QString pmKey = saveKey(rig, rig.world.pm, QStringLiteral("pm"));
        const QString path = rig.file(QStringLiteral("joined.ledger"));
        const QString url = rig.registry->baseUrl();
        {
            FirstRunDialog dialog;
            dialog.setJoinTuning({}, 1); // one entry per page: a join of many round trips
            dialog.showJoin();
            dialog.show();
            JoinForm form { dialog };
            form.fill(url, rig.pki->caFile(), pmKey, kPass, path);
            // Cancel as soon as the first page arrives.
            QObject::connect(
                dialog.joinJob(), &SyncJoinJob::progress, &dialog, [&](qint64 done, qint64, const QString &) {
                    if (done > 0 && dialog.joinJob()->running())
                        form.button("joinCancel")->click();
                });
            auto out = form.join();
            QVERIFY(out);
            QVERIFY2(out->cancelled, qPrintable(out->message));
            QVERIFY(dialog.result() != int(QDialog::Accepted));
            QVERIFY(!QFileInfo::exists(path)); // no replica until it is whole
            QVERIFY(out->partialKept == QFileInfo::exists(path + QStringLiteral(".partial")));
        }
        // Joining again to the same file continues (or starts) cleanly and completes.
        FirstRunDialog dialog;
        dialog.setJoinTuning({}, 50);
        dialog.showJoin();
        JoinForm form { dialog };
        form.fill(url, rig.pki->caFile(), pmKey, kPass, path);
        auto out = form.join();
        QVERIFY(out);
        QVERIFY2(out->ok, qPrintable(out->message));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".partial")));
        auto session = LedgerSession::open(path, LedgerSession::Access::ReadOnly);
        QVERIFY(session);
        QCOMPARE(session.value()->store().logSize().value(), out->report.treeSize);
        auto checkpoint = session.value()->store().latestCheckpoint().value();
        QVERIFY(checkpoint && checkpoint->treeSize == out->report.treeSize);
    }
};

QTEST_MAIN(TestPortalSyncJoin)
#include "tst_portalsyncjoin.moc"
