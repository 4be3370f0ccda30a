#include "ledger/queries/waiting.h"

#include "ledger/codec/entry.h"
#include "ledger/replica/outbox.h"

namespace ledger::queries {

namespace {

std::string str(const json::Value &body, std::string_view key)
{
    const json::Value *v = body.find(key);
    return v && v->isString() ? v->toString() : std::string();
}

} // namespace

Result<std::vector<WaitingEntry>> waitingEntries(store::LedgerStore &store)
{
    auto pending = replica::Outbox(store).pending();
    if (!pending)
        return pending.error();
    std::vector<WaitingEntry> out;
    out.reserve(pending.value().size());
    for (const replica::OutboxItem &item : pending.value()) {
        auto entry = decodeEntry(item.entry.bytes, false);
        if (!entry)
            continue;
        const json::Value &body = entry.value().body;
        WaitingEntry w;
        w.type = entry.value().type;
        w.application = str(body, "application");
        w.grant = str(body, "grant");
        w.pool = str(body, "pool");
        w.queuedAt = item.queuedAt;
        if (w.type == "grant.created") {
            if (const json::Value *t = body.find("tranches"); t && t->isArray())
                for (const json::Value &tranche : t->toArray())
                    if (const json::Value *a = tranche.find("amount"); a && a->isInt())
                        w.amount += a->toInt();
            if (const json::Value *e = body.find("expires_at"); e && e->isInt())
                w.expiresAt = e->toInt();
        }
        out.push_back(std::move(w));
    }
    return out;
}

} // namespace ledger::queries
