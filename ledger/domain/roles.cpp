#include "ledger/domain/roles.h"

#include <array>
#include <utility>

namespace ledger {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles { {
    { Role::Admin, "admin" },
    { Role::ProgrammeManager, "programme_manager" },
    { Role::Reviewer, "reviewer" },
    { Role::Startup, "startup" },
    { Role::Sponsor, "sponsor" },
    { Role::Auditor, "auditor" },
} };
} // namespace

std::string_view roleName(Role role)
{
    for (const auto &[r, name] : kRoles) {
        if (r == role)
            return name;
    }
    return "unknown";
}

std::optional<Role> roleFromName(std::string_view name)
{
    for (const auto &[r, n] : kRoles) {
        if (n == name)
            return r;
    }
    return std::nullopt;
}

} // namespace ledger
