// Verbs that talk to a registry: registry appoint, sync, join (issue 3).

#include "cli.h"

namespace cli {

void addSyncVerbs(std::vector<Verb> &verbs)
{
    (void)verbs;
}

} // namespace cli
