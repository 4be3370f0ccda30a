#include "ledger/queries/attachments.h"

#include "ledger/codec/entry.h"
#include "ledger/queries/querysupport.h"

#include <optional>

namespace ledger::queries {

Result<std::vector<AttachmentRow>> applicationAttachments(
    store::LedgerStore &store, std::string_view applicationId)
{
    std::optional<int64_t> submittedAt;
    {
        LQ_STMT(st, "SELECT submitted_at FROM applications WHERE id = ?1");
        st.bind(1, applicationId);
        LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { submittedAt = s.int64(0); }));
    }
    if (!submittedAt)
        return makeError("unknown_object",
            QStringLiteral("There is no application \"%1\".").arg(QString::fromUtf8(applicationId)));
    auto size = store.logSize();
    if (!size)
        return size.error();
    // The first entry sequenced at or after the application's time.
    int64_t lo = 0;
    int64_t hi = size.value();
    while (lo < hi) {
        const int64_t mid = lo + (hi - lo) / 2;
        auto record = store.readLog(mid);
        if (!record)
            return record.error();
        if (record.value().sequencedAt < *submittedAt)
            lo = mid + 1;
        else
            hi = mid;
    }
    std::optional<std::vector<AttachmentRow>> found;
    LEDGER_TRY(store.scanLog(lo, size.value(), [&](const store::LogView &v) {
        if (v.sequencedAt != *submittedAt)
            return false;
        if (v.type != "application.submitted")
            return true;
        auto entry = decodeEntry(v.entry, false);
        if (!entry)
            return true;
        const json::Value &body = entry.value().body;
        const json::Value *id = body.find("application");
        if (!id || !id->isString() || id->toString() != applicationId)
            return true;
        found.emplace();
        if (const json::Value *list = body.find("attachments"); list && list->isArray()) {
            for (const json::Value &a : list->toArray()) {
                const json::Value *name = a.find("name");
                const json::Value *hash = a.find("sha256");
                if (name && name->isString() && hash && hash->isString())
                    found->push_back({ name->toString(), hash->toString() });
            }
        }
        return false;
    }));
    if (!found)
        return makeError("not_found",
            QStringLiteral("The entry of application \"%1\" was not found at its time in the log.")
                .arg(QString::fromUtf8(applicationId)));
    return std::move(*found);
}

} // namespace ledger::queries
