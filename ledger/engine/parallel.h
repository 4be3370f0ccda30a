#pragma once
// Runs fn(begin, end) over [0, n) split into contiguous slices, one per core, and waits for all of them.
// Small inputs stay on the calling thread: starting threads costs more than verifying a few signatures.

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace ledger {

inline int workerCount()
{
    return std::max(1, int(std::thread::hardware_concurrency()));
}

template<typename Fn> void parallelFor(size_t n, Fn &&fn, size_t minPerThread = 64)
{
    const size_t threads = std::min<size_t>(size_t(workerCount()), std::max<size_t>(1, n / minPerThread));
    if (threads <= 1) {
        fn(size_t(0), n);
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    const size_t slice = (n + threads - 1) / threads;
    for (size_t t = 1; t < threads; ++t) {
        const size_t begin = std::min(n, t * slice);
        const size_t end = std::min(n, begin + slice);
        pool.emplace_back([&fn, begin, end] { fn(begin, end); });
    }
    fn(size_t(0), std::min(n, slice));
    for (auto &th : pool)
        th.join();
}

} // namespace ledger
