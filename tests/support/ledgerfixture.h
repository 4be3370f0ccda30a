#pragma once
// A fresh ledger for one test: a real SQLite file in a ScratchDir, a ManualClock, the alliance root key
// (genesis author and checkpoint signer) and helpers that sign and sequence entries, so that each test
// states only what it is about. Keys and nonces are derived from fixed labels and counters: two runs of a
// test produce the same entries, byte for byte.
//
// Helpers that must succeed (enrol, the world builders, mustRecord) report a failure with QTest::qFail at
// the caller's line and carry on; a test that cannot continue after a failed set-up uses
// LF_STOP_IF_FAILED().

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/domain/state.h"
#include "ledger/engine/clock.h"
#include "ledger/engine/sequencer.h"
#include "ledger/store/ledgerstore.h"
#include "support/templedger.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Returns from the calling test function when a check or a fixture helper has already failed.
#define LF_STOP_IF_FAILED()                                                                                  \
    do {                                                                                                     \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (0)

namespace testsupport {

using ledger::json::Value;

inline constexpr int64_t kT0 = 1767225600000; // 2026-01-01T00:00:00Z
inline constexpr int64_t kSecond = 1000;
inline constexpr int64_t kMinute = 60 * kSecond;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kDay = 24 * kHour;

// Valid Korean business registration numbers (check digit verified by hand in tst_brn).
inline constexpr const char *kBrnA = "220-81-62517";
inline constexpr const char *kBrnB = "124-81-00998";
inline constexpr const char *kBrnC = "120-81-47521";

// A deterministic Ed25519 key: the seed is SHA-256("alliance-test-key/" + label).
ledger::crypto::PrivateKey testKey(std::string_view label);
std::string keyIdOf(const ledger::crypto::PrivateKey &key);
std::string publicKeyBase64(const ledger::crypto::PrivateKey &key);
std::string hex(const QByteArray &bytes);

// A JSON object from members, e.g. obj({{"grant", "g-1"}, {"amount", 100}}).
Value obj(ledger::json::Object members);
// A copy of `body` with `key` set to `value`, or with `key` removed.
Value with(Value body, std::string_view key, Value value);
Value without(const Value &body, std::string_view key);

// Bodies of every entry type, with the fields the rules engine requires.
namespace bodies {
Value genesis(const ledger::crypto::PrivateKey &root, std::string origin = "alliance.example/ledger");
Value enrol(const ledger::crypto::PrivateKey &key, ledger::Role role, std::string name,
    std::string startup = {}, std::string sponsor = {});
Value revoke(const std::string &keyId, std::string reason = "left the alliance");
Value appointRegistry(
    const ledger::crypto::PrivateKey &checkpointKey, std::string url = "https://registry.example");
struct Criterion
{
    std::string id;
    int64_t max;
};
Value programme(std::string id, int64_t opensAt, int64_t closesAt, int64_t threshold, int64_t k,
    const std::vector<Criterion> &rubric = { { "team", 10 }, { "market", 10 }, { "tech", 20 } });
Value sponsor(std::string id, std::string kind = "government", std::string name = {});
Value pledge(std::string pool, std::string sponsor, std::string programme, std::string resource,
    int64_t amount, int64_t validUntil);
Value closePool(std::string pool, std::string reason = "the pledge period ended");
Value startup(std::string id, std::string brn, std::string sector = "robotics", std::string name = {});
Value application(std::string id, std::string startup, std::string programme, std::string resource,
    int64_t amount, std::string title = "Training a Korean speech model");
Value assign(std::string application, const std::vector<std::string> &reviewerKeyIds);
Value review(std::string application, const std::vector<std::pair<std::string, int64_t>> &scores);
Value conflict(std::string application);
Value decide(std::string application, std::string decision = "approved", std::string reason = "strong team");
Value withdraw(std::string application, std::string reason = "funded elsewhere");
struct TrancheSpec
{
    int64_t amount;
    int64_t releaseAt;
};
Value grant(std::string id, std::string application, std::string pool,
    const std::vector<TrancheSpec> &tranches, int64_t expiresAt);
Value release(std::string grant, int64_t tranche);
Value usage(std::string grant, std::string usageId, std::string resource, int64_t amount, int64_t periodStart,
    int64_t periodEnd);
Value expire(std::string grant);
Value clawback(std::string grant, int64_t amount /* 0: omit, i.e. everything */,
    std::string reasonCode = "inactive", std::string reason = "no usage for six months");
Value approval(const QByteArray &targetEntryId);
} // namespace bodies

// Double entry (ARCHITECTURE.md): per resource the accounts sum to zero; no pool or grant account is
// negative; every grant account equals its unreleased + available credit, and an activated grant's
// credit is fully accounted for (balance + consumed + expired + clawed back == amount). Empty when held.
QString invariantProblem(const ledger::State &state);

// Every row of every table of the ledger file, one digest per table (for "nothing changed" checks).
QMap<QString, QByteArray> tableDigests(ledger::sql::Database &db);
// Every row of one table as sorted text lines (for messages and exact comparisons).
QStringList tableRows(ledger::sql::Database &db, const QString &table);

// Everything a ledger holds, on disk and in the sequencer's memory.
struct LedgerSnapshot
{
    ledger::State state;
    QMap<QString, QByteArray> tables;
    int64_t logSize = 0;
};
// Empty when equal; otherwise names what differs.
QString snapshotDifference(const LedgerSnapshot &before, const LedgerSnapshot &after);

// The standard world of buildStandard(): who is who and what exists.
struct World
{
    ledger::crypto::PrivateKey pm, pm2, pm3, reviewer, reviewer2, founder, founder2, sponsorMember,
        sponsorMember2, auditor;
    std::string sponsor = "nipa", sponsor2 = "kvc";
    std::string programme = "gpu-2026";
    std::string pool = "nipa-b200";
    std::string resource = "naver-cloud/b200";
    std::string startup = "st-1", startup2 = "st-2";
    std::string application = "app-1"; // approved, reviewed by `reviewer`
    int64_t threshold = 500'000; // milli-GPU-hours: grants above this need k = 2 approvals
    int64_t k = 2;
    int64_t poolAmount = 2'000'000;
    int64_t opensAt = kT0;
    int64_t closesAt = kT0 + 60 * kDay;
    int64_t poolValidUntil = kT0 + 365 * kDay;
    int64_t requested = 300'000;
};

class LedgerFixture
{
public:
    struct Options
    {
        int64_t startMs = kT0;
        bool genesis = true; // record alliance.genesis by the root key
        bool checkpoints = true; // the root key signs a checkpoint after every batch
        // After every record(): check invariantProblem(), that a rejection left the ledger (file and memory)
        // exactly as it was, and that an acceptance appended exactly one entry. Costs a snapshot per entry.
        bool audit = false;
        bool synchronousFull = true; // false: PRAGMA synchronous=NORMAL (still crash-safe in WAL mode)
    };

    LedgerFixture();
    explicit LedgerFixture(
        const Options &options, std::source_location loc = std::source_location::current());
    ~LedgerFixture();
    LedgerFixture(const LedgerFixture &) = delete;
    LedgerFixture &operator=(const LedgerFixture &) = delete;

    ledger::ManualClock clock;
    const ledger::crypto::PrivateKey root = testKey("root");

    bool isOpen() const { return m_seq != nullptr; }
    QString path() const { return m_path; }
    ScratchDir &dir() { return m_dir; }
    ledger::store::LedgerStore &store() { return *m_store; }
    ledger::Sequencer &sequencer() { return *m_seq; }
    const ledger::State &state() const { return m_seq->state(); }
    int64_t logSize();
    Options &options() { return m_options; }

    // Closes the sequencer and the file, then opens both again from disk (projections load).
    bool reopen(std::source_location loc = std::source_location::current());
    void close();

    // Signs with created_at = clock and a fresh deterministic nonce.
    ledger::SignedEntry sign(const ledger::crypto::PrivateKey &key, std::string type, Value body);
    ledger::SignedEntry sign(const ledger::crypto::PrivateKey &key, std::string type, Value body,
        int64_t createdAt, std::string nonce);
    std::string nextNonce();

    // Sign + Sequencer::submit of one entry. A storage error fails the test and comes back as a rejection.
    ledger::Receipt record(const ledger::crypto::PrivateKey &key, std::string type, Value body,
        std::source_location loc = std::source_location::current());
    ledger::Receipt recordSigned(
        const ledger::SignedEntry &entry, std::source_location loc = std::source_location::current());
    // record() that must be accepted with the given outcome.
    ledger::Receipt mustRecord(const ledger::crypto::PrivateKey &key, std::string type, Value body,
        ledger::Outcome outcome = ledger::Outcome::Applied,
        std::source_location loc = std::source_location::current());
    // A whole batch; a storage error fails the test and returns no receipts.
    std::vector<ledger::Receipt> submit(const std::vector<ledger::SignedEntry> &batch,
        std::source_location loc = std::source_location::current());

    LedgerSnapshot snapshot();

    // ---- builders (each entry must be accepted) --------------------------------------------------------
    ledger::crypto::PrivateKey enrol(ledger::Role role, std::string name, std::string startup = {},
        std::string sponsor = {}, std::source_location loc = std::source_location::current());
    void sponsor(const std::string &id, const std::string &kind = "government",
        std::source_location loc = std::source_location::current());
    void programme(const std::string &id, int64_t threshold, int64_t k, int64_t opensAt, int64_t closesAt,
        const std::vector<bodies::Criterion> &rubric = { { "team", 10 }, { "market", 10 }, { "tech", 20 } },
        std::source_location loc = std::source_location::current());
    // Pledged by `author` (root when invalid); approved by `approvers` if it waits for approvals.
    void pool(const std::string &id, const std::string &sponsor, const std::string &programme,
        const std::string &resource, int64_t amount, int64_t validUntil,
        const ledger::crypto::PrivateKey &author = {},
        const std::vector<ledger::crypto::PrivateKey> &approvers = {},
        std::source_location loc = std::source_location::current());
    void startup(const std::string &id, const std::string &brn,
        std::source_location loc = std::source_location::current());
    // Submitted (by root), assigned to `reviewers`, scored by the first, decided "approved".
    void approvedApplication(const std::string &id, const std::string &startup, const std::string &programme,
        const std::string &resource, int64_t amount, const std::vector<ledger::crypto::PrivateKey> &reviewers,
        std::source_location loc = std::source_location::current());
    // Approves a pending target with each key in turn; the last must apply it.
    void approve(const QByteArray &target, const std::vector<ledger::crypto::PrivateKey> &approvers,
        std::source_location loc = std::source_location::current());

    // The standard world at the clock's time (see World). Call once, right after construction.
    const World &buildStandard(std::source_location loc = std::source_location::current());
    const World &world() const { return m_world; }
    // An approved application of the standard world's programme for `startup`, reviewed by `reviewer`.
    void standardApplication(const std::string &id, const std::string &startup, int64_t amount,
        std::source_location loc = std::source_location::current());
    // A grant of the standard pool, by pm; above the threshold it is approved by pm2 too.
    ledger::Receipt standardGrant(const std::string &id, const std::string &application,
        const std::vector<bodies::TrancheSpec> &tranches, int64_t expiresAt,
        std::source_location loc = std::source_location::current());

    // Look-ups into the sequencer's state; nullptr (and a test failure) when missing.
    const ledger::Grant *grant(
        const std::string &id, std::source_location loc = std::source_location::current());
    const ledger::Application *application(
        const std::string &id, std::source_location loc = std::source_location::current());
    const ledger::Pool *findPool(
        const std::string &id, std::source_location loc = std::source_location::current());
    int64_t balance(const std::string &account) const; // in the standard resource
    int64_t balance(const std::string &account, const std::string &resource) const;

private:
    bool openStore(bool create, std::source_location loc);
    void audit(
        const LedgerSnapshot &before, const std::vector<ledger::Receipt> &receipts, std::source_location loc);

    Options m_options;
    ScratchDir m_dir;
    QString m_path;
    std::unique_ptr<ledger::store::LedgerStore> m_store;
    std::unique_ptr<ledger::Sequencer> m_seq;
    uint64_t m_nonce = 0;
    World m_world;
};

// Fails the current test at `loc` (for helpers that cannot use QVERIFY).
void failAt(const QString &message, std::source_location loc);

} // namespace testsupport
