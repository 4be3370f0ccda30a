// Writing the projections: the rows a State marks dirty (flushState), and the bulk writers a rebuild uses.

#include "ledger/store/projections.h"
#include "ledger/store/projectionsupport.h"

#include <algorithm>

namespace ledger::store {

using namespace projection;

namespace {

Result<void> writeMeta(sql::Database &db, const State &s)
{
    TRY_STMT(st,
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    auto put
        = [&](std::string_view key, QByteArrayView value) { return st.bind(1, key).bind(2, value).exec(); };
    LEDGER_TRY(put("alliance_id", QByteArray::fromStdString(s.allianceId)));
    LEDGER_TRY(put("alliance_name", QByteArray::fromStdString(s.allianceName)));
    LEDGER_TRY(put("origin", QByteArray::fromStdString(s.origin)));
    LEDGER_TRY(put("root_key", s.rootKey));
    LEDGER_TRY(put("checkpoint_key", s.checkpointKey));
    LEDGER_TRY(put("registry_url", QByteArray::fromStdString(s.registryUrl)));
    return {};
}

Result<void> writePosition(sql::Database &db, const State &s)
{
    TRY_STMT(st,
        "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    LEDGER_TRY(
        st.bind(1, std::string_view("projection_size")).bind(2, QByteArray::number(qint64(s.size))).exec());
    return st.bind(1, std::string_view("projection_last_at"))
        .bind(2, QByteArray::number(qint64(s.lastAt)))
        .exec();
}

// ---- one row per dirty object: its table's columns in order ---------------------------------------------

sql::Statement &bindMember(sql::Statement &st, const Member &m)
{
    return st.bind(1, view(m.keyId))
        .bind(2, m.publicKey)
        .bind(3, view(m.name))
        .bind(4, roleName(m.role))
        .bind(5, view(m.startup))
        .bind(6, view(m.sponsor))
        .bind(7, int64_t(m.revoked))
        .bind(8, m.enrolledAt);
}

sql::Statement &bindProgramme(sql::Statement &st, const Programme &p)
{
    return st.bind(1, view(p.id))
        .bind(2, view(p.name))
        .bind(3, p.opensAt)
        .bind(4, p.closesAt)
        .bind(5, rubricJson(p.rubric)) // text is copied by bind
        .bind(6, p.approvalThreshold)
        .bind(7, p.approvalsRequired);
}

sql::Statement &bindSponsor(sql::Statement &st, const Sponsor &sp)
{
    return st.bind(1, view(sp.id)).bind(2, view(sp.name)).bind(3, view(sp.kind));
}

sql::Statement &bindPool(sql::Statement &st, const Pool &p)
{
    return st.bind(1, view(p.id))
        .bind(2, view(p.sponsor))
        .bind(3, view(p.programme))
        .bind(4, view(p.resource))
        .bind(5, p.pledged)
        .bind(6, p.validUntil)
        .bind(7, int64_t(p.closed));
}

sql::Statement &bindStartup(sql::Statement &st, const Startup &x)
{
    return st.bind(1, view(x.id)).bind(2, view(x.name)).bind(3, view(x.brn)).bind(4, view(x.sector));
}

sql::Statement &bindApplication(sql::Statement &st, const Application &a)
{
    return st.bind(1, view(a.id))
        .bind(2, view(a.startup))
        .bind(3, view(a.programme))
        .bind(4, view(a.title))
        .bind(5, view(a.resource))
        .bind(6, a.requested)
        .bind(7, stageName(a.stage))
        .bind(8, stringListJson(a.reviewers))
        .bind(9, reviewsJson(a.reviews))
        .bind(10, view(a.decisionReason))
        .bind(11, view(a.grant))
        .bind(12, a.submittedAt)
        .bind(13, a.decidedAt);
}

sql::Statement &bindGrant(sql::Statement &st, const Grant &g)
{
    return st.bind(1, view(g.id))
        .bind(2, view(g.application))
        .bind(3, view(g.startup))
        .bind(4, view(g.pool))
        .bind(5, view(g.resource))
        .bind(6, g.amount)
        .bind(7, tranchesJson(g.tranches))
        .bind(8, g.expiresAt)
        .bind(9, g.createdAt)
        .bind(10, grantStatusName(g.status))
        .bind(11, g.unreleased)
        .bind(12, g.available)
        .bind(13, g.consumed)
        .bind(14, g.expired)
        .bind(15, g.clawedBack)
        .bind(16, g.lastUsageAt);
}

sql::Statement &bindPending(sql::Statement &st, const PendingAction &p)
{
    return st.bind(1, view(p.target))
        .bind(2, view(p.type))
        .bind(3, view(p.author))
        .bind(4, p.body)
        .bind(5, stringListJson(p.approvers))
        .bind(6, p.required)
        .bind(7, p.createdAt);
}

// Runs `sqlText` once per key of `keys` (a dirty set), bound by bindKey(statement, key).
template<typename Keys, typename BindKey>
Result<void> eachKey(sql::Database &db, const char *sqlText, const Keys &keys, BindKey bindKey)
{
    if (keys.empty())
        return {};
    TRY_STMT(st, sqlText);
    for (const auto &key : keys)
        LEDGER_TRY(bindKey(st, key).exec());
    return {};
}

// INSERT OR REPLACE of the objects of `rows` that `ids` names, each bound by bindRow(statement, object).
template<typename Ids, typename Rows, typename BindRow>
Result<void> replaceRows(sql::Database &db, const char *sqlText, const Ids &ids, Rows &rows, BindRow bindRow)
{
    return eachKey(db, sqlText, ids, [&](sql::Statement &st, const std::string &id) -> sql::Statement & {
        return bindRow(st, rows.at(id));
    });
}

// "INSERT INTO table VALUES(?,..),(?,..),...": `rows` tuples of `columns` parameters. Bulk writes bind many
// rows per statement, so SQLite's per-statement work (step, reset, halt) is paid once per block of rows.
std::string multiRowInsert(std::string_view table, int columns, int rows)
{
    std::string tuple = "(";
    for (int c = 0; c < columns; ++c)
        tuple += c ? ",?" : "?";
    tuple += ')';
    std::string out = "INSERT INTO ";
    out += table;
    out += " VALUES";
    for (int r = 0; r < rows; ++r) {
        out += r ? "," : "";
        out += tuple;
    }
    return out;
}

constexpr int kRowsPerInsert = 256;

// Inserts `rows` (of `columns` columns each, bound by bindRow(statement, first parameter, row)): whole
// blocks of kRowsPerInsert rows through `blockSql` (multiRowInsert), the rest one by one through `rowSql`.
template<typename Row, typename BindRow>
Result<void> insertInBlocks(sql::Database &db, const std::string &blockSql, const char *rowSql, int columns,
    const std::vector<Row> &rows, BindRow bindRow)
{
    size_t i = 0;
    if (rows.size() >= size_t(kRowsPerInsert)) {
        TRY_STMT(block, blockSql);
        for (; i + kRowsPerInsert <= rows.size(); i += kRowsPerInsert) {
            for (int r = 0; r < kRowsPerInsert; ++r)
                bindRow(block, 1 + columns * r, rows[i + size_t(r)]);
            LEDGER_TRY(block.exec());
        }
    }
    if (i < rows.size()) {
        TRY_STMT(st, rowSql);
        for (; i < rows.size(); ++i)
            LEDGER_TRY(bindRow(st, 1, rows[i]).exec());
    }
    return {};
}

} // namespace

void markAllDirty(State &s)
{
    s.dirty.meta = !s.allianceId.empty();
    for (const auto &kv : s.members)
        s.dirty.members.insert(kv.first);
    for (const auto &kv : s.programmes)
        s.dirty.programmes.insert(kv.first);
    for (const auto &kv : s.sponsors)
        s.dirty.sponsors.insert(kv.first);
    for (const auto &kv : s.pools)
        s.dirty.pools.insert(kv.first);
    for (const auto &kv : s.startups)
        s.dirty.startups.insert(kv.first);
    for (const auto &kv : s.applications)
        s.dirty.applications.insert(kv.first);
    for (const auto &kv : s.grants)
        s.dirty.grants.insert(kv.first);
    for (const auto &kv : s.pending)
        s.dirty.pending.insert(kv.first);
    for (const auto &kv : s.balances)
        s.dirty.balances.insert(kv.first.first + '\n' + kv.first.second);
}

Result<void> clearProjections(sql::Database &db)
{
    return db.execScript(
        "DELETE FROM members; DELETE FROM programmes; DELETE FROM sponsors; DELETE FROM pools;"
        "DELETE FROM startups; DELETE FROM applications; DELETE FROM grants; DELETE FROM pending;"
        "DELETE FROM balances; DELETE FROM movements; DELETE FROM usages;"
        "DELETE FROM meta WHERE key IN ('projection_size', 'projection_last_at');");
}

Result<void> writeMovements(sql::Database &db, std::vector<Movement> &movements)
{
    if (movements.empty())
        return {};
    static const std::string kBlock = multiRowInsert("movements", 7, kRowsPerInsert);
    LEDGER_TRY(insertInBlocks(db, kBlock, "INSERT INTO movements VALUES(?,?,?,?,?,?,?)", 7, movements,
        [](sql::Statement &st, int first, const Movement &m) -> sql::Statement & {
            return st.bind(first, m.seq)
                .bind(first + 1, m.at)
                .bindStatic(first + 2, view(m.from))
                .bindStatic(first + 3, view(m.to))
                .bindStatic(first + 4, view(m.resource))
                .bind(first + 5, m.amount)
                .bindStatic(first + 6, view(m.grant));
        }));
    movements.clear();
    return {};
}

Result<void> writeUsages(sql::Database &db, KeyList &usages)
{
    if (usages.empty())
        return {};
    // In key order: the table is a B-tree on the key, and sorted inserts touch each page once. The first
    // eight bytes, big-endian, order most pairs without comparing the keys themselves.
    struct Key
    {
        uint64_t prefix;
        std::string_view key;
    };
    std::vector<Key> keys;
    keys.reserve(usages.size());
    for (size_t k = 0; k < usages.size(); ++k) {
        const std::string_view key = usages[k];
        uint64_t prefix = 0;
        for (size_t i = 0; i < 8; ++i)
            prefix = prefix << 8 | (i < key.size() ? uint8_t(key[i]) : 0);
        keys.push_back(Key { prefix, key });
    }
    std::sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        return a.prefix != b.prefix ? a.prefix < b.prefix : a.key < b.key;
    });
    static const std::string kBlock = multiRowInsert("usages", 1, kRowsPerInsert);
    LEDGER_TRY(insertInBlocks(db, kBlock, "INSERT INTO usages VALUES(?)", 1, keys,
        [](sql::Statement &st, int first, const Key &k) -> sql::Statement & {
            return st.bindStatic(first, k.key);
        }));
    usages.clear();
    return {};
}

