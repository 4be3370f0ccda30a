#pragma once
// A thin RAII wrapper over the SQLite C API for the ledger store: Database (one connection), Statement (one
// prepared statement), Transaction (BEGIN IMMEDIATE ... COMMIT, rolled back unless committed).
//
// Error codes (Error::code) produced here:
//   constraint         a UNIQUE / FOREIGN KEY / CHECK / NOT NULL constraint failed
//   database_busy      another connection holds the write lock longer than the busy timeout (5 s)
//   database_corrupt   the file is not a SQLite database, or is damaged
//   database_not_found ReadWrite / ReadOnly open of a file that does not exist
//   database_readonly  a write through a connection (or to a file) that is read-only
//   disk_full          the disk (or quota) is full
//   database_error     anything else (misuse, I/O error, bad SQL, ...); the message has sqlite3_errmsg
//
// Rules for callers:
// - One Database per thread; none of these classes is thread-safe.
// - Statements and Transactions must not outlive the Database they came from.
// - A statement that returned a row and is not stepped to the end keeps a read snapshot open (the
//   connection does not see newer commits and the WAL cannot be checkpointed past it): step it until it
//   returns false, call reset(), or hold a ResetGuard.
// - SQL text is always a constant; values go through bind(). execScript() is for DDL only.

#include "ledger/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

namespace ledger::sql {

class Database;

class Statement
{
public:
    Statement() = default;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    // Parameters are 1-based. Text and blobs are copied (SQLITE_TRANSIENT); bindStatic() does not copy, so
    // its data must stay valid until the statement is reset(), rebound or destroyed. An empty view binds an
    // empty text / blob, never NULL: use bindNull() or bind(i, std::nullopt) for NULL. A bind failure (bad
    // index, too big) is remembered and reported by the next step() / exec().
    Statement &bind(int index1, int64_t v) { return check(sqlite3_bind_int64(m_stmt, index1, v), index1); }
    Statement &bind(int index1, int v) { return check(sqlite3_bind_int(m_stmt, index1, v), index1); }
    Statement &bind(int index1, std::string_view text) { return bindText(index1, text, SQLITE_TRANSIENT); }
    Statement &bind(int index1, const char *text) // nullptr binds NULL
    {
        return text ? bind(index1, std::string_view(text)) : bindNull(index1);
    }
    Statement &bind(int index1, const std::string &text) { return bind(index1, std::string_view(text)); }
    Statement &bind(int index1, const QString &text);
    Statement &bind(int index1, QByteArrayView blob) { return bindBlob(index1, blob, SQLITE_TRANSIENT); }
    Statement &bind(int index1, const QByteArray &blob) { return bind(index1, QByteArrayView(blob)); }
    Statement &bind(int index1, std::nullopt_t) { return bindNull(index1); }
    Statement &bindNull(int index1) { return check(sqlite3_bind_null(m_stmt, index1), index1); }
    Statement &bindStatic(int index1, std::string_view text) { return bindText(index1, text, SQLITE_STATIC); }
    Statement &bindStatic(int index1, const char *text) // nullptr binds NULL
    {
        return text ? bindStatic(index1, std::string_view(text)) : bindNull(index1);
    }
    Statement &bindStatic(int index1, const std::string &text)
    {
        return bindStatic(index1, std::string_view(text));
    }
    Statement &bindStatic(int index1, QByteArrayView blob) { return bindBlob(index1, blob, SQLITE_STATIC); }
    Statement &bindStatic(int index1, const QByteArray &blob)
    {
        return bindStatic(index1, QByteArrayView(blob));
    }
    Statement &bindStatic(int, std::string &&) = delete; // would dangle
    Statement &bindStatic(int, QByteArray &&) = delete; // would dangle
    // Other integer types (qint64 is long long, not int64_t's long): stored as int64. Unsigned 64-bit values
    // would wrap silently, so they do not compile; cast them after checking the range.
    template<std::integral T>
    requires(std::is_signed_v<T> || sizeof(T) < sizeof(int64_t)) Statement &bind(int index1, T v)
    {
        return bind(index1, static_cast<int64_t>(v));
    }
    template<std::unsigned_integral T>
    requires(sizeof(T) >= sizeof(int64_t)) Statement &bind(int, T) = delete;
    // Amounts are int64 milli-GPU-hours, never floating point.
    Statement &bind(int, double) = delete;
    Statement &bind(int, float) = delete;

    // true: a row is available; false: done. On error the statement is reset (bindings kept).
    Result<bool> step()
    {
        if (m_bindError != SQLITE_OK) [[unlikely]]
            return bindFailure();
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        return stepFailure(rc);
    }

    // Steps to the end, calling fn(const Statement &) for each row: the row loop every reader writes. A fn
    // that returns bool stops the loop by returning false. The first step error, if any.
    template<typename Fn> Result<void> eachRow(Fn &&fn)
    {
        for (;;) {
            auto r = step();
            if (!r.ok())
                return r.error();
            if (!r.value())
                return {};
            if constexpr (std::is_same_v<decltype(fn(std::as_const(*this))), bool>) {
                if (!fn(std::as_const(*this)))
                    return {};
            } else {
                fn(std::as_const(*this));
            }
        }
    }

    // Steps until done (rows are discarded), then reset().
    Result<void> exec()
    {
        for (;;) {
            auto r = step();
            if (!r.ok()) {
                reset();
                return r.error();
            }
            if (!r.value())
                break;
        }
        reset();
        return {};
    }

