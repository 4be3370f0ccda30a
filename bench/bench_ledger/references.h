#pragma once
// The reference limits the ledger benchmark measures in the same run: `openssl speed` (Ed25519 verify on one
// and all cores, SHA-256), the ledger's own verifier (libsodium) on one and all cores, a raw SQLite log-row
// insert loop and a raw bulk projection-row insert.
// Internal to bench_ledger.cpp (one translation unit; see its header comment for the commands).

#include "bench/bench_ledger/util.h"
#include "bench/verifyrate.h"

namespace benchledger {

// The last number of the "253 bits EdDSA (Ed25519)" line: verifications per second.
inline double parseEd25519Verify(const std::string &out)
{
    double verify = 0;
    size_t pos = 0;
    while ((pos = out.find("EdDSA (Ed25519)", pos)) != std::string::npos) {
        const size_t eol = out.find('\n', pos);
        const std::string line = out.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
        double a, b, sign, ver;
        if (std::sscanf(line.c_str(), "EdDSA (Ed25519) %lfs %lfs %lf %lf", &a, &b, &sign, &ver) == 4)
            verify = ver;
        pos += 1;
    }
    return verify;
}

struct References
{
    double verify1 = 0; // openssl speed ed25519: verifications/s, one core
    double verifyAll = 0; // openssl speed -multi N ed25519
    double ledgerVerify1 = 0; // PublicKey::verify (libsodium), one thread
    double ledgerVerifyAll = 0; // the same on N threads
    double sha256Bps = 0; // openssl speed -bytes 512 sha256: bytes/s, one core
    double sqliteRows = 0; // raw SQLite inserts/s (log-shaped rows, WAL, synchronous=FULL, 1000 per commit)
    double sqliteBulk = 0; // raw SQLite rows/s written as a rebuild writes them (see sqliteBulkRate)
    double load = 0;
};

inline double opensslVerify(int seconds, int multi)
{
    std::string cmd = "openssl speed -seconds " + std::to_string(seconds);
    if (multi > 1)
        cmd += " -multi " + std::to_string(multi);
    cmd += " ed25519 2>/dev/null";
    return parseEd25519Verify(runCommand(cmd));
}

inline double opensslSha256(int seconds)
{
    const std::string out
        = runCommand("openssl speed -seconds " + std::to_string(seconds) + " -bytes 512 sha256 2>/dev/null");
    const size_t pos = out.rfind("\nsha256");
    double k = 0;
    if (pos != std::string::npos)
        std::sscanf(out.c_str() + pos + 1, "sha256 %lfk", &k);
    return k * 1000.0;
}

// Inserts rows shaped like log rows (same columns and unique indexes) into a scratch database, 1000 per
// transaction, with the store's pragmas: the rate SQLite itself sustains on this disk.
inline double sqliteInsertRate(const QString &dir, double seconds)
{
    const QString path = dir + QStringLiteral("/sqlite-insert-probe.db");
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return 0;
    sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;"
        "CREATE TABLE log (seq INTEGER PRIMARY KEY, sequenced_at INTEGER NOT NULL, entry_id BLOB NOT NULL,"
        " leaf_hash BLOB NOT NULL, type TEXT NOT NULL, author TEXT NOT NULL, nonce TEXT NOT NULL,"
        " author_key BLOB NOT NULL, entry BLOB NOT NULL, sig BLOB NOT NULL);"
        "CREATE UNIQUE INDEX log_entry_id ON log(entry_id);"
        "CREATE UNIQUE INDEX log_author_nonce ON log(author, nonce);",
        nullptr, nullptr, nullptr);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO log VALUES(?,?,?,?,?,?,?,?,?,?)", -1, &st, nullptr);
    std::mt19937_64 rng(7);
    unsigned char id[32], leaf[32], key[32], sig[64];
    char nonce[33];
    std::string entry(420, 'x');
    int64_t seq = 0;
    const auto t0 = SteadyClock::now();
    while (secondsSince(t0) < seconds) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (int i = 0; i < 1000; ++i, ++seq) {
            for (auto *buf : { id, leaf, key })
                for (int j = 0; j < 32; j += 8) {
                    const uint64_t r = rng();
                    std::memcpy(buf + j, &r, 8);
                }
            for (int j = 0; j < 64; j += 8) {
                const uint64_t r = rng();
                std::memcpy(sig + j, &r, 8);
            }
            std::snprintf(nonce, sizeof nonce, "%016" PRIx64 "%016" PRIx64, rng(), rng());
            sqlite3_bind_int64(st, 1, seq);
            sqlite3_bind_int64(st, 2, seq * 1000);
            sqlite3_bind_blob(st, 3, id, 32, SQLITE_STATIC);
            sqlite3_bind_blob(st, 4, leaf, 32, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, "usage.recorded", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 6, "0123456789abcdef0123456789abcdef", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, nonce, 32, SQLITE_STATIC);
            sqlite3_bind_blob(st, 8, key, 32, SQLITE_STATIC);
            sqlite3_bind_blob(st, 9, entry.data(), int(entry.size()), SQLITE_STATIC);
            sqlite3_bind_blob(st, 10, sig, 64, SQLITE_STATIC);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double rate = double(seq) / secondsSince(t0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    return rate;
}

// What a rebuild must write per usage entry, at the best SQLite can do: in one transaction, a movement row
// appended to a table without secondary index and a usage key inserted in key order (the rebuild writes
// exactly these, then builds the index once). Rows per second, both tables together, including the commit.
inline double sqliteBulkRate(const QString &dir, int64_t rows)
{
    const QString path = dir + QStringLiteral("/sqlite-bulk-probe.db");
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return 0;
    sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;"
        "CREATE TABLE movements (seq INTEGER NOT NULL, at INTEGER NOT NULL, from_account TEXT NOT NULL,"
        " to_account TEXT NOT NULL, resource TEXT NOT NULL, amount INTEGER NOT NULL, grant_id TEXT NOT NULL);"
        "CREATE TABLE usages (key TEXT PRIMARY KEY) WITHOUT ROWID;",
        nullptr, nullptr, nullptr);
    std::vector<std::string> keys;
    keys.reserve(size_t(rows / 2));
    char buf[64];
    for (int64_t i = 0; i < rows / 2; ++i) {
        std::snprintf(buf, sizeof buf, "gr-%05lld\n2025-%02lld/job-%03lld", (long long)(i % 3000),
            (long long)(i / 42000 % 12 + 1), (long long)(i / 3000 % 14));
        keys.emplace_back(buf);
    }
    std::sort(keys.begin(), keys.end());
    sqlite3_stmt *m = nullptr, *u = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO movements VALUES(?,?,?,?,?,?,?)", -1, &m, nullptr);
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO usages VALUES(?)", -1, &u, nullptr);
    const auto t0 = SteadyClock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int64_t i = 0; i < rows / 2; ++i) {
        std::snprintf(buf, sizeof buf, "gr-%05lld", (long long)(i % 3000));
        const std::string account = std::string("grant:") + buf;
        sqlite3_bind_int64(m, 1, i);
        sqlite3_bind_int64(m, 2, 1700000000000 + i);
        sqlite3_bind_text(m, 3, account.data(), int(account.size()), SQLITE_STATIC);
        sqlite3_bind_text(m, 4, "consumed", -1, SQLITE_STATIC);
        sqlite3_bind_text(m, 5, "naver-cloud/b200", -1, SQLITE_STATIC);
        sqlite3_bind_int64(m, 6, 12345);
        sqlite3_bind_text(m, 7, buf, -1, SQLITE_STATIC);
        sqlite3_step(m);
        sqlite3_reset(m);
    }
    for (const std::string &k : keys) {
        sqlite3_bind_text(u, 1, k.data(), int(k.size()), SQLITE_STATIC);
        sqlite3_step(u);
        sqlite3_reset(u);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double rate = double(rows / 2 * 2) / secondsSince(t0);
    sqlite3_finalize(m);
    sqlite3_finalize(u);
    sqlite3_close(db);
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    return rate;
}

inline References measureReferences(int seconds, const QString &scratchDir)
{
    References r;
    r.load = loadAverage();
    r.verify1 = opensslVerify(seconds, 1);
    r.verifyAll = opensslVerify(seconds, workerCount());
    r.ledgerVerify1 = benchsupport::ledgerVerifyRate(seconds, 1);
    r.ledgerVerifyAll = benchsupport::ledgerVerifyRate(seconds, workerCount());
    r.sha256Bps = opensslSha256(seconds);
    r.sqliteRows = sqliteInsertRate(scratchDir, seconds);
    r.sqliteBulk = sqliteBulkRate(scratchDir, 1000000);
    std::printf(
        "  references (load %.1f): openssl ed25519 verify 1 core %.0f/s, %d cores %.0f/s; the ledger's "
        "verifier (libsodium) 1 core %.0f/s, %d cores %.0f/s; sha256 %.0f MB/s (512-byte messages); sqlite "
        "%.0f log-row inserts/s (1000 per commit), %.0f bulk projection rows/s\n",
        r.load, r.verify1, workerCount(), r.verifyAll, r.ledgerVerify1, workerCount(), r.ledgerVerifyAll,
        r.sha256Bps / 1e6, r.sqliteRows, r.sqliteBulk);
    std::fflush(stdout);
    return r;
}

inline References mean(const References &a, const References &b)
{
    References r;
    r.verify1 = (a.verify1 + b.verify1) / 2;
    r.verifyAll = (a.verifyAll + b.verifyAll) / 2;
    r.ledgerVerify1 = (a.ledgerVerify1 + b.ledgerVerify1) / 2;
    r.ledgerVerifyAll = (a.ledgerVerifyAll + b.ledgerVerifyAll) / 2;
    r.sha256Bps = (a.sha256Bps + b.sha256Bps) / 2;
    r.sqliteRows = (a.sqliteRows + b.sqliteRows) / 2;
    r.sqliteBulk = (a.sqliteBulk + b.sqliteBulk) / 2;
    r.load = (a.load + b.load) / 2;
    return r;
}

} // namespace benchledger
