// Tests for ledger::sql (the SQLite wrapper) and ledger::sql::migrate, on real files.

#include "ledger/store/migrations.h"
#include "ledger/store/sqlite.h"
#include "support/templedger.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

using namespace ledger;
using namespace ledger::sql;

// The overload set must refuse floating point and unsigned 64-bit values at compile time.
template<typename V>
concept Bindable = requires(Statement &s, V v)
{
    s.bind(1, v);
};
static_assert(!Bindable<double>);
static_assert(!Bindable<float>);
static_assert(!Bindable<uint64_t>);
static_assert(!Bindable<size_t>);
static_assert(Bindable<qint64>);
static_assert(Bindable<int64_t>);
static_assert(Bindable<uint32_t>);
static_assert(Bindable<std::string>);
static_assert(Bindable<QByteArray>);
static_assert(Bindable<std::nullopt_t>);

namespace {

Database openOrFail(const QString &path, Database::Mode mode = Database::Mode::Create)
{
    auto db = Database::open(path, mode);
    if (!db.ok())
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(db.error().toString()));
    return std::move(db).value();
}

void run(Database &db, std::string_view sql)
{
    auto r = db.execScript(sql);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
}

// First column of the first row of a one-row query, as text (empty on no row); fails the test on error.
QString scalar(Database &db, std::string_view sql)
{
    auto st = db.prepare(sql);
    if (!st.ok()) {
        QTest::qFail(qPrintable(st.error().toString()), __FILE__, __LINE__);
        return {};
    }
    auto row = st->step();
    if (!row.ok()) {
        QTest::qFail(qPrintable(row.error().toString()), __FILE__, __LINE__);
        return {};
    }
    return row.value() ? st->text(0) : QString();
}

qint64 count(Database &db, std::string_view table)
{
    return scalar(db, std::string("SELECT count(*) FROM ") + std::string(table)).toLongLong();
}

bool tableExists(Database &db, const char *name)
{
    auto st = db.cached("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    if (!st.ok())
        return false;
    (*st)->bind(1, name);
    auto row = (*st)->step();
    (*st)->reset();
    return row.ok() && row.value();
}

constexpr std::string_view kV1 = "CREATE TABLE log (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL);";
constexpr std::string_view kV2 = "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note BLOB NOT NULL);";
constexpr std::string_view kV3 = "CREATE TABLE outbox (id BLOB PRIMARY KEY, entry BLOB NOT NULL);"
                                 "CREATE INDEX outbox_entry ON outbox(entry);";
const std::array<Migration, 3> kMigrations = { {
    { 1, "log", kV1 },
    { 2, "checkpoints", kV2 },
    { 3, "outbox", kV3 },
} };

} // namespace

class TestSqlite : public QObject
{
    Q_OBJECT

private slots:
    void createAppliesSettings();
    void createsOwnerOnlyFile();
    void setSynchronousSwitches();
    void bindAndReadEveryType();
    void bindStaticAndChaining();
    void bindErrorReportedByStep();
    void cachedStatementIsReusedAndReset();
    void prepareRejectsBadSql();
    void databaseAndStatementMove();
    void transactionRollsBackOnDestruction();
    void transactionNotNestable();
    void commitPersistsAcrossReopen();
    void constraintViolationThenRollback();
    void busyIsReported();
    void corruptFileIsRejected_data();
    void corruptFileIsRejected();
    void missingFileIsNotFound();
    void readOnlyRefusesWrites();
    void integrityCheckOnHealthyDb();
    void migrateFreshToV3();
    void migrateTwiceIsNoOp();
    void failingMigrationKeepsPreviousVersion();
    void migrationMayNotEndItsTransaction();
    void concurrentMigrationIsNotReapplied();
    void schemaTooNew();
    void invalidMigrationListsRejected_data();
    void invalidMigrationListsRejected();
};

