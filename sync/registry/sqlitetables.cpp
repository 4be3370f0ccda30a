#include "sync/registry/sqlitetables.h"

namespace registry::tables {

using ledger::Result;

Result<void> create(ledger::sql::Database &db)
{
    return db.execScript(R"sql(
CREATE TABLE IF NOT EXISTS registry_rejections (
    entry_id  BLOB PRIMARY KEY,
    at        INTEGER NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    rejection BLOB NOT NULL,
    sig       BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS registry_concerns (
    party TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    PRIMARY KEY (party, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS registry_concerns_seq ON registry_concerns(seq);
)sql");
}

Result<std::optional<syncwire::WireReceipt>> findRejection(ledger::sql::Database &db, QByteArrayView entryId)
{
    auto stmt = db.cached("SELECT code, message, rejection, sig FROM registry_rejections WHERE entry_id = ?");
    if (!stmt)
        return stmt.error();
    ledger::sql::Statement &s = *stmt.value();
    ledger::sql::ResetGuard guard(s);
    s.bind(1, entryId);
    auto row = s.step();
    if (!row)
        return row.error();
    if (!row.value())
        return std::optional<syncwire::WireReceipt>();
    syncwire::WireReceipt r;
    r.entryId = entryId.toByteArray();
    r.code = s.text(0);
    r.message = s.text(1);
    r.rejection = s.blob(2);
    r.rejectionSig = s.blob(3);
    return std::optional<syncwire::WireReceipt>(std::move(r));
}

uint64_t rejectionKey(QByteArrayView entryId)
{
    uint64_t key = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(8, entryId.size()); ++i)
        key = (key << 8) | uint8_t(entryId[i]);
    return key;
}

Result<std::unordered_set<uint64_t>> rejectionKeys(ledger::sql::Database &db)
{
    auto stmt = db.cached("SELECT entry_id FROM registry_rejections");
    if (!stmt)
        return stmt.error();
    ledger::sql::ResetGuard guard(*stmt.value());
    std::unordered_set<uint64_t> keys;
    LEDGER_TRY(stmt.value()->eachRow(
        [&](const ledger::sql::Statement &s) { keys.insert(rejectionKey(s.blobView(0))); }));
    return keys;
}

Result<void> insertRejection(ledger::sql::Database &db, const syncwire::WireReceipt &r, int64_t at)
{
    auto stmt
        = db.cached("INSERT OR IGNORE INTO registry_rejections (entry_id, at, code, message, rejection, "
                    "sig) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    return stmt.value()
        ->bind(1, r.entryId)
        .bind(2, at)
        .bind(3, r.code)
        .bind(4, r.message)
        .bind(5, r.rejection)
        .bind(6, r.rejectionSig)
        .exec();
}

Result<void> insertConcerns(ledger::sql::Database &db, int64_t seq, const ledger::Concerns &c)
{
    auto stmt = db.cached("INSERT OR IGNORE INTO registry_concerns (party, seq) VALUES (?, ?)");
    if (!stmt)
        return stmt.error();
    auto add = [&](const std::string &party) { return stmt.value()->bind(1, party).bind(2, seq).exec(); };
    if (c.isPublic)
        LEDGER_TRY(add("*"));
    for (const auto &s : c.startups)
        LEDGER_TRY(add(startupParty(s)));
    for (const auto &p : c.sponsors)
        LEDGER_TRY(add(sponsorParty(p)));
    return {};
}

Result<ledger::Concerns> concernsAt(ledger::sql::Database &db, int64_t seq)
{
    auto stmt = db.cached("SELECT party FROM registry_concerns WHERE seq = ?");
    if (!stmt)
        return stmt.error();
    ledger::sql::Statement &s = *stmt.value();
    ledger::sql::ResetGuard guard(s);
    s.bind(1, seq);
    ledger::Concerns c;
    for (;;) {
        auto row = s.step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const std::string party(s.textView(0));
        if (party == "*")
            c.isPublic = true;
        else if (party.starts_with("s:"))
            c.startups.insert(party.substr(2));
        else if (party.starts_with("p:"))
            c.sponsors.insert(party.substr(2));
    }
    return c;
}

std::pair<std::string, std::string> partiesOf(const Scope &scope)
{
    return { scope.startup.empty() ? std::string() : startupParty(scope.startup),
        scope.sponsor.empty() ? std::string() : sponsorParty(scope.sponsor) };
}

} // namespace registry::tables
