// The crash test: a child process (this binary, re-run with --crash-child) appends batches to a real ledger
// file and reports each batch only after Sequencer::submit has returned; the parent kills it with SIGKILL
// at random moments, then reopens the file. Every time: verify (full) is ok, nothing acknowledged is lost,
// the last batch's checkpoint is there with it, the projections match the log, and the next child carries
// on appending to the same file.
//
// The kill delays come from a fixed seed, so a failing run can be repeated (ALLIANCE_CRASH_SEED overrides it;
// ALLIANCE_CRASH_ITERATIONS the number of kills).

#include "ledger/engine/sequencer.h"
#include "ledger/engine/verifier.h"
#include "ledger/store/ledgerstore.h"
#include "support/ledgerfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <random>
#include <string>

#include <unistd.h>

using namespace ledger;
using namespace testsupport;

namespace {

constexpr const char *kChildFlag = "--crash-child";
const std::string kGrant = "g-crash";
#if defined(__SANITIZE_ADDRESS__)
constexpr unsigned kMaxPauseUs = 60000; // verify is several times slower under AddressSanitizer
#else
constexpr unsigned kMaxPauseUs = 30000;
#endif

void say(const std::string &line)
{
    // One write(2) per line, straight to the pipe: nothing sits in a buffer when the kill comes.
    const std::string out = line + '\n';
    [[maybe_unused]] const ssize_t n = ::write(STDOUT_FILENO, out.data(), out.size());
}

// The child: appends random batches of 1..50 entries until it is killed.
int crashChild(const QString &path, unsigned seed)
{
    auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
    if (!store) {
        say("error open " + store.error().toString().toStdString());
        return 2;
    }
    ManualClock clock(0);
    auto opened = Sequencer::open(*store.value(), clock);
    if (!opened) {
        say("error sequencer " + opened.error().toString().toStdString());
        return 2;
    }
    Sequencer &seq = *opened.value();
    const crypto::PrivateKey root = testKey("root");
    const crypto::PrivateKey pm = testKey("pm-kim");
    if (!seq.setCheckpointSigner(root)) {
        say("error signer");
        return 2;
    }
    clock.set(seq.state().lastAt + 1);
    say("ready " + std::to_string(seq.state().size));

    std::mt19937 rng(seed);
    const auto nonce = [&] {
        char buf[33];
        for (int i = 0; i < 32; ++i)
            buf[i] = "0123456789abcdef"[rng() % 16];
        buf[32] = 0;
        return std::string(buf);
    };
    const auto sign = [&](const crypto::PrivateKey &key, const char *type, Value body) {
        Entry e;
        e.type = type;
        e.author = keyIdOf(key);
        e.createdAt = clock.nowMs();
        e.nonce = nonce();
        e.body = std::move(body);
        return signEntry(e, key);
    };
    const int64_t poolValidUntil = seq.state().pools.at("nipa-b200").validUntil;
    for (;;) {
        clock.advance(1 + int64_t(rng() % 1000));
        const int64_t now = clock.nowMs();
        std::vector<SignedEntry> batch;
        const int n = 1 + int(rng() % 50);
        for (int i = 0; i < n; ++i) {
            switch (rng() % 3) {
            case 0:
                batch.push_back(sign(pm, "usage.recorded",
                    bodies::usage(kGrant, "u-" + nonce(), "naver-cloud/b200", 1 + int64_t(rng() % 5),
                        now - 1000, now)));
                break;
            case 1:
                batch.push_back(sign(pm, "pool.pledged",
                    bodies::pledge("nipa-b200", "nipa", "gpu-2026", "naver-cloud/b200",
                        1 + int64_t(rng() % 100), poolValidUntil)));
                break;
            default:
                batch.push_back(
                    sign(root, "sponsor.registered", bodies::sponsor("sp-" + nonce(), "corporate")));
                break;
            }
        }
        auto receipts = seq.submit(batch);
        if (!receipts) {
            say("error submit " + receipts.error().toString().toStdString());
            return 3;
        }
        for (const Receipt &r : receipts.value()) {
            if (!r.accepted) {
                say("rejected " + r.rejection.toString().toStdString());
                return 4;
            }
        }
        say("acked " + std::to_string(receipts->back().seq));
        // A pause between batches keeps the log (and the parent's full verify of it after every kill) small
        // enough for 60 kills in well under a minute. About half the kills still land inside a batch; the
        // others test that what was acknowledged just before is there.
        ::usleep(useconds_t(rng() % kMaxPauseUs));
    }
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok ? v : fallback;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void killAtRandomMoments()
    {
        const int iterations = envInt("ALLIANCE_CRASH_ITERATIONS", 60);
        const quint32 seed = quint32(envInt("ALLIANCE_CRASH_SEED", 20260101));
        QRandomGenerator random(seed);

        // The world the children append to: a long grant to record usage against, a pool to top up.
        LedgerFixture f;
        const World &w = f.buildStandard();
        f.standardGrant(
            kGrant, w.application, { { 300'000, f.clock.nowMs() } }, f.clock.nowMs() + 300 * kDay);
        LF_STOP_IF_FAILED();
        const QString path = f.path();
        int64_t expectedSize = f.logSize();
        f.close();

        QElapsedTimer elapsed;
        elapsed.start();
        int64_t lastAcked = -1;
        int killedAfterAck = 0; // children that acknowledged something before they died
        int killedBeforeReady = 0;
        int64_t verifyMs = 0;
        for (int i = 0; i < iterations; ++i) {
            QProcess child;
            child.setProgram(QCoreApplication::applicationFilePath());
            child.setArguments({ QString::fromLatin1(kChildFlag), path, QString::number(seed + quint32(i)) });
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start();
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
            const int delay = 5 + int(random.bounded(196)); // 5..200 ms
            // Mostly the delay runs from the moment the child has opened the ledger and starts appending (so
            // a slow start, e.g. under a sanitizer, does not eat it); every fifth time from the process
            // start, which also kills children while they open the file and recover the previous crash's WAL.
            QByteArray out;
            if (i % 5 != 4) {
                QElapsedTimer startup;
                startup.start();
                while (
                    !out.contains('\n') && startup.elapsed() < 30000 && child.state() == QProcess::Running) {
                    child.waitForReadyRead(100);
                    out += child.readAllStandardOutput();
                }
                QVERIFY2(out.startsWith("ready "), out.constData());
            }
            QThread::msleep(ulong(delay));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            out += child.readAllStandardOutput();
            QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                qPrintable(QStringLiteral("the child stopped by itself (exit %1): %2 %3")
                               .arg(child.exitCode())
                               .arg(QString::fromUtf8(out.right(500)),
                                   QString::fromUtf8(child.readAllStandardError()))));

            // What the child said before it died: where it started, and each acknowledged batch.
            int64_t childAcked = -1;
            bool ready = false;
            for (const QByteArray &line : out.split('\n')) {
                if (line.isEmpty())
                    continue;
                if (line.startsWith("ready ")) {
                    ready = true;
                    QCOMPARE(line.mid(6).toLongLong(), expectedSize); // it continued the same file
                } else if (line.startsWith("acked ")) {
                    const int64_t acked = line.mid(6).toLongLong();
                    QVERIFY(acked > childAcked);
                    childAcked = acked;
                } else {
                    QFAIL(
                        qPrintable(QStringLiteral("child %1 said: %2").arg(i).arg(QString::fromUtf8(line))));
                }
            }
            killedBeforeReady += ready ? 0 : 1;
            if (childAcked >= 0) {
                ++killedAfterAck;
                lastAcked = childAcked;
            }

            // Reopen: intact, nothing acknowledged lost, checkpoint and projections in step with the log.
            auto store = store::LedgerStore::open(path, store::LedgerStore::Mode::ReadWrite);
            QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().toString()));
            auto integrity = store.value()->db().integrityCheck(true);
            QVERIFY(integrity.ok());
            QCOMPARE(integrity.value(), QStringLiteral("ok"));
            QElapsedTimer verifyTimer;
            verifyTimer.start();
            auto report = verifyLedger(*store.value());
            verifyMs += verifyTimer.elapsed();
            QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().toString()));
            QVERIFY2(report->ok,
                qPrintable(QStringLiteral("after kill %1: %2 at %3: %4")
                               .arg(i)
                               .arg(report->code)
                               .arg(report->firstBadSeq)
                               .arg(report->problem)));
            const int64_t size = report->entries;
            QVERIFY2(size >= lastAcked + 1,
                qPrintable(QStringLiteral("acked %1 but the log has %2 entries").arg(lastAcked).arg(size)));
            QVERIFY(size >= expectedSize);
            QCOMPARE(report->uncheckpointed, int64_t(0)); // a batch and its checkpoint commit together
            ManualClock clock(0);
            auto seq = Sequencer::open(*store.value(), clock);
            QVERIFY2(seq.ok(), seq.ok() ? "" : qPrintable(seq.error().toString()));
            QCOMPARE(invariantProblem((*seq)->state()), QString());
            expectedSize = size;
        }
        qInfo(
            "%d kills in %lld ms (%lld ms verifying): %d after acknowledged batches, %d before the child was "
            "ready; %lld entries",
            iterations, qlonglong(elapsed.elapsed()), qlonglong(verifyMs), killedAfterAck, killedBeforeReady,
            qlonglong(expectedSize));
        QVERIFY(iterations < 50 || killedAfterAck >= iterations / 3); // most kills hit a working child
        QVERIFY(lastAcked >= 0);
    }
};

// Not QTEST_GUILESS_MAIN: the same binary is the child, recognised before QTest sees the arguments.
int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], kChildFlag) == 0)
        return crashChild(QString::fromLocal8Bit(argv[2]), unsigned(QByteArray(argv[3]).toUInt()));
    QCoreApplication app(argc, argv);
    TestCrashSafety tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_crashsafety.moc"
