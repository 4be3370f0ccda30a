// Verbs that draw reports and statements from the local ledger and import files (issue 5).

#include "cli.h"

namespace cli {

void addReportVerbs(std::vector<Verb> &verbs)
{
    (void)verbs;
}

} // namespace cli
