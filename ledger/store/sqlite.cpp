#include "ledger/store/sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <climits>
#include <utility>

namespace ledger::sql {

namespace {

const char *codeFor(int rc)
{
    switch (rc & 0xff) { // primary code of an extended result code
    case SQLITE_CONSTRAINT:
        return "constraint";
    case SQLITE_BUSY:
        return "database_busy";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "database_corrupt";
    case SQLITE_READONLY:
        return "database_readonly";
    case SQLITE_FULL:
        return "disk_full";
    default:
        return "database_error";
    }
}

QString errmsg(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

QString sqlText(std::string_view sql)
{
    return QString::fromUtf8(sql.data(), qsizetype(sql.size())).simplified();
}

Error notALedger(const QString &path)
{
    return makeError("database_corrupt",
        QStringLiteral("%1 is not a ledger database (or it is damaged)").arg(QDir::toNativeSeparators(path)));
}

// Runs one statement on a raw handle and returns its first column as text (empty if no row).
Result<QString> pragmaText(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    QString value;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        Error e = makeError(codeFor(rc), errmsg(db));
        sqlite3_finalize(stmt);
        return e;
    }
    sqlite3_finalize(stmt);
    return value;
}

} // namespace

// --- Statement ---------------------------------------------------------------------------------------------

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_bindError(std::exchange(other.m_bindError, SQLITE_OK))
    , m_bindErrorIndex(std::exchange(other.m_bindErrorIndex, 0))
{ }

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::exchange(other.m_bindError, SQLITE_OK);
        m_bindErrorIndex = std::exchange(other.m_bindErrorIndex, 0);
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt); // harmless on nullptr
}

Statement &Statement::bind(int index1, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return bindText(index1, std::string_view(utf8.constData(), size_t(utf8.size())), SQLITE_TRANSIENT);
}

void Statement::noteBindError(int rc, int index1)
{
    if (m_bindError == SQLITE_OK) { // keep the first failure
        m_bindError = rc;
        m_bindErrorIndex = index1;
    }
}

Error Statement::bindFailure()
{
    return makeError(codeFor(m_bindError),
        QStringLiteral("cannot bind parameter %1 of \"%2\": %3")
            .arg(m_bindErrorIndex)
            .arg(QString::fromUtf8(sqlite3_sql(m_stmt)).simplified(),
                QString::fromUtf8(sqlite3_errstr(m_bindError))));
}

Error Statement::stepFailure(int rc)
{
    sqlite3 *db = sqlite3_db_handle(m_stmt);
    Error e = makeError(codeFor(rc), m_stmt ? errmsg(db) : QStringLiteral("statement is not prepared"));
    if (m_stmt)
        sqlite3_reset(m_stmt); // release what the failed step holds; the error is already captured
    return e;
}

// --- Database ----------------------------------------------------------------------------------------------

Result<Database> Database::open(const QString &path, Mode mode)
{
    if (path.isEmpty())
        return makeError("database_error", QStringLiteral("no database file name was given"));
    // An absolute path: Debian's SQLite is built with SQLITE_USE_URI, so "file:..." would be parsed as a URI.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString shown = QDir::toNativeSeparators(path);
    if (mode != Mode::Create && !QFileInfo::exists(absolute))
        return makeError("database_not_found", QStringLiteral("%1 does not exist").arg(shown));
    if (mode == Mode::Create && !QFileInfo::exists(absolute)) {
        // Create it owner-only; SQLite gives its -wal and -shm files the same permissions. If this fails
        // (e.g. a missing directory), sqlite3_open_v2 below reports why.
        QFile file(absolute);
        if (file.open(
                QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            file.close();
    }

    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }

    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(absolute).constData(), &raw, flags, nullptr);
    Database db(raw, path); // closes the handle on every early return, even a failed open
    if (rc != SQLITE_OK) {
        if (!raw)
            return makeError("database_error", QStringLiteral("cannot open %1: out of memory").arg(shown));
        if ((rc & 0xff) == SQLITE_CANTOPEN && mode != Mode::Create && !QFileInfo::exists(absolute))
            return makeError("database_not_found", QStringLiteral("%1 does not exist").arg(shown));
        return makeError(codeFor(rc), QStringLiteral("cannot open %1: %2").arg(shown, errmsg(raw)));
    }

    sqlite3_busy_timeout(raw, 5000);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    int foreignKeys = 0;
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &foreignKeys);
    if (foreignKeys != 1)
        return makeError("database_error", QStringLiteral("this SQLite library cannot enforce foreign keys"));

    // SQLite reads the file lazily: read the header and schema now, so that a file that is not a database
    // (or is truncated) is reported as such and not as a puzzling error on the first query.
    if (auto probe = pragmaText(raw, "SELECT count(*) FROM sqlite_schema"); !probe.ok()) {
        if (probe.error().code == QLatin1String("database_corrupt"))
            return notALedger(path);
        return Error { probe.error().code,
            QStringLiteral("cannot read %1: %2").arg(shown, probe.error().message) };
    }

    // trusted_schema is already off through sqlite3_db_config; the pragma states it where people look.
    // Debian builds SQLite with SECURE_DELETE on: the ledger is append-only, so zeroing freed pages buys
    // nothing and costs writes; keep the behaviour the same on every platform.
    if (auto r
        = db.execScript("PRAGMA trusted_schema=OFF; PRAGMA cell_size_check=ON; PRAGMA secure_delete=OFF;");
        !r.ok())
        return r.error();
    if (mode != Mode::ReadOnly) {
        auto journal = pragmaText(raw, "PRAGMA journal_mode=WAL");
        if (!journal.ok())
            return Error { journal.error().code,
                QStringLiteral("cannot switch %1 to WAL mode: %2").arg(shown, journal.error().message) };
        if (journal.value().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return makeError("database_error",
                QStringLiteral("cannot switch %1 to WAL mode (the file system may not support it; "
                               "journal mode is %2)")
                    .arg(shown, journal.value()));
    }
    if (auto r = db.setSynchronous(true); !r.ok())
        return r.error();
    return db;
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_cache(std::move(other.m_cache))
{ }

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    m_cache.clear(); // finalizes the cached statements first
    // close_v2: if a caller still holds an uncached Statement, the connection is closed when it is finalized
    // instead of leaking. An open transaction is rolled back.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Result<sqlite3_stmt *> Database::prepareRaw(std::string_view sql, unsigned flags)
{
    if (sql.empty())
        return makeError("database_error", QStringLiteral("empty SQL statement"));
    if (sql.size() > size_t(INT_MAX))
        return makeError("database_error", QStringLiteral("SQL statement too long"));
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), flags, &stmt, &tail);
    if (rc != SQLITE_OK)
        return makeError(codeFor(rc), QStringLiteral("%1 in \"%2\"").arg(errmsg(m_db), sqlText(sql)));
    Statement owner(stmt);
    if (!stmt)
        return makeError("database_error", QStringLiteral("no SQL statement in \"%1\"").arg(sqlText(sql)));

    // Anything after the first statement would be silently ignored: allow only blanks, ';' and comments.
    const char *end = sql.data() + sql.size();
    while (tail && tail < end) {
        sqlite3_stmt *extra = nullptr;
        const char *next = nullptr;
        const int rc2 = sqlite3_prepare_v3(m_db, tail, int(end - tail), 0, &extra, &next);
        if (extra || rc2 != SQLITE_OK) {
            sqlite3_finalize(extra);
            return makeError("database_error",
                QStringLiteral("more than one SQL statement in \"%1\" (use execScript for scripts)")
                    .arg(sqlText(sql)));
        }
        if (next == tail)
            break;
        tail = next;
    }
    return std::exchange(owner.m_stmt, nullptr);
}