void TestSqlite::createAppliesSettings()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    QCOMPARE(db.path(), dir.file(QStringLiteral("a.db")));
    QCOMPARE(scalar(db, "PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(scalar(db, "PRAGMA synchronous"), QStringLiteral("2")); // FULL
    QCOMPARE(scalar(db, "PRAGMA foreign_keys"), QStringLiteral("1"));
    QCOMPARE(scalar(db, "PRAGMA busy_timeout"), QStringLiteral("5000"));
    QCOMPARE(scalar(db, "PRAGMA trusted_schema"), QStringLiteral("0"));
    QCOMPARE(scalar(db, "PRAGMA cell_size_check"), QStringLiteral("1"));
    QCOMPARE(scalar(db, "PRAGMA secure_delete"), QStringLiteral("0"));
    // Defensive mode: the schema cannot be edited by hand.
    run(db, "CREATE TABLE t(x)");
    QVERIFY(!db.execScript("PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = 'x';").ok());
    // No double-quoted string literals: "nope" is an identifier, so this is an error.
    QVERIFY(!db.prepare("SELECT \"nope\"").ok());
    QVERIFY(QFile::exists(dir.file(QStringLiteral("a.db-wal"))));
}

void TestSqlite::createsOwnerOnlyFile()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("private.db"));
    Database db = openOrFail(path);
    run(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    const auto perms = QFile::permissions(path);
    QVERIFY(perms & QFileDevice::ReadOwner);
    QVERIFY(perms & QFileDevice::WriteOwner);
    QVERIFY(!(perms
        & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
            | QFileDevice::WriteOther)));
    const auto walPerms = QFile::permissions(path + QStringLiteral("-wal"));
    QVERIFY(!(walPerms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
}

void TestSqlite::setSynchronousSwitches()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    QVERIFY(db.setSynchronous(false).ok());
    QCOMPARE(scalar(db, "PRAGMA synchronous"), QStringLiteral("1")); // NORMAL
    QVERIFY(db.setSynchronous(true).ok());
    QCOMPARE(scalar(db, "PRAGMA synchronous"), QStringLiteral("2"));
}

