#pragma once
// Small builders every page uses, so pages look alike: a page title, a table view set up for large models
// (fixed row heights, no per-row sizing), a search box, a labelled combo box, and a problem label shown
// next to a form field.

#include <QString>

#include <initializer_list>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QWidget;
class QAbstractItemModel;

namespace portal {

QLabel *pageTitle(const QString &text, QWidget *parent);
QTableView *makeTable(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent);
QLineEdit *searchBox(const QString &placeholder, QWidget *parent);
QComboBox *filterBox(const QString &accessibleName, QWidget *parent);
QLabel *problemLabel(QWidget *parent);
void showProblem(QLabel *label, const QString &text);
// A short explanation shown when a list is empty (UI.md: empty states say what to do next).
QLabel *emptyState(const QString &text, QWidget *parent);
// Sizes the columns of a small table to their contents (skipped above a few thousand rows, where it would
// read every row).
void fitColumns(QTableView *view);
// Makes a wide table fit its pane: the `elastic` columns (long names and ids) share whatever width the
// others leave, eliding in the middle (where ids differ least: "kcv25-…-naver-b200"); the others keep the
// width fitColumns gives them. Call once, after the model's columns are known.
void stretchColumns(QTableView *view, std::initializer_list<int> elastic);

} // namespace portal
