#pragma once
// CSV per RFC 4180 (CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes doubled), UTF-8 with a
// byte-order mark so spreadsheet programs read Korean text. Against formula injection, any cell that
// begins with = + - @ tab or CR is prefixed with an apostrophe, unless it is exactly a number we wrote
// (a negative amount such as -12.500 stays a number). Amounts are plain decimals with three places and no
// thousands separators; dates are ISO 8601.

#include "ledger/reports/report.h"
#include "ledger/result.h"

#include <QByteArray>
#include <QIODevice>
#include <QStringList>

namespace ledger::reports {

// One field, quoted and neutralised as above (no separator, no line end).
QByteArray csvField(const QString &text);
// A whole record: fields joined by commas, ending in CRLF.
QByteArray csvRecord(const QStringList &fields);

// "1234.500", "-0.001": exact, three decimals, no separators.
QByteArray plainAmount(int64_t milli);
// The text a CSV or XLSX-less renderer writes for a cell: amounts plainAmount(), dates ISO.
QString csvCellText(const Cell &cell);

// Writes the BOM, the header row and every row. Error "io_error" if the device fails.
Result<void> writeCsv(const Report &report, QIODevice &out);

} // namespace ledger::reports
