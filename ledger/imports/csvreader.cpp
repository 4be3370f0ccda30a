#include "ledger/imports/csvreader.h"

#include "ledger/codec/json.h"

namespace ledger::imports {

namespace {

Error invalid(QString message)
{
    return makeError("import_invalid", std::move(message));
}

} // namespace

bool looksLikeFormula(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    const QChar c = cell[0];
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@')
        || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

Result<CsvTable> readCsv(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return invalid(QStringLiteral("The file is empty."));
    if (bytes.size() > kMaxFileBytes)
        return invalid(QStringLiteral("The file is larger than %1 MiB.").arg(kMaxFileBytes / 1024 / 1024));
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    if (!json::isValidUtf8(std::string_view(bytes.data(), size_t(bytes.size()))))
        return invalid(QStringLiteral("The file is not UTF-8 text (save it as \"CSV UTF-8\")."));
    if (bytes.contains('\0'))
        return invalid(QStringLiteral("The file contains NUL bytes; it is not a CSV text file."));

    CsvTable table;
    std::vector<CsvRecord> records;
    CsvRecord rec;
    QByteArray field;
    int64_t line = 1;
    rec.line = 1;
    bool inQuotes = false, quotedField = false, afterQuote = false;
    auto endField = [&] {
        if (field.size() > kMaxFieldBytes) {
            rec.fieldTooLong = true;
            field.truncate(kMaxFieldBytes);
        }
        rec.fields << QString::fromUtf8(field);
        field.clear();
        quotedField = afterQuote = false;
    };
    auto endRecord = [&]() -> bool {
        endField();
        const bool blank = rec.fields.size() == 1 && rec.fields[0].isEmpty();
        if (!blank)
            records.push_back(std::move(rec));
        rec = CsvRecord {};
        rec.line = line;
        return qsizetype(records.size()) <= kMaxRecords;
    };
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = bytes[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < n && bytes[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++line;
                if (field.size() <= kMaxFieldBytes)
                    field += c;
                else
                    rec.fieldTooLong = true;
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && bytes[i + 1] == '\n')
                ++i;
            else if (c == '\r')
                return invalid(QStringLiteral("Line %1 ends with a bare carriage return.").arg(line));
            ++line;
            if (!endRecord())
                return invalid(QStringLiteral("The file has more than %1 rows.").arg(kMaxRecords));
        } else if (c == '"') {
            if (!field.isEmpty() || quotedField)
                return invalid(QStringLiteral("Line %1 has a quote inside an unquoted field.").arg(line));
            inQuotes = quotedField = true;
        } else {
            if (afterQuote)
                return invalid(QStringLiteral("Line %1 has text after a closing quote.").arg(line));
            if (field.size() <= kMaxFieldBytes)
                field += c;
            else
                rec.fieldTooLong = true;
        }
    }
    if (inQuotes)
        return invalid(
            QStringLiteral("A quoted field that starts on line %1 is never closed.").arg(rec.line));
    if (!field.isEmpty() || !rec.fields.isEmpty() || quotedField)
        endRecord();
    if (records.empty())
        return invalid(QStringLiteral("The file has no header row."));
    for (const QString &h : records.front().fields)
        table.header << h.trimmed().toLower();
    records.erase(records.begin());
    table.records = std::move(records);
    return table;
}

} // namespace ledger::imports