void TestSqlite::bindAndReadEveryType()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db, "CREATE TABLE t(k INTEGER PRIMARY KEY, v)");

    const QByteArray blobWithNuls("\x00\x01\x00\xff\xfe\x00 end\x00", 10);
    QCOMPARE(blobWithNuls.size(), 10);
    const QString korean = QStringLiteral("스타트업 크레딧 — ünïcødé 🚀");
    const std::string_view utf8 = "\xea\xb0\x80\xeb\x82\x98 \xf0\x9f\x9a\x80"; // 가나 🚀
    const std::string_view textWithNul("a\0b", 3);
    const std::array<uint8_t, 4> bytes = { 0xde, 0xad, 0x00, 0xef };

    auto ins = db.cached("INSERT INTO t(k, v) VALUES (?1, ?2)");
    QVERIFY(ins.ok());
    Statement &s = *ins.value();
    auto put = [&](int k, auto &&value) {
        auto r = s.bind(1, k).bind(2, value).exec();
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
    };
    put(1, std::numeric_limits<int64_t>::max());
    put(2, std::numeric_limits<int64_t>::min());
    put(3, -7);
    put(4, korean);
    put(5, utf8);
    put(6, textWithNul);
    put(7, QByteArrayView(blobWithNuls));
    put(8, blobWithNuls);
    put(9, std::nullopt);
    put(10, std::string_view()); // empty text, not NULL
    put(11, QByteArrayView()); // empty blob, not NULL
    put(12, qint64(1) << 40);
    put(13, uint32_t(4000000000u));
    put(14, std::string("std::string"));
    put(15, "literal");
    put(16, static_cast<const char *>(nullptr)); // NULL
    put(17, QString()); // empty text
    put(18, QByteArrayView(bytes));
    QVERIFY(s.bind(1, 19).bindNull(2).exec().ok());

    auto sel = db.prepare("SELECT v, typeof(v) FROM t WHERE k = ?1");
    QVERIFY(sel.ok());
    auto row = [&](int k) -> Statement & {
        sel->reset();
        auto r = sel->bind(1, k).step();
        if (!r.ok() || !r.value())
            qFatal("row %d missing", k);
        return sel.value();
    };
    QCOMPARE(row(1).int64(0), std::numeric_limits<int64_t>::max());
    QCOMPARE(row(2).int64(0), std::numeric_limits<int64_t>::min());
    QCOMPARE(row(3).integer(0), -7);
    QCOMPARE(row(3).int64(0), int64_t(-7));
    QCOMPARE(row(4).text(0), korean);
    QCOMPARE(row(4).textView(1), std::string_view("text"));
    QCOMPARE(row(5).textView(0), utf8);
    QCOMPARE(row(5).text(0), QStringLiteral("가나 🚀"));
    QCOMPARE(row(6).textView(0).size(), size_t(3));
    QCOMPARE(row(6).textView(0), textWithNul);
    QCOMPARE(row(7).blob(0), blobWithNuls);
    QCOMPARE(row(7).textView(1), std::string_view("blob"));
    QCOMPARE(row(8).blobView(0), QByteArrayView(blobWithNuls));
    QVERIFY(row(9).isNull(0));
    QVERIFY(row(9).blob(0).isEmpty());
    QCOMPARE(row(9).int64(0), int64_t(0));
    QVERIFY(!row(10).isNull(0));
    QCOMPARE(row(10).textView(1), std::string_view("text"));
    QCOMPARE(row(10).textView(0).size(), size_t(0));
    QVERIFY(!row(11).isNull(0));
    QCOMPARE(row(11).textView(1), std::string_view("blob"));
    QCOMPARE(row(11).blobView(0).size(), qsizetype(0));
    QCOMPARE(row(12).int64(0), int64_t(1) << 40);
    QCOMPARE(row(13).int64(0), int64_t(4000000000));
    QCOMPARE(row(14).text(0), QStringLiteral("std::string"));
    QCOMPARE(row(15).text(0), QStringLiteral("literal"));
    QVERIFY(row(16).isNull(0));
    QVERIFY(!row(17).isNull(0));
    QCOMPARE(row(17).text(0), QString());
    QCOMPARE(row(18).blob(0), QByteArray("\xde\xad\x00\xef", 4));
    QVERIFY(row(19).isNull(0));
    QCOMPARE(sel->columnCount(), 2);
    QCOMPARE(db.changes(), 1);
    QCOMPARE(db.lastInsertRowId(), int64_t(19));
}

void TestSqlite::bindStaticAndChaining()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db, "CREATE TABLE t(a, b)");
    const std::string text = "kept alive by the caller";
    const QByteArray blob(300, '\x5a');
    auto ins = db.cached("INSERT INTO t VALUES (?1, ?2)");
    QVERIFY(ins.ok());
    QVERIFY((*ins)->bindStatic(1, text).bindStatic(2, blob).exec().ok());
    auto sel = db.prepare("SELECT a, b FROM t");
    QVERIFY(sel.ok());
    auto r = sel->step();
    QVERIFY(r.ok() && r.value());
    QCOMPARE(sel->textView(0), std::string_view(text));
    QCOMPARE(sel->blob(1), blob);
    r = sel->step();
    QVERIFY(r.ok() && !r.value());
}

void TestSqlite::bindErrorReportedByStep()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    auto st = db.cached("SELECT ?1");
    QVERIFY(st.ok());
    auto r = (*st)->bind(2, 5).step(); // no parameter 2
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("database_error"));
    QVERIFY2(r.error().message.contains(QStringLiteral("parameter 2")), qPrintable(r.error().message));
    QVERIFY(!(*st)->exec().ok()); // still failing until reset; exec() resets
    auto again = db.cached("SELECT ?1");
    QVERIFY(again.ok());
    r = (*again)->bind(1, 5).step();
    QVERIFY(r.ok() && r.value());
    QCOMPARE((*again)->integer(0), 5);
}

