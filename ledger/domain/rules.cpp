#include "ledger/domain/rules.h"

#include "ledger/domain/bodyreader.h"
#include "ledger/domain/brn.h"
#include "ledger/domain/units.h"
#include "ledger/log/checkpoint.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace ledger {

namespace {

constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString gpuHours(int64_t milli)
{
    return units::formatAmount(milli);
}

Error reject(const char *code, QString message)
{
    return makeError(code, std::move(message));
}

struct Ctx
{
    State &s;
    const Entry &e;
    const EntryContext &ec;
    BodyReader r;
    const Member *author = nullptr;
    bool approved = false; // running a deferred entry whose approvals are complete
    int64_t at() const { return ec.at; }
};

using Handler = Result<Outcome> (*)(Ctx &);

// ---- helpers shared by the handlers -------------------------------------------------------------------

Result<void> requireRole(Ctx &c, std::initializer_list<Role> roles)
{
    if (c.approved)
        return {}; // the proposer was authorised when the entry was first sequenced
    for (Role r : roles) {
        if (c.author->role == r)
            return {};
    }
    return reject("not_authorised",
        QStringLiteral("A member with the role %1 may not record %2.")
            .arg(QLatin1String(roleName(c.author->role).data()), q(c.e.type)));
}

bool isBoundTo(const Ctx &c, Role role, const std::string &object)
{
    if (c.approved)
        return true;
    if (c.author->role != role)
        return false;
    return role == Role::Startup ? c.author->startup == object : c.author->sponsor == object;
}

bool checkedAdd(int64_t a, int64_t b, int64_t &out)
{
    return !__builtin_add_overflow(a, b, &out);
}

// A scratch string per thread for keys that are only looked up: after the first few entries, building one
// allocates nothing (a usage record, the bulk of a large log, then allocates only what it stores).
std::string &scratchKey(std::string_view a, std::string_view b)
{
    thread_local std::string key;
    key.assign(a).append(1, '\n').append(b);
    return key;
}

void markBalance(State &s, std::string_view account, std::string_view resource)
{
    if (!s.trackDirty || !s.trackDirtyRows)
        return;
    const std::string &key = scratchKey(account, resource);
    if (!s.dirty.balances.count(key))
        s.dirty.balances.insert(key);
}

int64_t &balanceOf(State &s, std::string_view account, std::string_view resource)
{
    auto it = s.balances.find(std::pair(account, resource));
    if (it == s.balances.end())
        it = s.balances.emplace(std::pair(std::string(account), std::string(resource)), 0).first;
    return it->second;
}

// Moves credit between two accounts; the caller has checked every bound.
void transfer(Ctx &c, std::string_view from, std::string_view to, const std::string &resource, int64_t amount,
    const std::string &grant = {})
{
    balanceOf(c.s, from, resource) -= amount;
    balanceOf(c.s, to, resource) += amount;
    markBalance(c.s, from, resource);
    markBalance(c.s, to, resource);
    if (c.s.trackDirty)
        c.s.dirty.movements.push_back(
            Movement { c.ec.seq, c.ec.at, std::string(from), std::string(to), resource, amount, grant });
}

template<typename Map>
Result<typename Map::mapped_type *> lookup(Map &map, const std::string &id, const char *what)
{
    auto it = map.find(id);
    if (it == map.end())
        return reject(
            "unknown_object", QStringLiteral("There is no %1 \"%2\".").arg(QLatin1String(what), q(id)));
    return &it->second;
}

bool needsApproval(const Programme &p, int64_t amount)
{
    return p.approvalsRequired > 1 && amount > p.approvalThreshold;
}

Outcome defer(Ctx &c, const Programme &p)
{
    PendingAction a;
    a.target = c.ec.entryId;
    a.type = c.e.type;
    a.author = c.e.author;
    a.body = json::canonical(c.e.body);
    a.approvers.push_back(c.e.author);
    a.required = p.approvalsRequired;
    a.createdAt = c.at();
    c.s.pending[a.target] = std::move(a);
    if (c.s.trackDirty)
        c.s.dirty.pending.insert(c.ec.entryId);
    return Outcome::PendingApproval;
}

#define READ_OK()                                                                                            \
    do {                                                                                                     \
        if (!c.r.ok())                                                                                       \
            return c.r.error();                                                                              \
    } while (0)

#define CHECK(expr)                                                                                          \
    do {                                                                                                     \
        auto _res = (expr);                                                                                  \
        if (!_res)                                                                                           \
            return _res.error();                                                                             \
    } while (0)

// ---- identity -----------------------------------------------------------------------------------------

Result<QByteArray> readKey(Ctx &c, const char *field)
{
    const std::string b64 = c.r.text(field, 64);
    if (!c.r.ok())
        return c.r.error();
    const QByteArray raw
        = QByteArray::fromBase64(QByteArray::fromStdString(b64), QByteArray::AbortOnBase64DecodingErrors);
    auto key = crypto::PublicKey::fromRaw(raw);
    if (raw.size() != 32 || !key)
        return reject("invalid_body",
            QStringLiteral("\"%1\" must be a base64 Ed25519 public key of 32 bytes.")
                .arg(QLatin1String(field)));
    return raw;
}

Result<Outcome> genesis(Ctx &c)
{
    if (c.ec.seq != 0 || !c.s.allianceId.empty())
        return reject("already_exists", QStringLiteral("The alliance already has its genesis entry."));
    c.r.only({ "alliance", "name", "origin", "root_key", "checkpoint_key" });
    const std::string alliance = c.r.id("alliance");
    const std::string name = c.r.text("name");
    const std::string origin = c.r.text("origin", 200);
    READ_OK();
    auto root = readKey(c, "root_key");
    CHECK(root);
    QByteArray checkpointKey = root.value();
    if (c.e.body.find("checkpoint_key")) {
        auto ck = readKey(c, "checkpoint_key");
        CHECK(ck);
        checkpointKey = ck.value();
    }
    if (root.value() != c.ec.authorKey)
        return reject(
            "not_authorised", QStringLiteral("The genesis entry must be signed by the alliance root key."));
    // The origin names the log's checkpoints, so it must be a valid signed-note key name.
    if (!note::isValidKeyName(QString::fromStdString(origin)))
        return reject("invalid_body",
            QStringLiteral("The origin must be one word without spaces, '+' or control "
                           "characters, like \"alliance.example/k-ai\"."));
    c.s.allianceId = alliance;
    c.s.allianceName = name;
    c.s.origin = origin;
    c.s.rootKey = root.value();
    c.s.checkpointKey = checkpointKey;
    Member m;
    m.keyId = c.e.author;
    m.publicKey = root.value();
    m.name = "root";
    m.role = Role::Admin;
    m.enrolledAt = c.at();
    c.s.members[m.keyId] = m;
    if (c.s.trackDirty) {
        c.s.dirty.members.insert(m.keyId);
        c.s.dirty.meta = true;
    }
    return Outcome::Applied;
}

Result<Outcome> memberEnrolled(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "key", "name", "role", "startup", "sponsor" });
    const std::string name = c.r.text("name");
    const std::string roleText
        = c.r.oneOf("role", { "admin", "programme_manager", "reviewer", "startup", "sponsor", "auditor" });
    const std::string startup = c.r.optionalId("startup");
    const std::string sponsor = c.r.optionalId("sponsor");
    READ_OK();
    auto key = readKey(c, "key");
    CHECK(key);
    const Role role = *roleFromName(roleText);
    const QString keyId = crypto::PublicKey::fromRaw(key.value())->keyId();
    if (c.s.members.count(keyId.toStdString()))
        return reject("already_exists", QStringLiteral("The key %1 is already enrolled.").arg(keyId));
    if (role == Role::Startup) {
        if (startup.empty() || !sponsor.empty())
            return reject(
                "invalid_body", QStringLiteral("A startup member names its startup, and only that."));
        CHECK(lookup(c.s.startups, startup, "startup"));
    } else if (role == Role::Sponsor) {
        if (sponsor.empty() || !startup.empty())
            return reject(
                "invalid_body", QStringLiteral("A sponsor member names its sponsor, and only that."));
        CHECK(lookup(c.s.sponsors, sponsor, "sponsor"));
    } else if (!startup.empty() || !sponsor.empty()) {
        return reject(
            "invalid_body", QStringLiteral("Only startup and sponsor members are bound to an organisation."));
    }
    Member m;
    m.keyId = keyId.toStdString();
    m.publicKey = key.value();
    m.name = name;
    m.role = role;
    m.startup = startup;
    m.sponsor = sponsor;
    m.enrolledAt = c.at();
    c.s.members[m.keyId] = m;
    if (c.s.trackDirty)
        c.s.dirty.members.insert(m.keyId);
    return Outcome::Applied;
}

