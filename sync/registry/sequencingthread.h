#pragma once
// The one thread that sequences (the ledger's Sequencer is not thread-safe). Request threads check the
// signatures of their batch first (CheckPool), then hand it here and wait; this thread takes every batch
// waiting at that moment, runs them through the writer as one sequencer call (group commit: one transaction,
// one sync, one checkpoint) and hands each caller its own receipts once that committed. After each round it
// publishes the member directory and the tree size for the request threads.

#include "sync/registry/metrics.h"
#include "sync/registry/storage.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace registry {

class SequencingThread
{
public:
    // Takes the writer; `maxRoundEntries` bounds how many entries one merged round may hold.
    SequencingThread(std::unique_ptr<LogWriter> writer, int maxRoundEntries, Metrics &metrics);
    ~SequencingThread(); // finishes queued work, then stops

    // Thread-safe. The future holds the batch's receipts, or the storage error that lost the whole round.
    std::future<ledger::Result<SubmitOutcome>> submit(std::vector<ledger::CheckedEntry> batch);

    std::shared_ptr<const Directory> directory() const;
    int64_t treeSize() const { return m_treeSize.load(); }
    QString origin() const { return m_origin; }
    int queuedBatches() const;

private:
    struct Job
    {
        std::vector<ledger::CheckedEntry> batch;
        std::promise<ledger::Result<SubmitOutcome>> promise;
    };
    void run();
    void runRound(std::vector<Job> &jobs);

    std::unique_ptr<LogWriter> m_writer;
    Metrics &m_metrics;
    const int m_maxRoundEntries;
    QString m_origin;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::shared_ptr<const Directory> m_directory; // guarded by m_mutex
    std::atomic<int64_t> m_treeSize { 0 };
    std::thread m_thread; // last: starts after everything above exists
};

} // namespace registry
