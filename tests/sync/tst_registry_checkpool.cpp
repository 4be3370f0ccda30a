// The registry's CheckPool: every index of every call runs exactly once, calls from many threads at once do
// not mix, a call returns only when all its work is done, and slices run in arrival order.

#include "sync/registry/checkpool.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

class TstRegistryCheckPool : public QObject
{
    Q_OBJECT

private slots:
    void everyIndexOnceFromManyThreads()
    {
        registry::CheckPool pool(2);
        constexpr int kCallers = 8;
        const size_t sizes[kCallers] = { 0, 1, 31, 32, 33, 100, 1000, 4097 };
        std::vector<std::vector<std::atomic<int>>> hits(kCallers);
        for (int c = 0; c < kCallers; ++c)
            hits[size_t(c)] = std::vector<std::atomic<int>>(sizes[c]);
        std::vector<bool> complete(kCallers, false);
        std::vector<std::thread> callers;
        for (int c = 0; c < kCallers; ++c) {
            callers.emplace_back([&, c] {
                for (int round = 0; round < 5; ++round)
                    pool.forEach(sizes[c], [&](size_t i) { hits[size_t(c)][i].fetch_add(1); });
                // After the last call returned, nothing of it is still running.
                bool all = true;
                for (auto &h : hits[size_t(c)])
                    all = all && h.load() == 5;
                complete[size_t(c)] = all;
            });
        }
        for (auto &t : callers)
            t.join();
        for (int c = 0; c < kCallers; ++c)
            QVERIFY2(complete[size_t(c)], qPrintable(QStringLiteral("caller %1").arg(c)));
    }

    void earlierCallsStartFirst()
    {
        // One thread: the first call's slices all run before the second call's (arrival order).
        registry::CheckPool pool(1);
        std::mutex m;
        std::vector<int> order;
        std::atomic<bool> firstStarted { false };
        std::thread first([&] {
            pool.forEach(200, [&](size_t) {
                firstStarted = true;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                std::lock_guard lock(m);
                order.push_back(1);
            });
        });
        while (!firstStarted)
            std::this_thread::yield();
        pool.forEach(64, [&](size_t) {
            std::lock_guard lock(m);
            order.push_back(2);
        });
        first.join();
        QCOMPARE(order.size(), size_t(264));
        // Once the second call's work began, the first call's had ended.
        const auto firstTwo = std::find(order.begin(), order.end(), 2);
        QVERIFY(std::find(firstTwo, order.end(), 1) == order.end());
    }
};

QTEST_GUILESS_MAIN(TstRegistryCheckPool)
#include "tst_registry_checkpool.moc"