Result<Outcome> memberRevoked(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "key_id", "reason" });
    const std::string keyId = c.r.text("key_id", 32);
    c.r.text("reason", 500);
    READ_OK();
    auto m = lookup(c.s.members, keyId, "member with key id");
    CHECK(m);
    if (m.value()->revoked)
        return reject(
            "invalid_transition", QStringLiteral("The member %1 is already revoked.").arg(q(keyId)));
    if (m.value()->role == Role::Admin) {
        const auto admins = std::count_if(c.s.members.begin(), c.s.members.end(),
            [](const auto &kv) { return kv.second.role == Role::Admin && !kv.second.revoked; });
        if (admins <= 1)
            return reject("last_admin", QStringLiteral("The last active admin cannot be revoked."));
    }
    m.value()->revoked = true;
    if (c.s.trackDirty)
        c.s.dirty.members.insert(keyId);
    return Outcome::Applied;
}

Result<Outcome> registryAppointed(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "checkpoint_key", "url" });
    const std::string url = c.r.text("url", 500);
    READ_OK();
    auto key = readKey(c, "checkpoint_key");
    CHECK(key);
    if (url.rfind("https://", 0) != 0)
        return reject("invalid_body", QStringLiteral("The registry URL must start with https://."));
    c.s.checkpointKey = key.value();
    c.s.registryUrl = url;
    if (c.s.trackDirty)
        c.s.dirty.meta = true;
    return Outcome::Applied;
}

// ---- programmes, sponsors, pools ---------------------------------------------------------------------

Result<Outcome> programmeCreated(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "programme", "name", "opens_at", "closes_at", "rubric", "approval_threshold",
        "approvals_required" });
    Programme p;
    p.id = c.r.id("programme");
    p.name = c.r.text("name");
    p.opensAt = c.r.time("opens_at");
    p.closesAt = c.r.time("closes_at");
    p.approvalThreshold = c.r.integer("approval_threshold", 0, json::kMaxSafeInteger);
    p.approvalsRequired = c.r.integer("approvals_required", 1, 10);
    const json::Array *rubric = c.r.array("rubric", 20);
    READ_OK();
    if (c.s.programmes.count(p.id))
        return reject("already_exists", QStringLiteral("The programme \"%1\" already exists.").arg(q(p.id)));
    if (p.opensAt >= p.closesAt)
        return reject("invalid_body", QStringLiteral("A call must open before it closes."));
    if (rubric->empty())
        return reject("invalid_body", QStringLiteral("The rubric needs at least one criterion."));
    for (const json::Value &item : *rubric) {
        BodyReader cr(item);
        Criterion crit;
        crit.id = item.isObject() ? cr.id("id") : std::string();
        crit.max = item.isObject() ? cr.integer("max", 1, 100) : 0;
        cr.only({ "id", "max" });
        if (!item.isObject() || !cr.ok())
            return reject(
                "invalid_body", QStringLiteral("Each rubric criterion is {\"id\", \"max\" 1..100}."));
        if (std::any_of(
                p.rubric.begin(), p.rubric.end(), [&](const Criterion &x) { return x.id == crit.id; }))
            return reject("invalid_body", QStringLiteral("The rubric names \"%1\" twice.").arg(q(crit.id)));
        p.rubric.push_back(crit);
    }
    const std::string id = p.id;
    c.s.programmes[id] = std::move(p);
    if (c.s.trackDirty)
        c.s.dirty.programmes.insert(id);
    return Outcome::Applied;
}

