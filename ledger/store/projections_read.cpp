// Reading the projections back: the whole tables (loadState, LoadMode::Everything) or one row when a State
// loaded on demand looks it up (the LazyMap sources below).

#include "ledger/store/projections.h"
#include "ledger/store/projectionsupport.h"

#include <memory>
#include <optional>

namespace ledger::store {

using namespace projection;

namespace {

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
constexpr const char *kUsageByKey = "SELECT 1 FROM usages WHERE key = ?";
#undef MEMBER_COLUMNS
#undef STARTUP_COLUMNS
#undef APPLICATION_COLUMNS
#undef GRANT_COLUMNS

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
    const auto rubric = rubrics.find(a.programme);
    a.reviews = readReviews(st.textView(8), rubric == rubrics.end() ? nullptr : &rubric->second);
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
    g.tranches = readTranches(st.textView(6));
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

Programme readProgramme(const sql::Statement &st)
{
    Programme p;
    p.id = text(st, 0);
    p.name = text(st, 1);
    p.opensAt = st.int64(2);
    p.closesAt = st.int64(3);
    p.rubric = readRubric(st.textView(4));
    p.approvalThreshold = st.int64(5);
    p.approvalsRequired = st.int64(6);
    return p;
}

PendingAction readPending(const sql::Statement &st)
{
    PendingAction p;
    p.target = text(st, 0);
    p.type = text(st, 1);
    p.author = text(st, 2);
    p.body = st.blob(3);
    p.approvers = readStringList(st.textView(4));
    p.required = st.int64(5);
    p.createdAt = st.int64(6);
    return p;
}

// The first read error of a State's source is kept; the sequencer fails the batch that met it.
using Failure = std::shared_ptr<std::optional<Error>>;

void noteFailure(std::optional<Error> &failure, const Error &e)
{
    if (!failure)
        failure = e;
}

void bindKey(sql::Statement &st, const std::string &key)
{
    st.bind(1, std::string_view(key));
}

void bindKey(sql::Statement &st, const std::pair<std::string, std::string> &key)
{
    st.bind(1, std::string_view(key.first)).bind(2, std::string_view(key.second));
}

// A LazyMap source's FetchOne: the row whose parameters are `key`, read by `read`.
template<typename Key, typename T, typename Read>
std::function<bool(const Key &, T &)> fetchOne(
    sql::Database *db, Failure failure, const char *sqlText, Read read)
{
    return [=](const Key &key, T &out) {
        auto stmt = db->cached(sqlText);
        if (!stmt) {
            noteFailure(*failure, stmt.error());
            return false;
        }
        sql::Statement &st = *stmt.value();
        sql::ResetGuard guard(st);
        bindKey(st, key);
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

// A LazyMap source's FetchAll: every row of `sqlText`, read by `read` and keyed by keyOf(statement, row).
template<typename Key, typename T, typename Read, typename KeyOf>
std::function<void(const std::function<void(Key, T)> &)> fetchAll(
    sql::Database *db, Failure failure, const char *sqlText, Read read, KeyOf keyOf)
{
    return [=](const std::function<void(Key, T)> &add) {
        auto stmt = db->prepare(sqlText);
        if (!stmt) {
            noteFailure(*failure, stmt.error());
            return;
        }
        auto done = stmt->eachRow([&](const sql::Statement &st) {
            T row = read(st);
            Key key = keyOf(st, row);
            add(std::move(key), std::move(row));
        });
        if (!done)
            noteFailure(*failure, done.error());
    };
}

Result<QByteArray> metaValue(sql::Database &db, std::string_view key)
{
    TRY_STMT(st, "SELECT value FROM meta WHERE key = ?");
    sql::ResetGuard guard(st);
    st.bind(1, key);
    auto row = st.step();
    if (!row)
        return row.error();
    return row.value() ? st.blob(0) : QByteArray();
}

// Every row of `sqlText`, read by `read`, into `map` by its field `key`: the tables a State keeps whole.
template<typename Map, typename Read, typename Row = typename Map::mapped_type>
Result<void> loadTable(sql::Database &db, const char *sqlText, Map &map, Read read, std::string Row::*key)
{
    auto stmt = db.prepare(sqlText);
    if (!stmt)
        return stmt.error();
    return stmt->eachRow([&](const sql::Statement &st) {
        Row row = read(st);
        map[row.*key] = std::move(row);
    });
}

} // namespace

Result<void> loadState(sql::Database &db, State &s, LoadMode mode)
{
    auto id = metaValue(db, "alliance_id");
    if (!id)
        return id.error();
    s.allianceId = id->toStdString();
    s.allianceName = metaValue(db, "alliance_name")->toStdString();
    s.origin = metaValue(db, "origin")->toStdString();
    s.rootKey = *metaValue(db, "root_key");
    s.checkpointKey = *metaValue(db, "checkpoint_key");
    s.registryUrl = metaValue(db, "registry_url")->toStdString();
    s.size = metaValue(db, "projection_size")->toLongLong();
    s.lastAt = metaValue(db, "projection_last_at")->toLongLong();

    LEDGER_TRY(loadTable(db,
        "SELECT id, name, opens_at, closes_at, rubric, approval_threshold, approvals_required FROM "
        "programmes",
        s.programmes, readProgramme, &Programme::id));
    LEDGER_TRY(loadTable(
        db, "SELECT id, name, kind FROM sponsors", s.sponsors,
        [](const sql::Statement &st) {
            return Sponsor { text(st, 0), text(st, 1), text(st, 2) };
        },
        &Sponsor::id));
    LEDGER_TRY(loadTable(
        db, "SELECT id, sponsor, programme, resource, pledged, valid_until, closed FROM pools", s.pools,
        [](const sql::Statement &st) {
            return Pool { text(st, 0), text(st, 1), text(st, 2), text(st, 3), st.int64(4), st.int64(5),
                st.int64(6) != 0 };
        },
        &Pool::id));
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
    using std::string;
    s.members.setSource(fetchOne<string, Member>(dbp, failure, kMemberById, readMember),
        fetchAll<string, Member>(dbp, failure, kMemberAll, readMember,
            [](const sql::Statement &, const Member &m) { return m.keyId; }));
    s.startups.setSource(fetchOne<string, Startup>(dbp, failure, kStartupById, readStartup),
        fetchAll<string, Startup>(dbp, failure, kStartupAll, readStartup,
            [](const sql::Statement &, const Startup &x) { return x.id; }));
    s.startupByBrn.setSource(fetchOne<string, string>(dbp, failure, kStartupIdByBrn, readFirst),
        fetchAll<string, string>(dbp, failure, kStartupBrns, readSecond,
            [](const sql::Statement &st, const string &) { return readFirst(st); }));
    auto readApp = [rubrics](const sql::Statement &st) { return readApplication(st, *rubrics); };
    s.applications.setSource(fetchOne<string, Application>(dbp, failure, kApplicationById, readApp),
        fetchAll<string, Application>(dbp, failure, kApplicationAll, readApp,
            [](const sql::Statement &, const Application &a) { return a.id; }));
    s.grants.setSource(fetchOne<string, Grant>(dbp, failure, kGrantById, readGrant),
        fetchAll<string, Grant>(
            dbp, failure, kGrantAll, readGrant, [](const sql::Statement &, const Grant &g) { return g.id; }));
    using BalanceKey = std::pair<string, string>;
    auto readAmount = [](const sql::Statement &st) { return st.int64(0); };
    s.balances.setSource(fetchOne<BalanceKey, int64_t>(dbp, failure, kBalanceByKey, readAmount),
        fetchAll<BalanceKey, int64_t>(
            dbp, failure, kBalanceAll, [](const sql::Statement &st) { return st.int64(2); },
            [](const sql::Statement &st, int64_t) {
                return BalanceKey { text(st, 0), text(st, 1) };
            }));
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
    LEDGER_TRY(
        loadTable(db, "SELECT target, type, author, body, approvers, required, created_at FROM pending",
            s.pending, readPending, &PendingAction::target));

    auto usageExists
        = fetchOne<string, bool>(dbp, failure, kUsageByKey, [](const sql::Statement &) { return true; });
    s.usageLookup = [usageExists](const std::string &key) {
        bool found = false;
        return usageExists(key, found);
    };
    if (mode == LoadMode::OnDemand) {
        s.sourceError = failure; // also for the usage look-ups
        s.cacheLimit = State::kDefaultCacheRows;
    }
    s.dirty.clear();
    return {};
}

} // namespace ledger::store
