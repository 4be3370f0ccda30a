#pragma once
// Reads the log in chunks, so that workers on other threads can use a chunk while the SQLite connection
// moves on.
//
// LogReader hands out chunks of owned rows (one allocation per field). ParallelLogScan reads and processes
// chunks on worker threads, each with its own read-only connection to the ledger file, and hands the results
// to the caller in log order: the whole log can be read, hashed, parsed and signature-checked on all cores
// while the caller does the part that must be sequential.

#include "ledger/engine/parallel.h"
#include "ledger/store/ledgerstore.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ledger {

// An owned row of the log: the store's own record type.
using LogRow = store::LogRecord;

class LogReader
{
public:
    LogReader(store::LedgerStore &store, int64_t from, int64_t to, size_t chunk = 4096)
        : m_store(store)
        , m_next(from)
        , m_to(to)
        , m_chunk(chunk)
    { }
    // The next chunk (empty at the end).
    Result<std::vector<LogRow>> next()
    {
        std::vector<LogRow> rows;
        if (m_next >= m_to)
            return rows;
        rows.reserve(m_chunk);
        const int64_t end = std::min<int64_t>(m_to, m_next + int64_t(m_chunk));
        auto scanned = m_store.scanLog(m_next, end, [&](const store::LogView &v) {
            LogRow r;
            r.seq = v.seq;
            r.sequencedAt = v.sequencedAt;
            r.entryId = v.entryId.toByteArray();
            r.leafHash = v.leafHash.toByteArray();
            r.type = std::string(v.type);
            r.author = std::string(v.author);
            r.nonce = std::string(v.nonce);
            r.authorKey = v.authorKey.toByteArray();
            r.entry = v.entry.toByteArray();
            r.sig = v.sig.toByteArray();
            rows.push_back(std::move(r));
            return true;
        });
        if (!scanned)
            return scanned.error();
        m_next = end;
        return rows;
    }

private:
    store::LedgerStore &m_store;
    int64_t m_next;
    int64_t m_to;
    size_t m_chunk;
};

// The bytes as a QByteArray, shared with the previous calls on this thread that asked for the same bytes:
// for columns with few distinct values (author keys), so that each row does not allocate its own copy.
inline QByteArray recentBytes(QByteArrayView bytes)
{
    thread_local std::vector<QByteArray> recent;
    for (const QByteArray &k : recent) {
        if (k == bytes)
            return k;
    }
    if (recent.size() >= 16)
        recent.erase(recent.begin());
    recent.push_back(bytes.toByteArray());
    return recent.back();
}