    // Rewinds the statement and clears all bindings (so no bindStatic() pointer is kept).
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_bindError = SQLITE_OK;
    }

    // Columns are 0-based. Views are valid until the next step(), reset() or accessor of another type on
    // the same column.
    int64_t int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    int integer(int col) const { return sqlite3_column_int(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::string_view textView(int col) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return p ? std::string_view(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
    }
    QString text(int col) const
    {
        const std::string_view v = textView(col);
        return QString::fromUtf8(v.data(), qsizetype(v.size()));
    }
    QByteArrayView blobView(int col) const
    {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
        return QByteArrayView(p, p ? qsizetype(sqlite3_column_bytes(m_stmt, col)) : 0);
    }
    QByteArray blob(int col) const { return blobView(col).toByteArray(); }
    int columnCount() const { return sqlite3_column_count(m_stmt); }

    sqlite3_stmt *handle() const { return m_stmt; }
    bool isValid() const { return m_stmt != nullptr; }

private:
    friend class Database;
    explicit Statement(sqlite3_stmt *stmt)
        : m_stmt(stmt)
    { }

    Statement &check(int rc, int index1)
    {
        if (rc != SQLITE_OK) [[unlikely]]
            noteBindError(rc, index1);
        return *this;
    }
    Statement &bindText(int index1, std::string_view text, sqlite3_destructor_type how)
    {
        // A null pointer would bind NULL; an empty view means the empty string.
        const char *p = text.data() ? text.data() : "";
        return check(sqlite3_bind_text64(m_stmt, index1, p, text.size(), how, SQLITE_UTF8), index1);
    }
    Statement &bindBlob(int index1, QByteArrayView blob, sqlite3_destructor_type how)
    {
        const char *p = blob.data() ? blob.data() : "";
        return check(sqlite3_bind_blob64(m_stmt, index1, p, sqlite3_uint64(blob.size()), how), index1);
    }
    void noteBindError(int rc, int index1);
    Error bindFailure();
    Error stepFailure(int rc);

    sqlite3_stmt *m_stmt = nullptr;
    int m_bindError = SQLITE_OK;
    int m_bindErrorIndex = 0;
};

// Resets a statement when the scope ends (for statements that are not stepped to the end).
class ResetGuard
{
public:
    explicit ResetGuard(Statement &s)
        : m_s(s)
    { }
    ResetGuard(const ResetGuard &) = delete;
    ResetGuard &operator=(const ResetGuard &) = delete;
    ~ResetGuard() { m_s.reset(); }

private:
    Statement &m_s;
};

class Database
{
public:
    enum class Mode {
        ReadWrite, // existing file, read and write
        ReadOnly, // existing file, no writes (SQLITE_OPEN_READONLY)
        Create, // create the file (owner-only permissions) if missing, read and write
    };

    // Opens and configures one connection: busy_timeout=5000, foreign_keys=ON, trusted_schema=OFF,
    // cell_size_check=ON, secure_delete=OFF, defensive mode, no double-quoted string literals, no extension
    // loading; journal_mode=WAL (not for ReadOnly) and synchronous=FULL. Reads the schema once, so a file
    // that is not a SQLite database is reported here ("database_corrupt"), not at the first query.
    static Result<Database> open(const QString &path, Mode mode);

    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    // Prepared once (SQLITE_PREPARE_PERSISTENT) per distinct SQL text and kept for the life of the
    // connection; reset (with bindings cleared) before being returned. The pointer stays valid as long as
    // this Database (or the one it is moved into) lives. Exactly one SQL statement per text.
    Result<Statement *> cached(std::string_view sql);
    // Prepared for one-off use; exactly one SQL statement.
    Result<Statement> prepare(std::string_view sql);
    // Runs several statements with sqlite3_exec. Constant DDL only, never with user input.
    Result<void> execScript(std::string_view sql);

    int64_t lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
    int changes() const { return sqlite3_changes(m_db); }
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }
    bool inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

    // FULL (the default) or NORMAL. NORMAL may lose the last commits on power failure (never corrupts in
    // WAL mode): only for bulk rebuilds that can be redone, and switch back afterwards.
    Result<void> setSynchronous(bool full);
    // PRAGMA quick_check (quick) or integrity_check: "ok", or the problems found, one per line.
    Result<QString> integrityCheck(bool quick);

private:
    Database(sqlite3 *db, QString path)
        : m_db(db)
        , m_path(std::move(path))
    { }
    Result<sqlite3_stmt *> prepareRaw(std::string_view sql, unsigned flags);
    void close();

    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view> {}(s); }
    };
    sqlite3 *m_db = nullptr;
    QString m_path;
    std::unordered_map<std::string, Statement, Hash, std::equal_to<>> m_cache;
};

// BEGIN IMMEDIATE on begin(); commit() makes it durable; otherwise the destructor rolls back. Not nestable.
class Transaction
{
public:
    static Result<Transaction> begin(Database &db);

    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&other) noexcept;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    ~Transaction();

    // If COMMIT fails and SQLite kept the transaction open (e.g. busy), it is still rolled back by the
    // destructor unless commit() is retried successfully.
    Result<void> commit();
    Result<void> rollback();
    bool isActive() const { return m_db != nullptr; }

private:
    Transaction(sqlite3 *db, Statement *commitStmt)
        : m_db(db)
        , m_commit(commitStmt)
    { }
    void rollbackQuietly() noexcept;

    sqlite3 *m_db = nullptr; // null once committed or rolled back
    Statement *m_commit = nullptr;
};

} // namespace ledger::sql
