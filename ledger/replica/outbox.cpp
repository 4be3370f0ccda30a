#include "ledger/replica/outbox.h"

namespace ledger::replica {

namespace {

constexpr std::string_view kColumns
    = "id, entry_id, type, entry, sig, author_key, queued_at, status, seq, reason_code, reason";

OutboxStatus statusFromText(std::string_view text)
{
    if (text == "sequenced")
        return OutboxStatus::Sequenced;
    if (text == "rejected")
        return OutboxStatus::Rejected;
    return OutboxStatus::Pending;
}

OutboxItem readRow(const sql::Statement &s)
{
    OutboxItem item;
    item.id = s.int64(0);
    item.entryId = s.blob(1);
    item.entry.type = std::string(s.textView(2));
    item.entry.bytes = s.blob(3);
    item.entry.signature = s.blob(4);
    if (auto key = crypto::PublicKey::fromRaw(s.blobView(5)))
        item.entry.authorKey = key.value(); // an invalid key stays invalid: the registry will say so
    item.queuedAt = s.int64(6);
    item.status = statusFromText(s.textView(7));
    item.seq = s.isNull(8) ? -1 : s.int64(8);
    item.reasonCode = s.isNull(9) ? QString() : s.text(9);
    item.reason = s.isNull(10) ? QString() : s.text(10);
    return item;
}

Result<std::vector<OutboxItem>> collect(sql::Statement &s)
{
    std::vector<OutboxItem> items;
    sql::ResetGuard guard(s);
    LEDGER_TRY(s.eachRow([&](const sql::Statement &row) { items.push_back(readRow(row)); }));
    return items;
}

} // namespace

std::string_view outboxStatusName(OutboxStatus status)
{
    switch (status) {
    case OutboxStatus::Pending:
        return "pending";
    case OutboxStatus::Sequenced:
        return "sequenced";
    case OutboxStatus::Rejected:
        return "rejected";
    }
    return "pending";
}

Result<void> Outbox::queue(const SignedEntry &entry, int64_t queuedAt)
{
    const QByteArray id = entry.id();
    auto existing = find(id);
    if (!existing)
        return existing.error();
    if (existing.value())
        return makeError("already_queued",
            QStringLiteral("The entry %1 is already in the outbox.").arg(QString::fromLatin1(id.toHex())));
    auto stmt = m_store.db().cached("INSERT INTO outbox(entry_id, type, entry, sig, author_key, queued_at, "
                                    "status) VALUES(?, ?, ?, ?, ?, ?, 'pending')");
    if (!stmt)
        return stmt.error();
    return stmt.value()
        ->bind(1, id)
        .bind(2, entry.type)
        .bind(3, entry.bytes)
        .bind(4, entry.signature)
        .bind(5, entry.authorKey.raw())
        .bind(6, queuedAt)
        .exec();
}

Result<std::vector<OutboxItem>> Outbox::pending(int64_t limit)
{
    static const std::string sql
        = "SELECT " + std::string(kColumns) + " FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?";
    auto stmt = m_store.db().cached(sql);
    if (!stmt)
        return stmt.error();
    stmt.value()->bind(1, limit < 0 ? int64_t(-1) : limit);
    return collect(*stmt.value());
}

Result<std::vector<OutboxItem>> Outbox::list(std::optional<OutboxStatus> status)
{
    if (!status) {
        static const std::string sql = "SELECT " + std::string(kColumns) + " FROM outbox ORDER BY id";
        auto stmt = m_store.db().cached(sql);
        if (!stmt)
            return stmt.error();
        return collect(*stmt.value());
    }
    static const std::string sql
        = "SELECT " + std::string(kColumns) + " FROM outbox WHERE status = ? ORDER BY id";
    auto stmt = m_store.db().cached(sql);
    if (!stmt)
        return stmt.error();
    stmt.value()->bind(1, outboxStatusName(*status));
    return collect(*stmt.value());
}

Result<std::optional<OutboxItem>> Outbox::find(QByteArrayView entryId)
{
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM outbox WHERE entry_id = ?";
    auto stmt = m_store.db().cached(sql);
    if (!stmt)
        return stmt.error();
    stmt.value()->bind(1, entryId);
    auto items = collect(*stmt.value());
    if (!items)
        return items.error();
    if (items->empty())
        return std::optional<OutboxItem>();
    return std::optional<OutboxItem>(std::move(items->front()));
}

Result<int64_t> Outbox::count(OutboxStatus status)
{
    auto stmt = m_store.db().cached("SELECT COUNT(*) FROM outbox WHERE status = ?");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    s.bind(1, outboxStatusName(status));
    auto row = s.step();
    if (!row)
        return row.error();
    return s.int64(0);
}

Result<void> Outbox::recordSequenced(QByteArrayView entryId, int64_t seq)
{
    auto settled = settleFromLog(entryId, seq);
    if (!settled)
        return settled.error();
    if (!settled.value())
        return makeError("not_in_outbox",
            QStringLiteral("A receipt arrived for the entry %1, which is not in the outbox.")
                .arg(QString::fromLatin1(entryId.toByteArray().toHex())));
    return {};
}

Result<void> Outbox::recordRejected(QByteArrayView entryId, const QString &code, const QString &message)
{
    auto stmt = m_store.db().cached(
        "UPDATE outbox SET status = 'rejected', seq = NULL, reason_code = ?, reason = ? WHERE entry_id = ?");
    if (!stmt)
        return stmt.error();
    LEDGER_TRY(stmt.value()->bind(1, code).bind(2, message).bind(3, entryId).exec());
    if (m_store.db().changes() == 0)
        return makeError("not_in_outbox",
            QStringLiteral("A rejection arrived for the entry %1, which is not in the outbox.")
                .arg(QString::fromLatin1(entryId.toByteArray().toHex())));
    return {};
}

Result<bool> Outbox::settleFromLog(QByteArrayView entryId, int64_t seq)
{
    auto stmt = m_store.db().cached("UPDATE outbox SET status = 'sequenced', seq = ?, reason_code = NULL, "
                                    "reason = NULL WHERE entry_id = ?");
    if (!stmt)
        return stmt.error();
    LEDGER_TRY(stmt.value()->bind(1, seq).bind(2, entryId).exec());
    return m_store.db().changes() > 0;
}

Result<bool> Outbox::nothingUnsettled()
{
    auto stmt = m_store.db().cached("SELECT 1 FROM outbox WHERE status != 'sequenced' LIMIT 1");
    if (!stmt)
        return stmt.error();
    sql::Statement &s = *stmt.value();
    sql::ResetGuard guard(s);
    auto row = s.step();
    if (!row)
        return row.error();
    return !row.value();
}

} // namespace ledger::replica