Result<Outcome> sponsorRegistered(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "sponsor", "name", "kind" });
    Sponsor sp;
    sp.id = c.r.id("sponsor");
    sp.name = c.r.text("name");
    sp.kind = c.r.oneOf("kind", { "government", "vc", "cloud", "corporate" });
    READ_OK();
    if (c.s.sponsors.count(sp.id))
        return reject("already_exists", QStringLiteral("The sponsor \"%1\" already exists.").arg(q(sp.id)));
    const std::string id = sp.id;
    c.s.sponsors[id] = std::move(sp);
    if (c.s.trackDirty)
        c.s.dirty.sponsors.insert(id);
    return Outcome::Applied;
}

Result<Outcome> poolPledged(Ctx &c)
{
    c.r.only({ "pool", "sponsor", "programme", "resource", "amount", "valid_until" });
    const std::string poolId = c.r.id("pool");
    const std::string sponsorId = c.r.id("sponsor");
    const std::string programmeId = c.r.id("programme");
    const std::string resource = c.r.resource("resource");
    const int64_t amount = c.r.amount("amount");
    const int64_t validUntil = c.r.time("valid_until");
    READ_OK();
    if (!isBoundTo(c, Role::Sponsor, sponsorId))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    CHECK(lookup(c.s.sponsors, sponsorId, "sponsor"));
    auto programme = lookup(c.s.programmes, programmeId, "programme");
    CHECK(programme);
    if (validUntil <= c.at())
        return reject("expired", QStringLiteral("A pool must be valid after the time it is pledged."));
    auto existing = c.s.pools.find(poolId);
    if (existing != c.s.pools.end()) {
        const Pool &p = existing->second;
        if (p.sponsor != sponsorId || p.programme != programmeId || p.resource != resource)
            return reject("pool_mismatch",
                QStringLiteral("The pool \"%1\" belongs to another sponsor, programme or "
                               "resource; a top-up must name the same ones.")
                    .arg(q(poolId)));
        if (p.closed)
            return reject("pool_closed", QStringLiteral("The pool \"%1\" is closed.").arg(q(poolId)));
        if (validUntil < p.validUntil)
            return reject("invalid_body",
                QStringLiteral("A top-up cannot shorten the validity of pool \"%1\" (valid "
                               "until %2).")
                    .arg(q(poolId), units::formatTime(p.validUntil)));
    }
    int64_t newPledged = 0;
    const int64_t before = existing == c.s.pools.end() ? 0 : existing->second.pledged;
    int64_t sponsorAfter = 0;
    if (!checkedAdd(before, amount, newPledged)
        || !checkedAdd(c.s.balance(sponsorAccount(sponsorId), resource), -amount, sponsorAfter))
        return reject("overflow", QStringLiteral("The pledge would overflow the pool's total."));
    if (!c.approved && needsApproval(*programme.value(), amount))
        return defer(c, *programme.value());

    Pool &p = c.s.pools[poolId];
    p.id = poolId;
    p.sponsor = sponsorId;
    p.programme = programmeId;
    p.resource = resource;
    p.pledged = newPledged;
    p.validUntil = std::max(p.validUntil, validUntil);
    transfer(c, sponsorAccount(sponsorId), poolAccount(poolId), resource, amount);
    if (c.s.trackDirty)
        c.s.dirty.pools.insert(poolId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

Result<Outcome> poolClosed(Ctx &c)
{
    c.r.only({ "pool", "reason" });
    const std::string poolId = c.r.id("pool");
    c.r.text("reason", 500);
    READ_OK();
    auto pool = lookup(c.s.pools, poolId, "pool");
    CHECK(pool);
    Pool &p = *pool.value();
    if (!isBoundTo(c, Role::Sponsor, p.sponsor))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    if (p.closed)
        return reject("pool_closed", QStringLiteral("The pool \"%1\" is already closed.").arg(q(poolId)));
    const int64_t remaining = c.s.balance(poolAccount(poolId), p.resource);
    const Programme &programme = c.s.programmes.at(p.programme);
    if (!c.approved && needsApproval(programme, remaining))
        return defer(c, programme);
    p.closed = true;
    if (remaining > 0)
        transfer(c, poolAccount(poolId), sponsorAccount(p.sponsor), p.resource, remaining);
    if (c.s.trackDirty)
        c.s.dirty.pools.insert(poolId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

// ---- startups and applications -------------------------------------------------------------------------

Result<Outcome> startupRegistered(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "startup", "name", "brn", "sector" });
    Startup st;
    st.id = c.r.id("startup");
    st.name = c.r.text("name");
    const std::string brnText = c.r.text("brn", 12);
    st.sector = c.r.oneOf("sector",
        { "automotive", "manufacturing", "telecom", "robotics", "semiconductors", "healthcare", "finance",
            "energy", "retail", "logistics", "media", "education", "agriculture", "security", "other" });
    READ_OK();
    const auto brn = normaliseBrn(brnText);
    if (!brn)
        return reject("invalid_brn",
            QStringLiteral("\"%1\" is not a valid Korean business registration number "
                           "(ten digits with a correct check digit).")
                .arg(q(brnText)));
    if (c.s.startups.count(st.id))
        return reject("already_exists", QStringLiteral("The startup \"%1\" already exists.").arg(q(st.id)));
    if (auto other = c.s.startupByBrn.find(*brn); other != c.s.startupByBrn.end())
        return reject("duplicate_brn",
            QStringLiteral("The business registration number %1 is already registered "
                           "to \"%2\".")
                .arg(q(formatBrn(*brn)), q(other->second)));
    st.brn = *brn;
    c.s.startupByBrn[st.brn] = st.id;
    const std::string id = st.id;
    c.s.startups[id] = std::move(st);
    if (c.s.trackDirty)
        c.s.dirty.startups.insert(id);
    return Outcome::Applied;
}

void markApplication(Ctx &c, const std::string &id)
{
    if (c.s.trackDirty)
        c.s.dirty.applications.insert(id);
}

Result<Outcome> applicationSubmitted(Ctx &c)
{
    c.r.only(
        { "application", "startup", "programme", "title", "resource", "amount", "summary", "attachments" });
    Application a;
    a.id = c.r.id("application");
    a.startup = c.r.id("startup");
    a.programme = c.r.id("programme");
    a.title = c.r.text("title");
    a.resource = c.r.resource("resource");
    a.requested = c.r.amount("amount");
    c.r.optionalText("summary", 4000);
    if (c.e.body.find("attachments")) {
        const json::Array *attachments = c.r.array("attachments", 20);
        if (attachments) {
            for (const json::Value &att : *attachments) {
                BodyReader ar(att);
                ar.only({ "name", "sha256" });
                const std::string name = att.isObject() ? ar.text("name") : std::string();
                const std::string sha = att.isObject() ? ar.text("sha256", 64) : std::string();
                const bool hex = sha.size() == 64 && std::all_of(sha.begin(), sha.end(), [](char ch) {
                    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
                });
                if (!att.isObject() || !ar.ok() || !hex)
                    c.r.fail(QStringLiteral(
                        "Each attachment is {\"name\", \"sha256\": 64 lowercase hex digits}."));
            }
        }
    }
    READ_OK();
    if (!isBoundTo(c, Role::Startup, a.startup))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    CHECK(lookup(c.s.startups, a.startup, "startup"));
    auto programme = lookup(c.s.programmes, a.programme, "programme");
    CHECK(programme);
    if (c.s.applications.count(a.id))
        return reject(
            "already_exists", QStringLiteral("The application \"%1\" already exists.").arg(q(a.id)));
    const Programme &p = *programme.value();
    if (c.at() < p.opensAt || c.at() > p.closesAt)
        return reject("call_closed",
            QStringLiteral("The call of programme \"%1\" is not open for applications.").arg(q(p.id)));
    a.submittedAt = c.at();
    a.stage = Stage::Submitted;
    const std::string id = a.id;
    c.s.applications[id] = std::move(a);
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationAssigned(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "application", "reviewers" });
    const std::string id = c.r.id("application");
    const json::Array *reviewers = c.r.array("reviewers", 10);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (a.stage != Stage::Submitted && a.stage != Stage::UnderReview)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2; reviewers can only be "
                           "assigned before a decision.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    if (reviewers->empty())
        return reject("invalid_body", QStringLiteral("Assign at least one reviewer."));
    std::vector<std::string> added;
    for (const json::Value &v : *reviewers) {
        if (!v.isString())
            return reject("invalid_body", QStringLiteral("Reviewers are listed by key id."));
        const std::string &keyId = v.toString();
        auto m = c.s.members.find(keyId);
        if (m == c.s.members.end() || m->second.role != Role::Reviewer || m->second.revoked)
            return reject("not_a_reviewer", QStringLiteral("%1 is not an active reviewer.").arg(q(keyId)));
        if (std::find(a.reviewers.begin(), a.reviewers.end(), keyId) != a.reviewers.end()
            || std::find(added.begin(), added.end(), keyId) != added.end())
            return reject(
                "already_assigned", QStringLiteral("%1 is already assigned to \"%2\".").arg(q(keyId), q(id)));
        added.push_back(keyId);
    }
    a.reviewers.insert(a.reviewers.end(), added.begin(), added.end());
    a.stage = Stage::UnderReview;
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationReviewed(Ctx &c)
{
    CHECK(requireRole(c, { Role::Reviewer }));
    c.r.only({ "application", "conflict", "scores", "comment" });
    const std::string id = c.r.id("application");
    const bool conflict = c.r.boolean("conflict");
    const std::string comment = c.r.optionalText("comment", 4000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (std::find(a.reviewers.begin(), a.reviewers.end(), c.e.author) == a.reviewers.end())
        return reject("not_assigned", QStringLiteral("You are not assigned to review \"%1\".").arg(q(id)));
    if (a.stage != Stage::UnderReview)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2 and no longer takes reviews.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    for (const Review &rv : a.reviews) {
        if (rv.reviewer != c.e.author)
            continue;
        if (rv.conflict)
            return reject("conflict_of_interest",
                QStringLiteral("You declared a conflict of interest on \"%1\" and "
                               "cannot score it.")
                    .arg(q(id)));
        return reject("already_reviewed", QStringLiteral("You have already reviewed \"%1\".").arg(q(id)));
    }
    Review review;
    review.reviewer = c.e.author;
    review.conflict = conflict;
    review.comment = comment;
    review.at = c.at();
    const json::Value *scores = c.e.body.find("scores");
    if (conflict) {
        if (scores && !(scores->isObject() && scores->toObject().empty()))
            return reject("conflict_of_interest",
                QStringLiteral("A reviewer who declares a conflict of interest "
                               "cannot score."));
    } else {
        if (!scores || !scores->isObject())
            return reject(
                "invalid_body", QStringLiteral("A review without a conflict scores every criterion."));
        const Programme &p = c.s.programmes.at(a.programme);
        if (scores->toObject().size() != p.rubric.size())
            return reject("invalid_body",
                QStringLiteral("Score each of the %1 rubric criteria exactly once.").arg(p.rubric.size()));
        for (const Criterion &crit : p.rubric) {
            const json::Value *score = scores->find(crit.id);
            if (!score || !score->isInt() || score->toInt() < 0 || score->toInt() > crit.max)
                return reject("invalid_body",
                    QStringLiteral("The score for \"%1\" must be a whole number from 0 to %2.")
                        .arg(q(crit.id))
                        .arg(crit.max));
            review.scores.emplace_back(crit.id, score->toInt());
        }
    }
    a.reviews.push_back(std::move(review));
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationDecided(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "application", "decision", "reason" });
    const std::string id = c.r.id("application");
    const std::string decision = c.r.oneOf("decision", { "approved", "rejected", "waitlisted" });
    const std::string reason = c.r.text("reason", 2000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (a.stage != Stage::UnderReview && a.stage != Stage::Waitlisted)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2; only applications under "
                           "review or waitlisted can be decided.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    const Stage next = decision == "approved" ? Stage::Approved
        : decision == "rejected"              ? Stage::Rejected
                                              : Stage::Waitlisted;
    if (next == a.stage)
        return reject(
            "invalid_transition", QStringLiteral("The application \"%1\" is already waitlisted.").arg(q(id)));
    if (next == Stage::Approved
        && std::none_of(a.reviews.begin(), a.reviews.end(), [](const Review &rv) { return !rv.conflict; }))
        return reject(
            "no_reviews", QStringLiteral("The application \"%1\" has no scored review yet.").arg(q(id)));
    a.stage = next;
    a.decisionReason = reason;
    a.decidedAt = c.at();
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationWithdrawn(Ctx &c)
{
    c.r.only({ "application", "reason" });
    const std::string id = c.r.id("application");
    const std::string reason = c.r.text("reason", 2000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (!isBoundTo(c, Role::Startup, a.startup))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    const bool open = a.stage == Stage::Submitted || a.stage == Stage::UnderReview
        || a.stage == Stage::Waitlisted || (a.stage == Stage::Approved && a.grant.empty());
    if (!open)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2 and cannot be withdrawn.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    a.stage = Stage::Withdrawn;
    a.decisionReason = reason;
    a.decidedAt = c.at();
    markApplication(c, id);
    return Outcome::Applied;
}

// ---- grants and credits -------------------------------------------------------------------------------

void markGrant(Ctx &c, const std::string &id)
{
    if (c.s.trackDirty && c.s.trackDirtyRows)
        c.s.dirty.grants.insert(id);
}

Result<Outcome> grantCreated(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "application", "pool", "tranches", "expires_at" });
    const std::string grantId = c.r.id("grant");
    const std::string appId = c.r.id("application");
    const std::string poolId = c.r.id("pool");
    const int64_t expiresAt = c.r.time("expires_at");
    const json::Array *trancheList = c.r.array("tranches", 24);
    READ_OK();
    auto app = lookup(c.s.applications, appId, "application");
    CHECK(app);
    auto pool = lookup(c.s.pools, poolId, "pool");
    CHECK(pool);
    Application &a = *app.value();
    Pool &p = *pool.value();

    auto existing = c.s.grants.find(grantId);
    const bool activating = c.approved && existing != c.s.grants.end()
        && existing->second.status == GrantStatus::PendingApproval && a.grant == grantId;
    if (existing != c.s.grants.end() && !activating)
        return reject("already_exists", QStringLiteral("The grant \"%1\" already exists.").arg(q(grantId)));
    if (a.stage != Stage::Approved)
        return reject("not_approved",
            QStringLiteral("The application \"%1\" is %2; grants are made only from "
                           "approved applications.")
                .arg(q(appId), QLatin1String(stageName(a.stage).data())));
    if (!a.grant.empty() && !activating)
        return reject("already_granted",
            QStringLiteral("The application \"%1\" already has the grant \"%2\".").arg(q(appId), q(a.grant)));
    if (p.closed)
        return reject("pool_closed", QStringLiteral("The pool \"%1\" is closed.").arg(q(poolId)));
    if (p.programme != a.programme)
        return reject(
            "pool_mismatch", QStringLiteral("The pool \"%1\" funds another programme.").arg(q(poolId)));
    if (p.resource != a.resource)
        return reject("resource_mismatch",
            QStringLiteral("The pool holds %1 but the application asks for %2.")
                .arg(q(p.resource), q(a.resource)));
    if (expiresAt <= c.at())
        return reject("expired", QStringLiteral("The grant would expire before it starts."));
    if (expiresAt > p.validUntil)
        return reject("beyond_pool_validity",
            QStringLiteral("The grant would outlive its pool, valid until %1.")
                .arg(units::formatTime(p.validUntil)));
    if (trancheList->empty())
        return reject("invalid_body", QStringLiteral("A grant has at least one tranche."));
    std::vector<Tranche> tranches;
    int64_t total = 0;
    int64_t previousRelease = 0;
    for (const json::Value &item : *trancheList) {
        BodyReader tr(item);
        Tranche t;
        if (item.isObject()) {
            tr.only({ "amount", "release_at" });
            t.amount = tr.amount("amount");
            t.releaseAt = tr.time("release_at");
        }
        if (!item.isObject() || !tr.ok())
            return reject(
                "invalid_body", QStringLiteral("Each tranche is {\"amount\" > 0, \"release_at\"}."));
        if (t.releaseAt < previousRelease)
            return reject("invalid_body", QStringLiteral("Tranches are listed in order of release."));
        if (t.releaseAt >= expiresAt)
            return reject(
                "invalid_body", QStringLiteral("Every tranche must be released before the grant expires."));
        if (!checkedAdd(total, t.amount, total))
            return reject("overflow", QStringLiteral("The tranches add up to more than can be counted."));
        previousRelease = t.releaseAt;
        tranches.push_back(t);
    }
    const int64_t poolBalance = c.s.balance(poolAccount(poolId), p.resource);
    if (total > poolBalance)
        return reject("insufficient_balance",
            QStringLiteral("The pool \"%1\" has %2 GPU-hours left; the grant needs %3.")
                .arg(q(poolId), gpuHours(poolBalance), gpuHours(total)));
    const Programme &programme = c.s.programmes.at(a.programme);
    Grant &g = c.s.grants[grantId];
    g.id = grantId;
    g.application = appId;
    g.startup = a.startup;
    g.pool = poolId;
    g.resource = p.resource;
    g.amount = total;
    g.tranches = std::move(tranches);
    g.expiresAt = expiresAt;
    a.grant = grantId;
    markApplication(c, appId);
    markGrant(c, grantId);
    if (!c.approved && needsApproval(programme, total)) {
        g.createdAt = c.at();
        g.status = GrantStatus::PendingApproval;
        return defer(c, programme);
    }
    if (!activating)
        g.createdAt = c.at();
    g.status = GrantStatus::Active;
    g.unreleased = 0;
    g.available = 0;
    for (Tranche &t : g.tranches) {
        t.released = t.releaseAt <= c.at();
        (t.released ? g.available : g.unreleased) += t.amount;
    }
    transfer(c, poolAccount(poolId), grantAccount(grantId), p.resource, total, grantId);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

Result<Grant *> activeGrant(Ctx &c, const std::string &id)
{
    auto grant = lookup(c.s.grants, id, "grant");
    if (!grant)
        return grant.error();
    Grant *g = grant.value();
    switch (g->status) {
    case GrantStatus::Active:
        return g;
    case GrantStatus::PendingApproval:
        return reject("pending_approval",
            QStringLiteral("The grant \"%1\" is still waiting for approvals.").arg(q(id)));
    case GrantStatus::Expired:
        return reject("expired", QStringLiteral("The credits of grant \"%1\" have expired.").arg(q(id)));
    case GrantStatus::ClawedBack:
        return reject("clawed_back", QStringLiteral("The grant \"%1\" has been clawed back.").arg(q(id)));
    case GrantStatus::Cancelled:
        return reject(
            "cancelled", QStringLiteral("The grant \"%1\" was cancelled before it was approved.").arg(q(id)));
    }
    return reject("invalid_transition", QStringLiteral("The grant \"%1\" is not active.").arg(q(id)));
}

Result<Outcome> trancheReleased(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "tranche" });
    const std::string id = c.r.id("grant");
    const int64_t index = c.r.integer("tranche", 0, 23);
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (index >= int64_t(g.tranches.size()))
        return reject("unknown_object",
            QStringLiteral("The grant \"%1\" has %2 tranches.").arg(q(id)).arg(g.tranches.size()));
    Tranche &t = g.tranches[size_t(index)];
    if (t.released)
        return reject("already_released",
            QStringLiteral("Tranche %1 of \"%2\" is already released.").arg(index).arg(q(id)));
    if (c.at() < t.releaseAt)
        return reject("not_yet",
            QStringLiteral("Tranche %1 of \"%2\" cannot be released before its release date.")
                .arg(index)
                .arg(q(id)));
    if (c.at() >= g.expiresAt)
        return reject("expired", QStringLiteral("The grant \"%1\" has passed its expiry.").arg(q(id)));
    const int64_t amount = t.amount; // a partial clawback has already taken its share off the tranche
    t.released = true;
    g.unreleased -= amount;
    g.available += amount;
    markGrant(c, id);
    return Outcome::Applied;
}

// The checks and effects of a usage record, on fields already read (by usageRecorded or by a replay's
// readUsageRecord).
Result<Outcome> recordUsage(Ctx &c, const UsageFields &b)
{
    thread_local std::string id; // the grant id as the maps take it, without an allocation per record
    id.assign(b.grant);
    const int64_t amount = b.amount;
    const int64_t start = b.periodStart;
    const int64_t end = b.periodEnd;
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (start > end)
        return reject("invalid_body", QStringLiteral("The usage period ends before it starts."));
    if (end > c.at())
        return reject("not_yet", QStringLiteral("Usage cannot be recorded for a period that has not ended."));
    if (end < g.createdAt)
        return reject("invalid_body",
            QStringLiteral("The usage period ends before the grant \"%1\" was made.").arg(q(id)));
    if (b.resource != g.resource)
        return reject("resource_mismatch",
            QStringLiteral("The grant \"%1\" holds %2 credits, not %3.")
                .arg(q(id), q(g.resource), q(std::string(b.resource))));
    if (end > g.expiresAt)
        return reject(
            "expired", QStringLiteral("Credits of \"%1\" cannot be used after they expire.").arg(q(id)));
    const std::string &usageKey = scratchKey(id, b.usage);
    const uint64_t usageHash = KeySet::hashOf(usageKey);
    if (c.s.usageSeen(usageKey, usageHash))
        return reject("duplicate_usage",
            QStringLiteral("The usage \"%1\" is already recorded for \"%2\".")
                .arg(q(std::string(b.usage)), q(id)));
    if (amount > g.available)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" has %2 GPU-hours released and unused; "
                           "the usage is %3.")
                .arg(q(id), gpuHours(g.available), gpuHours(amount)));
    g.available -= amount;
    g.consumed += amount;
    if (c.s.trackDirty)
        c.s.dirty.usages.push_back(usageKey);
    c.s.usageKeys.insert(usageKey, usageHash); // the scratch key is reused below
    g.lastUsageAt = std::max(g.lastUsageAt, end);
    transfer(c, grantAccount(id), kConsumedAccount, g.resource, amount, id);
    markGrant(c, id);
    return Outcome::Applied;
}