void TestSqlite::cachedStatementIsReusedAndReset()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);");
    const std::string_view sql = "SELECT x, ?1 FROM t ORDER BY x";
    auto first = db.cached(sql);
    QVERIFY(first.ok());
    Statement *p = first.value();
    p->bind(1, 42);
    QVERIFY(p->step().value());
    QVERIFY(p->step().value());
    QCOMPARE(p->integer(0), 2); // left in the middle of the result

    auto second = db.cached(std::string(sql)); // a different buffer with the same text
    QVERIFY(second.ok());
    QCOMPARE(second.value(), p);
    auto r = p->step();
    QVERIFY(r.ok() && r.value());
    QCOMPARE(p->integer(0), 1); // reset: back at the first row
    QVERIFY(p->isNull(1)); // and the bindings were cleared
    p->reset();

    // After the table changes, the cached statement is re-prepared by SQLite transparently.
    run(db, "ALTER TABLE t ADD COLUMN y DEFAULT 0");
    auto third = db.cached(sql);
    QCOMPARE(third.value(), p);
    QVERIFY(p->step().value());
    QCOMPARE(p->integer(0), 1);
    {
        ResetGuard guard(*p);
    }
    QVERIFY(p->step().value());
    QCOMPARE(p->integer(0), 1);
    p->reset();

    auto other = db.cached("SELECT 1");
    QVERIFY(other.ok());
    QVERIFY(other.value() != p);
}

void TestSqlite::prepareRejectsBadSql()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    auto syntax = db.prepare("SELEC 1");
    QVERIFY(!syntax.ok());
    QCOMPARE(syntax.error().code, QStringLiteral("database_error"));
    QVERIFY(syntax.error().message.contains(QStringLiteral("SELEC 1")));
    QVERIFY(!db.prepare("").ok());
    QVERIFY(!db.prepare("  -- only a comment").ok());
    auto two = db.cached("SELECT 1; SELECT 2");
    QVERIFY(!two.ok());
    QVERIFY(two.error().message.contains(QStringLiteral("more than one")));
    QVERIFY(db.prepare("SELECT 1;  -- trailing comment\n ;").ok());
    QVERIFY(!db.prepare("SELECT * FROM missing_table").ok());
}

void TestSqlite::databaseAndStatementMove()
{
    testsupport::ScratchDir dir;
    Database a = openOrFail(dir.file(QStringLiteral("a.db")));
    auto cached = a.cached("SELECT 7");
    QVERIFY(cached.ok());
    Statement *p = cached.value();
    Database b = std::move(a);
    // The moved-from state is what is checked here.
    QVERIFY(a.handle() == nullptr); // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move)
    QCOMPARE(b.cached("SELECT 7").value(), p); // cached pointers survive a move
    QVERIFY(p->step().value());
    QCOMPARE(p->integer(0), 7);
    p->reset();

    auto st = b.prepare("SELECT 8");
    QVERIFY(st.ok());
    Statement moved = std::move(st.value());
    QVERIFY(!st->isValid());
    QVERIFY(moved.step().value());
    QCOMPARE(moved.integer(0), 8);

    Database c = openOrFail(dir.file(QStringLiteral("c.db")));
    c = std::move(b); // closes c's connection, takes b's
    QCOMPARE(c.path(), dir.file(QStringLiteral("a.db")));
}

void TestSqlite::transactionRollsBackOnDestruction()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db, "CREATE TABLE t(x)");
    {
        auto txn = Transaction::begin(db);
        QVERIFY(txn.ok());
        QVERIFY(db.inTransaction());
        auto ins = db.cached("INSERT INTO t VALUES (?1)");
        for (int i = 0; i < 100; ++i)
            QVERIFY((*ins)->bind(1, i).exec().ok());
        QCOMPARE(count(db, "t"), 100);
    }
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(db, "t"), 0);

    auto txn = Transaction::begin(db);
    QVERIFY(txn.ok());
    run(db, "INSERT INTO t VALUES (1)");
    QVERIFY(txn->rollback().ok());
    QVERIFY(!txn->isActive());
    QVERIFY(!txn->commit().ok()); // nothing left to commit
    QCOMPARE(count(db, "t"), 0);

    // Move-assigning over an active transaction rolls it back.
    auto t1 = Transaction::begin(db);
    QVERIFY(t1.ok());
    run(db, "INSERT INTO t VALUES (2)");
    Transaction holder = std::move(t1.value());
    QVERIFY(!t1->isActive());
    holder = std::move(t1.value());
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(db, "t"), 0);
}

