#pragma once
// The desktop application's flow, so that app/alliance-portal/main.cpp only parses arguments: pick the
// language, open a ledger (from the command line, the settings, the demo, or the first-run dialog), show the
// main window, react to settings (identity, language) and, for the screenshot script, walk the pages.

#include "ledger/engine/clock.h"

#include <QObject>
#include <QString>
#include <QTranslator>

#include <memory>
#include <vector>

namespace portal {

class MainWindow;
class PortalContext;

struct PortalOptions
{
    bool demo = false;
    QString demoDir; // default: <app data>/demo
    QString demoRole = QStringLiteral("pm"); // admin | pm | reviewer | startup | sponsor | auditor
    QString ledger;
    QString keyFile;
    QString language; // overrides the setting: "en" | "ko"
    QString screenshotDir; // hidden: grab every page into this folder, then quit
    bool exitAfterFirstPaint = false; // hidden (benchmark): print the time to the first painted window, quit
    bool autoVerify = true; // a quick verification in the background once the window is up
};

// False when Qt would have no display to open a window on (no DISPLAY / WAYLAND_DISPLAY and no
// non-windowing platform such as offscreen chosen in QT_QPA_PLATFORM).
bool displayAvailable();
// Installs the translator for "en"/"ko" (or the system's language when empty); returns the language used.
QString installLanguage(const QString &language);

class PortalApp : public QObject
{
    Q_OBJECT
public:
    explicit PortalApp(PortalOptions options);
    ~PortalApp() override;

    // Opens what the options say and shows the window; false (with a message on stderr) if nothing could be
    // opened. Then the caller runs the event loop.
    bool start();
    MainWindow *window() const { return m_window.get(); }
    PortalContext *context() const { return m_ctx.get(); }
    // Opens a ledger with an identity and shows a fresh main window; the error message if it failed.
    QString openLedger(
        const QString &ledgerPath, const QString &keyFile, const ledger::Clock *clock = nullptr);
    QString openDemo(const QString &role);

private:
    void showWindow();
    void showSettings();
    void showOpen(bool join = false);
    void takeScreenshots();

    PortalOptions m_options;
    QString m_language;
    // Clocks of opened demos; kept to the end, so no context can outlive its clock.
    std::vector<std::unique_ptr<ledger::Clock>> m_clocks;
    const ledger::Clock *m_clock = nullptr; // of the open context (nullptr: the system clock)
    std::unique_ptr<PortalContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace portal
