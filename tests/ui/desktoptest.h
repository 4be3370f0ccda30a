#pragma once
// What the desktop tests on a PortalWorld share (tests/ui, header only): a base test class that runs with
// file paths in test mode and dialogs answered through DialogHooks, and gives each test a fresh world; and
// showPage, the main window shown on one of its pages as a user would reach it.

#include "portalworld.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/portalcontext.h"
#include "ui/window/mainwindow.h"

#include <QObject>
#include <QStandardPaths>
#include <QTest>

namespace testsupport {

// A test class derives from it; an init() or cleanup() of its own calls these first.
class PortalWorldTest : public QObject
{
    Q_OBJECT

protected:
    std::unique_ptr<PortalWorld> m_world;

    std::unique_ptr<portal::PortalContext> open(const QString &key) { return openPortal(*m_world, key); }

protected slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        portal::DialogHooks::setNonInteractive(true);
    }

    void init()
    {
        portal::DialogHooks::clear();
        m_world = makePortalWorld();
        QVERIFY(m_world);
    }

    void cleanup()
    {
        portal::DialogHooks::clear();
        m_world.reset();
    }
};

// Shows `window` on its page `key`; nullptr when the window's role has no such page or it is no `Page`.
template<typename Page> Page *showPage(portal::MainWindow &window, const QString &key)
{
    window.show();
    if (!window.showPage(key))
        return nullptr;
    return qobject_cast<Page *>(window.page(key));
}

} // namespace testsupport
