#include "support/ledgerfixture.h"

#include "ledger/crypto/sha256.h"
#include "ledger/engine/statediff.h"

#include <QTest>

#include <algorithm>
#include <map>

namespace testsupport {

using namespace ledger;

void failAt(const QString &message, std::source_location loc)
{
    QTest::qFail(qPrintable(message), loc.file_name(), int(loc.line()));
}

crypto::PrivateKey testKey(std::string_view label)
{
    const QByteArray seed = crypto::Sha256::hash(
        QByteArray("alliance-test-key/") + QByteArray(label.data(), qsizetype(label.size())));
    auto key = crypto::PrivateKey::fromSeed(seed);
    Q_ASSERT(key.ok());
    return key.value();
}

std::string keyIdOf(const crypto::PrivateKey &key)
{
    return key.keyId().toStdString();
}

std::string publicKeyBase64(const crypto::PrivateKey &key)
{
    return key.publicKey().raw().toBase64().toStdString();
}

std::string hex(const QByteArray &bytes)
{
    return bytes.toHex().toStdString();
}

Value obj(json::Object members)
{
    return Value(std::move(members));
}

Value with(Value body, std::string_view key, Value value)
{
    body.set(key, std::move(value));
    return body;
}

Value without(const Value &body, std::string_view key)
{
    json::Object out;
    for (const auto &m : body.toObject()) {
        if (m.first != key)
            out.push_back(m);
    }
    return Value(std::move(out));
}

namespace bodies {

Value genesis(const crypto::PrivateKey &root, std::string origin)
{
    return obj({ { "alliance", "k-alliance" }, { "name", "Korea AI Startup GPU Alliance" },
        { "origin", std::move(origin) }, { "root_key", publicKeyBase64(root) } });
}

Value enrol(
    const crypto::PrivateKey &key, Role role, std::string name, std::string startup, std::string sponsor)
{
    Value v = obj({ { "key", publicKeyBase64(key) }, { "name", std::move(name) },
        { "role", std::string(roleName(role)) } });
    if (!startup.empty())
        v.set("startup", std::move(startup));
    if (!sponsor.empty())
        v.set("sponsor", std::move(sponsor));
    return v;
}

Value revoke(const std::string &keyId, std::string reason)
{
    return obj({ { "key_id", keyId }, { "reason", std::move(reason) } });
}

Value appointRegistry(const crypto::PrivateKey &checkpointKey, std::string url)
{
    return obj({ { "checkpoint_key", publicKeyBase64(checkpointKey) }, { "url", std::move(url) } });
}

Value programme(std::string id, int64_t opensAt, int64_t closesAt, int64_t threshold, int64_t k,
    const std::vector<Criterion> &rubric)
{
    json::Array items;
    for (const Criterion &c : rubric)
        items.push_back(obj({ { "id", c.id }, { "max", c.max } }));
    return obj({ { "programme", id }, { "name", "Programme " + id }, { "opens_at", opensAt },
        { "closes_at", closesAt }, { "rubric", std::move(items) }, { "approval_threshold", threshold },
        { "approvals_required", k } });
}

Value sponsor(std::string id, std::string kind, std::string name)
{
    if (name.empty())
        name = "Sponsor " + id;
    return obj({ { "sponsor", std::move(id) }, { "name", std::move(name) }, { "kind", std::move(kind) } });
}

Value pledge(std::string pool, std::string sponsor, std::string programme, std::string resource,
    int64_t amount, int64_t validUntil)
{
    return obj({ { "pool", std::move(pool) }, { "sponsor", std::move(sponsor) },
        { "programme", std::move(programme) }, { "resource", std::move(resource) }, { "amount", amount },
        { "valid_until", validUntil } });
}

Value closePool(std::string pool, std::string reason)
{
    return obj({ { "pool", std::move(pool) }, { "reason", std::move(reason) } });
}

Value startup(std::string id, std::string brn, std::string sector, std::string name)
{
    if (name.empty())
        name = "Startup " + id;
    return obj({ { "startup", std::move(id) }, { "name", std::move(name) }, { "brn", std::move(brn) },
        { "sector", std::move(sector) } });
}

Value application(std::string id, std::string startup, std::string programme, std::string resource,
    int64_t amount, std::string title)
{
    return obj({ { "application", std::move(id) }, { "startup", std::move(startup) },
        { "programme", std::move(programme) }, { "title", std::move(title) },
        { "resource", std::move(resource) }, { "amount", amount } });
}

Value assign(std::string application, const std::vector<std::string> &reviewerKeyIds)
{
    json::Array ids;
    for (const auto &id : reviewerKeyIds)
        ids.emplace_back(id);
    return obj({ { "application", std::move(application) }, { "reviewers", std::move(ids) } });
}

Value review(std::string application, const std::vector<std::pair<std::string, int64_t>> &scores)
{
    json::Object s;
    for (const auto &[crit, score] : scores)
        s.emplace_back(crit, Value(score));
    return obj({ { "application", std::move(application) }, { "conflict", false },
        { "scores", Value(std::move(s)) } });
}

Value conflict(std::string application)
{
    return obj({ { "application", std::move(application) }, { "conflict", true },
        { "comment", "I advise this company" } });
}

Value decide(std::string application, std::string decision, std::string reason)
{
    return obj({ { "application", std::move(application) }, { "decision", std::move(decision) },
        { "reason", std::move(reason) } });
}

Value withdraw(std::string application, std::string reason)
{
    return obj({ { "application", std::move(application) }, { "reason", std::move(reason) } });
}

Value grant(std::string id, std::string application, std::string pool,
    const std::vector<TrancheSpec> &tranches, int64_t expiresAt)
{
    json::Array items;
    for (const TrancheSpec &t : tranches)
        items.push_back(obj({ { "amount", t.amount }, { "release_at", t.releaseAt } }));
    return obj({ { "grant", std::move(id) }, { "application", std::move(application) },
        { "pool", std::move(pool) }, { "tranches", std::move(items) }, { "expires_at", expiresAt } });
}

Value release(std::string grant, int64_t tranche)
{
    return obj({ { "grant", std::move(grant) }, { "tranche", tranche } });
}

Value usage(std::string grant, std::string usageId, std::string resource, int64_t amount, int64_t periodStart,
    int64_t periodEnd)
{
    return obj(
        { { "grant", std::move(grant) }, { "usage", std::move(usageId) }, { "resource", std::move(resource) },
            { "amount", amount }, { "period_start", periodStart }, { "period_end", periodEnd } });
}

Value expire(std::string grant)
{
    return obj({ { "grant", std::move(grant) } });
}

Value clawback(std::string grant, int64_t amount, std::string reasonCode, std::string reason)
{
    Value v = obj({ { "grant", std::move(grant) }, { "reason_code", std::move(reasonCode) },
        { "reason", std::move(reason) } });
    if (amount != 0)
        v.set("amount", amount);
    return v;
}

Value approval(const QByteArray &targetEntryId)
{
    return obj({ { "target", hex(targetEntryId) } });
}

} // namespace bodies

// ---- invariants and snapshots -----------------------------------------------------------------------------

QString invariantProblem(const State &s)
{
    std::map<std::string, int64_t> sums;
    for (const auto &[key, amount] : s.balances) {
        sums[key.second] += amount;
        const bool inside = key.first.rfind("pool:", 0) == 0 || key.first.rfind("grant:", 0) == 0;
        if (inside && amount < 0)
            return QStringLiteral("the account %1 is negative (%2) in %3")
                .arg(QString::fromStdString(key.first))
                .arg(amount)
                .arg(QString::fromStdString(key.second));
    }
    for (const auto &[resource, sum] : sums) {
        if (sum != 0)
            return QStringLiteral("the accounts of %1 sum to %2, not zero")
                .arg(QString::fromStdString(resource))
                .arg(sum);
    }
    for (const auto &[id, g] : s.grants) {
        const int64_t account = s.balance(grantAccount(id), g.resource);
        if (g.unreleased < 0 || g.available < 0)
            return QStringLiteral("grant %1 has negative credit").arg(QString::fromStdString(id));
        if (account != g.balance())
            return QStringLiteral("grant %1: account %2 but unreleased + available = %3")
                .arg(QString::fromStdString(id))
                .arg(account)
                .arg(g.balance());
        if (g.status != GrantStatus::PendingApproval && g.status != GrantStatus::Cancelled
            && g.balance() + g.consumed + g.expired + g.clawedBack != g.amount)
            return QStringLiteral(
                "grant %1: balance %2 + consumed %3 + expired %4 + clawed back %5 != amount %6")
                .arg(QString::fromStdString(id))
                .arg(g.balance())
                .arg(g.consumed)
                .arg(g.expired)
                .arg(g.clawedBack)
                .arg(g.amount);
    }
    return {};
}

namespace {

const char *const kTables[] = { "meta", "log", "checkpoints", "outbox", "members", "programmes", "sponsors",
    "pools", "startups", "applications", "grants", "pending", "balances", "movements", "usages" };

} // namespace

QStringList tableRows(sql::Database &db, const QString &table)
{
    QStringList rows;
    auto stmt = db.prepare(QStringLiteral("SELECT * FROM %1").arg(table).toStdString());
    if (!stmt) {
        rows << QStringLiteral("<error %1>").arg(stmt.error().toString());
        return rows;
    }
    sqlite3_stmt *h = stmt->handle();
    for (;;) {
        auto more = stmt->step();
        if (!more) {
            rows << QStringLiteral("<error %1>").arg(more.error().toString());
            break;
        }
        if (!more.value())
            break;
        QStringList cols;
        for (int c = 0; c < stmt->columnCount(); ++c) {
            switch (sqlite3_column_type(h, c)) {
            case SQLITE_NULL:
                cols << QStringLiteral("NULL");
                break;
            case SQLITE_INTEGER:
                cols << QString::number(stmt->int64(c));
                break;
            case SQLITE_TEXT:
                cols << QLatin1Char('\'') + stmt->text(c) + QLatin1Char('\'');
                break;
            default:
                cols << QLatin1String("x") + QString::fromLatin1(stmt->blob(c).toHex());
                break;
            }
        }
        rows << cols.join(QLatin1Char('|'));
    }
    rows.sort();
    return rows;
}

QMap<QString, QByteArray> tableDigests(sql::Database &db)
{
    QMap<QString, QByteArray> out;
    for (const char *t : kTables) {
        const QString table = QString::fromLatin1(t);
        out[table] = crypto::Sha256::hash(tableRows(db, table).join(QLatin1Char('\n')).toUtf8());
    }
    return out;
}

QString snapshotDifference(const LedgerSnapshot &before, const LedgerSnapshot &after)
{
    if (before.logSize != after.logSize)
        return QStringLiteral("the log went from %1 to %2 entries").arg(before.logSize).arg(after.logSize);
    for (auto it = before.tables.begin(); it != before.tables.end(); ++it) {
        if (after.tables.value(it.key()) != it.value())
            return QStringLiteral("the table %1 changed").arg(it.key());
    }
    if (QString d = firstDifference(before.state, after.state); !d.isEmpty())
        return QStringLiteral("the sequencer's state changed: ") + d;
    if (before.state.usageKeys != after.state.usageKeys)
        return QStringLiteral("the sequencer's usage keys changed");
    return {};
}

// ---- the fixture -----------------------------------------------------------------------------------------

LedgerFixture::LedgerFixture()
    : LedgerFixture(Options {})
{ }

LedgerFixture::LedgerFixture(const Options &options, std::source_location loc)
    : clock(options.startMs)
    , m_options(options)
{
    m_path = m_dir.file(QStringLiteral("ledger.db"));
    if (!openStore(true, loc))
        return;
    if (m_options.genesis)
        mustRecord(root, "alliance.genesis", bodies::genesis(root), Outcome::Applied, loc);
}

LedgerFixture::~LedgerFixture()
{
    close();
}

bool LedgerFixture::openStore(bool create, std::source_location loc)
{
    auto store = store::LedgerStore::open(
        m_path, create ? store::LedgerStore::Mode::Create : store::LedgerStore::Mode::ReadWrite);
    if (!store) {
        failAt(QStringLiteral("cannot open %1: %2").arg(m_path, store.error().toString()), loc);
        return false;
    }
    m_store = std::move(store.value());
    if (!m_options.synchronousFull) {
        if (auto r = m_store->db().setSynchronous(false); !r)
            failAt(r.error().toString(), loc);
    }
    auto seq = Sequencer::open(*m_store, clock);
    if (!seq) {
        failAt(QStringLiteral("cannot open the sequencer: %1").arg(seq.error().toString()), loc);
        m_store.reset();
        return false;
    }
    m_seq = std::move(seq.value());
    if (m_options.checkpoints) {
        if (auto r = m_seq->setCheckpointSigner(root); !r) {
            failAt(r.error().toString(), loc);
            return false;
        }
    }
    return true;
}

void LedgerFixture::close()
{
    m_seq.reset();
    m_store.reset();
}

bool LedgerFixture::reopen(std::source_location loc)
{
    close();
    return openStore(false, loc);
}

int64_t LedgerFixture::logSize()
{
    auto n = m_store->logSize();
    return n ? n.value() : -1;
}

std::string LedgerFixture::nextNonce()
{
    const QByteArray n = QByteArray::number(qulonglong(++m_nonce), 16).rightJustified(32, '0');
    return n.toStdString();
}

SignedEntry LedgerFixture::sign(const crypto::PrivateKey &key, std::string type, Value body)
{
    return sign(key, std::move(type), std::move(body), clock.nowMs(), nextNonce());
}

SignedEntry LedgerFixture::sign(
    const crypto::PrivateKey &key, std::string type, Value body, int64_t createdAt, std::string nonce)
{
    Entry e;
    e.type = std::move(type);
    e.author = keyIdOf(key);
    e.createdAt = createdAt;
    e.nonce = std::move(nonce);
    e.body = std::move(body);
    return signEntry(e, key);
}

LedgerSnapshot LedgerFixture::snapshot()
{
    LedgerSnapshot s;
    s.state = m_seq->state();
    s.tables = tableDigests(m_store->db());
    s.logSize = logSize();
    return s;
}

void LedgerFixture::audit(
    const LedgerSnapshot &before, const std::vector<Receipt> &receipts, std::source_location loc)
{
    if (QString p = invariantProblem(state()); !p.isEmpty())
        failAt(QStringLiteral("double-entry invariant broken: ") + p, loc);
    int64_t appended = 0;
    for (const Receipt &r : receipts)
        appended += r.accepted && !r.duplicate ? 1 : 0;
    const LedgerSnapshot after = snapshot();
    if (appended == 0) {
        if (QString d = snapshotDifference(before, after); !d.isEmpty())
            failAt(QStringLiteral("a rejected or duplicate entry changed the ledger: ") + d, loc);
    } else if (after.logSize != before.logSize + appended) {
        failAt(QStringLiteral("%1 entries accepted but the log grew from %2 to %3")
                   .arg(appended)
                   .arg(before.logSize)
                   .arg(after.logSize),
            loc);
    }
}

std::vector<Receipt> LedgerFixture::submit(const std::vector<SignedEntry> &batch, std::source_location loc)
{
    if (!m_seq) {
        failAt(QStringLiteral("the ledger is not open"), loc);
        return {};
    }
    std::optional<LedgerSnapshot> before;
    if (m_options.audit)
        before = snapshot();
    auto receipts = m_seq->submit(batch);
    if (!receipts) {
        failAt(QStringLiteral("submit failed: %1").arg(receipts.error().toString()), loc);
        return {};
    }
    if (before)
        audit(*before, receipts.value(), loc);
    return receipts.value();
}

Receipt LedgerFixture::recordSigned(const SignedEntry &entry, std::source_location loc)
{
    auto receipts = submit({ entry }, loc);
    if (receipts.size() != 1) {
        Receipt r;
        r.rejection = makeError("test_error", QStringLiteral("no receipt"));
        return r;
    }
    return receipts.front();
}

Receipt LedgerFixture::record(
    const crypto::PrivateKey &key, std::string type, Value body, std::source_location loc)
{
    return recordSigned(sign(key, std::move(type), std::move(body)), loc);
}

Receipt LedgerFixture::mustRecord(
    const crypto::PrivateKey &key, std::string type, Value body, Outcome outcome, std::source_location loc)
{
    const std::string t = type;
    Receipt r = record(key, std::move(type), std::move(body), loc);
    if (!r.accepted)
        failAt(QStringLiteral("%1 was rejected: %2").arg(QString::fromStdString(t), r.rejection.toString()),
            loc);
    else if (r.outcome != outcome)
        failAt(QStringLiteral("%1: unexpected outcome %2").arg(QString::fromStdString(t)).arg(int(r.outcome)),
            loc);
    return r;
}

// ---- builders
// ----------------------------------------------------------------------------------------------

crypto::PrivateKey LedgerFixture::enrol(
    Role role, std::string name, std::string startup, std::string sponsor, std::source_location loc)
{
    crypto::PrivateKey key = testKey(name);
    mustRecord(root, "member.enrolled",
        bodies::enrol(key, role, name, std::move(startup), std::move(sponsor)), Outcome::Applied, loc);
    return key;
}

void LedgerFixture::sponsor(const std::string &id, const std::string &kind, std::source_location loc)
{
    mustRecord(root, "sponsor.registered", bodies::sponsor(id, kind), Outcome::Applied, loc);
}

void LedgerFixture::programme(const std::string &id, int64_t threshold, int64_t k, int64_t opensAt,
    int64_t closesAt, const std::vector<bodies::Criterion> &rubric, std::source_location loc)
{
    mustRecord(root, "programme.created", bodies::programme(id, opensAt, closesAt, threshold, k, rubric),
        Outcome::Applied, loc);
}

void LedgerFixture::approve(
    const QByteArray &target, const std::vector<crypto::PrivateKey> &approvers, std::source_location loc)
{
    for (size_t i = 0; i < approvers.size(); ++i) {
        const bool last = i + 1 == approvers.size();
        mustRecord(approvers[i], "approval", bodies::approval(target),
            last ? Outcome::ApprovedAndApplied : Outcome::Applied, loc);
    }
}

void LedgerFixture::pool(const std::string &id, const std::string &sponsor, const std::string &programme,
    const std::string &resource, int64_t amount, int64_t validUntil, const crypto::PrivateKey &author,
    const std::vector<crypto::PrivateKey> &approvers, std::source_location loc)
{
    const crypto::PrivateKey &who = author.isValid() ? author : root;
    const Receipt r = mustRecord(who, "pool.pledged",
        bodies::pledge(id, sponsor, programme, resource, amount, validUntil),
        approvers.empty() ? Outcome::Applied : Outcome::PendingApproval, loc);
    if (!approvers.empty() && r.accepted)
        approve(r.entryId, approvers, loc);
}

void LedgerFixture::startup(const std::string &id, const std::string &brn, std::source_location loc)
{
    mustRecord(root, "startup.registered", bodies::startup(id, brn), Outcome::Applied, loc);
}

void LedgerFixture::approvedApplication(const std::string &id, const std::string &startup,
    const std::string &programme, const std::string &resource, int64_t amount,
    const std::vector<crypto::PrivateKey> &reviewers, std::source_location loc)
{
    mustRecord(root, "application.submitted", bodies::application(id, startup, programme, resource, amount),
        Outcome::Applied, loc);
    std::vector<std::string> ids;
    for (const auto &k : reviewers)
        ids.push_back(keyIdOf(k));
    mustRecord(root, "application.assigned", bodies::assign(id, ids), Outcome::Applied, loc);
    const Programme *p = nullptr;
    if (auto it = state().programmes.find(programme); it != state().programmes.end())
        p = &it->second;
    std::vector<std::pair<std::string, int64_t>> scores;
    if (p) {
        for (const Criterion &c : p->rubric)
            scores.emplace_back(c.id, c.max - 1);
    }
    if (!reviewers.empty())
        mustRecord(
            reviewers.front(), "application.reviewed", bodies::review(id, scores), Outcome::Applied, loc);
    mustRecord(root, "application.decided", bodies::decide(id), Outcome::Applied, loc);
}

const World &LedgerFixture::buildStandard(std::source_location loc)
{
    World &w = m_world;
    w.opensAt = clock.nowMs();
    w.closesAt = w.opensAt + 60 * kDay;
    w.poolValidUntil = w.opensAt + 365 * kDay;
    w.pm = enrol(Role::ProgrammeManager, "pm-kim", {}, {}, loc);
    w.pm2 = enrol(Role::ProgrammeManager, "pm-lee", {}, {}, loc);
    w.pm3 = enrol(Role::ProgrammeManager, "pm-park", {}, {}, loc);
    w.reviewer = enrol(Role::Reviewer, "reviewer-choi", {}, {}, loc);
    w.reviewer2 = enrol(Role::Reviewer, "reviewer-jung", {}, {}, loc);
    w.auditor = enrol(Role::Auditor, "auditor-kang", {}, {}, loc);
    mustRecord(
        w.pm, "sponsor.registered", bodies::sponsor(w.sponsor, "government", "NIPA"), Outcome::Applied, loc);
    mustRecord(
        w.pm, "sponsor.registered", bodies::sponsor(w.sponsor2, "vc", "Korea VC"), Outcome::Applied, loc);
    w.sponsorMember = enrol(Role::Sponsor, "sponsor-yoon", {}, w.sponsor, loc);
    w.sponsorMember2 = enrol(Role::Sponsor, "sponsor-han", {}, w.sponsor2, loc);
    mustRecord(w.pm, "programme.created",
        bodies::programme(w.programme, w.opensAt, w.closesAt, w.threshold, w.k), Outcome::Applied, loc);
    // The sponsor pledges; the pledge is above the threshold, so a programme manager co-signs it.
    pool(w.pool, w.sponsor, w.programme, w.resource, w.poolAmount, w.poolValidUntil, w.sponsorMember,
        { w.pm }, loc);
    mustRecord(w.pm, "startup.registered", bodies::startup(w.startup, kBrnA, "robotics", "Hangang Robotics"),
        Outcome::Applied, loc);
    mustRecord(w.pm, "startup.registered",
        bodies::startup(w.startup2, kBrnB, "healthcare", "Seoul Health AI"), Outcome::Applied, loc);
    w.founder = enrol(Role::Startup, "founder-seo", w.startup, {}, loc);
    w.founder2 = enrol(Role::Startup, "founder-oh", w.startup2, {}, loc);
    mustRecord(w.founder, "application.submitted",
        bodies::application(w.application, w.startup, w.programme, w.resource, w.requested), Outcome::Applied,
        loc);
    mustRecord(w.pm, "application.assigned",
        bodies::assign(w.application, { keyIdOf(w.reviewer), keyIdOf(w.reviewer2) }), Outcome::Applied, loc);
    mustRecord(w.reviewer, "application.reviewed",
        bodies::review(w.application, { { "team", 8 }, { "market", 6 }, { "tech", 17 } }), Outcome::Applied,
        loc);
    mustRecord(w.pm, "application.decided", bodies::decide(w.application), Outcome::Applied, loc);
    return m_world;
}

void LedgerFixture::standardApplication(
    const std::string &id, const std::string &startup, int64_t amount, std::source_location loc)
{
    const World &w = m_world;
    mustRecord(w.pm, "application.submitted",
        bodies::application(id, startup, w.programme, w.resource, amount), Outcome::Applied, loc);
    mustRecord(
        w.pm, "application.assigned", bodies::assign(id, { keyIdOf(w.reviewer) }), Outcome::Applied, loc);
    mustRecord(w.reviewer, "application.reviewed",
        bodies::review(id, { { "team", 7 }, { "market", 7 }, { "tech", 15 } }), Outcome::Applied, loc);
    mustRecord(w.pm, "application.decided", bodies::decide(id), Outcome::Applied, loc);
}

Receipt LedgerFixture::standardGrant(const std::string &id, const std::string &application,
    const std::vector<bodies::TrancheSpec> &tranches, int64_t expiresAt, std::source_location loc)
{
    const World &w = m_world;
    int64_t total = 0;
    for (const auto &t : tranches)
        total += t.amount;
    const bool needsApproval = total > w.threshold;
    Receipt r = mustRecord(w.pm, "grant.created", bodies::grant(id, application, w.pool, tranches, expiresAt),
        needsApproval ? Outcome::PendingApproval : Outcome::Applied, loc);
    if (needsApproval && r.accepted)
        approve(r.entryId, { w.pm2 }, loc);
    return r;
}

const Grant *LedgerFixture::grant(const std::string &id, std::source_location loc)
{
    auto it = state().grants.find(id);
    if (it == state().grants.end()) {
        failAt(QStringLiteral("no grant %1").arg(QString::fromStdString(id)), loc);
        return nullptr;
    }
    return &it->second;
}

const Application *LedgerFixture::application(const std::string &id, std::source_location loc)
{
    auto it = state().applications.find(id);
    if (it == state().applications.end()) {
        failAt(QStringLiteral("no application %1").arg(QString::fromStdString(id)), loc);
        return nullptr;
    }
    return &it->second;
}

const Pool *LedgerFixture::findPool(const std::string &id, std::source_location loc)
{
    auto it = state().pools.find(id);
    if (it == state().pools.end()) {
        failAt(QStringLiteral("no pool %1").arg(QString::fromStdString(id)), loc);
        return nullptr;
    }
    return &it->second;
}

int64_t LedgerFixture::balance(const std::string &account) const
{
    return balance(account, m_world.resource);
}

int64_t LedgerFixture::balance(const std::string &account, const std::string &resource) const
{
    return state().balance(account, resource);
}

} // namespace testsupport
