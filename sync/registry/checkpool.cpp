#include "sync/registry/checkpool.h"

#include <algorithm>

namespace registry {

namespace {
constexpr size_t kSlice = 32; // entries per slice: ~2 ms of verification, small enough to spread a batch
}

struct CheckPool::Call
{
    const std::function<void(size_t)> &fn;
    size_t pending; // slices not finished; guarded by CheckPool::m_mutex
    std::condition_variable done;
};

CheckPool::CheckPool(int threads)
{
    for (int t = 0; t < std::max(1, threads); ++t)
        m_threads.emplace_back([this] { run(); });
}

CheckPool::~CheckPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
}

void CheckPool::forEach(size_t n, const std::function<void(size_t)> &fn)
{
    if (n == 0)
        return;
    Call call { fn, (n + kSlice - 1) / kSlice, {} };
    std::unique_lock lock(m_mutex);
    for (size_t begin = 0; begin < n; begin += kSlice)
        m_queue.push_back(Slice { &call, begin, std::min(n, begin + kSlice) });
    m_wake.notify_all();
    call.done.wait(lock, [&] { return call.pending == 0; });
}

void CheckPool::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping and nothing left
        const Slice slice = m_queue.front();
        m_queue.pop_front();
        lock.unlock();
        for (size_t i = slice.begin; i < slice.end; ++i)
            slice.call->fn(i);
        lock.lock();
        if (--slice.call->pending == 0)
            slice.call->done.notify_all();
    }
}

} // namespace registry