Result<Outcome> usageRecorded(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "usage", "resource", "amount", "period_start", "period_end" });
    const std::string id = c.r.id("grant");
    const std::string usage = c.r.text("usage", 128);
    const std::string resource = c.r.resource("resource");
    const int64_t amount = c.r.amount("amount");
    const int64_t start = c.r.time("period_start");
    const int64_t end = c.r.time("period_end");
    READ_OK();
    return recordUsage(c, UsageFields { id, usage, resource, amount, start, end });
}

Result<Outcome> creditsExpired(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant" });
    const std::string id = c.r.id("grant");
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    if (c.at() < g.expiresAt)
        return reject("not_yet",
            QStringLiteral("The credits of \"%1\" do not expire before %2.")
                .arg(q(id), units::formatTime(g.expiresAt)));
    const int64_t remaining = g.balance();
    g.expired += remaining;
    g.unreleased = 0;
    g.available = 0;
    g.status = GrantStatus::Expired;
    if (remaining > 0)
        transfer(c, grantAccount(id), kExpiredAccount, g.resource, remaining, id);
    markGrant(c, id);
    return Outcome::Applied;
}

Result<Outcome> clawedBack(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "grant", "amount", "reason_code", "reason" });
    const std::string id = c.r.id("grant");
    int64_t amount = c.r.optionalAmount("amount");
    c.r.oneOf(
        "reason_code", { "misuse", "terms_breach", "company_dissolved", "inactive", "duplicate", "other" });
    c.r.text("reason", 2000);
    READ_OK();
    auto grant = activeGrant(c, id);
    CHECK(grant);
    Grant &g = *grant.value();
    const int64_t balance = g.balance();
    if (balance == 0)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" has nothing left to claw back.").arg(q(id)));
    if (amount == 0)
        amount = balance;
    if (amount > balance)
        return reject("insufficient_balance",
            QStringLiteral("The grant \"%1\" holds %2 GPU-hours; cannot claw back %3.")
                .arg(q(id), gpuHours(balance), gpuHours(amount)));
    const Pool &p = c.s.pools.at(g.pool);
    const Programme &programme = c.s.programmes.at(p.programme);
    if (!c.approved && needsApproval(programme, amount))
        return defer(c, programme);
    const int64_t fromUnreleased = std::min(amount, g.unreleased);
    g.unreleased -= fromUnreleased;
    // What is clawed back from unreleased credit comes off the last tranches, so each tranche still says
    // exactly what its release will make available.
    int64_t toTake = fromUnreleased;
    for (auto t = g.tranches.rbegin(); t != g.tranches.rend() && toTake > 0; ++t) {
        if (t->released)
            continue;
        const int64_t take = std::min(toTake, t->amount);
        t->amount -= take;
        toTake -= take;
    }
    g.available -= amount - fromUnreleased;
    g.clawedBack += amount;
    if (g.balance() == 0)
        g.status = GrantStatus::ClawedBack;
    // A closed pool has handed its credit back to the sponsor; what is clawed back follows it there.
    transfer(c, grantAccount(id), p.closed ? sponsorAccount(p.sponsor) : poolAccount(p.id), g.resource,
        amount, id);
    markGrant(c, id);
    return c.approved ? Outcome::ApprovedAndApplied : Outcome::Applied;
}

