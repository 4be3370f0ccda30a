// alliance-portal: the desktop application. Parses the command line and hands over to portal::PortalApp.

#include "ui/window/portalapp.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Without a display Qt would abort; say so in one line instead and point to the command line.
    if (!portal::displayAvailable()) {
        std::fprintf(stderr,
            "alliance-portal: no display available (DISPLAY is not set); use alliancectl for the command "
            "line "
            "(alliancectl --help)\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AlliancePortal"));
    QApplication::setApplicationName(QStringLiteral("alliance-portal"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Alliance Portal: GPU credits of a startup alliance."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(
        QStringLiteral("demo"), QStringLiteral("Open the demo alliance (generated once)."));
    QCommandLineOption demoDir(
        QStringLiteral("demo-dir"), QStringLiteral("Folder of the demo alliance."), QStringLiteral("dir"));
    QCommandLineOption as(QStringLiteral("as"),
        QStringLiteral("Demo identity: admin, pm, reviewer, startup, sponsor or auditor."),
        QStringLiteral("role"), QStringLiteral("pm"));
    QCommandLineOption ledgerOpt(
        QStringLiteral("ledger"), QStringLiteral("Ledger file to open."), QStringLiteral("file"));
    QCommandLineOption key(QStringLiteral("key"), QStringLiteral("Your key file."), QStringLiteral("file"));
    QCommandLineOption lang(
        QStringLiteral("lang"), QStringLiteral("Language: en or ko."), QStringLiteral("lang"));
    QCommandLineOption shots(QStringLiteral("screenshot-dir"), QString(), QStringLiteral("dir"));
    shots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption firstPaint(QStringLiteral("exit-after-first-paint"), QString());
    firstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption noVerify(
        QStringLiteral("no-verify"), QStringLiteral("Do not verify the ledger on opening."));
    parser.addOptions({ demo, demoDir, as, ledgerOpt, key, lang, shots, firstPaint, noVerify });
    parser.process(app);

    portal::PortalOptions options;
    options.demo = parser.isSet(demo);
    options.demoDir = parser.value(demoDir);
    options.demoRole = parser.value(as);
    options.ledger = parser.value(ledgerOpt);
    options.keyFile = parser.value(key);
    options.language = parser.value(lang);
    options.screenshotDir = parser.value(shots);
    options.exitAfterFirstPaint = parser.isSet(firstPaint);
    options.autoVerify = !parser.isSet(noVerify);

    portal::PortalApp portalApp(options);
    if (!portalApp.start())
        return 1;
    return app.exec();
}
