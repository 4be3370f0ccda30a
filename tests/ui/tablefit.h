#pragma once
// Shared by the page tests: at the window's default size a page's table fits its pane (no horizontal
// scrolling, every column at least 40 px wide). Returns what is wrong, empty when it fits.

#include "ui/window/mainwindow.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

namespace uitest {

inline QString tableFitsItsPane(portal::MainWindow &window, const QString &page, const QString &table)
{
    if (window.size() != QSize(1280, 800))
        return QStringLiteral("the window is %1x%2, not the default 1280x800")
            .arg(window.width())
            .arg(window.height());
    if (!window.showPage(page))
        return QStringLiteral("no page %1").arg(page);
    auto *view = window.findChild<QTableView *>(table);
    if (!view)
        return QStringLiteral("no table %1").arg(table);
    if (!QTest::qWaitForWindowExposed(&window))
        return QStringLiteral("the window was not exposed");
    QString widths;
    // Layouts settle over a few event-loop turns.
    for (int i = 0; i < 50 && view->horizontalScrollBar()->maximum() != 0; ++i)
        QTest::qWait(20);
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (!view->isColumnHidden(c))
            widths += QStringLiteral("%1 ").arg(view->columnWidth(c));
    const QString where = QStringLiteral("columns %1in %2").arg(widths).arg(view->viewport()->width());
    if (view->horizontalScrollBar()->maximum() != 0)
        return QStringLiteral("horizontal scrollbar: ") + where;
    if (view->horizontalHeader()->length() > view->viewport()->width())
        return QStringLiteral("wider than the pane: ") + where;
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (!view->isColumnHidden(c) && view->columnWidth(c) < 40)
            return QStringLiteral("column %1 under 40 px: ").arg(c) + where;
    return {};
}

} // namespace uitest