// ---- approvals ----------------------------------------------------------------------------------------

Result<Outcome> dispatch(Ctx &c);

Result<Outcome> approval(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "target" });
    const std::string target = c.r.text("target", 64);
    READ_OK();
    auto it = c.s.pending.find(target);
    if (it == c.s.pending.end())
        return reject(
            "unknown_object", QStringLiteral("No entry %1 is waiting for approval.").arg(q(target)));
    PendingAction &pending = it->second;
    if (std::find(pending.approvers.begin(), pending.approvers.end(), c.e.author) != pending.approvers.end())
        return reject("already_approved",
            QStringLiteral("This key has already approved %1; each key counts once.").arg(q(target)));
    if (int64_t(pending.approvers.size()) + 1 < pending.required) {
        pending.approvers.push_back(c.e.author);
        if (c.s.trackDirty)
            c.s.dirty.pending.insert(target);
        return Outcome::Applied;
    }
    // The last approval: the deferred entry takes effect now, at this position, if it still may.
    auto body = json::parse(std::string_view(pending.body.constData(), size_t(pending.body.size())));
    if (!body)
        return body.error();
    Entry deferred;
    deferred.type = pending.type;
    deferred.author = pending.author;
    deferred.body = std::move(body.value());
    const Member &proposer = c.s.members.at(pending.author);
    if (proposer.revoked)
        return reject("revoked_member",
            QStringLiteral("The proposer of %1 (%2) has been revoked since; cancel the "
                           "entry with pending.cancelled.")
                .arg(q(target), q(proposer.name)));
    Ctx inner { c.s, deferred, c.ec, BodyReader(deferred.body), &proposer, true };
    auto result = dispatch(inner);
    if (!result)
        return result.error();
    c.s.pending.erase(it);
    if (c.s.trackDirty) {
        c.s.dirty.pending.erase(target);
        c.s.dirty.pendingRemoved.insert(target);
    }
    return Outcome::ApprovedAndApplied;
}

