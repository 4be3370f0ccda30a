// The rules engine (ledger/domain/rules.cpp) through the real sequencer on a real ledger file: every entry
// type's happy path with its exact state change, and every rejection path with its exact reason code.
//
// Every entry goes through LedgerFixture with `audit` on: after each one the double-entry invariant is
// checked, an accepted entry must have appended exactly one row, and a rejected one must have left the file
// (every table) and the sequencer's memory exactly as they were.

#include "ledger/codec/entry.h"
#include "ledger/domain/rules.h"
#include "support/ledgerfixture.h"

#include <QTest>

#include <functional>
#include <set>

using namespace ledger;
using namespace testsupport;

namespace {

LedgerFixture::Options audited()
{
    LedgerFixture::Options o;
    o.audit = true;
    o.synchronousFull = false; // durability is the sequencer's and crash test's business
    return o;
}

// "from -> to amount [grant]" for each movement recorded at `seq`, in order.
QStringList movementsAt(LedgerFixture &f, int64_t seq)
{
    QStringList out;
    auto st = f.store().db().prepare(
        "SELECT at, from_account, to_account, amount, grant_id FROM movements WHERE seq = ? ORDER BY rowid");
    if (!st)
        return { st.error().toString() };
    st->bind(1, seq);
    while (true) {
        auto row = st->step();
        if (!row || !row.value())
            break;
        QString line = st->text(1) + QStringLiteral(" -> ") + st->text(2) + QLatin1Char(' ')
            + QString::number(st->int64(3));
        if (!st->text(4).isEmpty())
            line += QStringLiteral(" [") + st->text(4) + QLatin1Char(']');
        out << line;
    }
    return out;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

// Accepted, with the given outcome. Stops the test on failure (including an audit failure).
#define ACCEPT_AS(KEY_, TYPE_, BODY_, OUTCOME_)                                                              \
    do {                                                                                                     \
        const Receipt r_ = f.record(KEY_, TYPE_, BODY_);                                                     \
        QVERIFY2(r_.accepted,                                                                                \
            qPrintable(QString::fromUtf8(TYPE_) + QStringLiteral(": ") + r_.rejection.toString()));          \
        QCOMPARE(int(r_.outcome), int(OUTCOME_));                                                            \
        LF_STOP_IF_FAILED();                                                                                 \
    } while (0)
#define ACCEPT(KEY_, TYPE_, BODY_) ACCEPT_AS(KEY_, TYPE_, BODY_, Outcome::Applied)

// Rejected with exactly `code`; the audit has checked that nothing changed.
#define REJECT(KEY_, TYPE_, BODY_, CODE_)                                                                    \
    do {                                                                                                     \
        const Receipt r_ = f.record(KEY_, TYPE_, BODY_);                                                     \
        QVERIFY2(!r_.accepted,                                                                               \
            qPrintable(QString::fromUtf8(TYPE_) + QStringLiteral(" was accepted; expected " CODE_)));        \
        QCOMPARE(r_.rejection.code, QStringLiteral(CODE_));                                                  \
        QVERIFY(!r_.rejection.message.isEmpty());                                                            \
        LF_STOP_IF_FAILED();                                                                                 \
    } while (0)

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    // ---- genesis and identity ------------------------------------------------------------------------

    void genesisHappyPath()
    {
        auto o = audited();
        o.genesis = false;
        LedgerFixture f(o);
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey registry = testKey("registry");
        ACCEPT(f.root, "alliance.genesis",
            with(bodies::genesis(f.root), "checkpoint_key", Value(publicKeyBase64(registry))));
        const State &s = f.state();
        QCOMPARE(q(s.allianceId), QStringLiteral("k-alliance"));
        QCOMPARE(q(s.allianceName), QStringLiteral("Korea AI Startup GPU Alliance"));
        QCOMPARE(q(s.origin), QStringLiteral("alliance.example/ledger"));
        QCOMPARE(s.rootKey, f.root.publicKey().raw());
        QCOMPARE(s.checkpointKey, registry.publicKey().raw());
        QCOMPARE(s.size, int64_t(1));
        QCOMPARE(s.lastAt, kT0);
        QCOMPARE(s.members.size(), size_t(1));
        const Member &m = s.members.at(keyIdOf(f.root));
        QCOMPARE(m.role, Role::Admin);
        QCOMPARE(q(m.name), QStringLiteral("root"));
        QCOMPARE(m.publicKey, f.root.publicKey().raw());
        QCOMPARE(m.enrolledAt, kT0);
        QVERIFY(!m.revoked);
    }

    void genesisTwiceIsRejected()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        REJECT(f.root, "alliance.genesis", bodies::genesis(f.root), "already_exists");
        // Even with another alliance id and by an enrolled admin.
        REJECT(f.root, "alliance.genesis", with(bodies::genesis(f.root), "alliance", Value("other")),
            "already_exists");
    }

    void nonGenesisFirstIsRejected()
    {
        auto o = audited();
        o.genesis = false;
        LedgerFixture f(o);
        LF_STOP_IF_FAILED();
        REJECT(f.root, "sponsor.registered", bodies::sponsor("nipa"), "genesis_required");
        REJECT(f.root, "member.enrolled", bodies::enrol(testKey("x"), Role::Admin, "x"), "genesis_required");
        QCOMPARE(f.logSize(), int64_t(0));
        ACCEPT(f.root, "alliance.genesis", bodies::genesis(f.root));
    }

    void genesisChecks()
    {
        auto o = audited();
        o.genesis = false;
        LedgerFixture f(o);
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey other = testKey("impostor");
        // Signed by a key that is not the root key it names.
        REJECT(other, "alliance.genesis", bodies::genesis(f.root), "not_authorised");
        REJECT(f.root, "alliance.genesis", bodies::genesis(f.root, "alliance example"), "invalid_body");
        REJECT(f.root, "alliance.genesis", with(bodies::genesis(f.root), "root_key", Value("not base64!")),
            "invalid_body");
        REJECT(f.root, "alliance.genesis", with(bodies::genesis(f.root), "root_key", Value("AAAA")),
            "invalid_body");
        REJECT(f.root, "alliance.genesis", with(bodies::genesis(f.root), "extra", Value(1)), "invalid_body");
        REJECT(f.root, "alliance.genesis", without(bodies::genesis(f.root), "name"), "invalid_body");
        REJECT(f.root, "alliance.genesis", with(bodies::genesis(f.root), "alliance", Value("Upper")),
            "invalid_body");
        ACCEPT(f.root, "alliance.genesis", bodies::genesis(f.root));
        QCOMPARE(f.state().checkpointKey, f.root.publicKey().raw());
    }

