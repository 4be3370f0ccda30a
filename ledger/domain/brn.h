#pragma once
// Korean business registration numbers (사업자등록번호): 10 digits, written XXX-XX-XXXXX, whose last digit
// is a check digit over the first nine.

#include <optional>
#include <string>
#include <string_view>

namespace ledger {

// The 10 digits of a well-formed number with a correct check digit, accepting "1234567890" or
// "123-45-67890"; nullopt otherwise.
std::optional<std::string> normaliseBrn(std::string_view text);

// The check digit for the first nine digits (each '0'..'9').
int brnCheckDigit(std::string_view nineDigits);

// "123-45-67890" from ten digits.
std::string formatBrn(std::string_view tenDigits);

} // namespace ledger