// Withdraws an entry that waits for approvals; nothing had moved. A reserved grant is marked cancelled so its
// application can be granted again.
Result<Outcome> pendingCancelled(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "target", "reason" });
    const std::string target = c.r.text("target", 64);
    c.r.text("reason", 2000);
    READ_OK();
    auto it = c.s.pending.find(target);
    if (it == c.s.pending.end())
        return reject(
            "unknown_object", QStringLiteral("No entry %1 is waiting for approval.").arg(q(target)));
    if (it->second.type == "grant.created") {
        auto body
            = json::parse(std::string_view(it->second.body.constData(), size_t(it->second.body.size())));
        const json::Value *grantId = body ? body->find("grant") : nullptr;
        auto g = grantId && grantId->isString() ? c.s.grants.find(grantId->toString()) : c.s.grants.end();
        if (g != c.s.grants.end() && g->second.status == GrantStatus::PendingApproval) {
            g->second.status = GrantStatus::Cancelled;
            markGrant(c, g->first);
            auto app = c.s.applications.find(g->second.application);
            if (app != c.s.applications.end() && app->second.grant == g->first) {
                app->second.grant.clear();
                markApplication(c, app->first);
            }
        }
    }
    c.s.pending.erase(it);
    if (c.s.trackDirty) {
        c.s.dirty.pending.erase(target);
        c.s.dirty.pendingRemoved.insert(target);
    }
    return Outcome::Applied;
}

