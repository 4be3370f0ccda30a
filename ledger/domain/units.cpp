#include "ledger/domain/units.h"

#include "ledger/codec/json.h"
#include "ledger/domain/bodyreader.h"

namespace ledger::units {

namespace {

Error usage(QString message)
{
    return makeError("usage", std::move(message));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(int64_t z, int64_t &y, int64_t &m, int64_t &d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

int daysInMonth(int64_t y, int64_t m)
{
    static constexpr int kDays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`; -1 if they are not all digits.
int64_t digits(QStringView s, qsizetype pos, int n)
{
    if (pos + n > s.size())
        return -1;
    int64_t v = 0;
    for (int i = 0; i < n; ++i) {
        const QChar c = s[pos + i];
        if (!isDigit(c))
            return -1;
        v = v * 10 + (c.unicode() - '0');
    }
    return v;
}

} // namespace

Result<int64_t> parseAmount(QStringView text, bool allowZero)
{
    const QStringView s = text.trimmed();
    const QString shown = s.toString();
    if (s.isEmpty())
        return usage(QStringLiteral("An amount is missing; give GPU-hours such as 1200 or 1,200.5."));
    if (s.front() == QLatin1Char('-'))
        return usage(QStringLiteral("\"%1\" is negative; amounts are positive GPU-hours.").arg(shown));
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    const QStringView whole = dot < 0 ? s : s.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : s.mid(dot + 1);
    auto garbage = [&] {
        return usage(
            QStringLiteral("\"%1\" is not an amount of GPU-hours; write it like 1200, 1,200.5 or 0.001.")
                .arg(shown));
    };
    if (whole.isEmpty() || (dot >= 0 && fraction.isEmpty()))
        return garbage();
    // The whole part: digits, optionally grouped by three with commas ("1,200,000").
    const bool grouped = whole.contains(QLatin1Char(','));
    int64_t units = 0;
    qsizetype groupLength = 0;
    bool firstGroup = true;
    for (qsizetype i = 0; i < whole.size(); ++i) {
        const QChar c = whole[i];
        if (c == QLatin1Char(',')) {
            if ((firstGroup && (groupLength < 1 || groupLength > 3)) || (!firstGroup && groupLength != 3))
                return garbage();
            firstGroup = false;
            groupLength = 0;
            continue;
        }
        if (!isDigit(c))
            return garbage();
        ++groupLength;
        if (__builtin_mul_overflow(units, int64_t(10), &units)
            || __builtin_add_overflow(units, int64_t(c.unicode() - '0'), &units))
            return usage(QStringLiteral("\"%1\" is too large; at most %2 GPU-hours.")
                             .arg(shown, formatAmount(ledger::json::kMaxSafeInteger)));
    }
    if (grouped && groupLength != 3)
        return garbage();
    if (fraction.size() > 3) {
        for (QChar c : fraction) {
            if (!isDigit(c))
                return garbage();
        }
        return usage(
            QStringLiteral("\"%1\" has more than three decimals; amounts are counted in thousandths of a "
                           "GPU-hour.")
                .arg(shown));
    }
    int64_t milli = 0;
    for (int i = 0; i < 3; ++i) {
        int64_t digit = 0;
        if (i < fraction.size()) {
            if (!isDigit(fraction[i]))
                return garbage();
            digit = fraction[i].unicode() - '0';
        }
        milli = milli * 10 + digit;
    }
    int64_t total = 0;
    if (__builtin_mul_overflow(units, int64_t(1000), &total) || __builtin_add_overflow(total, milli, &total)
        || total > ledger::json::kMaxSafeInteger)
        return usage(QStringLiteral("\"%1\" is too large; at most %2 GPU-hours.")
                         .arg(shown, formatAmount(ledger::json::kMaxSafeInteger)));
    if (total == 0 && !allowZero)
        return usage(QStringLiteral("The amount must be more than zero."));
    return total;
}

QString formatAmount(int64_t milli)
{
    const bool negative = milli < 0;
    // Work in unsigned so that INT64_MIN formats too.
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(milli) : uint64_t(milli);
    const QString units = QString::number(magnitude / 1000);
    QString grouped;
    for (qsizetype i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0)
            grouped += QLatin1Char(',');
        grouped += units[i];
    }
    return (negative ? QStringLiteral("-") : QString()) + grouped + QLatin1Char('.')
        + QStringLiteral("%1").arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
}

Result<int64_t> parseTime(QStringView text, int64_t nowMs)
{
    const QStringView s = text.trimmed();
    const QString shown = s.toString();
    if (s.compare(QLatin1String("now"), Qt::CaseInsensitive) == 0)
        return nowMs;
    auto bad = [&] {
        return usage(QStringLiteral("\"%1\" is not a date; write 2026-06-30 or 2026-06-30T12:00:00Z (UTC).")
                         .arg(shown));
    };
    const int64_t y = digits(s, 0, 4);
    const int64_t mo = digits(s, 5, 2);
    const int64_t d = digits(s, 8, 2);
    if (s.size() < 10 || y < 0 || mo < 0 || d < 0 || s[4] != QLatin1Char('-') || s[7] != QLatin1Char('-'))
        return bad();
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        return usage(QStringLiteral("\"%1\" is not a calendar date between 1970 and 9999.").arg(shown));
    int64_t ms = daysFromCivil(y, mo, d) * 86400000;
    if (s.size() == 10)
        return ms;
    if (s[10] != QLatin1Char('T') && s[10] != QLatin1Char('t') && s[10] != QLatin1Char(' '))
        return bad();
    const int64_t h = digits(s, 11, 2);
    const int64_t mi = digits(s, 14, 2);
    if (h < 0 || mi < 0 || s.size() < 16 || s[13] != QLatin1Char(':') || h > 23 || mi > 59)
        return bad();
    qsizetype pos = 16;
    int64_t sec = 0;
    int64_t frac = 0;
    if (pos < s.size() && s[pos] == QLatin1Char(':')) {
        sec = digits(s, pos + 1, 2);
        if (sec < 0 || sec > 59)
            return bad();
        pos += 3;
        if (pos < s.size() && s[pos] == QLatin1Char('.')) {
            ++pos;
            int n = 0;
            while (pos < s.size() && isDigit(s[pos])) {
                if (n == 3)
                    return usage(QStringLiteral("\"%1\": times are kept to the millisecond.").arg(shown));
                frac = frac * 10 + (s[pos].unicode() - '0');
                ++n;
                ++pos;
            }
            if (n == 0)
                return bad();
            for (; n < 3; ++n)
                frac *= 10;
        }
    }
    int64_t offsetMinutes = 0;
    if (pos == s.size())
        return usage(QStringLiteral("\"%1\" has no time zone; end it with Z for UTC (or +09:00 and so on).")
                         .arg(shown));
    if (s[pos] == QLatin1Char('Z') || s[pos] == QLatin1Char('z')) {
        ++pos;
    } else if (s[pos] == QLatin1Char('+') || s[pos] == QLatin1Char('-')) {
        const int64_t oh = digits(s, pos + 1, 2);
        const int64_t om = digits(s, pos + 4, 2);
        if (oh < 0 || om < 0 || s[pos + 3] != QLatin1Char(':') || oh > 23 || om > 59)
            return bad();
        offsetMinutes = (oh * 60 + om) * (s[pos] == QLatin1Char('-') ? -1 : 1);
        pos += 6;
    } else {
        return bad();
    }
    if (pos != s.size())
        return bad();
    ms += ((h * 60 + mi - offsetMinutes) * 60 + sec) * 1000 + frac;
    if (ms < 0 || ms > 253402300799999)
        return usage(QStringLiteral("\"%1\" is outside the years 1970 to 9999.").arg(shown));
    return ms;
}

namespace {

struct Civil
{
    int64_t y, mo, d, h, mi, s, ms;
};

Civil civil(int64_t t)
{
    int64_t days = t / 86400000;
    int64_t rest = t % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    Civil c {};
    civilFromDays(days, c.y, c.mo, c.d);
    c.h = rest / 3600000;
    c.mi = rest / 60000 % 60;
    c.s = rest / 1000 % 60;
    c.ms = rest % 1000;
    return c;
}

QString two(int64_t v)
{
    return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
}

} // namespace

QString formatTime(int64_t ms)
{
    const Civil c = civil(ms);
    QString out = QStringLiteral("%1-%2-%3").arg(c.y, 4, 10, QLatin1Char('0')).arg(two(c.mo), two(c.d));
    if (c.h == 0 && c.mi == 0 && c.s == 0 && c.ms == 0)
        return out;
    out += QStringLiteral(" %1:%2:%3").arg(two(c.h), two(c.mi), two(c.s));
    if (c.ms)
        out += QStringLiteral(".%1").arg(c.ms, 3, 10, QLatin1Char('0'));
    return out + QLatin1Char('Z');
}

QString formatIsoTime(int64_t ms)
{
    const Civil c = civil(ms);
    return QStringLiteral("%1-%2-%3T%4:%5:%6.%7Z")
        .arg(c.y, 4, 10, QLatin1Char('0'))
        .arg(two(c.mo), two(c.d), two(c.h), two(c.mi), two(c.s))
        .arg(c.ms, 3, 10, QLatin1Char('0'));
}

Result<std::string> parseId(QStringView text, const char *what)
{
    const std::string id = text.toString().toStdString();
    if (!ledger::BodyReader::isId(id))
        return usage(
            QStringLiteral("\"%1\" is not a valid %2 id: use 1 to 64 lowercase letters, digits, '.', '_' "
                           "or '-', starting with a letter or digit.")
                .arg(text.toString(), QLatin1String(what)));
    return id;
}

Result<std::string> parseResource(QStringView text)
{
    const std::string r = text.toString().toStdString();
    if (!ledger::BodyReader::isResource(r))
        return usage(
            QStringLiteral("\"%1\" is not a resource; write provider/gpu-class, e.g. naver-cloud/b200.")
                .arg(text.toString()));
    return r;
}

QString shortKeyId(const QString &keyId)
{
    return keyId.left(4) + QChar(0x2026);
}

} // namespace ledger::units
