#include "ui/pages/pagewidgets.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

namespace portal {

QLabel *pageTitle(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setText(QStringLiteral("<h2>%1</h2>").arg(text.toHtmlEscaped()));
    l->setAccessibleName(text);
    return l;
}

QTableView *makeTable(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setAccessibleName(accessibleName);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setAlternatingRowColors(true);
    v->setWordWrap(false);
    v->setSortingEnabled(true);
    v->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 8);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    v->horizontalHeader()->setStretchLastSection(true);
    v->horizontalHeader()->setDefaultSectionSize(120);
    return v;
}

QLineEdit *searchBox(const QString &placeholder, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setPlaceholderText(placeholder);
    e->setAccessibleName(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

QComboBox *filterBox(const QString &accessibleName, QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->setAccessibleName(accessibleName);
    c->setToolTip(accessibleName);
    // Wide enough for "All programmes" and the like, not for the longest choice (a reviewer's full name and
    // university): sized to its contents, a row of four filters did not fit the page at 1280x800 and every
    // one of them was cut. The open list is as wide as its longest entry.
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->setMinimumContentsLength(15);
    return c;
}

QLabel *problemLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    l->setWordWrap(true);
    // Under its field: when a layout gives a wrapped text more height than it needs, the spare goes below.
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    l->hide();
    return l;
}

void showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void fitColumns(QTableView *view)
{
    if (view->model() && view->model()->rowCount() <= 3000) {
        view->resizeColumnsToContents();
        for (int c = 0; c < view->model()->columnCount(); ++c)
            view->setColumnWidth(c, std::min(view->columnWidth(c) + 12, 210));
    }
}

void stretchColumns(QTableView *view, std::initializer_list<int> elastic)
{
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(std::max(header->minimumSectionSize(), 60));
    for (int c : elastic)
        header->setSectionResizeMode(c, QHeaderView::Stretch);
    view->setTextElideMode(Qt::ElideMiddle);
}

QLabel *emptyState(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignCenter);
    l->setStyleSheet(QStringLiteral("color: #555; padding: 24px;"));
    return l;
}

} // namespace portal