void TestSqlite::transactionNotNestable()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    auto outer = Transaction::begin(db);
    QVERIFY(outer.ok());
    auto inner = Transaction::begin(db);
    QVERIFY(!inner.ok());
    QCOMPARE(inner.error().code, QStringLiteral("database_error"));
    QVERIFY(db.inTransaction());
    QVERIFY(outer->commit().ok());
}

void TestSqlite::commitPersistsAcrossReopen()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    {
        Database db = openOrFail(path);
        run(db, "CREATE TABLE t(x INTEGER, b BLOB)");
        auto txn = Transaction::begin(db);
        QVERIFY(txn.ok());
        auto ins = db.cached("INSERT INTO t VALUES (?1, ?2)");
        for (int i = 0; i < 1000; ++i)
            QVERIFY((*ins)->bind(1, i).bind(2, QByteArray(32, char(i))).exec().ok());
        QVERIFY(txn->commit().ok());
        QVERIFY(!txn->isActive());
    }
    Database db = openOrFail(path, Database::Mode::ReadWrite);
    QCOMPARE(count(db, "t"), 1000);
    QCOMPARE(scalar(db, "SELECT sum(x) FROM t"), QStringLiteral("499500"));
    Database ro = openOrFail(path, Database::Mode::ReadOnly);
    QCOMPARE(count(ro, "t"), 1000);
}

void TestSqlite::constraintViolationThenRollback()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db,
        "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
        "CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id),"
        "                   name TEXT UNIQUE);");
    auto txn = Transaction::begin(db);
    QVERIFY(txn.ok());
    run(db, "INSERT INTO parent VALUES (1)");
    auto ins = db.cached("INSERT INTO child(parent, name) VALUES (?1, ?2)");
    QVERIFY((*ins)->bind(1, 1).bind(2, "a").exec().ok());
    auto dup = (*ins)->bind(1, 1).bind(2, "a").exec();
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().code, QStringLiteral("constraint"));
    QVERIFY2(dup.error().message.contains(QStringLiteral("UNIQUE")), qPrintable(dup.error().message));
    auto orphan = (*ins)->bind(1, 99).bind(2, "b").exec(); // foreign keys are enforced
    QVERIFY(!orphan.ok());
    QCOMPARE(orphan.error().code, QStringLiteral("constraint"));
    QVERIFY(db.inTransaction()); // a constraint failure undoes the statement, not the transaction
    QVERIFY(txn->rollback().ok());
    QVERIFY(!db.inTransaction());
    QCOMPARE(count(db, "parent"), 0);
    QCOMPARE(count(db, "child"), 0);

    // The connection and the cached statement are fine afterwards.
    auto again = Transaction::begin(db);
    QVERIFY(again.ok());
    run(db, "INSERT INTO parent VALUES (1)");
    QVERIFY((*ins)->bind(1, 1).bind(2, "a").exec().ok());
    QVERIFY(again->commit().ok());
    QCOMPARE(count(db, "child"), 1);
}

void TestSqlite::busyIsReported()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    Database a = openOrFail(path);
    run(a, "CREATE TABLE t(x)");
    Database b = openOrFail(path, Database::Mode::ReadWrite);
    sqlite3_busy_timeout(b.handle(), 50); // do not wait 5 s in a test
    auto holder = Transaction::begin(a);
    QVERIFY(holder.ok());
    auto blocked = Transaction::begin(b);
    QVERIFY(!blocked.ok());
    QCOMPARE(blocked.error().code, QStringLiteral("database_busy"));
    QVERIFY(!b.inTransaction());
    QVERIFY(holder->commit().ok());
    auto now = Transaction::begin(b);
    QVERIFY(now.ok());
}

