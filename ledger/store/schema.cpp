#include "ledger/store/schema.h"

namespace ledger::store {

namespace {

// The log is the truth; everything under "projections" is derived from it and can be rebuilt.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;

CREATE TABLE log (
    seq          INTEGER PRIMARY KEY,
    sequenced_at INTEGER NOT NULL,
    entry_id     BLOB NOT NULL,
    leaf_hash    BLOB NOT NULL,
    type         TEXT NOT NULL,
    author       TEXT NOT NULL,
    nonce        TEXT NOT NULL,
    author_key   BLOB NOT NULL,
    entry        BLOB NOT NULL,
    sig          BLOB NOT NULL
);
CREATE UNIQUE INDEX log_entry_id ON log(entry_id);
CREATE UNIQUE INDEX log_author_nonce ON log(author, nonce);

CREATE TABLE checkpoints (
    tree_size INTEGER PRIMARY KEY,
    root      BLOB NOT NULL,
    note      BLOB NOT NULL,
    signed_at INTEGER NOT NULL
);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    entry_id    BLOB NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    entry       BLOB NOT NULL,
    sig         BLOB NOT NULL,
    author_key  BLOB NOT NULL,
    queued_at   INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    seq         INTEGER,
    reason_code TEXT,
    reason      TEXT
);

-- projections --------------------------------------------------------------------------------------------
CREATE TABLE members (
    key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    startup TEXT, sponsor TEXT, revoked INTEGER NOT NULL, enrolled_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE programmes (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, opens_at INTEGER NOT NULL, closes_at INTEGER NOT NULL,
    rubric TEXT NOT NULL, approval_threshold INTEGER NOT NULL, approvals_required INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sponsors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pools (
    id TEXT PRIMARY KEY, sponsor TEXT NOT NULL, programme TEXT NOT NULL, resource TEXT NOT NULL,
    pledged INTEGER NOT NULL, valid_until INTEGER NOT NULL, closed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX pools_sponsor ON pools(sponsor);
CREATE TABLE startups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, brn TEXT NOT NULL UNIQUE, sector TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE applications (
    id TEXT PRIMARY KEY, startup TEXT NOT NULL, programme TEXT NOT NULL, title TEXT NOT NULL,
    resource TEXT NOT NULL, requested INTEGER NOT NULL, stage TEXT NOT NULL, reviewers TEXT NOT NULL,
    reviews TEXT NOT NULL, decision_reason TEXT NOT NULL, grant_id TEXT NOT NULL,
    submitted_at INTEGER NOT NULL, decided_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX applications_startup ON applications(startup);
CREATE TABLE grants (
    id TEXT PRIMARY KEY, application TEXT NOT NULL, startup TEXT NOT NULL, pool TEXT NOT NULL,
    resource TEXT NOT NULL, amount INTEGER NOT NULL, tranches TEXT NOT NULL, expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL, status TEXT NOT NULL, unreleased INTEGER NOT NULL, available INTEGER NOT NULL,
    consumed INTEGER NOT NULL, expired INTEGER NOT NULL, clawed_back INTEGER NOT NULL,
    last_usage_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX grants_startup ON grants(startup);
CREATE INDEX grants_pool ON grants(pool);
CREATE TABLE pending (
    target TEXT PRIMARY KEY, type TEXT NOT NULL, author TEXT NOT NULL, body BLOB NOT NULL,
    approvers TEXT NOT NULL, required INTEGER NOT NULL, created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE balances (
    account TEXT NOT NULL, resource TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (account, resource)
) WITHOUT ROWID;
CREATE TABLE movements (
    seq INTEGER NOT NULL, at INTEGER NOT NULL, from_account TEXT NOT NULL, to_account TEXT NOT NULL,
    resource TEXT NOT NULL, amount INTEGER NOT NULL, grant_id TEXT NOT NULL
);
CREATE INDEX movements_grant ON movements(grant_id, seq);
CREATE TABLE usages (key TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

constexpr sql::Migration kMigrations[] = {
    { 1, "log, checkpoints, outbox and projections", kV1 },
};

} // namespace

std::span<const sql::Migration> ledgerMigrations()
{
    return kMigrations;
}

int currentSchemaVersion()
{
    return kMigrations[std::size(kMigrations) - 1].version;
}

} // namespace ledger::store
