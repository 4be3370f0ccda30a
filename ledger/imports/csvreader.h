#pragma once
// A strict RFC 4180 reader for files people bring in (intake forms, cloud usage exports): UTF-8 (a leading
// BOM is dropped), CRLF or LF line ends, quoted fields with doubled quotes. Hostile input is bounded: the
// file, each field and the number of records have limits, and whatever breaks them is refused with the line
// number. Each record keeps the line it starts on (the header is line 1).
//
// Error code: import_invalid (empty file, not UTF-8, too large, unterminated quote, a quote inside an
// unquoted field, no header).

#include "ledger/result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <vector>

namespace ledger::imports {

inline constexpr qsizetype kMaxFileBytes = 256 * 1024 * 1024;
inline constexpr qsizetype kMaxFieldBytes = 4096;
inline constexpr qsizetype kMaxRecords = 2'000'000;

struct CsvRecord
{
    int64_t line = 0;
    QStringList fields;
    bool fieldTooLong = false; // some field was longer than kMaxFieldBytes (its text is cut)
};

struct CsvTable
{
    QStringList header; // lower-cased, trimmed
    std::vector<CsvRecord> records; // blank lines skipped
};

Result<CsvTable> readCsv(QByteArrayView bytes);

// True if a cell would be taken for a formula by a spreadsheet program (= + - @ tab CR first).
bool looksLikeFormula(const QString &cell);

} // namespace ledger::imports
