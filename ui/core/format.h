#pragma once
// How the desktop shows numbers, dates and states (UI.md "Numbers, dates, words"): GPU-hours with three
// decimals and the resource beside them, dates in the user's locale with the ISO form for tooltips, and the
// ledger's stage/status names in the user's language.

#include <QColor>
#include <QFont>
#include <QString>

#include <cstdint>
#include <string>

namespace portal::fmt {

QString qs(const std::string &s);
std::string ss(const QString &s);

// "1,200.500" (never the resource; see amountWithResource).
QString amount(int64_t milli);
// "1,200.500 GPU-h naver-cloud/b200"
QString amountWithResource(int64_t milli, const std::string &resource);
// The user's locale, short date ("2026. 6. 30." / "6/30/26"); empty for 0.
QString date(int64_t ms);
QString dateTime(int64_t ms);
// ISO-8601, for tooltips.
QString iso(int64_t ms);
// True when `ms` is within 30 days after `nowMs` (UI.md: expiry soon is highlighted).
bool expiresSoon(int64_t ms, int64_t nowMs);

QString stage(const std::string &stage);
QString grantStatus(const std::string &status);
QString role(const std::string &role);
QString reasonCode(const QString &code);

// A font whose digits line up in columns.
QFont numberFont();
QColor okColour();
QColor warnColour();
QColor errorColour();

} // namespace portal::fmt