    void unknownAuthorAndType()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        REJECT(testKey("stranger"), "sponsor.registered", bodies::sponsor("nipa"), "unknown_author");
        REJECT(f.root, "grant.teleported", obj({ { "grant", "g-1" } }), "unknown_type");
    }

    void bindsAuthorKeyToEnrolledKey()
    {
        // The sequencer checks that the signing key's id is the author; the engine also refuses an entry
        // whose signing key is not the enrolled key of that id (a replay must not trust the key column).
        State s;
        const crypto::PrivateKey root = testKey("root");
        Entry g;
        g.type = "alliance.genesis";
        g.author = keyIdOf(root);
        g.createdAt = kT0;
        g.nonce = std::string(32, '1');
        g.body = bodies::genesis(root);
        auto r0 = Rules::apply(s, g, EntryContext { 0, kT0, std::string(64, 'a'), root.publicKey().raw() });
        QVERIFY(r0.ok());
        Entry e;
        e.type = "sponsor.registered";
        e.author = keyIdOf(root);
        e.createdAt = kT0;
        e.nonce = std::string(32, '2');
        e.body = bodies::sponsor("nipa");
        auto r1 = Rules::apply(
            s, e, EntryContext { 1, kT0, std::string(64, 'b'), testKey("other").publicKey().raw() });
        QVERIFY(!r1.ok());
        QCOMPARE(r1.error().code, QStringLiteral("bad_signature"));
        QVERIFY(s.sponsors.empty());
        QCOMPARE(s.size, int64_t(1));
    }

    void memberEnrolment()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        f.mustRecord(f.root, "sponsor.registered", bodies::sponsor("nipa"));
        f.mustRecord(f.root, "startup.registered", bodies::startup("st-1", kBrnA));
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey k = testKey("new-member");
        const auto enrol = [&](Role r, std::string startup = {}, std::string sponsor = {}) {
            return bodies::enrol(k, r, "Kim Min-ji", std::move(startup), std::move(sponsor));
        };
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "role", Value("superuser")),
            "invalid_body");
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "role", Value(3)), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Startup), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Startup, "st-1", "nipa"), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Startup, "st-9"), "unknown_object");
        REJECT(f.root, "member.enrolled", enrol(Role::Sponsor), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Sponsor, "st-1", "nipa"), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Sponsor, {}, "kvc"), "unknown_object");
        REJECT(f.root, "member.enrolled", enrol(Role::Reviewer, {}, "nipa"), "invalid_body");
        REJECT(f.root, "member.enrolled", enrol(Role::Admin, "st-1"), "invalid_body");
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "key", Value("%%%")), "invalid_body");
        REJECT(f.root, "member.enrolled",
            with(enrol(Role::Reviewer), "key", Value(QByteArray(31, 'k').toBase64().toStdString())),
            "invalid_body");
        // The all-zero encoding is a point of small order: not a usable key.
        REJECT(f.root, "member.enrolled",
            with(enrol(Role::Reviewer), "key", Value(QByteArray(32, '\0').toBase64().toStdString())),
            "invalid_body");
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "team", Value("a")), "invalid_body");
        REJECT(f.root, "member.enrolled", without(enrol(Role::Reviewer), "name"), "invalid_body");
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "name", Value("")), "invalid_body");
        REJECT(f.root, "member.enrolled", with(enrol(Role::Reviewer), "startup", Value(7)), "invalid_body");

        f.clock.advance(kMinute);
        ACCEPT(f.root, "member.enrolled", enrol(Role::Startup, "st-1"));
        const Member &m = f.state().members.at(keyIdOf(k));
        QCOMPARE(m.role, Role::Startup);
        QCOMPARE(q(m.startup), QStringLiteral("st-1"));
        QCOMPARE(q(m.sponsor), QString());
        QCOMPARE(q(m.name), QStringLiteral("Kim Min-ji"));
        QCOMPARE(m.publicKey, k.publicKey().raw());
        QCOMPARE(m.enrolledAt, kT0 + kMinute);
        QVERIFY(!m.revoked);
        // The same key again, under any role.
        REJECT(f.root, "member.enrolled", enrol(Role::Reviewer), "already_exists");
        REJECT(
            f.root, "member.enrolled", bodies::enrol(f.root, Role::Auditor, "root again"), "already_exists");
    }

    void revocation()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = f.enrol(Role::ProgrammeManager, "pm-kim");
        LF_STOP_IF_FAILED();
        ACCEPT(pm, "sponsor.registered", bodies::sponsor("nipa"));
        REJECT(f.root, "member.revoked", bodies::revoke(std::string(32, 'f')), "unknown_object");
        REJECT(f.root, "member.revoked", without(bodies::revoke(keyIdOf(pm)), "reason"), "invalid_body");
        REJECT(f.root, "member.revoked",
            with(bodies::revoke(keyIdOf(pm)), "key_id", Value(std::string(33, 'a'))), "invalid_body");
        ACCEPT(f.root, "member.revoked", bodies::revoke(keyIdOf(pm)));
        QVERIFY(f.state().members.at(keyIdOf(pm)).revoked);
        REJECT(pm, "sponsor.registered", bodies::sponsor("kvc"), "revoked_member");
        REJECT(f.root, "member.revoked", bodies::revoke(keyIdOf(pm)), "invalid_transition");
        // A revoked key cannot be enrolled again (its id is taken for good).
        REJECT(
            f.root, "member.enrolled", bodies::enrol(pm, Role::ProgrammeManager, "pm-kim"), "already_exists");
    }

    void lastAdmin()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        REJECT(f.root, "member.revoked", bodies::revoke(keyIdOf(f.root)), "last_admin");
        const crypto::PrivateKey admin2 = f.enrol(Role::Admin, "admin-two");
        LF_STOP_IF_FAILED();
        // With two admins, either may go; then the other is the last.
        ACCEPT(admin2, "member.revoked", bodies::revoke(keyIdOf(f.root)));
        REJECT(f.root, "member.enrolled", bodies::enrol(testKey("x"), Role::Reviewer, "x"), "revoked_member");
        REJECT(admin2, "member.revoked", bodies::revoke(keyIdOf(admin2)), "last_admin");
        // A revoked admin does not count.
        const crypto::PrivateKey admin3 = testKey("admin-three");
        ACCEPT(admin2, "member.enrolled", bodies::enrol(admin3, Role::Admin, "admin-three"));
        ACCEPT(admin2, "member.revoked", bodies::revoke(keyIdOf(admin2)));
        REJECT(admin3, "member.revoked", bodies::revoke(keyIdOf(admin3)), "last_admin");
    }

    void registryAppointment()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey pm = f.enrol(Role::ProgrammeManager, "pm-kim");
        const crypto::PrivateKey registry = testKey("registry");
        LF_STOP_IF_FAILED();
        REJECT(pm, "registry.appointed", bodies::appointRegistry(registry), "not_authorised");
        REJECT(f.root, "registry.appointed", bodies::appointRegistry(registry, "http://registry.example"),
            "invalid_body");
        REJECT(f.root, "registry.appointed",
            with(bodies::appointRegistry(registry), "checkpoint_key", Value("AA==")), "invalid_body");
        REJECT(
            f.root, "registry.appointed", without(bodies::appointRegistry(registry), "url"), "invalid_body");
        ACCEPT(f.root, "registry.appointed", bodies::appointRegistry(registry));
        QCOMPARE(f.state().checkpointKey, registry.publicKey().raw());
        QCOMPARE(q(f.state().registryUrl), QStringLiteral("https://registry.example"));
        QCOMPARE(f.state().rootKey, f.root.publicKey().raw());
        // The root key no longer signs checkpoints.
        QVERIFY(!f.sequencer().canCheckpoint());
    }

    void clockSkew()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        auto r = f.recordSigned(f.sign(
            f.root, "sponsor.registered", bodies::sponsor("nipa"), now + 5 * kMinute + 1, f.nextNonce()));
        QVERIFY(!r.accepted);
        QCOMPARE(r.rejection.code, QStringLiteral("clock_skew"));
        LF_STOP_IF_FAILED();
        // Exactly five minutes ahead is tolerated; any time in the past too.
        r = f.recordSigned(
            f.sign(f.root, "sponsor.registered", bodies::sponsor("nipa"), now + 5 * kMinute, f.nextNonce()));
        QVERIFY2(r.accepted, qPrintable(r.rejection.toString()));
        r = f.recordSigned(f.sign(f.root, "sponsor.registered", bodies::sponsor("kvc"), 0, f.nextNonce()));
        QVERIFY2(r.accepted, qPrintable(r.rejection.toString()));
    }

    // ---- programmes and sponsors ------------------------------------------------------------------------

    void programmeCreation()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        const auto p = [](int64_t threshold = 1000, int64_t k = 2) {
            return bodies::programme(
                "p-1", kT0, kT0 + kDay, threshold, k, { { "team", 10 }, { "market", 5 } });
        };
        REJECT(f.root, "programme.created", with(p(), "closes_at", Value(kT0)), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "closes_at", Value(kT0 - 1)), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "opens_at", Value("2026-01-01")), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "opens_at", Value(-1)), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "rubric", Value(json::Array {})), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "rubric", Value("team")), "invalid_body");
        REJECT(f.root, "programme.created",
            bodies::programme("p-1", kT0, kT0 + kDay, 0, 1, { { "team", 10 }, { "team", 5 } }),
            "invalid_body");
        REJECT(f.root, "programme.created",
            bodies::programme("p-1", kT0, kT0 + kDay, 0, 1, { { "team", 0 } }), "invalid_body");
        REJECT(f.root, "programme.created",
            bodies::programme("p-1", kT0, kT0 + kDay, 0, 1, { { "team", 101 } }), "invalid_body");
        REJECT(f.root, "programme.created",
            bodies::programme("p-1", kT0, kT0 + kDay, 0, 1, { { "Team", 10 } }), "invalid_body");
        json::Array extra { obj({ { "id", "team" }, { "max", 10 }, { "weight", 2 } }) };
        REJECT(f.root, "programme.created", with(p(), "rubric", Value(extra)), "invalid_body");
        json::Array notObjects { Value("team") };
        REJECT(f.root, "programme.created", with(p(), "rubric", Value(notObjects)), "invalid_body");
        REJECT(f.root, "programme.created", p(1000, 0), "invalid_body");
        REJECT(f.root, "programme.created", p(1000, 11), "invalid_body");
        REJECT(f.root, "programme.created", p(-1, 2), "invalid_body");
        REJECT(f.root, "programme.created", without(p(), "approvals_required"), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "budget", Value(5)), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "programme", Value("P 1")), "invalid_body");
        REJECT(f.root, "programme.created", with(p(), "name", Value(std::string(201, 'n'))), "invalid_body");

        ACCEPT(f.root, "programme.created", p(1000, 10));
        const Programme &pr = f.state().programmes.at("p-1");
        QCOMPARE(q(pr.name), QStringLiteral("Programme p-1"));
        QCOMPARE(pr.opensAt, kT0);
        QCOMPARE(pr.closesAt, kT0 + kDay);
        QCOMPARE(pr.approvalThreshold, int64_t(1000));
        QCOMPARE(pr.approvalsRequired, int64_t(10));
        QCOMPARE(pr.rubric.size(), size_t(2));
        QCOMPARE(q(pr.rubric[0].id), QStringLiteral("team"));
        QCOMPARE(pr.rubric[0].max, int64_t(10));
        QCOMPARE(q(pr.rubric[1].id), QStringLiteral("market"));
        QCOMPARE(pr.rubric[1].max, int64_t(5));
        REJECT(f.root, "programme.created", p(), "already_exists");
    }

    void sponsorRegistration()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        REJECT(f.root, "sponsor.registered", bodies::sponsor("nipa", "charity"), "invalid_body");
        REJECT(f.root, "sponsor.registered", without(bodies::sponsor("nipa"), "kind"), "invalid_body");
        REJECT(f.root, "sponsor.registered", with(bodies::sponsor("nipa"), "sponsor", Value(12)),
            "invalid_body");
        ACCEPT(f.root, "sponsor.registered", bodies::sponsor("nipa", "government", "NIPA"));
        const Sponsor &s = f.state().sponsors.at("nipa");
        QCOMPARE(q(s.name), QStringLiteral("NIPA"));
        QCOMPARE(q(s.kind), QStringLiteral("government"));
        REJECT(f.root, "sponsor.registered", bodies::sponsor("nipa", "vc"), "already_exists");
        QVERIFY(f.state().balances.empty()); // registering moves no credit
    }

    // ---- pools -------------------------------------------------------------------------------------------

    void poolPledgeAndTopUp()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        // buildStandard's pledge waited for a programme manager's approval, then moved the credit.
        const Pool *p = f.findPool(w.pool);
        QVERIFY(p);
        QCOMPARE(p->pledged, w.poolAmount);
        QCOMPARE(p->validUntil, w.poolValidUntil);
        QCOMPARE(q(p->sponsor), QStringLiteral("nipa"));
        QCOMPARE(q(p->programme), QStringLiteral("gpu-2026"));
        QCOMPARE(q(p->resource), QStringLiteral("naver-cloud/b200"));
        QVERIFY(!p->closed);
        QCOMPARE(f.balance("sponsor:nipa"), -w.poolAmount);
        QCOMPARE(f.balance("pool:nipa-b200"), w.poolAmount);

        // A top-up at the threshold needs no approval; a later validity extends the pool.
        f.clock.advance(kDay);
        const int64_t seq = f.logSize();
        ACCEPT(w.sponsorMember, "pool.pledged",
            bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, w.threshold, w.poolValidUntil + kDay));
        p = f.findPool(w.pool);
        QCOMPARE(p->pledged, w.poolAmount + w.threshold);
        QCOMPARE(p->validUntil, w.poolValidUntil + kDay);
        QCOMPARE(f.balance("sponsor:nipa"), -(w.poolAmount + w.threshold));
        QCOMPARE(f.balance("pool:nipa-b200"), w.poolAmount + w.threshold);
        QCOMPARE(
            movementsAt(f, seq), QStringList { QStringLiteral("sponsor:nipa -> pool:nipa-b200 500000") });
        // A top-up cannot shorten the pool's validity.
        REJECT(w.pm, "pool.pledged",
            bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, 1, kT0 + 2 * kDay), "invalid_body");
        QCOMPARE(f.findPool(w.pool)->validUntil, w.poolValidUntil + kDay);
        ACCEPT(w.pm, "pool.pledged",
            bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, 1, w.poolValidUntil + kDay));
        QCOMPARE(f.findPool(w.pool)->pledged, w.poolAmount + w.threshold + 1);
        // A second pool of the other sponsor, in another resource.
        ACCEPT(w.sponsorMember2, "pool.pledged",
            bodies::pledge("kvc-h100", w.sponsor2, w.programme, "kt-cloud/h100", 400'000, w.poolValidUntil));
        QCOMPARE(f.balance("sponsor:kvc", "kt-cloud/h100"), int64_t(-400'000));
        QCOMPARE(f.balance("pool:kvc-h100", "kt-cloud/h100"), int64_t(400'000));
    }

    void poolPledgeRejections()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const auto pledge = [&](std::string pool, std::string sponsor, std::string resource, int64_t amount,
                                int64_t validUntil) {
            return bodies::pledge(
                std::move(pool), std::move(sponsor), w.programme, std::move(resource), amount, validUntil);
        };
        // A sponsor member pledges only for its own sponsor.
        REJECT(w.sponsorMember2, "pool.pledged", pledge(w.pool, w.sponsor, w.resource, 100, w.poolValidUntil),
            "not_authorised");
        REJECT(w.sponsorMember2, "pool.pledged",
            pledge("new-pool", w.sponsor, w.resource, 100, w.poolValidUntil), "not_authorised");
        REJECT(w.founder, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, 100, w.poolValidUntil),
            "not_authorised");
        REJECT(w.reviewer, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, 100, w.poolValidUntil),
            "not_authorised");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", "nobody", w.resource, 100, w.poolValidUntil),
            "unknown_object");
        REJECT(w.pm, "pool.pledged",
            bodies::pledge("new-pool", w.sponsor, "no-such", w.resource, 100, w.poolValidUntil),
            "unknown_object");
        REJECT(
            w.pm, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, 100, f.clock.nowMs()), "expired");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, 0, w.poolValidUntil),
            "invalid_body");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, -5, w.poolValidUntil),
            "invalid_body");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", w.sponsor, w.resource, 100, -1), "invalid_body");
        REJECT(w.pm, "pool.pledged",
            with(pledge("new-pool", w.sponsor, w.resource, 100, w.poolValidUntil), "amount", Value("100")),
            "invalid_body");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", w.sponsor, "b200", 100, w.poolValidUntil),
            "invalid_body");
        REJECT(w.pm, "pool.pledged", pledge("new-pool", w.sponsor, "naver-cloud/B200", 100, w.poolValidUntil),
            "invalid_body");
        // A top-up names the same sponsor, programme and resource.
        REJECT(w.pm, "pool.pledged", pledge(w.pool, w.sponsor, "kt-cloud/h100", 100, w.poolValidUntil),
            "pool_mismatch");
        REJECT(w.pm, "pool.pledged", pledge(w.pool, w.sponsor2, w.resource, 100, w.poolValidUntil),
            "pool_mismatch");
        f.programme("other-prog", 0, 1, kT0, kT0 + kDay);
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "pool.pledged",
            bodies::pledge(w.pool, w.sponsor, "other-prog", w.resource, 100, w.poolValidUntil),
            "pool_mismatch");
        // A closed pool takes no more.
        const Receipt closing = f.mustRecord(
            w.sponsorMember, "pool.closed", bodies::closePool(w.pool), Outcome::PendingApproval);
        f.approve(closing.entryId, { w.pm });
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "pool.pledged", pledge(w.pool, w.sponsor, w.resource, 100, w.poolValidUntil),
            "pool_closed");
    }

    void poolClosing()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        f.standardGrant("g-1", w.application, { { 300'000, f.clock.nowMs() } }, f.clock.nowMs() + 90 * kDay);
        LF_STOP_IF_FAILED();
        REJECT(w.sponsorMember2, "pool.closed", bodies::closePool(w.pool), "not_authorised");
        REJECT(w.founder, "pool.closed", bodies::closePool(w.pool), "not_authorised");
        REJECT(w.pm, "pool.closed", bodies::closePool("nowhere"), "unknown_object");
        REJECT(w.pm, "pool.closed", without(bodies::closePool(w.pool), "reason"), "invalid_body");
        // 1,700,000 remain: above the threshold, so the closing waits for a second key.
        Receipt pending = f.record(w.sponsorMember, "pool.closed", bodies::closePool(w.pool));
        QVERIFY(pending.accepted);
        QCOMPARE(int(pending.outcome), int(Outcome::PendingApproval));
        QVERIFY(!f.findPool(w.pool)->closed);
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'700'000));
        QCOMPARE(movementsAt(f, pending.seq), QStringList());
        REJECT(w.sponsorMember, "approval", bodies::approval(pending.entryId), "not_authorised");
        const int64_t approvalSeq = f.logSize();
        ACCEPT_AS(w.pm, "approval", bodies::approval(pending.entryId), Outcome::ApprovedAndApplied);
        QVERIFY(f.findPool(w.pool)->closed);
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(0));
        QCOMPARE(f.balance("sponsor:nipa"), int64_t(-300'000)); // the granted part stays out
        QCOMPARE(movementsAt(f, approvalSeq),
            QStringList { QStringLiteral("pool:nipa-b200 -> sponsor:nipa 1700000") });
        QVERIFY(f.state().pending.empty());
        REJECT(w.pm, "pool.closed", bodies::closePool(w.pool), "pool_closed");
        // Nothing can be granted from it any more.
        f.standardApplication("app-2", w.startup2, 1000);
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.created",
            bodies::grant("g-2", "app-2", w.pool, { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay),
            "pool_closed");
        // The existing grant is untouched and can still be used.
        ACCEPT(w.pm, "usage.recorded",
            bodies::usage("g-1", "u-1", w.resource, 1000, f.clock.nowMs() - kHour, f.clock.nowMs()));
    }

    void poolClosingBelowThresholdIsImmediate()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.pool("small", w.sponsor2, w.programme, w.resource, 400'000, w.poolValidUntil, w.sponsorMember2);
        LF_STOP_IF_FAILED();
        QCOMPARE(f.balance("sponsor:kvc"), int64_t(-400'000));
        const int64_t seq = f.logSize();
        ACCEPT(w.sponsorMember2, "pool.closed", bodies::closePool("small"));
        QCOMPARE(f.balance("sponsor:kvc"), int64_t(0));
        QCOMPARE(f.balance("pool:small"), int64_t(0));
        QCOMPARE(movementsAt(f, seq), QStringList { QStringLiteral("pool:small -> sponsor:kvc 400000") });
        QVERIFY(f.findPool("small")->closed);
        QCOMPARE(f.findPool("small")->pledged, int64_t(400'000)); // the history of what was pledged stays
    }

    // ---- startups
    // ------------------------------------------------------------------------------------------

    void startupRegistration()
    {
        LedgerFixture f(audited());
        LF_STOP_IF_FAILED();
        REJECT(f.root, "startup.registered", bodies::startup("st-1", "220-81-62518"), "invalid_brn");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", "2208162518"), "invalid_brn");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", "220/81/62517"), "invalid_brn");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", "22081625"), "invalid_brn");
        // Longer than the 12 characters of the dashed form: the body is malformed before the number is read.
        REJECT(f.root, "startup.registered", bodies::startup("st-1", "220-81-625170"), "invalid_body");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", ""), "invalid_body");
        REJECT(f.root, "startup.registered", with(bodies::startup("st-1", kBrnA), "brn", Value(2208162517LL)),
            "invalid_body");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", kBrnA, "crypto"), "invalid_body");
        REJECT(f.root, "startup.registered", with(bodies::startup("st-1", kBrnA), "ceo", Value("x")),
            "invalid_body");

        ACCEPT(f.root, "startup.registered", bodies::startup("st-1", kBrnA, "robotics", "Hangang Robotics"));
        const Startup &s = f.state().startups.at("st-1");
        QCOMPARE(q(s.brn), QStringLiteral("2208162517")); // stored as ten digits
        QCOMPARE(q(s.name), QStringLiteral("Hangang Robotics"));
        QCOMPARE(q(s.sector), QStringLiteral("robotics"));
        QCOMPARE(q(f.state().startupByBrn.at("2208162517")), QStringLiteral("st-1"));
        // The same number, written without dashes, is the same company.
        REJECT(f.root, "startup.registered", bodies::startup("st-2", "2208162517"), "duplicate_brn");
        REJECT(f.root, "startup.registered", bodies::startup("st-2", kBrnA), "duplicate_brn");
        REJECT(f.root, "startup.registered", bodies::startup("st-1", kBrnB), "already_exists");
        ACCEPT(f.root, "startup.registered", bodies::startup("st-2", "1248100998"));
        QCOMPARE(f.state().startups.size(), size_t(2));
    }

    // ---- applications
    // ---------------------------------------------------------------------------------------

    void applicationSubmission()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const auto app = [&](std::string id, std::string startup) {
            return bodies::application(std::move(id), std::move(startup), w.programme, w.resource, 250'000);
        };
        f.clock.advance(kHour);
        REJECT(w.founder2, "application.submitted", app("app-2", w.startup), "not_authorised");
        REJECT(w.reviewer, "application.submitted", app("app-2", w.startup), "not_authorised");
        REJECT(w.sponsorMember, "application.submitted", app("app-2", w.startup), "not_authorised");
        REJECT(w.pm, "application.submitted", app("app-2", "st-9"), "unknown_object");
        REJECT(w.pm, "application.submitted",
            bodies::application("app-2", w.startup, "nope", w.resource, 250'000), "unknown_object");
        REJECT(w.founder, "application.submitted", app(w.application, w.startup), "already_exists");
        REJECT(w.founder, "application.submitted", with(app("app-2", w.startup), "amount", Value(0)),
            "invalid_body");
        REJECT(w.founder, "application.submitted", with(app("app-2", w.startup), "amount", Value(-250'000)),
            "invalid_body");
        REJECT(w.founder, "application.submitted", with(app("app-2", w.startup), "amount", Value(true)),
            "invalid_body");
        REJECT(w.founder, "application.submitted", without(app("app-2", w.startup), "title"), "invalid_body");
        REJECT(w.founder, "application.submitted",
            with(app("app-2", w.startup), "summary", Value(std::string(4001, 's'))), "invalid_body");
        json::Array badAttachments { obj({ { "name", "deck.pdf" }, { "sha256", std::string(64, 'G') } }) };
        REJECT(w.founder, "application.submitted",
            with(app("app-2", w.startup), "attachments", Value(badAttachments)), "invalid_body");
        json::Array shortHash { obj({ { "name", "deck.pdf" }, { "sha256", std::string(63, 'a') } }) };
        REJECT(w.founder, "application.submitted",
            with(app("app-2", w.startup), "attachments", Value(shortHash)), "invalid_body");
        json::Array extraField { obj(
            { { "name", "deck.pdf" }, { "sha256", std::string(64, 'a') }, { "size", 3 } }) };
        REJECT(w.founder, "application.submitted",
            with(app("app-2", w.startup), "attachments", Value(extraField)), "invalid_body");

        json::Array attachments { obj({ { "name", "deck.pdf" }, { "sha256", std::string(64, 'a') } }) };
        ACCEPT(w.founder, "application.submitted",
            with(with(app("app-2", w.startup), "attachments", Value(attachments)), "summary",
                Value("A speech model")));
        const Application *a = f.application("app-2");
        QVERIFY(a);
        QCOMPARE(a->stage, Stage::Submitted);
        QCOMPARE(q(a->startup), QStringLiteral("st-1"));
        QCOMPARE(q(a->programme), QStringLiteral("gpu-2026"));
        QCOMPARE(q(a->resource), QStringLiteral("naver-cloud/b200"));
        QCOMPARE(q(a->title), QStringLiteral("Training a Korean speech model"));
        QCOMPARE(a->requested, int64_t(250'000));
        QCOMPARE(a->submittedAt, kT0 + kHour);
        QVERIFY(a->reviewers.empty());
        QVERIFY(a->grant.empty());
        // A programme manager may submit on a startup's behalf.
        ACCEPT(w.pm, "application.submitted", app("app-3", w.startup2));
        // The largest amount the JSON layer carries is accepted; the next one never reaches the rules.
        ACCEPT(w.founder, "application.submitted",
            with(app("app-4", w.startup), "amount", Value(json::kMaxSafeInteger)));
        REJECT(w.founder, "application.submitted",
            with(app("app-5", w.startup), "amount", Value(json::kMaxSafeInteger + 1)), "invalid_json");
    }

    void callWindow()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.programme("later", 0, 1, kT0 + kDay, kT0 + 2 * kDay);
        LF_STOP_IF_FAILED();
        const auto app = [&](std::string id) {
            return bodies::application(std::move(id), w.startup, "later", w.resource, 1000);
        };
        f.clock.set(kT0 + kDay - 1);
        REJECT(w.founder, "application.submitted", app("a-early"), "call_closed");
        f.clock.set(kT0 + kDay);
        ACCEPT(w.founder, "application.submitted", app("a-open")); // opens_at is inclusive
        f.clock.set(kT0 + 2 * kDay);
        ACCEPT(w.founder, "application.submitted", app("a-last")); // so is closes_at
        f.clock.set(kT0 + 2 * kDay + 1);
        REJECT(w.founder, "application.submitted", app("a-late"), "call_closed");
    }

    void assignment()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.mustRecord(w.founder, "application.submitted",
            bodies::application("app-2", w.startup, w.programme, w.resource, 1000));
        const crypto::PrivateKey gone = f.enrol(Role::Reviewer, "reviewer-gone");
        f.mustRecord(f.root, "member.revoked", bodies::revoke(keyIdOf(gone)));
        LF_STOP_IF_FAILED();
        REJECT(w.founder, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }),
            "not_authorised");
        REJECT(w.reviewer, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }),
            "not_authorised");
        REJECT(
            w.pm, "application.assigned", bodies::assign("app-9", { keyIdOf(w.reviewer) }), "unknown_object");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", {}), "invalid_body");
        REJECT(w.pm, "application.assigned",
            with(bodies::assign("app-2", {}), "reviewers", Value(json::Array { Value(7) })), "invalid_body");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.pm2) }), "not_a_reviewer");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { std::string(32, 'e') }),
            "not_a_reviewer");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(gone) }), "not_a_reviewer");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer), keyIdOf(gone) }),
            "not_a_reviewer");
        REJECT(w.pm, "application.assigned",
            bodies::assign("app-2", { keyIdOf(w.reviewer), keyIdOf(w.reviewer) }), "already_assigned");

        ACCEPT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }));
        QCOMPARE(f.application("app-2")->stage, Stage::UnderReview);
        QCOMPARE(f.application("app-2")->reviewers, std::vector<std::string> { keyIdOf(w.reviewer) });
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }),
            "already_assigned");
        ACCEPT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer2) }));
        QCOMPARE(f.application("app-2")->reviewers,
            (std::vector<std::string> { keyIdOf(w.reviewer), keyIdOf(w.reviewer2) }));
        // After a decision, no more reviewers.
        const crypto::PrivateKey late = f.enrol(Role::Reviewer, "reviewer-late");
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "application.assigned", bodies::assign(w.application, { keyIdOf(late) }),
            "invalid_transition");
    }

    void reviewing()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const crypto::PrivateKey r3 = f.enrol(Role::Reviewer, "reviewer-three");
        f.mustRecord(w.founder, "application.submitted",
            bodies::application("app-2", w.startup, w.programme, w.resource, 1000));
        LF_STOP_IF_FAILED();
        const auto scores = [](int64_t team, int64_t market, int64_t tech) {
            return std::vector<std::pair<std::string, int64_t>> { { "team", team }, { "market", market },
                { "tech", tech } };
        };
        // Not yet assigned.
        REJECT(w.reviewer, "application.reviewed", bodies::review("app-2", scores(5, 5, 5)), "not_assigned");
        f.mustRecord(w.pm, "application.assigned",
            bodies::assign("app-2", { keyIdOf(w.reviewer), keyIdOf(w.reviewer2), keyIdOf(r3) }));
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "application.reviewed", bodies::review("app-2", scores(5, 5, 5)), "not_authorised");
        REJECT(w.founder, "application.reviewed", bodies::review("app-2", scores(5, 5, 5)), "not_authorised");
        REJECT(
            w.reviewer, "application.reviewed", bodies::review("app-9", scores(5, 5, 5)), "unknown_object");
        REJECT(w.reviewer, "application.reviewed", bodies::review("app-2", scores(11, 5, 5)), "invalid_body");
        REJECT(w.reviewer, "application.reviewed", bodies::review("app-2", scores(-1, 5, 5)), "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            bodies::review("app-2", { { "team", 5 }, { "market", 5 } }), "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            bodies::review("app-2", { { "team", 5 }, { "market", 5 }, { "tech", 5 }, { "vision", 5 } }),
            "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            bodies::review("app-2", { { "team", 5 }, { "market", 5 }, { "techh", 5 } }), "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            without(bodies::review("app-2", scores(5, 5, 5)), "scores"), "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            without(bodies::review("app-2", scores(5, 5, 5)), "conflict"), "invalid_body");
        REJECT(w.reviewer, "application.reviewed",
            with(bodies::review("app-2", scores(5, 5, 5)), "conflict", Value("no")), "invalid_body");
        // Declaring a conflict and scoring at once is refused.
        REJECT(w.reviewer2, "application.reviewed",
            with(bodies::review("app-2", scores(5, 5, 5)), "conflict", Value(true)), "conflict_of_interest");

        f.clock.advance(kHour);
        ACCEPT(w.reviewer, "application.reviewed",
            with(bodies::review("app-2", scores(10, 0, 20)), "comment", Value("solid")));
        const Application *a = f.application("app-2");
        QCOMPARE(a->reviews.size(), size_t(1));
        const Review &rv = a->reviews.front();
        QCOMPARE(q(rv.reviewer), q(keyIdOf(w.reviewer)));
        QVERIFY(!rv.conflict);
        QCOMPARE(q(rv.comment), QStringLiteral("solid"));
        QCOMPARE(rv.at, kT0 + kHour);
        // Scores are kept in rubric order.
        QCOMPARE(rv.scores,
            (std::vector<std::pair<std::string, int64_t>> {
                { "team", 10 }, { "market", 0 }, { "tech", 20 } }));
        QCOMPARE(a->stage, Stage::UnderReview);
        REJECT(
            w.reviewer, "application.reviewed", bodies::review("app-2", scores(1, 1, 1)), "already_reviewed");

        // A conflicted reviewer: the declaration is recorded, and it can never score later.
        ACCEPT(w.reviewer2, "application.reviewed", bodies::conflict("app-2"));
        QVERIFY(f.application("app-2")->reviews.back().conflict);
        QVERIFY(f.application("app-2")->reviews.back().scores.empty());
        REJECT(w.reviewer2, "application.reviewed", bodies::review("app-2", scores(5, 5, 5)),
            "conflict_of_interest");
        REJECT(w.reviewer2, "application.reviewed", bodies::conflict("app-2"), "conflict_of_interest");
        // An explicitly empty score object with a conflict is fine.
        ACCEPT(r3, "application.reviewed", with(bodies::conflict("app-2"), "scores", Value(json::Object {})));

        // No reviews after the decision.
        f.mustRecord(w.pm, "application.decided", bodies::decide("app-2", "rejected", "out of scope"));
        LF_STOP_IF_FAILED();
        REJECT(w.reviewer2, "application.reviewed", bodies::review(w.application, scores(5, 5, 5)),
            "invalid_transition");
    }

    void deciding()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const auto submit = [&](const std::string &id) {
            f.mustRecord(w.founder, "application.submitted",
                bodies::application(id, w.startup, w.programme, w.resource, 1000));
        };
        submit("app-2");
        LF_STOP_IF_FAILED();
        // Not under review yet.
        REJECT(w.pm, "application.decided", bodies::decide("app-2", "rejected"), "invalid_transition");
        f.mustRecord(w.pm, "application.assigned",
            bodies::assign("app-2", { keyIdOf(w.reviewer), keyIdOf(w.reviewer2) }));
        LF_STOP_IF_FAILED();
        REJECT(w.reviewer, "application.decided", bodies::decide("app-2"), "not_authorised");
        REJECT(w.founder, "application.decided", bodies::decide("app-2"), "not_authorised");
        REJECT(w.pm, "application.decided", bodies::decide("app-2", "maybe"), "invalid_body");
        REJECT(w.pm, "application.decided", without(bodies::decide("app-2"), "reason"), "invalid_body");
        REJECT(w.pm, "application.decided", bodies::decide("app-9"), "unknown_object");
        REJECT(w.pm, "application.decided", bodies::decide("app-2"), "no_reviews");
        // A conflict declaration is not a review.
        f.mustRecord(w.reviewer2, "application.reviewed", bodies::conflict("app-2"));
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "application.decided", bodies::decide("app-2"), "no_reviews");
        // Waitlisting needs no score; waitlisting twice is not a transition.
        f.clock.advance(kDay);
        ACCEPT(w.pm, "application.decided", bodies::decide("app-2", "waitlisted", "budget"));
        QCOMPARE(f.application("app-2")->stage, Stage::Waitlisted);
        QCOMPARE(q(f.application("app-2")->decisionReason), QStringLiteral("budget"));
        QCOMPARE(f.application("app-2")->decidedAt, kT0 + kDay);
        REJECT(w.pm, "application.decided", bodies::decide("app-2", "waitlisted"), "invalid_transition");
        // From the waitlist, approval still needs a scored review, and a waitlisted application takes no
        // more reviews (so this one can only be rejected or withdrawn).
        REJECT(w.pm, "application.decided", bodies::decide("app-2", "approved"), "no_reviews");
        REJECT(w.reviewer, "application.reviewed",
            bodies::review("app-2", { { "team", 5 }, { "market", 5 }, { "tech", 5 } }), "invalid_transition");
        ACCEPT(w.pm, "application.decided", bodies::decide("app-2", "rejected", "no score"));
        // Reviewed, waitlisted, then approved.
        submit("app-5");
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-5", { keyIdOf(w.reviewer) }));
        f.mustRecord(w.reviewer, "application.reviewed",
            bodies::review("app-5", { { "team", 5 }, { "market", 5 }, { "tech", 5 } }));
        f.mustRecord(w.pm, "application.decided", bodies::decide("app-5", "waitlisted", "budget"));
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        ACCEPT(w.pm, "application.decided", bodies::decide("app-5", "approved", "money freed up"));
        QCOMPARE(f.application("app-5")->stage, Stage::Approved);
        QCOMPARE(q(f.application("app-5")->decisionReason), QStringLiteral("money freed up"));
        QCOMPARE(f.application("app-5")->decidedAt, kT0 + 2 * kDay);
        // Decided twice.
        REJECT(w.pm, "application.decided", bodies::decide("app-5", "approved"), "invalid_transition");
        REJECT(w.pm, "application.decided", bodies::decide("app-5", "rejected"), "invalid_transition");
        REJECT(w.pm, "application.decided", bodies::decide("app-5", "waitlisted"), "invalid_transition");
        // Rejection needs no reviews but does need a review stage.
        submit("app-3");
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer) }));
        LF_STOP_IF_FAILED();
        ACCEPT(w.pm, "application.decided", bodies::decide("app-3", "rejected", "not an AI company"));
        QCOMPARE(f.application("app-3")->stage, Stage::Rejected);
        REJECT(w.pm, "application.decided", bodies::decide("app-3", "waitlisted"), "invalid_transition");
    }

    void withdrawal()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.mustRecord(w.founder2, "application.submitted",
            bodies::application("app-2", w.startup2, w.programme, w.resource, 1000));
        LF_STOP_IF_FAILED();
        REJECT(w.founder, "application.withdrawn", bodies::withdraw("app-2"), "not_authorised");
        REJECT(w.reviewer, "application.withdrawn", bodies::withdraw("app-2"), "not_authorised");
        REJECT(w.founder2, "application.withdrawn", bodies::withdraw("app-9"), "unknown_object");
        REJECT(w.founder2, "application.withdrawn", without(bodies::withdraw("app-2"), "reason"),
            "invalid_body");
        f.clock.advance(kHour);
        ACCEPT(w.founder2, "application.withdrawn", bodies::withdraw("app-2"));
        QCOMPARE(f.application("app-2")->stage, Stage::Withdrawn);
        QCOMPARE(q(f.application("app-2")->decisionReason), QStringLiteral("funded elsewhere"));
        QCOMPARE(f.application("app-2")->decidedAt, kT0 + kHour);
        REJECT(w.founder2, "application.withdrawn", bodies::withdraw("app-2"), "invalid_transition");
        REJECT(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }),
            "invalid_transition");

        // Approved but not granted: may still be withdrawn (by a programme manager too).
        f.standardApplication("app-3", w.startup2, 1000);
        LF_STOP_IF_FAILED();
        ACCEPT(w.pm, "application.withdrawn", bodies::withdraw("app-3", "duplicate"));
        REJECT(w.pm, "grant.created",
            bodies::grant("g-3", "app-3", w.pool, { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay),
            "not_approved");
        // Granted: no longer.
        f.standardGrant("g-1", w.application, { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay);
        LF_STOP_IF_FAILED();
        REJECT(w.founder, "application.withdrawn", bodies::withdraw(w.application), "invalid_transition");
        // Rejected: no longer.
        f.mustRecord(w.pm, "application.submitted",
            bodies::application("app-4", w.startup2, w.programme, w.resource, 1000));
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-4", { keyIdOf(w.reviewer) }));
        f.mustRecord(w.pm, "application.decided", bodies::decide("app-4", "rejected"));
        LF_STOP_IF_FAILED();
        REJECT(w.founder2, "application.withdrawn", bodies::withdraw("app-4"), "invalid_transition");
    }

    // ---- grants
    // --------------------------------------------------------------------------------------------

    void grantHappyPath()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t t1 = f.clock.nowMs();
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { 100'000, t1 }, { 200'000, t1 + 30 * kDay } },
                t1 + 180 * kDay));
        const Grant *g = f.grant("g-1");
        QVERIFY(g);
        QCOMPARE(g->status, GrantStatus::Active);
        QCOMPARE(g->amount, int64_t(300'000));
        QCOMPARE(g->available, int64_t(100'000));
        QCOMPARE(g->unreleased, int64_t(200'000));
        QCOMPARE(g->consumed, int64_t(0));
        QCOMPARE(g->createdAt, t1);
        QCOMPARE(g->expiresAt, t1 + 180 * kDay);
        QCOMPARE(q(g->startup), QStringLiteral("st-1"));
        QCOMPARE(q(g->pool), QStringLiteral("nipa-b200"));
        QCOMPARE(q(g->resource), QStringLiteral("naver-cloud/b200"));
        QCOMPARE(q(g->application), QStringLiteral("app-1"));
        QCOMPARE(g->tranches.size(), size_t(2));
        QVERIFY(g->tranches[0].released);
        QVERIFY(!g->tranches[1].released);
        QCOMPARE(q(f.application(w.application)->grant), QStringLiteral("g-1"));
        QCOMPARE(f.application(w.application)->stage, Stage::Approved);
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'700'000));
        QCOMPARE(f.balance("grant:g-1"), int64_t(300'000));
        QCOMPARE(f.balance("sponsor:nipa"), int64_t(-2'000'000));
        QCOMPARE(
            movementsAt(f, seq), QStringList { QStringLiteral("pool:nipa-b200 -> grant:g-1 300000 [g-1]") });
    }

    void grantRejections()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t now = f.clock.nowMs();
        const auto grant
            = [&](std::string id, std::string app, std::string pool, int64_t amount, int64_t expires) {
                  return bodies::grant(
                      std::move(id), std::move(app), std::move(pool), { { amount, now } }, expires);
              };
        const int64_t exp = now + 90 * kDay;
        REJECT(w.founder, "grant.created", grant("g-1", w.application, w.pool, 1000, exp), "not_authorised");
        REJECT(w.reviewer, "grant.created", grant("g-1", w.application, w.pool, 1000, exp), "not_authorised");
        REJECT(w.sponsorMember, "grant.created", grant("g-1", w.application, w.pool, 1000, exp),
            "not_authorised");
        REJECT(w.pm, "grant.created", grant("g-1", "app-9", w.pool, 1000, exp), "unknown_object");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, "pool-9", 1000, exp), "unknown_object");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 1000, now), "expired");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 1000, now - 1), "expired");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 1000, w.poolValidUntil + 1),
            "beyond_pool_validity");
        REJECT(w.pm, "grant.created", bodies::grant("g-1", w.application, w.pool, {}, exp), "invalid_body");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 0, exp), "invalid_body");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, -1000, exp), "invalid_body");
        REJECT(w.pm, "grant.created",
            bodies::grant("g-1", w.application, w.pool, { { 100, now + kDay }, { 100, now } }, exp),
            "invalid_body");
        REJECT(w.pm, "grant.created", bodies::grant("g-1", w.application, w.pool, { { 100, exp } }, exp),
            "invalid_body");
        REJECT(w.pm, "grant.created",
            with(grant("g-1", w.application, w.pool, 1000, exp), "tranches",
                Value(json::Array { obj({ { "amount", 5 }, { "release_at", now }, { "note", "x" } }) })),
            "invalid_body");
        REJECT(w.pm, "grant.created",
            with(grant("g-1", w.application, w.pool, 1000, exp), "tranches",
                Value(json::Array { obj({ { "amount", 5 }, { "release_at", "soon" } }) })),
            "invalid_body");
        REJECT(w.pm, "grant.created",
            with(grant("g-1", w.application, w.pool, 1000, exp), "amount", Value(1000)), "invalid_body");
        json::Array many;
        for (int i = 0; i < 25; ++i)
            many.push_back(obj({ { "amount", 1 }, { "release_at", now } }));
        REJECT(w.pm, "grant.created",
            with(grant("g-1", w.application, w.pool, 1000, exp), "tranches", Value(many)), "invalid_body");
        // More than the pool holds (an approved grant of 2,000,001 would need approvals first, but the
        // balance is checked before deferring).
        REJECT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 2'000'001, exp),
            "insufficient_balance");

        // Not approved: submitted, under review, rejected.
        f.mustRecord(w.founder2, "application.submitted",
            bodies::application("app-2", w.startup2, w.programme, w.resource, 1000));
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.created", grant("g-2", "app-2", w.pool, 1000, exp), "not_approved");
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-2", { keyIdOf(w.reviewer) }));
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.created", grant("g-2", "app-2", w.pool, 1000, exp), "not_approved");

        // A pool of another programme; a pool of this programme but another resource.
        f.programme("p-other", 0, 1, now, now + kDay);
        f.pool("other-prog-pool", w.sponsor, "p-other", w.resource, 5000, w.poolValidUntil);
        f.pool("h100", w.sponsor, w.programme, "kt-cloud/h100", 5000, w.poolValidUntil);
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.created", grant("g-1", w.application, "other-prog-pool", 1000, exp),
            "pool_mismatch");
        REJECT(w.pm, "grant.created", grant("g-1", w.application, "h100", 1000, exp), "resource_mismatch");

        ACCEPT(w.pm, "grant.created", grant("g-1", w.application, w.pool, 1000, exp));
        REJECT(w.pm, "grant.created", grant("g-9", w.application, w.pool, 1000, exp), "already_granted");
        f.standardApplication("app-3", w.startup2, 1000);
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.created", grant("g-1", "app-3", w.pool, 1000, exp), "already_exists");
        // The pool's balance is the limit, not its pledge: 1,999,000 left.
        REJECT(w.pm, "grant.created", grant("g-3", "app-3", w.pool, 1'999'001, exp), "insufficient_balance");
    }

    void grantAboveThresholdNeedsTwoKeys()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t t1 = f.clock.nowMs();
        const Receipt proposal = f.record(w.pm, "grant.created",
            bodies::grant("g-big", w.application, w.pool, { { 600'000, t1 }, { 400'000, t1 + 2 * kDay } },
                t1 + 90 * kDay));
        QVERIFY2(proposal.accepted, qPrintable(proposal.rejection.toString()));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        // Pending: no money moves, the grant exists as pending and blocks a second grant for the application.
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(2'000'000));
        QCOMPARE(f.balance("grant:g-big"), int64_t(0));
        QCOMPARE(movementsAt(f, proposal.seq), QStringList());
        const Grant *g = f.grant("g-big");
        QVERIFY(g);
        QCOMPARE(g->status, GrantStatus::PendingApproval);
        QCOMPARE(g->amount, int64_t(1'000'000));
        QCOMPARE(g->available, int64_t(0));
        QCOMPARE(g->unreleased, int64_t(0));
        const std::string target = hex(proposal.entryId);
        QCOMPARE(f.state().pending.size(), size_t(1));
        const PendingAction &pa = f.state().pending.at(target);
        QCOMPARE(q(pa.type), QStringLiteral("grant.created"));
        QCOMPARE(pa.approvers, std::vector<std::string> { keyIdOf(w.pm) });
        QCOMPARE(pa.required, int64_t(2));
        QCOMPARE(pa.createdAt, t1);
        REJECT(w.pm, "grant.created",
            bodies::grant("g-2", w.application, w.pool, { { 1000, t1 } }, t1 + kDay), "already_granted");
        REJECT(w.pm, "usage.recorded", bodies::usage("g-big", "u-1", w.resource, 1, t1 - kHour, t1),
            "pending_approval");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-big", 1), "pending_approval");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-big", 0), "pending_approval");
        REJECT(w.pm, "credits.expired", bodies::expire("g-big"), "pending_approval");

        // The proposer's key counts once, however often it signs.
        REJECT(w.pm, "approval", bodies::approval(proposal.entryId), "already_approved");
        REJECT(w.pm, "approval", bodies::approval(proposal.entryId), "already_approved");
        REJECT(w.reviewer, "approval", bodies::approval(proposal.entryId), "not_authorised");
        REJECT(w.founder, "approval", bodies::approval(proposal.entryId), "not_authorised");
        REJECT(w.auditor, "approval", bodies::approval(proposal.entryId), "not_authorised");
        REJECT(w.pm2, "approval", bodies::approval(QByteArray(32, '\x42')), "unknown_object");
        REJECT(w.pm2, "approval", obj({ { "target", std::string(65, 'a') } }), "invalid_body");
        REJECT(w.pm2, "approval", obj({ { "target", hex(proposal.entryId) }, { "note", "ok" } }),
            "invalid_body");

        // The second distinct key: the grant takes effect at this position, with the tranches released by
        // then.
        f.clock.advance(3 * kDay);
        const Receipt approval = f.record(w.pm2, "approval", bodies::approval(proposal.entryId));
        QVERIFY2(approval.accepted, qPrintable(approval.rejection.toString()));
        QCOMPARE(int(approval.outcome), int(Outcome::ApprovedAndApplied));
        QCOMPARE(movementsAt(f, approval.seq),
            QStringList { QStringLiteral("pool:nipa-b200 -> grant:g-big 1000000 [g-big]") });
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'000'000));
        QCOMPARE(f.balance("grant:g-big"), int64_t(1'000'000));
        g = f.grant("g-big");
        QCOMPARE(g->status, GrantStatus::Active);
        QCOMPARE(g->available, int64_t(1'000'000));
        QCOMPARE(g->unreleased, int64_t(0));
        QCOMPARE(g->createdAt, t1); // when it was proposed
        QVERIFY(f.state().pending.empty());
        // The approval is spent: approving again finds nothing waiting.
        REJECT(w.pm3, "approval", bodies::approval(proposal.entryId), "unknown_object");
    }

    void threeOfNApprovals()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.programme("p3", 100, 3, f.clock.nowMs(), f.clock.nowMs() + kDay);
        LF_STOP_IF_FAILED();
        const Receipt proposal = f.record(w.pm, "pool.pledged",
            bodies::pledge("p3-pool", w.sponsor, "p3", w.resource, 101, w.poolValidUntil));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        QVERIFY(!f.state().pools.count("p3-pool"));
        ACCEPT(w.pm2, "approval", bodies::approval(proposal.entryId));
        QCOMPARE(f.state().pending.at(hex(proposal.entryId)).approvers,
            (std::vector<std::string> { keyIdOf(w.pm), keyIdOf(w.pm2) }));
        QVERIFY(!f.state().pools.count("p3-pool"));
        QCOMPARE(f.balance("pool:p3-pool"), int64_t(0));
        REJECT(w.pm2, "approval", bodies::approval(proposal.entryId), "already_approved");
        REJECT(w.pm, "approval", bodies::approval(proposal.entryId), "already_approved");
        // An admin counts as one of the n.
        ACCEPT_AS(f.root, "approval", bodies::approval(proposal.entryId), Outcome::ApprovedAndApplied);
        QCOMPARE(f.balance("pool:p3-pool"), int64_t(101));
        QCOMPARE(f.findPool("p3-pool")->pledged, int64_t(101));
        QVERIFY(f.state().pending.empty());
        // At the threshold exactly, no approval is needed.
        ACCEPT(w.pm, "pool.pledged",
            bodies::pledge("p3-pool", w.sponsor, "p3", w.resource, 100, w.poolValidUntil));
    }

    void approvalThatNoLongerFits()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t t1 = f.clock.nowMs();
        const Receipt proposal = f.record(w.pm, "grant.created",
            bodies::grant("g-big", w.application, w.pool, { { 1'500'000, t1 } }, t1 + 90 * kDay));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        // Meanwhile two smaller grants drain the pool to 1,200,000.
        f.standardApplication("app-2", w.startup2, 400'000);
        f.standardApplication("app-3", w.startup2, 400'000);
        f.standardGrant("g-2", "app-2", { { 400'000, t1 } }, t1 + 90 * kDay);
        f.standardGrant("g-3", "app-3", { { 400'000, t1 } }, t1 + 90 * kDay);
        LF_STOP_IF_FAILED();
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'200'000));
        // The last approval would execute the grant, which no longer fits: rejected, and the pending action
        // stays exactly as it was (audited: nothing changed).
        REJECT(w.pm2, "approval", bodies::approval(proposal.entryId), "insufficient_balance");
        QCOMPARE(f.state().pending.at(hex(proposal.entryId)).approvers,
            std::vector<std::string> { keyIdOf(w.pm) });
        QCOMPARE(f.grant("g-big")->status, GrantStatus::PendingApproval);
        // Once the pool is topped up the same approval goes through.
        f.pool(w.pool, w.sponsor, w.programme, w.resource, 300'000, w.poolValidUntil, w.sponsorMember);
        LF_STOP_IF_FAILED();
        ACCEPT_AS(w.pm2, "approval", bodies::approval(proposal.entryId), Outcome::ApprovedAndApplied);
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(0));
        QCOMPARE(f.balance("grant:g-big"), int64_t(1'500'000));
        QCOMPARE(f.grant("g-big")->status, GrantStatus::Active);
    }

    void approvalOfAClosedPoolsGrant()
    {
        // A pending grant whose pool closes before the last approval is refused with pool_closed.
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        const Receipt proposal = f.record(w.pm, "grant.created",
            bodies::grant("g-big", w.application, w.pool, { { 600'000, now } }, now + kDay));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        const Receipt closing = f.mustRecord(
            w.sponsorMember, "pool.closed", bodies::closePool(w.pool), Outcome::PendingApproval);
        f.approve(closing.entryId, { w.pm });
        LF_STOP_IF_FAILED();
        REJECT(w.pm2, "approval", bodies::approval(proposal.entryId), "pool_closed");
        QCOMPARE(f.state().pending.size(), size_t(1));
    }

    void trancheRelease()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t t1 = f.clock.nowMs() + kDay;
        f.clock.set(t1);
        f.standardGrant("g-1", w.application,
            { { 100'000, t1 }, { 150'000, t1 + 30 * kDay }, { 50'000, t1 + 60 * kDay } }, t1 + 90 * kDay);
        LF_STOP_IF_FAILED();
        REJECT(w.founder, "grant.tranche_released", bodies::release("g-1", 1), "not_authorised");
        REJECT(w.reviewer, "grant.tranche_released", bodies::release("g-1", 1), "not_authorised");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-9", 1), "unknown_object");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 3), "unknown_object");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 24), "invalid_body");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", -1), "invalid_body");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 0), "already_released");
        f.clock.set(t1 + 30 * kDay - 1);
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 1), "not_yet");
        f.clock.set(t1 + 30 * kDay);
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "grant.tranche_released", bodies::release("g-1", 1));
        const Grant *g = f.grant("g-1");
        QCOMPARE(g->available, int64_t(250'000));
        QCOMPARE(g->unreleased, int64_t(50'000));
        QVERIFY(g->tranches[1].released);
        QCOMPARE(f.balance("grant:g-1"), int64_t(300'000)); // a release moves nothing between accounts
        QCOMPARE(movementsAt(f, seq), QStringList());
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 1), "already_released");
        // A tranche that was never released before the expiry cannot be released after it.
        f.clock.set(t1 + 90 * kDay);
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 2), "expired");
    }

    void usage()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.standardApplication("app-2", w.startup2, 1000); // while the call is open
        const int64_t t1 = f.clock.nowMs() + kDay;
        f.clock.set(t1);
        f.standardGrant(
            "g-1", w.application, { { 100'000, t1 }, { 200'000, t1 + 30 * kDay } }, t1 + 90 * kDay);
        LF_STOP_IF_FAILED();
        f.clock.set(t1 + 10 * kDay);
        const int64_t now = f.clock.nowMs();
        const auto use = [&](std::string id, int64_t amount, int64_t start, int64_t end) {
            return bodies::usage("g-1", std::move(id), w.resource, amount, start, end);
        };
        REJECT(w.founder, "usage.recorded", use("u-1", 1000, t1, now), "not_authorised");
        REJECT(w.sponsorMember, "usage.recorded", use("u-1", 1000, t1, now), "not_authorised");
        REJECT(w.reviewer, "usage.recorded", use("u-1", 1000, t1, now), "not_authorised");
        REJECT(w.auditor, "usage.recorded", use("u-1", 1000, t1, now), "not_authorised");
        REJECT(
            w.pm, "usage.recorded", bodies::usage("g-9", "u-1", w.resource, 1000, t1, now), "unknown_object");
        REJECT(w.pm, "usage.recorded", use("u-1", 1000, now, now - 1), "invalid_body");
        REJECT(w.pm, "usage.recorded", use("u-1", 0, t1, now), "invalid_body");
        REJECT(w.pm, "usage.recorded", use("", 1000, t1, now), "invalid_body");
        REJECT(w.pm, "usage.recorded", use(std::string(129, 'u'), 1000, t1, now), "invalid_body");
        REJECT(w.pm, "usage.recorded", use("u-1", 1000, t1, now + 1), "not_yet");
        REJECT(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", "kt-cloud/h100", 1000, t1, now),
            "resource_mismatch");
        // Only released credit can be used: 100,000 of 300,000.
        REJECT(w.pm, "usage.recorded", use("u-1", 100'001, t1, now), "insufficient_balance");
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "usage.recorded", use("u-1", 60'000, t1, now - kDay));
        const Grant *g = f.grant("g-1");
        QCOMPARE(g->available, int64_t(40'000));
        QCOMPARE(g->unreleased, int64_t(200'000));
        QCOMPARE(g->consumed, int64_t(60'000));
        QCOMPARE(g->lastUsageAt, now - kDay);
        QCOMPARE(f.balance("grant:g-1"), int64_t(240'000));
        QCOMPARE(f.balance("consumed"), int64_t(60'000));
        QCOMPARE(movementsAt(f, seq), QStringList { QStringLiteral("grant:g-1 -> consumed 60000 [g-1]") });
        // The same usage record imported twice is refused, whatever its amount.
        REJECT(w.pm, "usage.recorded", use("u-1", 60'000, t1, now - kDay), "duplicate_usage");
        REJECT(w.pm2, "usage.recorded", use("u-1", 1, t1, now), "duplicate_usage");
        // The unreleased tranche cannot be used.
        REJECT(w.pm, "usage.recorded", use("u-2", 40'001, t1, now), "insufficient_balance");
        ACCEPT(w.pm, "usage.recorded", use("u-2", 40'000, t1, now));
        QCOMPARE(f.grant("g-1")->available, int64_t(0));
        QCOMPARE(f.grant("g-1")->lastUsageAt, now); // the latest period end
        // Usage of an older period after a newer one keeps the latest end.
        f.clock.set(t1 + 30 * kDay);
        f.mustRecord(w.pm, "grant.tranche_released", bodies::release("g-1", 1));
        LF_STOP_IF_FAILED();
        ACCEPT(w.pm, "usage.recorded", use("u-3", 1000, t1, t1 + kDay));
        QCOMPARE(f.grant("g-1")->lastUsageAt, now);
        // Up to the expiry instant credit can be used, not a millisecond beyond it.
        f.clock.set(t1 + 91 * kDay);
        REJECT(w.pm, "usage.recorded", use("u-5", 1000, t1 + 90 * kDay, t1 + 90 * kDay + 1), "expired");
        ACCEPT(w.pm, "usage.recorded", use("u-4", 1000, t1 + 89 * kDay, t1 + 90 * kDay));
        QCOMPARE(f.grant("g-1")->consumed, int64_t(102'000));
        QCOMPARE(f.grant("g-1")->available, int64_t(198'000));
        // Import idempotency survives a restart (the usage keys are read from disk).
        QVERIFY(f.reopen());
        REJECT(w.pm, "usage.recorded", use("u-1", 60'000, t1, now - kDay), "duplicate_usage");
        REJECT(w.pm, "usage.recorded", use("u-4", 1000, t1 + 89 * kDay, t1 + 90 * kDay), "duplicate_usage");
        // The same usage id on another grant is another record.
        f.standardGrant("g-2", "app-2", { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay);
        LF_STOP_IF_FAILED();
        ACCEPT(w.pm, "usage.recorded", bodies::usage("g-2", "u-1", w.resource, 1000, t1, f.clock.nowMs()));
    }

    void creditsExpiry()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        f.standardApplication("app-2", w.startup2, 1000);
        const int64_t t1 = f.clock.nowMs() + kDay;
        f.clock.set(t1);
        f.standardGrant(
            "g-1", w.application, { { 100'000, t1 }, { 200'000, t1 + 30 * kDay } }, t1 + 90 * kDay);
        f.clock.set(t1 + 10 * kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 40'000, t1, t1 + kDay));
        LF_STOP_IF_FAILED();
        REJECT(w.founder, "credits.expired", bodies::expire("g-1"), "not_authorised");
        REJECT(w.pm, "credits.expired", bodies::expire("g-9"), "unknown_object");
        REJECT(w.pm, "credits.expired", with(bodies::expire("g-1"), "amount", Value(5)), "invalid_body");
        f.clock.set(t1 + 90 * kDay - 1);
        REJECT(w.pm, "credits.expired", bodies::expire("g-1"), "not_yet");
        f.clock.set(t1 + 90 * kDay);
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "credits.expired", bodies::expire("g-1"));
        const Grant *g = f.grant("g-1");
        QCOMPARE(g->status, GrantStatus::Expired);
        QCOMPARE(g->expired, int64_t(260'000)); // the unreleased tranche and the unused released credit
        QCOMPARE(g->consumed, int64_t(40'000));
        QCOMPARE(g->available, int64_t(0));
        QCOMPARE(g->unreleased, int64_t(0));
        QCOMPARE(f.balance("grant:g-1"), int64_t(0));
        QCOMPARE(f.balance("expired"), int64_t(260'000));
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'700'000)); // expired credit does not go back
        QCOMPARE(movementsAt(f, seq), QStringList { QStringLiteral("grant:g-1 -> expired 260000 [g-1]") });
        REJECT(w.pm, "credits.expired", bodies::expire("g-1"), "expired");
        REJECT(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 1, t1, t1 + kDay), "expired");
        REJECT(w.pm, "grant.tranche_released", bodies::release("g-1", 1), "expired");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 0), "expired");

        // A grant used up entirely expires without a movement.
        f.standardGrant("g-2", "app-2", { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay);
        f.mustRecord(w.pm, "usage.recorded",
            bodies::usage("g-2", "u-1", w.resource, 1000, f.clock.nowMs(), f.clock.nowMs()));
        LF_STOP_IF_FAILED();
        f.clock.advance(kDay);
        const int64_t seq2 = f.logSize();
        ACCEPT(w.pm2, "credits.expired", bodies::expire("g-2"));
        QCOMPARE(f.grant("g-2")->status, GrantStatus::Expired);
        QCOMPARE(f.grant("g-2")->expired, int64_t(0));
        QCOMPARE(movementsAt(f, seq2), QStringList());
        QCOMPARE(f.balance("expired"), int64_t(260'000));
    }

    void clawbackPartialAndFull()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t t1 = f.clock.nowMs() + kDay;
        f.clock.set(t1);
        f.standardGrant(
            "g-1", w.application, { { 100'000, t1 }, { 200'000, t1 + 30 * kDay } }, t1 + 90 * kDay);
        f.clock.set(t1 + kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 30'000, t1, t1 + kDay));
        LF_STOP_IF_FAILED();
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'700'000));
        REJECT(w.founder, "grant.clawed_back", bodies::clawback("g-1", 1000), "not_authorised");
        REJECT(w.reviewer, "grant.clawed_back", bodies::clawback("g-1", 1000), "not_authorised");
        REJECT(w.sponsorMember, "grant.clawed_back", bodies::clawback("g-1", 1000), "not_authorised");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-9", 1000), "unknown_object");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 1000, "fraud"), "invalid_body");
        REJECT(w.pm, "grant.clawed_back", without(bodies::clawback("g-1", 1000), "reason"), "invalid_body");
        REJECT(
            w.pm, "grant.clawed_back", with(bodies::clawback("g-1", 0), "amount", Value(0)), "invalid_body");
        REJECT(
            w.pm, "grant.clawed_back", with(bodies::clawback("g-1", 0), "amount", Value(-5)), "invalid_body");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 270'001), "insufficient_balance");

        // Partial: taken from the unreleased tranche first, then from released credit.
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 250'000, "terms_breach", "shared credits"));
        const Grant *g = f.grant("g-1");
        QCOMPARE(g->status, GrantStatus::Active);
        QCOMPARE(g->clawedBack, int64_t(250'000));
        QCOMPARE(g->unreleased, int64_t(0));
        QCOMPARE(g->available, int64_t(20'000));
        QCOMPARE(f.balance("grant:g-1"), int64_t(20'000));
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'950'000));
        QCOMPARE(
            movementsAt(f, seq), QStringList { QStringLiteral("grant:g-1 -> pool:nipa-b200 250000 [g-1]") });
        // Releasing the emptied tranche releases nothing.
        f.clock.set(t1 + 30 * kDay);
        ACCEPT(w.pm, "grant.tranche_released", bodies::release("g-1", 1));
        QCOMPARE(f.grant("g-1")->available, int64_t(20'000));
        REJECT(w.pm, "usage.recorded", bodies::usage("g-1", "u-2", w.resource, 20'001, t1, t1 + 2 * kDay),
            "insufficient_balance");
        // Full (no amount): the rest, and the grant is closed.
        const int64_t seq2 = f.logSize();
        ACCEPT(w.pm2, "grant.clawed_back", bodies::clawback("g-1", 0));
        g = f.grant("g-1");
        QCOMPARE(g->status, GrantStatus::ClawedBack);
        QCOMPARE(g->clawedBack, int64_t(270'000));
        QCOMPARE(g->consumed, int64_t(30'000));
        QCOMPARE(g->available, int64_t(0));
        QCOMPARE(f.balance("grant:g-1"), int64_t(0));
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'970'000));
        QCOMPARE(
            movementsAt(f, seq2), QStringList { QStringLiteral("grant:g-1 -> pool:nipa-b200 20000 [g-1]") });
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 0), "clawed_back");
        REJECT(w.pm, "usage.recorded", bodies::usage("g-1", "u-3", w.resource, 1, t1, t1 + 2 * kDay),
            "clawed_back");
        REJECT(w.pm, "credits.expired", bodies::expire("g-1"), "clawed_back");
        // The clawed-back credit can be granted again.
        f.standardApplication("app-2", w.startup2, 1000);
        LF_STOP_IF_FAILED();
        ACCEPT(w.pm, "grant.created",
            bodies::grant("g-2", "app-2", w.pool, { { 1000, f.clock.nowMs() } }, f.clock.nowMs() + kDay));
    }

    void clawbackOfNothing()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 1000, now } }, now + kDay);
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 1000, now, now));
        LF_STOP_IF_FAILED();
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 0), "insufficient_balance");
        REJECT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 1), "insufficient_balance");
        QCOMPARE(f.grant("g-1")->status, GrantStatus::Active);
    }

    void clawbackAboveThresholdNeedsApproval()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardApplication("app-2", w.startup2, 600'000);
        f.standardGrant("g-2", "app-2", { { 600'000, now } }, now + 30 * kDay);
        LF_STOP_IF_FAILED();
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'400'000));
        const Receipt proposal
            = f.record(w.pm, "grant.clawed_back", bodies::clawback("g-2", 0, "company_dissolved", "closed"));
        QCOMPARE(int(proposal.outcome), int(Outcome::PendingApproval));
        QCOMPARE(movementsAt(f, proposal.seq), QStringList());
        QCOMPARE(f.grant("g-2")->status, GrantStatus::Active);
        QCOMPARE(f.balance("grant:g-2"), int64_t(600'000));
        // The startup uses some credit meanwhile: the clawback of "everything" takes what is left then.
        f.mustRecord(w.pm, "usage.recorded", bodies::usage("g-2", "u-1", w.resource, 100'000, now, now));
        LF_STOP_IF_FAILED();
        const Receipt approval = f.record(w.pm3, "approval", bodies::approval(proposal.entryId));
        QVERIFY2(approval.accepted, qPrintable(approval.rejection.toString()));
        QCOMPARE(int(approval.outcome), int(Outcome::ApprovedAndApplied));
        QCOMPARE(movementsAt(f, approval.seq),
            QStringList { QStringLiteral("grant:g-2 -> pool:nipa-b200 500000 [g-2]") });
        QCOMPARE(f.grant("g-2")->status, GrantStatus::ClawedBack);
        QCOMPARE(f.grant("g-2")->clawedBack, int64_t(500'000));
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(1'900'000));
    }

    void clawbackAfterPoolClosedGoesToSponsor()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 300'000, now } }, now + 30 * kDay);
        const Receipt closing = f.mustRecord(
            w.sponsorMember, "pool.closed", bodies::closePool(w.pool), Outcome::PendingApproval);
        f.approve(closing.entryId, { w.pm });
        LF_STOP_IF_FAILED();
        QCOMPARE(f.balance("sponsor:nipa"), int64_t(-300'000));
        const int64_t seq = f.logSize();
        ACCEPT(w.pm, "grant.clawed_back", bodies::clawback("g-1", 100'000));
        QCOMPARE(
            movementsAt(f, seq), QStringList { QStringLiteral("grant:g-1 -> sponsor:nipa 100000 [g-1]") });
        QCOMPARE(f.balance("sponsor:nipa"), int64_t(-200'000));
        QCOMPARE(f.balance("pool:nipa-b200"), int64_t(0));
        QCOMPARE(f.balance("grant:g-1"), int64_t(200'000));
        QCOMPARE(f.grant("g-1")->status, GrantStatus::Active);
    }

    // ---- authorisation across every role boundary ---------------------------------------------------------

    void wrongSideOfRoleBoundary_data()
    {
        QTest::addColumn<int>("row");
        for (size_t i = 0; i < boundaryRows().size(); ++i)
            QTest::newRow(boundaryRows()[i].name) << int(i);
    }
    void wrongSideOfRoleBoundary()
    {
        QFETCH(int, row);
        const BoundaryRow &b = boundaryRows()[size_t(row)];
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        prepareBoundaryWorld(f);
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        const Value body = b.body(w, now);
        REJECT(b.wrong(w), b.type, body, "not_authorised");
        // The very same body is fine from the right side: the rejection was about the role.
        if (b.right) {
            const Receipt r = f.record(b.right(w, f), b.type, body);
            QVERIFY2(r.accepted, qPrintable(r.rejection.toString()));
        }
    }

    void auditorCanRecordNothing()
    {
        LedgerFixture f(audited());
        const World &w = f.buildStandard();
        LF_STOP_IF_FAILED();
        prepareBoundaryWorld(f);
        LF_STOP_IF_FAILED();
        const int64_t now = f.clock.nowMs();
        const std::vector<std::pair<std::string, Value>> attempts = {
            { "alliance.genesis", bodies::genesis(f.root) },
            { "member.enrolled", bodies::enrol(testKey("n"), Role::Reviewer, "n") },
            { "member.revoked", bodies::revoke(keyIdOf(w.reviewer2)) },
            { "registry.appointed", bodies::appointRegistry(testKey("registry")) },
            { "programme.created", bodies::programme("p-9", now, now + kDay, 0, 1) },
            { "sponsor.registered", bodies::sponsor("s-9") },
            { "pool.pledged",
                bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, 1, w.poolValidUntil) },
            { "pool.closed", bodies::closePool(w.pool) },
            { "startup.registered", bodies::startup("st-9", kBrnC) },
            { "application.submitted", bodies::application("app-9", w.startup, w.programme, w.resource, 1) },
            { "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer2) }) },
            { "application.reviewed",
                bodies::review("app-3", { { "team", 1 }, { "market", 1 }, { "tech", 1 } }) },
            { "application.decided", bodies::decide("app-3", "rejected") },
            { "application.withdrawn", bodies::withdraw("app-2") },
            { "grant.created", bodies::grant("g-2", "app-2", w.pool, { { 1000, now } }, now + kDay) },
            { "grant.tranche_released", bodies::release("g-1", 0) },
            { "usage.recorded", bodies::usage("g-1", "u-1", w.resource, 1, now, now) },
            { "credits.expired", bodies::expire("g-1") },
            { "grant.clawed_back", bodies::clawback("g-1", 1) },
            { "approval", bodies::approval(QByteArray(32, 'x')) },
            { "pending.cancelled",
                [] {
                    json::Value v;
                    v.set("target", std::string(64, 'a'));
                    v.set("reason", "no longer needed");
                    return v;
                }() },
        };
        std::set<std::string> covered;
        for (const auto &[type, body] : attempts) {
            const Receipt r = f.record(w.auditor, type, body);
            QVERIFY2(!r.accepted, type.c_str());
            // The genesis check comes before any author check.
            const QString expected = type == "alliance.genesis" ? QStringLiteral("already_exists")
                                                                : QStringLiteral("not_authorised");
            QCOMPARE(r.rejection.code, expected);
            LF_STOP_IF_FAILED();
            covered.insert(type);
        }
        // Every type the engine knows was tried: a new type must be added here.
        const auto &known = Rules::entryTypes();
        QCOMPARE(std::vector<std::string>(covered.begin(), covered.end()), known);
    }

    // ---- decoding limits
    // ------------------------------------------------------------------------------------

    void amountsBeyondTheJsonLimitFailAtDecode()
    {
        const std::string author(32, 'a');
        const std::string nonce(32, 'b');
        const auto entryText = [&](const std::string &amount) {
            return QByteArray::fromStdString(R"({"author":")" + author + R"(","body":{"amount":)" + amount
                + R"(},"created_at":1,"nonce":")" + nonce + R"(","type":"usage.recorded"})");
        };
        auto ok = decodeEntry(entryText("9007199254740991"));
        QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().toString()));
        QCOMPARE(ok->body.find("amount")->toInt(), int64_t(9007199254740991));
        for (const char *bad :
            { "9007199254740992", "-9007199254740992", "18446744073709551616", "1e3", "1.5", "-0", "01" }) {
            auto r = decodeEntry(entryText(bad));
            QVERIFY2(!r.ok(), bad);
            QCOMPARE(r.error().code, QStringLiteral("invalid_json"));
        }
        // -9007199254740991 decodes; the rules then refuse a negative amount.
        QVERIFY(decodeEntry(entryText("-9007199254740991")).ok());
    }

private:
    struct BoundaryRow
    {
        const char *name;
        std::function<crypto::PrivateKey(const World &)> wrong;
        const char *type;
        std::function<Value(const World &, int64_t now)> body;
        std::function<crypto::PrivateKey(const World &, LedgerFixture &)> right; // may be empty
    };

    // On top of the standard world: g-1 (200,000, released) for app-1; app-2 of st-2 approved without a
    // grant; app-3 of st-1 under review by `reviewer`. The clock is one day and one hour on.
    static void prepareBoundaryWorld(LedgerFixture &f)
    {
        const World &w = f.world();
        f.clock.advance(kDay);
        const int64_t now = f.clock.nowMs();
        f.standardGrant("g-1", w.application, { { 200'000, now } }, now + 90 * kDay);
        f.standardApplication("app-2", w.startup2, 100'000);
        f.mustRecord(w.pm, "application.submitted",
            bodies::application("app-3", w.startup, w.programme, w.resource, 1000));
        f.mustRecord(w.pm, "application.assigned", bodies::assign("app-3", { keyIdOf(w.reviewer) }));
        f.clock.advance(kHour);
    }

    static const std::vector<BoundaryRow> &boundaryRows()
    {
        static const auto pm = [](const World &w, LedgerFixture &) { return w.pm; };
        static const auto root = [](const World &, LedgerFixture &f) { return f.root; };
        static const auto founder = [](const World &w) { return w.founder; };
        static const auto reviewer = [](const World &w) { return w.reviewer; };
        static const auto sponsor2 = [](const World &w) { return w.sponsorMember2; };
        static const auto sponsor1 = [](const World &w) { return w.sponsorMember; };
        static const auto pmKey = [](const World &w) { return w.pm; };
        static const auto grantApp2 = [](const World &w, int64_t now) {
            return bodies::grant("g-2", "app-2", w.pool, { { 100'000, now } }, now + 30 * kDay);
        };
        static const auto useG1 = [](const World &w, int64_t now) {
            return bodies::usage("g-1", "u-1", w.resource, 1000, now - kHour, now);
        };
        static const auto decideApp3
            = [](const World &, int64_t) { return bodies::decide("app-3", "rejected"); };
        static const auto assignApp3
            = [](const World &w, int64_t) { return bodies::assign("app-3", { keyIdOf(w.reviewer2) }); };
        static const auto enrolNew
            = [](const World &, int64_t) { return bodies::enrol(testKey("new"), Role::Reviewer, "new"); };
        static const auto reviewApp3 = [](const World &, int64_t) {
            return bodies::review("app-3", { { "team", 3 }, { "market", 3 }, { "tech", 3 } });
        };
        static const auto approveSomething
            = [](const World &, int64_t) { return bodies::approval(QByteArray(32, 'z')); };
        static const auto topUp = [](const World &w, int64_t) {
            return bodies::pledge(w.pool, w.sponsor, w.programme, w.resource, 1000, w.poolValidUntil);
        };
        static const std::vector<BoundaryRow> rows = {
            { "startup cannot grant", founder, "grant.created", grantApp2, pm },
            { "startup cannot record usage", founder, "usage.recorded", useG1, pm },
            { "startup cannot decide", founder, "application.decided", decideApp3, pm },
            { "startup cannot assign", founder, "application.assigned", assignApp3, pm },
            { "startup cannot enrol", founder, "member.enrolled", enrolNew, root },
            { "startup cannot revoke", founder, "member.revoked",
                [](const World &w, int64_t) { return bodies::revoke(keyIdOf(w.reviewer2)); }, root },
            { "startup cannot register startups", founder, "startup.registered",
                [](const World &, int64_t) { return bodies::startup("st-3", kBrnC); }, pm },
            { "startup cannot release tranches", founder, "grant.tranche_released",
                [](const World &, int64_t) { return bodies::release("g-1", 0); }, {} },
            { "startup cannot expire credits", founder, "credits.expired",
                [](const World &, int64_t) { return bodies::expire("g-1"); }, {} },
            { "startup cannot claw back", founder, "grant.clawed_back",
                [](const World &, int64_t) { return bodies::clawback("g-1", 1000); }, pm },
            { "startup cannot apply for another startup", founder, "application.submitted",
                [](const World &w, int64_t) {
                    return bodies::application("app-9", w.startup2, w.programme, w.resource, 5);
                },
                [](const World &w, LedgerFixture &) { return w.founder2; } },
            { "startup cannot withdraw for another startup", founder, "application.withdrawn",
                [](const World &, int64_t) { return bodies::withdraw("app-2"); },
                [](const World &w, LedgerFixture &) { return w.founder2; } },
            { "startup cannot pledge", founder, "pool.pledged", topUp,
                [](const World &w, LedgerFixture &) { return w.sponsorMember; } },
            { "startup cannot close a pool", founder, "pool.closed",
                [](const World &w, int64_t) { return bodies::closePool(w.pool); },
                [](const World &w, LedgerFixture &) { return w.sponsorMember; } },
            { "startup cannot review", founder, "application.reviewed", reviewApp3,
                [](const World &w, LedgerFixture &) { return w.reviewer; } },
            { "startup cannot approve", founder, "approval", approveSomething, {} },
            { "startup cannot create programmes", founder, "programme.created",
                [](const World &, int64_t now) { return bodies::programme("p-9", now, now + kDay, 0, 1); },
                pm },
            { "startup cannot register sponsors", founder, "sponsor.registered",
                [](const World &, int64_t) { return bodies::sponsor("s-9"); }, pm },
            { "reviewer cannot decide", reviewer, "application.decided", decideApp3, pm },
            { "reviewer cannot grant", reviewer, "grant.created", grantApp2, pm },
            { "reviewer cannot record usage", reviewer, "usage.recorded", useG1, pm },
            { "reviewer cannot assign", reviewer, "application.assigned", assignApp3, pm },
            { "reviewer cannot approve", reviewer, "approval", approveSomething, {} },
            { "reviewer cannot enrol", reviewer, "member.enrolled", enrolNew, root },
            { "reviewer cannot claw back", reviewer, "grant.clawed_back",
                [](const World &, int64_t) { return bodies::clawback("g-1", 1000); }, pm },
            { "sponsor cannot pledge for another sponsor", sponsor2, "pool.pledged", topUp,
                [](const World &w, LedgerFixture &) { return w.sponsorMember; } },
            { "sponsor cannot open a pool for another sponsor", sponsor2, "pool.pledged",
                [](const World &w, int64_t) {
                    return bodies::pledge(
                        "nipa-2", w.sponsor, w.programme, w.resource, 1000, w.poolValidUntil);
                },
                [](const World &w, LedgerFixture &) { return w.sponsorMember; } },
            { "sponsor cannot close another sponsor's pool", sponsor2, "pool.closed",
                [](const World &w, int64_t) { return bodies::closePool(w.pool); },
                [](const World &w, LedgerFixture &) { return w.sponsorMember; } },
            { "sponsor cannot grant", sponsor1, "grant.created", grantApp2, pm },
            { "sponsor cannot apply", sponsor1, "application.submitted",
                [](const World &w, int64_t) {
                    return bodies::application("app-9", w.startup, w.programme, w.resource, 5);
                },
                [](const World &w, LedgerFixture &) { return w.founder; } },
            { "sponsor cannot record usage", sponsor1, "usage.recorded", useG1, pm },
            { "sponsor cannot claw back", sponsor1, "grant.clawed_back",
                [](const World &, int64_t) { return bodies::clawback("g-1", 1000); }, pm },
            { "sponsor cannot enrol", sponsor1, "member.enrolled", enrolNew, root },
            { "pm cannot enrol", pmKey, "member.enrolled", enrolNew, root },
            { "pm cannot revoke", pmKey, "member.revoked",
                [](const World &w, int64_t) { return bodies::revoke(keyIdOf(w.reviewer2)); }, root },
            { "pm cannot appoint a registry", pmKey, "registry.appointed",
                [](const World &, int64_t) { return bodies::appointRegistry(testKey("registry")); }, root },
            { "pm cannot review", pmKey, "application.reviewed", reviewApp3,
                [](const World &w, LedgerFixture &) { return w.reviewer; } },
        };
        return rows;
    }
};

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
