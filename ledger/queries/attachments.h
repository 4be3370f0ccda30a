#pragma once
// The attachments an application names (`attachments` [{name, sha256}] of its application.submitted entry,
// docs/ENTRY-TYPES.md). The projections keep no copy, so the entry is read from the log: found by its
// sequencing time (applications.submitted_at) with a binary search over `seq`, since the sequencer never
// lets time go backwards, then a scan of the few entries sequenced in that same millisecond. About twenty
// row reads on a 1,000,000-entry ledger.

#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <string>
#include <string_view>
#include <vector>

namespace ledger::queries {

struct AttachmentRow
{
    std::string name;
    std::string sha256; // 64 lowercase hex digits
};

// Error "unknown_object" if there is no such application, "not_found" if its entry is not where its time
// says (a log whose times go backwards).
Result<std::vector<AttachmentRow>> applicationAttachments(
    store::LedgerStore &store, std::string_view applicationId);

} // namespace ledger::queries