const std::unordered_map<std::string, Handler> &handlers()
{
    static const std::unordered_map<std::string, Handler> table = {
        { "alliance.genesis", genesis },
        { "member.enrolled", memberEnrolled },
        { "member.revoked", memberRevoked },
        { "registry.appointed", registryAppointed },
        { "programme.created", programmeCreated },
        { "sponsor.registered", sponsorRegistered },
        { "pool.pledged", poolPledged },
        { "pool.closed", poolClosed },
        { "startup.registered", startupRegistered },
        { "application.submitted", applicationSubmitted },
        { "application.assigned", applicationAssigned },
        { "application.reviewed", applicationReviewed },
        { "application.decided", applicationDecided },
        { "application.withdrawn", applicationWithdrawn },
        { "grant.created", grantCreated },
        { "grant.tranche_released", trancheReleased },
        { "usage.recorded", usageRecorded },
        { "credits.expired", creditsExpired },
        { "grant.clawed_back", clawedBack },
        { "approval", approval },
        { "pending.cancelled", pendingCancelled },
    };
    return table;
}

Result<Outcome> dispatch(Ctx &c)
{
    const auto &table = handlers();
    auto h = table.find(c.e.type);
    if (h == table.end())
        return reject("unknown_type",
            QStringLiteral("\"%1\" is not an entry type this ledger knows.").arg(q(c.e.type)));
    return h->second(c);
}

} // namespace

