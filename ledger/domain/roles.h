#pragma once
// Member roles, as named in entries (`member.enrolled` body "role") and shown to people.

#include <optional>
#include <string_view>

namespace ledger {

enum class Role { Admin, ProgrammeManager, Reviewer, Startup, Sponsor, Auditor };

std::string_view roleName(Role role);
std::optional<Role> roleFromName(std::string_view name);

} // namespace ledger