Result<Statement *> Database::cached(std::string_view sql)
{
    if (auto it = m_cache.find(sql); it != m_cache.end()) {
        it->second.reset();
        return &it->second;
    }
    auto raw = prepareRaw(sql, SQLITE_PREPARE_PERSISTENT);
    if (!raw.ok())
        return raw.error();
    Statement stmt(raw.value());
    auto [it, inserted] = m_cache.emplace(std::string(sql), std::move(stmt));
    return &it->second;
}

Result<Statement> Database::prepare(std::string_view sql)
{
    auto raw = prepareRaw(sql, 0);
    if (!raw.ok())
        return raw.error();
    return Statement(raw.value());
}

Result<void> Database::execScript(std::string_view sql)
{
    const std::string text(sql); // sqlite3_exec needs a terminating NUL
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    Error e = makeError(
        codeFor(rc), message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc)));
    sqlite3_free(message);
    return e;
}

Result<void> Database::setSynchronous(bool full)
{
    return execScript(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

Result<QString> Database::integrityCheck(bool quick)
{
    auto stmt = prepare(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
    if (!stmt.ok())
        return stmt.error();
    QStringList problems;
    LEDGER_TRY(stmt->eachRow([&](const Statement &st) { problems << st.text(0); }));
    return problems.join(QLatin1Char('\n'));
}

// --- Transaction -------------------------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database &db)
{
    if (db.inTransaction())
        return makeError(
            "database_error", QStringLiteral("a transaction is already open on this connection"));
    auto commitStmt = db.cached("COMMIT"); // prepared now, so commit() cannot fail to prepare
    if (!commitStmt.ok())
        return commitStmt.error();
    auto beginStmt = db.cached("BEGIN IMMEDIATE");
    if (!beginStmt.ok())
        return beginStmt.error();
    if (auto r = beginStmt.value()->exec(); !r.ok())
        return r.error();
    return Transaction(db.handle(), commitStmt.value());
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_commit(std::exchange(other.m_commit, nullptr))
{ }

Transaction &Transaction::operator=(Transaction &&other) noexcept
{
    if (this != &other) {
        rollbackQuietly();
        m_db = std::exchange(other.m_db, nullptr);
        m_commit = std::exchange(other.m_commit, nullptr);
    }
    return *this;
}

Transaction::~Transaction()
{
    rollbackQuietly();
}

Result<void> Transaction::commit()
{
    if (!m_db)
        return makeError("database_error", QStringLiteral("the transaction is no longer active"));
    if (sqlite3_get_autocommit(m_db)) { // SQLite rolled it back itself (e.g. after an I/O error or disk full)
        m_db = nullptr;
        return makeError(
            "database_error", QStringLiteral("the transaction was rolled back after an earlier error"));
    }
    auto r = m_commit->exec();
    if (r.ok() || sqlite3_get_autocommit(m_db))
        m_db = nullptr; // done, or ended by the failure; otherwise (busy) still open and retryable
    return r;
}

Result<void> Transaction::rollback()
{
    sqlite3 *db = std::exchange(m_db, nullptr);
    if (!db || sqlite3_get_autocommit(db))
        return {};
    char *message = nullptr;
    const int rc = sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    Error e = makeError(
        codeFor(rc), message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc)));
    sqlite3_free(message);
    return e;
}

void Transaction::rollbackQuietly() noexcept
{
    sqlite3 *db = std::exchange(m_db, nullptr);
    if (db && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace ledger::sql