void TestSqlite::corruptFileIsRejected_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("modeInt");
    for (const auto &kind : { QStringLiteral("random"), QStringLiteral("magic+random"),
             QStringLiteral("truncated-half"), QStringLiteral("truncated-header"), QStringLiteral("text") }) {
        for (auto mode : { Database::Mode::ReadWrite, Database::Mode::ReadOnly, Database::Mode::Create }) {
            const char *m = mode == Database::Mode::ReadWrite ? "rw"
                : mode == Database::Mode::ReadOnly            ? "ro"
                                                              : "create";
            QTest::addRow("%s/%s", qPrintable(kind), m) << kind << int(mode);
        }
    }
}

void TestSqlite::corruptFileIsRejected()
{
    QFETCH(QString, kind);
    QFETCH(int, modeInt);
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("bad.db"));
    QByteArray content;
    QRandomGenerator rng(20240501);
    auto randomBytes = [&](qsizetype n) {
        QByteArray b(n, Qt::Uninitialized);
        for (auto &c : b)
            c = char(rng.bounded(256));
        return b;
    };
    if (kind == QLatin1String("random")) {
        content = randomBytes(qsizetype(64) * 1024);
    } else if (kind == QLatin1String("magic+random")) {
        content = QByteArray("SQLite format 3\0", 16) + randomBytes(qsizetype(64) * 1024 - 16);
    } else if (kind == QLatin1String("text")) {
        content = QByteArray("this is a text file, not a database\n").repeated(100);
    } else {
        const QString good = dir.file(QStringLiteral("good.db"));
        {
            Database db = openOrFail(good);
            run(db, "CREATE TABLE t(x BLOB); CREATE INDEX t_x ON t(x);");
            auto txn = Transaction::begin(db);
            auto ins = db.cached("INSERT INTO t VALUES (?1)");
            for (int i = 0; i < 500; ++i)
                QVERIFY((*ins)->bind(1, randomBytes(300)).exec().ok());
            QVERIFY(txn->commit().ok());
        } // the last connection checkpoints the WAL into the file
        QVERIFY(!QFile::exists(good + QStringLiteral("-wal")));
        QFile f(good);
        QVERIFY(f.open(QIODevice::ReadOnly));
        content = f.readAll();
        QVERIFY(content.size() > qsizetype(100) * 1024);
        content.truncate(kind == QLatin1String("truncated-half") ? content.size() / 2 : 100);
    }
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(content), content.size());
    }

    auto db = Database::open(path, Database::Mode(modeInt));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, QStringLiteral("database_corrupt"));
    QCOMPARE(db.error().message, path + QStringLiteral(" is not a ledger database (or it is damaged)"));

    QFile f(path); // and the file was not touched
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestSqlite::missingFileIsNotFound()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("missing.db"));
    for (auto mode : { Database::Mode::ReadWrite, Database::Mode::ReadOnly }) {
        auto db = Database::open(path, mode);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("database_not_found"));
        QVERIFY(db.error().message.contains(path));
    }
    QVERIFY(!QFile::exists(path));
    auto noDir = Database::open(dir.file(QStringLiteral("no/such/dir/a.db")), Database::Mode::Create);
    QVERIFY(!noDir.ok());
    QCOMPARE(noDir.error().code, QStringLiteral("database_error"));
    auto empty = Database::open(QString(), Database::Mode::Create);
    QVERIFY(!empty.ok());
    // A path that looks like a URI is still a plain file name.
    const QString uriLike = dir.file(QStringLiteral("file:x.db?mode=memory"));
    auto uri = Database::open(uriLike, Database::Mode::Create);
    QVERIFY2(uri.ok(), uri.ok() ? "" : qPrintable(uri.error().toString()));
    QVERIFY(QFile::exists(uriLike));
}

