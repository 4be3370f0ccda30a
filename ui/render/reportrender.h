#pragma once
// Renderers of ledger::reports::Report that need QtGui or libxlsxwriter. Both run on any thread;
// writePdf needs a QGuiApplication (alliancectl creates one on the offscreen platform for PDF only).
//
// XLSX: one sheet; a header block (title, alliance, period, checkpoint), the summary, then the table with
// typed cells: amounts as numbers with three decimals (#,##0.000), dates as Excel dates, integers as numbers,
// text as strings (never formulas). An amount becomes an IEEE double only here, in the file format itself,
// which stores every number that way; it is exact for amounts below 2^53 thousandths.
// PDF: A4 landscape; page 1 the header, summary and bar chart; then the table, its header row repeated on
// every page; every page has a header with the alliance, period and checkpoint and a footer "page n of N".
//
// Error code: io_error (the file cannot be written), no_gui (writePdf without a QGuiApplication).

#include "ledger/reports/report.h"
#include "ledger/result.h"

#include <QString>

namespace render {

ledger::Result<void> writeXlsx(const ledger::reports::Report &report, const QString &path);

// Returns the number of pages written.
ledger::Result<int> writePdf(const ledger::reports::Report &report, const QString &path);

// The pages writePdf produces for a report: 1 (header, summary, chart) + the table's pages (at least 1).
int pdfPageCount(const ledger::reports::Report &report);
inline constexpr int kPdfRowsPerPage = 32;

} // namespace render
