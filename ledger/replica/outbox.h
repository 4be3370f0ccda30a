#pragma once
// The outbox of a ledger bound to a registry: entries signed here while offline (or before the next sync),
// pre-checked by the rules engine and waiting to be sequenced by the registry. Every receipt is recorded on
// its row: "sequenced" with the registry's sequence number, or "rejected" with the reason code and message.
// Rejections stay in the outbox for the user to see; nothing is ever dropped silently.
//
// Error codes: already_queued (an entry with the same id is in the outbox), not_in_outbox (a receipt for an
// entry this outbox never queued), plus the store's.

#include "ledger/codec/entry.h"
#include "ledger/result.h"
#include "ledger/store/ledgerstore.h"

#include <optional>
#include <string>
#include <vector>

namespace ledger::replica {

enum class OutboxStatus { Pending, Sequenced, Rejected };
std::string_view outboxStatusName(OutboxStatus status);

struct OutboxItem
{
    int64_t id = 0; // queue order
    QByteArray entryId; // 32 bytes
    SignedEntry entry;
    int64_t queuedAt = 0;
    OutboxStatus status = OutboxStatus::Pending;
    int64_t seq = -1; // when sequenced
    QString reasonCode; // when rejected
    QString reason;
};

class Outbox
{
public:
    explicit Outbox(store::LedgerStore &store)
        : m_store(store)
    { }

    // Appends a signed entry at the end of the queue.
    Result<void> queue(const SignedEntry &entry, int64_t queuedAt);

    // Entries still waiting for a receipt, in queue order; at most `limit` (all when limit < 0).
    Result<std::vector<OutboxItem>> pending(int64_t limit = -1);
    // Every row with the given status (all rows when none is given), in queue order.
    Result<std::vector<OutboxItem>> list(std::optional<OutboxStatus> status = std::nullopt);
    Result<std::optional<OutboxItem>> find(QByteArrayView entryId);
    Result<int64_t> count(OutboxStatus status);

    // Receipts. Recording the same receipt twice is harmless (receipts are idempotent by entry id).
    Result<void> recordSequenced(QByteArrayView entryId, int64_t seq);
    Result<void> recordRejected(QByteArrayView entryId, const QString &code, const QString &message);
    // Marks an entry seen in the registry's log as sequenced, if it is in the outbox; returns whether it was.
    Result<bool> settleFromLog(QByteArrayView entryId, int64_t seq);
    // Nothing waits for a receipt (no pending or rejected entry): a pull need not look up each entry it
    // applies.
    Result<bool> nothingUnsettled();

private:
    store::LedgerStore &m_store;
};

} // namespace ledger::replica
