#pragma once
// What people type and read: amounts of GPU-hours (exact, as int64 milli-GPU-hours; never floating point),
// dates and times in UTC, ids. Parsing fails with an Error whose message is one sentence for a person.

#include "ledger/result.h"

#include <QString>
#include <QStringView>

#include <cstdint>

namespace ledger::units {

// "1200", "1,200.5", "0.001" -> 1200000, 1200500, 1. Thousands separators must group by three; at most three
// decimals; no sign, exponent or spaces inside; at most 2^53-1 milli-GPU-hours. Zero only if allowed.
Result<int64_t> parseAmount(QStringView text, bool allowZero = false);
// 1200500 -> "1,200.500"; negative amounts get a leading "-".
QString formatAmount(int64_t milli);

// "2026-06-30" (00:00 UTC that day), "2026-06-30T12:00Z", "2026-06-30T12:00:00.250+09:00", "now" -> ms since
// the epoch, UTC. Years 1970..9999.
Result<int64_t> parseTime(QStringView text, int64_t nowMs);
// "2026-06-30" when the time is midnight UTC, else "2026-06-30 12:00:00Z" (with ".250" when there are ms).
QString formatTime(int64_t ms);
// Always the full ISO-8601 form: "2026-06-30T12:00:00.000Z".
QString formatIsoTime(int64_t ms);

// An object id as the rules engine accepts it: 1..64 of [a-z0-9._-], starting with a letter or digit.
Result<std::string> parseId(QStringView text, const char *what);
// A resource "provider/gpu-class", each part an id.
Result<std::string> parseResource(QStringView text);

// "3fa2…" : the first four hex digits of a key id and an ellipsis.
QString shortKeyId(const QString &keyId);

} // namespace ledger::units
