#include "ledger/domain/brn.h"

namespace ledger {

int brnCheckDigit(std::string_view d)
{
    static constexpr int kWeights[9] = { 1, 3, 7, 1, 3, 7, 1, 3, 5 };
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += (d[i] - '0') * kWeights[i];
    sum += ((d[8] - '0') * 5) / 10; // the ninth digit's product contributes its tens digit once more
    return (10 - sum % 10) % 10;
}

std::optional<std::string> normaliseBrn(std::string_view text)
{
    std::string digits;
    if (text.size() == 12) {
        if (text[3] != '-' || text[6] != '-')
            return std::nullopt;
        digits.append(text.substr(0, 3)).append(text.substr(4, 2)).append(text.substr(7, 5));
    } else if (text.size() == 10) {
        digits.assign(text);
    } else {
        return std::nullopt;
    }
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    if (brnCheckDigit(digits) != digits[9] - '0')
        return std::nullopt;
    return digits;
}

std::string formatBrn(std::string_view d)
{
    std::string out;
    out.append(d.substr(0, 3)).append(1, '-').append(d.substr(3, 2)).append(1, '-').append(d.substr(5, 5));
    return out;
}

} // namespace ledger
