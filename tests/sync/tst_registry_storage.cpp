// The registry's SQLite writer on a real data directory: the log rows, the stored rejections and the
// read-scope rows of a batch commit together or not at all. A fault is injected with a real SQLite trigger
// that aborts the insert of a read-scope row (or of a rejection): nothing of the batch may remain.

#include "registrytestkit.h"

#include "sync/registry/datadir.h"
#include "sync/registry/sqlitestorage.h"
#include "sync/registry/sqlitetables.h"

#include "ledger/engine/sequencer.h"
#include "ledger/store/sqlite.h"

#include <QTest>

using namespace kit;

class TstRegistryStorage : public QObject
{
    Q_OBJECT

    ScratchDir m_dir;
    Alliance m_alliance;
    registry::DataDir m_data;
    ledger::SystemClock m_clock;
    const World &w() const { return m_alliance.world; }

    // A second connection to the registry's ledger, as an operator's sqlite3 shell would be.
    int64_t scalar(const char *sql)
    {
        auto db = ledger::sql::Database::open(m_data.ledger(), ledger::sql::Database::Mode::ReadOnly);
        if (!db)
            return -1;
        auto s = db->prepare(sql);
        if (!s)
            return -1;
        auto row = s->step();
        return row && row.value() ? s->int64(0) : -1;
    }
    bool exec(const char *sql)
    {
        auto db = ledger::sql::Database::open(m_data.ledger(), ledger::sql::Database::Mode::ReadWrite);
        return db && db->execScript(sql).ok();
    }

    std::vector<ledger::CheckedEntry> checked(std::vector<ledger::SignedEntry> entries)
    {
        std::vector<ledger::CheckedEntry> out;
        for (auto &e : entries)
            out.push_back(ledger::checkEntry(std::move(e)));
        return out;
    }

    // Two new sponsors and one entry the rules reject (a sponsor registered twice in the batch).
    std::vector<ledger::SignedEntry> batch(const std::string &tag)
    {
        return { makeEntry(w().pm, "sponsor.registered", bodies::sponsor(tag + "-a")),
            makeEntry(w().pm, "sponsor.registered", bodies::sponsor(tag + "-b")),
            makeEntry(w().pm, "sponsor.registered", bodies::sponsor(tag + "-a")) };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_alliance.build(true));
        m_data.dir = m_dir.file(QStringLiteral("data"));
        auto init = registry::initDataDir(
            m_data, m_alliance.ledger->path(), m_alliance.keyFile, "registry passphrase");
        QVERIFY2(init, qPrintable(init ? QString() : init.error().toString()));
    }

    void faultInScopeRowsLeavesNothing_data()
    {
        QTest::addColumn<QByteArray>("table");
        QTest::newRow("read-scope rows") << QByteArray("registry_concerns");
        QTest::newRow("stored rejections") << QByteArray("registry_rejections");
    }

    void faultInScopeRowsLeavesNothing()
    {
        QFETCH(QByteArray, table);
        auto storage = registry::makeSqliteStorage(m_data.ledger(), m_data.replay());
        auto writer = storage->openWriter(m_alliance.registryKey, m_clock);
        QVERIFY2(writer, qPrintable(writer ? QString() : writer.error().toString()));
        const int64_t size0 = writer.value()->treeSize();
        const int64_t scopes0 = scalar("SELECT count(*) FROM registry_concerns");
        const int64_t rejections0 = scalar("SELECT count(*) FROM registry_rejections");
        const int64_t checkpoints0 = scalar("SELECT count(*) FROM checkpoints");

        const QByteArray trigger = "CREATE TRIGGER injected BEFORE INSERT ON " + table
            + " BEGIN SELECT RAISE(ABORT, 'injected fault'); END;";
        QVERIFY(exec(trigger.constData()));
        const auto entries = batch("fault-" + table.toStdString());
        auto failed = writer.value()->submit(checked(entries));
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.contains(QStringLiteral("injected fault")),
            qPrintable(failed.error().toString()));
        QCOMPARE(writer.value()->treeSize(), size0);
        QCOMPARE(scalar("SELECT count(*) FROM log"), size0);
        QCOMPARE(scalar("SELECT count(*) FROM registry_concerns"), scopes0);
        QCOMPARE(scalar("SELECT count(*) FROM registry_rejections"), rejections0);
        QCOMPARE(scalar("SELECT count(*) FROM checkpoints"), checkpoints0);

        // Without the fault the same batch goes through whole: two entries with their scope rows, one
        // stored, signed rejection.
        QVERIFY(exec("DROP TRIGGER injected;"));
        auto done = writer.value()->submit(checked(entries));
        QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
        QCOMPARE(done->sequenced, 2);
        QCOMPARE(done->rejected, 1);
        QVERIFY(done->receipts[2].verifyRejection(m_alliance.registryKey.publicKey()));
        QCOMPARE(writer.value()->treeSize(), size0 + 2);
        QCOMPARE(scalar("SELECT count(*) FROM log"), size0 + 2);
        for (int64_t seq = size0; seq < size0 + 2; ++seq) {
            const QByteArray q
                = "SELECT count(*) FROM registry_concerns WHERE seq = " + QByteArray::number(seq);
            QVERIFY2(scalar(q.constData()) >= 1, "a sequenced entry has no read-scope row");
        }
        QCOMPARE(scalar("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'registry.concerns_size'"),
            size0 + 2);
        QCOMPARE(scalar("SELECT count(*) FROM registry_rejections"), rejections0 + 1);
    }

    // A rejected entry sent again gets the rejection first given for it, from the same writer and from one
    // opened later (the writer keeps the stored rejections' keys in memory, loaded when it opens).
    void resubmittedRejectionGetsItsStoredReceipt()
    {
        auto storage = registry::makeSqliteStorage(m_data.ledger(), m_data.replay());
        const auto entries = batch("again");
        syncwire::WireReceipt first;
        {
            auto writer = storage->openWriter(m_alliance.registryKey, m_clock);
            QVERIFY2(writer, qPrintable(writer ? QString() : writer.error().toString()));
            auto done = writer.value()->submit(checked(entries));
            QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
            QCOMPARE(done->rejected, 1);
            first = done->receipts[2];
            QVERIFY(!first.rejection.isEmpty());
            QTest::qWait(2); // a fresh rejection would carry a later time
            auto again = writer.value()->submit(checked({ entries[2] }));
            QVERIFY2(again, qPrintable(again ? QString() : again.error().toString()));
            QCOMPARE(again->rejected, 0);
            QCOMPARE(again->receipts[0].rejection, first.rejection);
            QCOMPARE(again->receipts[0].rejectionSig, first.rejectionSig);
        }
        const int64_t rejections = scalar("SELECT count(*) FROM registry_rejections");
        auto reopened = storage->openWriter(m_alliance.registryKey, m_clock);
        QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().toString()));
        auto later = reopened.value()->submit(checked({ entries[2], entries[0] }));
        QVERIFY2(later, qPrintable(later ? QString() : later.error().toString()));
        QCOMPARE(later->rejected, 0);
        QCOMPARE(later->sequenced, 0); // entries[0] is in the log: its original receipt
        QCOMPARE(later->receipts[0].rejection, first.rejection);
        QCOMPARE(later->receipts[0].rejectionSig, first.rejectionSig);
        QVERIFY(later->receipts[1].sequenced);
        QCOMPARE(scalar("SELECT count(*) FROM registry_rejections"), rejections);
    }
};

QTEST_GUILESS_MAIN(TstRegistryStorage)
#include "tst_registry_storage.moc"
