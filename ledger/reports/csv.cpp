#include "ledger/reports/csv.h"

#include "ledger/domain/units.h"

namespace ledger::reports {

namespace {

// Exactly -?digits(.digits)? : a number, not a formula.
bool isPlainNumber(const QString &s)
{
    qsizetype i = s.startsWith(QLatin1Char('-')) ? 1 : 0;
    bool digits = false, dot = false;
    for (; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digits = true;
        else if (c == QLatin1Char('.') && digits && !dot)
            dot = true, digits = false;
        else
            return false;
    }
    return digits;
}

} // namespace

QByteArray plainAmount(int64_t milli)
{
    const bool negative = milli < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(milli) : uint64_t(milli);
    char buf[32];
    char *p = buf + sizeof buf;
    uint64_t frac = magnitude % 1000, units = magnitude / 1000;
    for (int i = 0; i < 3; ++i, frac /= 10)
        *--p = char('0' + frac % 10);
    *--p = '.';
    do {
        *--p = char('0' + units % 10);
        units /= 10;
    } while (units);
    if (negative)
        *--p = '-';
    return QByteArray(p, qsizetype(buf + sizeof buf - p));
}

QString csvCellText(const Cell &cell)
{
    switch (cell.type) {
    case CellType::Amount:
        return QString::fromLatin1(plainAmount(cell.number));
    case CellType::Date:
        return cell.number % 86400000 == 0 ? units::formatTime(cell.number)
                                           : units::formatIsoTime(cell.number);
    default:
        return cellText(cell);
    }
}

QByteArray csvField(const QString &text)
{
    QString s = text;
    if (!s.isEmpty()) {
        const QChar c = s[0];
        const bool risky = c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-')
            || c == QLatin1Char('@') || c == QLatin1Char('\t') || c == QLatin1Char('\r');
        if (risky && !isPlainNumber(s))
            s.prepend(QLatin1Char('\''));
    }
    QByteArray u = s.toUtf8();
    if (u.contains('"') || u.contains(',') || u.contains('\r') || u.contains('\n')) {
        u.replace("\"", "\"\"");
        u.prepend('"');
        u.append('"');
    }
    return u;
}

QByteArray csvRecord(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += csvField(fields[i]);
    }
    line += "\r\n";
    return line;
}

Result<void> writeCsv(const Report &report, QIODevice &out)
{
    QByteArray buf("\xEF\xBB\xBF");
    QStringList header;
    for (const Column &c : report.columns)
        header << c.title;
    buf += csvRecord(header);
    for (const auto &row : report.rows) {
        QStringList fields;
        for (const Cell &c : row)
            fields << csvCellText(c);
        buf += csvRecord(fields);
        if (buf.size() > (1 << 20)) {
            if (out.write(buf) != buf.size())
                return makeError(
                    "io_error", QStringLiteral("Could not write the CSV: %1").arg(out.errorString()));
            buf.clear();
        }
    }
    if (out.write(buf) != buf.size())
        return makeError("io_error", QStringLiteral("Could not write the CSV: %1").arg(out.errorString()));
    return {};
}

} // namespace ledger::reports
