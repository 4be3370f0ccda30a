#pragma once
// The registry's CPU pool for the checks of submitted entries (signature, canonical form, author key), one
// thread per core, so that the one sequencing thread never verifies. Work is done in arrival order: a batch
// is cut into slices queued behind earlier batches' slices, so one batch alone uses every core, and batches
// that arrive together finish one after the other instead of all late together.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace registry {

class CheckPool
{
public:
    explicit CheckPool(int threads); // at least 1
    ~CheckPool(); // finishes queued slices, then stops
    CheckPool(const CheckPool &) = delete;
    CheckPool &operator=(const CheckPool &) = delete;

    // Runs fn(i) for every i in [0, n) on the pool and returns when all have run. Thread-safe; fn must not
    // throw.
    void forEach(size_t n, const std::function<void(size_t)> &fn);

private:
    struct Call; // one forEach: its function and how many slices are still running
    struct Slice
    {
        Call *call;
        size_t begin;
        size_t end;
    };
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Slice> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads; // last: start after everything above exists
};

} // namespace registry