void TestSqlite::readOnlyRefusesWrites()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    {
        Database db = openOrFail(path);
        run(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    }
    Database ro = openOrFail(path, Database::Mode::ReadOnly);
    QCOMPARE(count(ro, "t"), 1);
    auto ins = ro.cached("INSERT INTO t VALUES (2)");
    QVERIFY(ins.ok());
    auto r = (*ins)->exec();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("database_readonly"));
    QVERIFY(!ro.execScript("CREATE TABLE u(y)").ok());
    QCOMPARE(count(ro, "t"), 1);
    {
        auto txn = Transaction::begin(ro);
        if (txn.ok())
            QVERIFY(!(*ins)->exec().ok());
    }
    QVERIFY(!ro.inTransaction());
}

void TestSqlite::integrityCheckOnHealthyDb()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    run(db, "CREATE TABLE t(x PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
    QCOMPARE(db.integrityCheck(true).value(), QStringLiteral("ok"));
    QCOMPARE(db.integrityCheck(false).value(), QStringLiteral("ok"));
}

void TestSqlite::migrateFreshToV3()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    QCOMPARE(schemaVersion(db).value(), 0);
    auto v = migrate(db, kMigrations);
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().toString()));
    QCOMPARE(v.value(), 3);
    QCOMPARE(schemaVersion(db).value(), 3);
    QVERIFY(tableExists(db, "log"));
    QVERIFY(tableExists(db, "checkpoints"));
    QVERIFY(tableExists(db, "outbox"));
    QVERIFY(!db.inTransaction());

    // Step by step: v1 only, then up to v3.
    Database db2 = openOrFail(dir.file(QStringLiteral("b.db")));
    QCOMPARE(migrate(db2, std::span(kMigrations).first(1)).value(), 1);
    QVERIFY(tableExists(db2, "log"));
    QVERIFY(!tableExists(db2, "checkpoints"));
    QCOMPARE(migrate(db2, kMigrations).value(), 3);
}

void TestSqlite::migrateTwiceIsNoOp()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    {
        Database db = openOrFail(path);
        QCOMPARE(migrate(db, kMigrations).value(), 3);
        run(db, "INSERT INTO log VALUES (1, x'00')");
    }
    Database db = openOrFail(path, Database::Mode::ReadWrite);
    const QString schemaBefore = scalar(db, "SELECT group_concat(sql, ';') FROM sqlite_schema");
    const QString dataVersion = scalar(db, "PRAGMA data_version");
    // Re-running would fail ("table log already exists") if anything were re-applied.
    auto v = migrate(db, kMigrations);
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().toString()));
    QCOMPARE(v.value(), 3);
    QCOMPARE(scalar(db, "SELECT group_concat(sql, ';') FROM sqlite_schema"), schemaBefore);
    QCOMPARE(count(db, "log"), 1);
    QCOMPARE(scalar(db, "PRAGMA data_version"), dataVersion);
}

void TestSqlite::failingMigrationKeepsPreviousVersion()
{
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    Database db = openOrFail(path);
    QCOMPARE(migrate(db, kMigrations).value(), 3);

    const std::array<Migration, 5> withBadV4 = { {
        kMigrations[0],
        kMigrations[1],
        kMigrations[2],
        { 4, "half done",
            "CREATE TABLE partial(x); CREATE INDEX partial_x ON partial(x);"
            "INSERT INTO no_such_table VALUES (1);" },
        { 5, "never reached", "CREATE TABLE five(x);" },
    } };
    auto v = migrate(db, withBadV4);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, QStringLiteral("migration_failed"));
    QVERIFY2(v.error().message.contains(QStringLiteral("4 (half done)")), qPrintable(v.error().message));
    QVERIFY(v.error().message.contains(QStringLiteral("no_such_table")));
    QVERIFY(!db.inTransaction());
    QCOMPARE(schemaVersion(db).value(), 3);
    QVERIFY(!tableExists(db, "partial"));
    QVERIFY(!tableExists(db, "five"));

    // Also as seen by a fresh connection, and the database is still usable and migratable.
    Database other = openOrFail(path, Database::Mode::ReadWrite);
    QCOMPARE(schemaVersion(other).value(), 3);
    QVERIFY(!tableExists(other, "partial"));
    QCOMPARE(migrate(other, kMigrations).value(), 3);
    QCOMPARE(db.integrityCheck(false).value(), QStringLiteral("ok"));
}