// Reads the rows [from, to) of the log in chunks on worker threads, calling work(row, payload) for each row
// on the worker that reads it (the row's views are valid only during the call), and next() hands out the
// chunks' payloads in log order. At most a few chunks per worker are in flight, so memory stays bounded
// whatever the size of the log. Payload is default-constructible and has clear() (e.g. a std::vector).
//
// With `ownConnections`, each worker reads through its own read-only connection to the ledger file; use it
// only when the caller's connection has no uncommitted changes to the log (the workers see the last commit).
// Otherwise, or if a connection cannot be opened (an in-memory database), the workers take turns on the
// caller's connection and only the work runs in parallel: while the scan lives, the caller uses its store
// only through withStore().
template<typename Payload> class ParallelLogScan
{
public:
    using Work = std::function<void(const store::LogView &row, Payload &payload)>;

    struct Item
    {
        int64_t from = 0; // the chunk is rows [from, to) of the log, or those of them that exist
        int64_t to = 0;
        Payload payload {};
        std::optional<Error> error; // the chunk could not be read (the payload may be partial)
    };

    ParallelLogScan(store::LedgerStore &store, int64_t from, int64_t to, size_t chunkRows, Work work,
        bool ownConnections, int workers = workerCount())
        : m_store(store)
        , m_from(from)
        , m_to(std::max(from, to))
        , m_chunkRows(std::max<size_t>(1, chunkRows))
        , m_work(std::move(work))
    {
        m_chunks = size_t((m_to - m_from + int64_t(m_chunkRows) - 1) / int64_t(m_chunkRows));
        workers = std::max(1, std::min<int>(workers, int(std::max<size_t>(1, m_chunks))));
        m_slots.resize(size_t(workers) * 2 + 1);
        for (auto &slot : m_slots)
            slot = std::make_unique<Slot>();
        if (ownConnections && !store.path().isEmpty()) {
            for (int w = 0; w < workers; ++w) {
                auto conn = store::LedgerStore::open(store.path(), store::LedgerStore::Mode::ReadOnly);
                if (!conn) {
                    m_connections.clear();
                    break;
                }
                // Read-only and sequential: map the file rather than copy every page through read().
                (void)conn.value()->db().execScript("PRAGMA mmap_size = 2147418112;");
                m_connections.push_back(std::move(conn.value()));
            }
        }
        for (int w = 0; w < workers; ++w)
            m_threads.emplace_back([this, w] { run(w); });
    }

    ~ParallelLogScan()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        for (auto &t : m_threads)
            t.join();
    }

    ParallelLogScan(const ParallelLogScan &) = delete;
    ParallelLogScan &operator=(const ParallelLogScan &) = delete;

    // The next chunk in log order, or nullptr at the end. The item stays valid until the next call.
    Item *next()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_handedOut) {
            slotFor(m_consumed - 1).state = State::Free;
            m_handedOut = false;
            m_cv.notify_all();
        }
        if (m_consumed >= m_chunks)
            return nullptr;
        Slot &slot = slotFor(m_consumed);
        m_cv.wait(lock, [&] { return slot.state == State::Ready && slot.index == m_consumed; });
        ++m_consumed;
        m_handedOut = true;
        return &slot.item;
    }

    // The caller's store, while workers may be reading through it (when they have no connections of their
    // own).
    template<typename Fn> auto withStore(Fn &&fn)
    {
        std::lock_guard<std::mutex> lock(m_storeMutex);
        return fn(m_store);
    }

private:
    enum class State { Free, Working, Ready };
    struct Slot
    {
        State state = State::Free;
        size_t index = 0;
        Item item;
    };

    Slot &slotFor(size_t index) { return *m_slots[index % m_slots.size()]; }

    void run(int worker)
    {
        for (;;) {
            Slot *slot = nullptr;
            size_t index = 0;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_cv.wait(lock, [&] {
                    return m_stop || m_assigned >= m_chunks || slotFor(m_assigned).state == State::Free;
                });
                if (m_stop || m_assigned >= m_chunks)
                    return;
                index = m_assigned++;
                slot = &slotFor(index);
                slot->state = State::Working;
                slot->index = index;
            }
            Item &item = slot->item;
            item.from = m_from + int64_t(index * m_chunkRows);
            item.to = std::min<int64_t>(m_to, item.from + int64_t(m_chunkRows));
            item.error.reset();
            item.payload.clear();
            auto each = [&](const store::LogView &row) {
                m_work(row, item.payload);
                return true;
            };
            Result<void> read;
            if (!m_connections.empty()) {
                read = m_connections[size_t(worker)]->scanLog(item.from, item.to, each);
            } else {
                std::lock_guard<std::mutex> lock(m_storeMutex);
                read = m_store.scanLog(item.from, item.to, each);
            }
            if (!read)
                item.error = read.error();
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                slot->state = State::Ready;
            }
            m_cv.notify_all();
        }
    }

    store::LedgerStore &m_store;
    const int64_t m_from;
    const int64_t m_to;
    const size_t m_chunkRows;
    Work m_work;
    size_t m_chunks = 0;
    std::vector<std::unique_ptr<store::LedgerStore>> m_connections;
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::mutex m_storeMutex;
    std::condition_variable m_cv;
    size_t m_assigned = 0;
    size_t m_consumed = 0;
    bool m_handedOut = false;
    bool m_stop = false;
};

} // namespace ledger