Result<void> flushState(sql::Database &db, State &s)
{
    Dirty &d = s.dirty;
    if (d.meta)
        LEDGER_TRY(writeMeta(db, s));
    LEDGER_TRY(replaceRows(
        db, "INSERT OR REPLACE INTO members VALUES(?,?,?,?,?,?,?,?)", d.members, s.members, bindMember));
    LEDGER_TRY(replaceRows(db, "INSERT OR REPLACE INTO programmes VALUES(?,?,?,?,?,?,?)", d.programmes,
        s.programmes, bindProgramme));
    LEDGER_TRY(replaceRows(
        db, "INSERT OR REPLACE INTO sponsors VALUES(?,?,?)", d.sponsors, s.sponsors, bindSponsor));
    LEDGER_TRY(
        replaceRows(db, "INSERT OR REPLACE INTO pools VALUES(?,?,?,?,?,?,?)", d.pools, s.pools, bindPool));
    LEDGER_TRY(replaceRows(
        db, "INSERT OR REPLACE INTO startups VALUES(?,?,?,?)", d.startups, s.startups, bindStartup));
    LEDGER_TRY(replaceRows(db, "INSERT OR REPLACE INTO applications VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
        d.applications, s.applications, bindApplication));
    LEDGER_TRY(replaceRows(db, "INSERT OR REPLACE INTO grants VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        d.grants, s.grants, bindGrant));
    LEDGER_TRY(replaceRows(
        db, "INSERT OR REPLACE INTO pending VALUES(?,?,?,?,?,?,?)", d.pending, s.pending, bindPending));
    LEDGER_TRY(eachKey(db, "DELETE FROM pending WHERE target = ?", d.pendingRemoved,
        [](sql::Statement &st, const std::string &id) -> sql::Statement & { return st.bind(1, view(id)); }));
    LEDGER_TRY(eachKey(db, "INSERT OR REPLACE INTO balances VALUES(?,?,?)", d.balances,
        [&](sql::Statement &st, const std::string &key) -> sql::Statement & {
            const auto nl = key.find('\n'); // "account\nresource"
            const std::string account = key.substr(0, nl);
            const std::string resource = key.substr(nl + 1);
            return st.bind(1, view(account)).bind(2, view(resource)).bind(3, s.balance(account, resource));
        }));
    LEDGER_TRY(writeMovements(db, d.movements));
    LEDGER_TRY(writeUsages(db, d.usages));
    if (s.usageLookup)
        s.usageKeys.clear(); // now on disk: usageLookup answers for them
    LEDGER_TRY(writePosition(db, s));
    d.clear();
    s.trimCache(); // everything is written: a long-lived state forgets rows beyond its bound
    return {};
}

} // namespace ledger::store