const std::vector<std::string> &Rules::entryTypes()
{
    static const std::vector<std::string> types = [] {
        std::vector<std::string> t;
        for (const auto &kv : handlers())
            t.push_back(kv.first);
        std::sort(t.begin(), t.end());
        return t;
    }();
    return types;
}

namespace {

// What every entry but the genesis goes through before its handler: clock, author, key, revocation.
// `usage` set: the entry is a usage record given field by field (Rules::applyUsage).
Result<Outcome> applyChecked(
    State &state, const Entry &entry, const EntryContext &ctx, const UsageFields *usage)
{
    if (entry.createdAt > ctx.at + kMaxClockSkewMs)
        return reject("clock_skew",
            QStringLiteral("The entry was created in the future (more than five minutes "
                           "ahead of the sequencer); check the computer's clock."));
    Ctx c { state, entry, ctx, BodyReader(entry.body) };
    if (!usage && entry.type == "alliance.genesis") {
        auto r = genesis(c);
        if (r) {
            state.size = ctx.seq + 1;
            state.lastAt = ctx.at;
        }
        return r;
    }
    if (state.allianceId.empty())
        return reject(
            "genesis_required", QStringLiteral("The first entry of a ledger must be alliance.genesis."));
    auto member = state.members.find(entry.author);
    if (member == state.members.end())
        return reject("unknown_author",
            QStringLiteral("The key %1 is not enrolled in this alliance.").arg(q(entry.author)));
    if (member->second.publicKey != ctx.authorKey)
        return reject("bad_signature",
            QStringLiteral("The signing key does not match the enrolled key %1.").arg(q(entry.author)));
    if (member->second.revoked)
        return reject("revoked_member",
            QStringLiteral("The key %1 (%2) has been revoked.").arg(q(entry.author), q(member->second.name)));
    c.author = &member->second;
    Result<Outcome> r = Outcome::Applied;
    if (usage) {
        // usageRecorded's steps, with the body already read.
        auto allowed = requireRole(c, { Role::Admin, Role::ProgrammeManager });
        r = allowed ? recordUsage(c, *usage) : Result<Outcome>(allowed.error());
    } else {
        r = dispatch(c);
    }
    if (r) {
        state.size = ctx.seq + 1;
        state.lastAt = ctx.at;
    }
    return r;
}

} // namespace

Result<Outcome> Rules::apply(State &state, const Entry &entry, const EntryContext &ctx)
{
    return applyChecked(state, entry, ctx, nullptr);
}

Result<Outcome> Rules::applyUsage(
    State &state, const Entry &header, const UsageFields &body, const EntryContext &ctx)
{
    return applyChecked(state, header, ctx, &body);
}

} // namespace ledger