void TestSqlite::migrationMayNotEndItsTransaction()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    const std::array<Migration, 2> sneaky = { {
        kMigrations[0],
        { 2, "commits itself", "CREATE TABLE early(x); COMMIT; BEGIN; CREATE TABLE late(x);" },
    } };
    auto v = migrate(db, sneaky);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, QStringLiteral("migration_failed"));
    QCOMPARE(schemaVersion(db).value(), 1);
    QVERIFY(!tableExists(db, "early"));
    QVERIFY(!db.inTransaction());
    // The authorizer is gone afterwards.
    auto txn = Transaction::begin(db);
    QVERIFY(txn.ok());
    QVERIFY(txn->commit().ok());
}

void TestSqlite::concurrentMigrationIsNotReapplied()
{
    // Connection b reads version 0, then waits for the write lock while connection a finishes the same
    // migrations; b must see version 3 under the lock and apply nothing.
    testsupport::ScratchDir dir;
    const QString path = dir.file(QStringLiteral("a.db"));
    Database a = openOrFail(path);
    Database b = openOrFail(path, Database::Mode::ReadWrite);
    auto aTxn = Transaction::begin(a);
    QVERIFY(aTxn.ok());
    run(a, kV1);
    run(a, kV2);
    run(a, kV3);
    run(a, "PRAGMA user_version = 3");

    struct Ctx
    {
        Transaction *txn = nullptr;
        int calls = 0;
    } ctx { &aTxn.value() };
    sqlite3_busy_handler(
        b.handle(),
        [](void *p, int) -> int {
            auto *c = static_cast<Ctx *>(p);
            ++c->calls;
            return c->txn->commit().ok() ? 1 : 0; // a commits while b is waiting, then b retries
        },
        &ctx);
    auto v = migrate(b, kMigrations);
    QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().toString()));
    QCOMPARE(v.value(), 3);
    QCOMPARE(ctx.calls, 1);
    QCOMPARE(schemaVersion(b).value(), 3);
    QVERIFY(tableExists(b, "outbox"));
}

void TestSqlite::schemaTooNew()
{
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    QCOMPARE(migrate(db, kMigrations).value(), 3);
    run(db, "PRAGMA user_version = 7");
    auto v = migrate(db, kMigrations);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code, QStringLiteral("schema_too_new"));
    QVERIFY2(v.error().message.contains(QStringLiteral("upgrade")), qPrintable(v.error().message));
    QVERIFY(v.error().message.contains(QStringLiteral("7")));
    QCOMPARE(schemaVersion(db).value(), 7);
    QVERIFY(!migrate(db, {}).ok());
}

void TestSqlite::invalidMigrationListsRejected_data()
{
    QTest::addColumn<QList<int>>("versions");
    QTest::newRow("repeated") << QList<int> { 1, 1 };
    QTest::newRow("decreasing") << QList<int> { 1, 3, 2 };
    QTest::newRow("starts at 2") << QList<int> { 2, 3 };
    QTest::newRow("starts at 0") << QList<int> { 0, 1 };
    QTest::newRow("gap") << QList<int> { 1, 2, 4 };
    QTest::newRow("negative") << QList<int> { -1 };
}

void TestSqlite::invalidMigrationListsRejected()
{
    QFETCH(QList<int>, versions);
    testsupport::ScratchDir dir;
    Database db = openOrFail(dir.file(QStringLiteral("a.db")));
    std::vector<Migration> list;
    for (int v : versions)
        list.push_back({ v, "m", "CREATE TABLE IF NOT EXISTS t(x);" });
    auto r = migrate(db, list);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("schema_invalid"));
    QCOMPARE(schemaVersion(db).value(), 0); // nothing applied
    QVERIFY(!tableExists(db, "t"));
}

QTEST_GUILESS_MAIN(TestSqlite)
#include "tst_sqlite.moc"
