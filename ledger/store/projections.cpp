#include "ledger/store/projections.h"

#include "ledger/codec/json.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

namespace ledger::store {

namespace {

#define TRY_STMT(var, sqlText)                                                                               \
    auto var##Result = db.cached(sqlText);                                                                   \
    if (!var##Result)                                                                                        \
        return var##Result.error();                                                                          \
    sql::Statement &var = *var##Result.value()

std::string_view view(const std::string &s)
{
    return s;
}

std::string toJsonText(const json::Value &v)
{
    std::string out;
    json::appendCanonical(out, v);
    return out;
}

json::Value parseStored(std::string_view text)
{
    auto v = json::parse(text);
    return v ? std::move(v.value()) : json::Value();
}

json::Value stringList(const std::vector<std::string> &items)
{
    json::Array a;
    for (const auto &s : items)
        a.emplace_back(s);
    return json::Value(std::move(a));
}

std::vector<std::string> readStringList(std::string_view text)
{
    std::vector<std::string> out;
    const json::Value v = parseStored(text);
    if (v.isArray()) {
        for (const auto &item : v.toArray())
            out.push_back(item.isString() ? item.toString() : std::string());
    }
    return out;
}

int64_t intField(const json::Value &v, const char *key)
{
    const json::Value *f = v.find(key);
    return f && f->isInt() ? f->toInt() : 0;
}

std::string strField(const json::Value &v, const char *key)
{
    const json::Value *f = v.find(key);
    return f && f->isString() ? f->toString() : std::string();
}

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

// ---- reading projection rows back: the whole table (loadState) or one row (a State loaded on demand) ----

using RubricOrder = std::unordered_map<std::string, std::vector<std::string>>; // programme -> criteria

#define MEMBER_COLUMNS                                                                                       \
    "SELECT key_id, public_key, name, role, startup, sponsor, revoked, enrolled_at FROM members"
#define STARTUP_COLUMNS "SELECT id, name, brn, sector FROM startups"
#define APPLICATION_COLUMNS                                                                                  \
    "SELECT id, startup, programme, title, resource, requested, stage, reviewers, reviews, "                 \
    "decision_reason, "                                                                                      \
    "grant_id, submitted_at, decided_at FROM applications"
#define GRANT_COLUMNS                                                                                        \
    "SELECT id, application, startup, pool, resource, amount, tranches, expires_at, created_at, status, "    \
    "unreleased, available, consumed, expired, clawed_back, last_usage_at FROM grants"
constexpr const char *kMemberAll = MEMBER_COLUMNS;
constexpr const char *kMemberById = MEMBER_COLUMNS " WHERE key_id = ?";
constexpr const char *kStartupAll = STARTUP_COLUMNS;
constexpr const char *kStartupById = STARTUP_COLUMNS " WHERE id = ?";
constexpr const char *kStartupBrns = "SELECT brn, id FROM startups";
constexpr const char *kStartupIdByBrn = "SELECT id FROM startups WHERE brn = ?";
constexpr const char *kApplicationAll = APPLICATION_COLUMNS;
constexpr const char *kApplicationById = APPLICATION_COLUMNS " WHERE id = ?";
constexpr const char *kGrantAll = GRANT_COLUMNS;
constexpr const char *kGrantById = GRANT_COLUMNS " WHERE id = ?";
constexpr const char *kBalanceAll = "SELECT account, resource, amount FROM balances";
constexpr const char *kBalanceByKey = "SELECT amount FROM balances WHERE account = ? AND resource = ?";
#undef MEMBER_COLUMNS
#undef STARTUP_COLUMNS
#undef APPLICATION_COLUMNS
#undef GRANT_COLUMNS

std::string text(const sql::Statement &st, int col)
{
    return std::string(st.textView(col));
}

std::string readFirst(const sql::Statement &st)
{
    return text(st, 0);
}

std::string readSecond(const sql::Statement &st)
{
    return text(st, 1);
}

Member readMember(const sql::Statement &st)
{
    Member m;
    m.keyId = text(st, 0);
    m.publicKey = st.blob(1);
    m.name = text(st, 2);
    m.role = roleFromName(st.textView(3)).value_or(Role::Auditor);
    m.startup = text(st, 4);
    m.sponsor = text(st, 5);
    m.revoked = st.int64(6) != 0;
    m.enrolledAt = st.int64(7);
    return m;
}

Startup readStartup(const sql::Statement &st)
{
    return Startup { text(st, 0), text(st, 1), text(st, 2), text(st, 3) };
}

Application readApplication(const sql::Statement &st, const RubricOrder &rubrics)
{
    Application a;
    a.id = text(st, 0);
    a.startup = text(st, 1);
    a.programme = text(st, 2);
    a.title = text(st, 3);
    a.resource = text(st, 4);
    a.requested = st.int64(5);
    for (Stage stage : { Stage::Submitted, Stage::UnderReview, Stage::Approved, Stage::Rejected,
             Stage::Waitlisted, Stage::Withdrawn }) {
        if (stageName(stage) == st.textView(6))
            a.stage = stage;
    }
    a.reviewers = readStringList(st.textView(7));
    const json::Value reviews = parseStored(st.textView(8));
    const auto rubric = rubrics.find(a.programme);
    if (reviews.isArray()) {
        for (const auto &r : reviews.toArray()) {
            Review rv;
            rv.reviewer = strField(r, "reviewer");
            const json::Value *conflict = r.find("conflict");
            rv.conflict = conflict && conflict->isBool() && conflict->toBool();
            if (const json::Value *scores = r.find("scores"); scores && scores->isObject()) {
                for (const auto &[crit, score] : scores->toObject())
                    rv.scores.emplace_back(crit, score.isInt() ? score.toInt() : 0);
            }
            // The stored object is sorted by key; the rules engine keeps rubric order.
            if (rubric != rubrics.end()) {
                const auto &order = rubric->second;
                auto rank = [&](const std::string &crit) {
                    return std::find(order.begin(), order.end(), crit) - order.begin();
                };
                std::stable_sort(rv.scores.begin(), rv.scores.end(),
                    [&](const auto &x, const auto &y) { return rank(x.first) < rank(y.first); });
            }
            rv.comment = strField(r, "comment");
            rv.at = intField(r, "at");
            a.reviews.push_back(std::move(rv));
        }
    }
    a.decisionReason = text(st, 9);
    a.grant = text(st, 10);
    a.submittedAt = st.int64(11);
    a.decidedAt = st.int64(12);
    return a;
}

Grant readGrant(const sql::Statement &st)
{
    Grant g;
    g.id = text(st, 0);
    g.application = text(st, 1);
    g.startup = text(st, 2);
    g.pool = text(st, 3);
    g.resource = text(st, 4);
    g.amount = st.int64(5);
    const json::Value tranches = parseStored(st.textView(6));
    if (tranches.isArray()) {
        for (const auto &t : tranches.toArray()) {
            const json::Value *released = t.find("released");
            g.tranches.push_back(Tranche { intField(t, "amount"), intField(t, "release_at"),
                released && released->isBool() && released->toBool() });
        }
    }
    g.expiresAt = st.int64(7);
    g.createdAt = st.int64(8);
    for (GrantStatus status : { GrantStatus::PendingApproval, GrantStatus::Active, GrantStatus::Expired,
             GrantStatus::ClawedBack, GrantStatus::Cancelled }) {
        if (grantStatusName(status) == st.textView(9))
            g.status = status;
    }
    g.unreleased = st.int64(10);
    g.available = st.int64(11);
    g.consumed = st.int64(12);
    g.expired = st.int64(13);
    g.clawedBack = st.int64(14);
    g.lastUsageAt = st.int64(15);
    return g;
}

// The first read error of a State's source is kept; the sequencer fails the batch that met it.
void noteFailure(std::optional<Error> &failure, const Error &e)
{
    if (!failure)
        failure = e;
}

Result<void> eachRow(
    std::optional<Error> &failure, sql::Statement &st, const std::function<void(const sql::Statement &)> &fn)
{
    auto done = st.eachRow(fn);
    if (!done)
        noteFailure(failure, done.error());
    return done;
}

using Failure = std::shared_ptr<std::optional<Error>>;

// A LazyMap source's FetchOne: the row whose first parameter is `key`, read by `read`.
template<typename T, typename Read>
std::function<bool(const std::string &, T &)> fetchOne(
    sql::Database *db, Failure failure, const char *sqlText, Read read)
{
    return [=](const std::string &key, T &out) {
        auto stmt = db->cached(sqlText);
        if (!stmt) {
            noteFailure(*failure, stmt.error());
            return false;
        }
        sql::Statement &st = *stmt.value();
        sql::ResetGuard guard(st);
        st.bind(1, std::string_view(key));
        auto row = st.step();
        if (!row) {
            noteFailure(*failure, row.error());
            return false;
        }
        if (!row.value())
            return false;
        out = read(st);
        return true;
    };
}

// A LazyMap source's FetchAll: every row of `sqlText`, keyed by keyOf(row) or, if given, readKey(statement).
template<typename T, typename Read, typename KeyOf>
std::function<void(const std::function<void(std::string, T)> &)> fetchAll(sql::Database *db, Failure failure,
    const char *sqlText, Read read, KeyOf keyOf, std::string (*readKey)(const sql::Statement &) = nullptr)
{
    return [=](const std::function<void(std::string, T)> &add) {
        auto stmt = db->prepare(sqlText);
        if (!stmt) {
            noteFailure(*failure, stmt.error());
            return;
        }
        (void)eachRow(*failure, stmt.value(), [&](const sql::Statement &st) {
            T row = read(st);
            std::string key = readKey ? readKey(st) : keyOf(row);
            add(std::move(key), std::move(row));
        });
    };
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

namespace {

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

} // namespace

Result<void> writeMovements(sql::Database &db, std::vector<Movement> &movements)
{
    if (movements.empty())
        return {};
    static const std::string kBlock = multiRowInsert("movements", 7, kRowsPerInsert);
    auto bindRow = [](sql::Statement &st, int first, const Movement &m) -> sql::Statement & {
        return st.bind(first, m.seq)
            .bind(first + 1, m.at)
            .bindStatic(first + 2, view(m.from))
            .bindStatic(first + 3, view(m.to))
            .bindStatic(first + 4, view(m.resource))
            .bind(first + 5, m.amount)
            .bindStatic(first + 6, view(m.grant));
    };
    size_t i = 0;
    if (movements.size() >= size_t(kRowsPerInsert)) {
        TRY_STMT(block, kBlock);
        for (; i + kRowsPerInsert <= movements.size(); i += kRowsPerInsert) {
            for (int r = 0; r < kRowsPerInsert; ++r)
                bindRow(block, 1 + 7 * r, movements[i + size_t(r)]);
            LEDGER_TRY(block.exec());
        }
    }
    if (i < movements.size()) {
        TRY_STMT(st, "INSERT INTO movements VALUES(?,?,?,?,?,?,?)");
        for (; i < movements.size(); ++i)
            LEDGER_TRY(bindRow(st, 1, movements[i]).exec());
    }
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
    size_t i = 0;
    if (keys.size() >= size_t(kRowsPerInsert)) {
        TRY_STMT(block, kBlock);
        for (; i + kRowsPerInsert <= keys.size(); i += kRowsPerInsert) {
            for (int r = 0; r < kRowsPerInsert; ++r)
                block.bindStatic(1 + r, keys[i + size_t(r)].key);
            LEDGER_TRY(block.exec());
        }
    }
    if (i < keys.size()) {
        TRY_STMT(st, "INSERT INTO usages VALUES(?)");
        for (; i < keys.size(); ++i)
            LEDGER_TRY(st.bindStatic(1, keys[i].key).exec());
    }
    usages.clear();
    return {};
}

Result<void> flushState(sql::Database &db, State &s)
{
    Dirty &d = s.dirty;
    if (d.meta)
        LEDGER_TRY(writeMeta(db, s));

    if (!d.members.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO members VALUES(?,?,?,?,?,?,?,?)");
        for (const auto &id : d.members) {
            const Member &m = s.members.at(id);
            LEDGER_TRY(st.bind(1, view(m.keyId))
                           .bind(2, m.publicKey)
                           .bind(3, view(m.name))
                           .bind(4, roleName(m.role))
                           .bind(5, view(m.startup))
                           .bind(6, view(m.sponsor))
                           .bind(7, int64_t(m.revoked))
                           .bind(8, m.enrolledAt)
                           .exec());
        }
    }
    if (!d.programmes.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO programmes VALUES(?,?,?,?,?,?,?)");
        for (const auto &id : d.programmes) {
            const Programme &p = s.programmes.at(id);
            json::Array rubric;
            for (const Criterion &c : p.rubric) {
                json::Value item;
                item.set("id", json::Value(c.id));
                item.set("max", json::Value(c.max));
                rubric.push_back(std::move(item));
            }
            const std::string rubricText = toJsonText(json::Value(std::move(rubric)));
            LEDGER_TRY(st.bind(1, view(p.id))
                           .bind(2, view(p.name))
                           .bind(3, p.opensAt)
                           .bind(4, p.closesAt)
                           .bind(5, view(rubricText))
                           .bind(6, p.approvalThreshold)
                           .bind(7, p.approvalsRequired)
                           .exec());
        }
    }
    if (!d.sponsors.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO sponsors VALUES(?,?,?)");
        for (const auto &id : d.sponsors) {
            const Sponsor &sp = s.sponsors.at(id);
            LEDGER_TRY(st.bind(1, view(sp.id)).bind(2, view(sp.name)).bind(3, view(sp.kind)).exec());
        }
    }
    if (!d.pools.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO pools VALUES(?,?,?,?,?,?,?)");
        for (const auto &id : d.pools) {
            const Pool &p = s.pools.at(id);
            LEDGER_TRY(st.bind(1, view(p.id))
                           .bind(2, view(p.sponsor))
                           .bind(3, view(p.programme))
                           .bind(4, view(p.resource))
                           .bind(5, p.pledged)
                           .bind(6, p.validUntil)
                           .bind(7, int64_t(p.closed))
                           .exec());
        }
    }
    if (!d.startups.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO startups VALUES(?,?,?,?)");
        for (const auto &id : d.startups) {
            const Startup &x = s.startups.at(id);
            LEDGER_TRY(st.bind(1, view(x.id))
                           .bind(2, view(x.name))
                           .bind(3, view(x.brn))
                           .bind(4, view(x.sector))
                           .exec());
        }
    }
    if (!d.applications.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO applications VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const auto &id : d.applications) {
            const Application &a = s.applications.at(id);
            json::Array reviews;
            for (const Review &r : a.reviews) {
                json::Value item;
                item.set("reviewer", json::Value(r.reviewer));
                item.set("conflict", json::Value(r.conflict));
                json::Value scores { json::Object {} };
                for (const auto &[crit, score] : r.scores)
                    scores.set(crit, json::Value(score));
                item.set("scores", std::move(scores));
                item.set("comment", json::Value(r.comment));
                item.set("at", json::Value(r.at));
                reviews.push_back(std::move(item));
            }
            const std::string reviewersText = toJsonText(stringList(a.reviewers));
            const std::string reviewsText = toJsonText(json::Value(std::move(reviews)));
            LEDGER_TRY(st.bind(1, view(a.id))
                           .bind(2, view(a.startup))
                           .bind(3, view(a.programme))
                           .bind(4, view(a.title))
                           .bind(5, view(a.resource))
                           .bind(6, a.requested)
                           .bind(7, stageName(a.stage))
                           .bind(8, view(reviewersText))
                           .bind(9, view(reviewsText))
                           .bind(10, view(a.decisionReason))
                           .bind(11, view(a.grant))
                           .bind(12, a.submittedAt)
                           .bind(13, a.decidedAt)
                           .exec());
        }
    }
    if (!d.grants.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO grants VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const auto &id : d.grants) {
            const Grant &g = s.grants.at(id);
            json::Array tranches;
            for (const Tranche &t : g.tranches) {
                json::Value item;
                item.set("amount", json::Value(t.amount));
                item.set("release_at", json::Value(t.releaseAt));
                item.set("released", json::Value(t.released));
                tranches.push_back(std::move(item));
            }
            const std::string tranchesText = toJsonText(json::Value(std::move(tranches)));
            LEDGER_TRY(st.bind(1, view(g.id))
                           .bind(2, view(g.application))
                           .bind(3, view(g.startup))
                           .bind(4, view(g.pool))
                           .bind(5, view(g.resource))
                           .bind(6, g.amount)
                           .bind(7, view(tranchesText))
                           .bind(8, g.expiresAt)
                           .bind(9, g.createdAt)
                           .bind(10, grantStatusName(g.status))
                           .bind(11, g.unreleased)
                           .bind(12, g.available)
                           .bind(13, g.consumed)
                           .bind(14, g.expired)
                           .bind(15, g.clawedBack)
                           .bind(16, g.lastUsageAt)
                           .exec());
        }
    }
    if (!d.pending.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO pending VALUES(?,?,?,?,?,?,?)");
        for (const auto &id : d.pending) {
            const PendingAction &p = s.pending.at(id);
            const std::string approvers = toJsonText(stringList(p.approvers));
            LEDGER_TRY(st.bind(1, view(p.target))
                           .bind(2, view(p.type))
                           .bind(3, view(p.author))
                           .bind(4, p.body)
                           .bind(5, view(approvers))
                           .bind(6, p.required)
                           .bind(7, p.createdAt)
                           .exec());
        }
    }
    if (!d.pendingRemoved.empty()) {
        TRY_STMT(st, "DELETE FROM pending WHERE target = ?");
        for (const auto &id : d.pendingRemoved)
            LEDGER_TRY(st.bind(1, view(id)).exec());
    }
    if (!d.balances.empty()) {
        TRY_STMT(st, "INSERT OR REPLACE INTO balances VALUES(?,?,?)");
        for (const auto &key : d.balances) {
            const auto nl = key.find('\n');
            const std::string account = key.substr(0, nl);
            const std::string resource = key.substr(nl + 1);
            LEDGER_TRY(st.bind(1, view(account))
                           .bind(2, view(resource))
                           .bind(3, s.balance(account, resource))
                           .exec());
        }
    }
    LEDGER_TRY(writeMovements(db, d.movements));
    LEDGER_TRY(writeUsages(db, d.usages));
    if (s.usageLookup)
        s.usageKeys.clear(); // now on disk: usageLookup answers for them
    LEDGER_TRY(writePosition(db, s));
    d.clear();
    s.trimCache(); // everything is written: a long-lived state forgets rows beyond its bound
    return {};
}

Result<void> loadState(sql::Database &db, State &s, LoadMode mode)
{
    auto metaText = [&](std::string_view key) -> Result<QByteArray> {
        TRY_STMT(st, "SELECT value FROM meta WHERE key = ?");
        sql::ResetGuard guard(st);
        st.bind(1, key);
        auto row = st.step();
        if (!row)
            return row.error();
        return row.value() ? st.blob(0) : QByteArray();
    };
    auto id = metaText("alliance_id");
    if (!id)
        return id.error();
    s.allianceId = id->toStdString();
    s.allianceName = metaText("alliance_name")->toStdString();
    s.origin = metaText("origin")->toStdString();
    s.rootKey = *metaText("root_key");
    s.checkpointKey = *metaText("checkpoint_key");
    s.registryUrl = metaText("registry_url")->toStdString();
    s.size = metaText("projection_size")->toLongLong();
    s.lastAt = metaText("projection_last_at")->toLongLong();

    auto scan
        = [&](const char *sqlText, const std::function<void(const sql::Statement &)> &fn) -> Result<void> {
        auto stmt = db.prepare(sqlText);
        if (!stmt)
            return stmt.error();
        return stmt->eachRow(fn);
    };

    LEDGER_TRY(
        scan("SELECT id, name, opens_at, closes_at, rubric, approval_threshold, approvals_required FROM "
             "programmes",
            [&](const sql::Statement &st) {
                Programme p;
                p.id = text(st, 0);
                p.name = text(st, 1);
                p.opensAt = st.int64(2);
                p.closesAt = st.int64(3);
                const json::Value rubric = parseStored(st.textView(4));
                if (rubric.isArray()) {
                    for (const auto &c : rubric.toArray())
                        p.rubric.push_back(Criterion { strField(c, "id"), intField(c, "max") });
                }
                p.approvalThreshold = st.int64(5);
                p.approvalsRequired = st.int64(6);
                s.programmes[p.id] = std::move(p);
            }));
    LEDGER_TRY(scan("SELECT id, name, kind FROM sponsors", [&](const sql::Statement &st) {
        Sponsor sp { text(st, 0), text(st, 1), text(st, 2) };
        s.sponsors[sp.id] = std::move(sp);
    }));
    LEDGER_TRY(scan("SELECT id, sponsor, programme, resource, pledged, valid_until, closed FROM pools",
        [&](const sql::Statement &st) {
            Pool p { text(st, 0), text(st, 1), text(st, 2), text(st, 3), st.int64(4), st.int64(5),
                st.int64(6) != 0 };
            s.pools[p.id] = std::move(p);
        }));
    // Each programme's criteria in rubric order, for the reviews of applications read now or later.
    auto rubrics = std::make_shared<RubricOrder>();
    for (const auto &[id, p] : s.programmes) {
        auto &order = (*rubrics)[id];
        for (const Criterion &c : p.rubric)
            order.push_back(c.id);
    }
    auto failure = std::make_shared<std::optional<Error>>();
    s.sourceError = failure;
    sql::Database *dbp = &db;
    s.members.setSource(fetchOne<Member>(dbp, failure, kMemberById, readMember),
        fetchAll<Member>(dbp, failure, kMemberAll, readMember, [](const Member &m) { return m.keyId; }));
    s.startups.setSource(fetchOne<Startup>(dbp, failure, kStartupById, readStartup),
        fetchAll<Startup>(dbp, failure, kStartupAll, readStartup, [](const Startup &x) { return x.id; }));
    s.startupByBrn.setSource(fetchOne<std::string>(dbp, failure, kStartupIdByBrn, readFirst),
        fetchAll<std::string>(
            dbp, failure, kStartupBrns, readSecond, [](const std::string &) { return std::string(); },
            readFirst));
    auto readApp = [rubrics](const sql::Statement &st) { return readApplication(st, *rubrics); };
    s.applications.setSource(fetchOne<Application>(dbp, failure, kApplicationById, readApp),
        fetchAll<Application>(
            dbp, failure, kApplicationAll, readApp, [](const Application &a) { return a.id; }));
    s.grants.setSource(fetchOne<Grant>(dbp, failure, kGrantById, readGrant),
        fetchAll<Grant>(dbp, failure, kGrantAll, readGrant, [](const Grant &g) { return g.id; }));
    s.balances.setSource(
        [dbp, failure](const std::pair<std::string, std::string> &key, int64_t &out) {
            auto stmt = dbp->cached(kBalanceByKey);
            if (!stmt) {
                noteFailure(*failure, stmt.error());
                return false;
            }
            sql::Statement &st = *stmt.value();
            sql::ResetGuard guard(st);
            st.bind(1, std::string_view(key.first)).bind(2, std::string_view(key.second));
            auto row = st.step();
            if (!row) {
                noteFailure(*failure, row.error());
                return false;
            }
            if (!row.value())
                return false;
            out = st.int64(0);
            return true;
        },
        [dbp, failure](const std::function<void(std::pair<std::string, std::string>, int64_t)> &add) {
            auto stmt = dbp->prepare(kBalanceAll);
            if (!stmt) {
                noteFailure(*failure, stmt.error());
                return;
            }
            (void)eachRow(*failure, stmt.value(), [&](const sql::Statement &st) {
                add({ std::string(st.textView(0)), std::string(st.textView(1)) }, st.int64(2));
            });
        });
    if (mode == LoadMode::Everything) {
        s.members.fetchAllAndDetach();
        s.startups.fetchAllAndDetach();
        s.startupByBrn.fetchAllAndDetach();
        s.applications.fetchAllAndDetach();
        s.grants.fetchAllAndDetach();
        s.balances.fetchAllAndDetach();
        s.sourceError.reset();
        if (*failure)
            return **failure;
    }
    LEDGER_TRY(scan("SELECT target, type, author, body, approvers, required, created_at FROM pending",
        [&](const sql::Statement &st) {
            PendingAction p;
            p.target = text(st, 0);
            p.type = text(st, 1);
            p.author = text(st, 2);
            p.body = st.blob(3);
            p.approvers = readStringList(st.textView(4));
            p.required = st.int64(5);
            p.createdAt = st.int64(6);
            s.pending[p.target] = std::move(p);
        }));

    s.usageLookup = [dbp, failure](const std::string &key) {
        auto stmt = dbp->cached("SELECT 1 FROM usages WHERE key = ?");
        if (!stmt) {
            noteFailure(*failure, stmt.error());
            return false;
        }
        sql::Statement &st = *stmt.value();
        sql::ResetGuard guard(st);
        st.bind(1, std::string_view(key));
        auto row = st.step();
        if (!row)
            noteFailure(*failure, row.error());
        return row && row.value();
    };
    if (mode == LoadMode::OnDemand) {
        s.sourceError = failure; // also for the usage look-ups
        s.cacheLimit = State::kDefaultCacheRows;
    }
    s.dirty.clear();
    return {};
}

} // namespace ledger::store
