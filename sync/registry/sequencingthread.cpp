#include "sync/registry/sequencingthread.h"

#include <iterator>

namespace registry {

SequencingThread::SequencingThread(std::unique_ptr<LogWriter> writer, int maxRoundEntries, Metrics &metrics)
    : m_writer(std::move(writer))
    , m_metrics(metrics)
    , m_maxRoundEntries(maxRoundEntries)
    , m_origin(m_writer->origin())
    , m_directory(m_writer->directory())
    , m_treeSize(m_writer->treeSize())
    , m_thread([this] { run(); })
{ }

SequencingThread::~SequencingThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::future<ledger::Result<SubmitOutcome>> SequencingThread::submit(std::vector<ledger::CheckedEntry> batch)
{
    Job job { std::move(batch), {} };
    auto future = job.promise.get_future();
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
    return future;
}

std::shared_ptr<const Directory> SequencingThread::directory() const
{
    std::lock_guard lock(m_mutex);
    return m_directory;
}

int SequencingThread::queuedBatches() const
{
    std::lock_guard lock(m_mutex);
    return int(m_queue.size());
}

void SequencingThread::run()
{
    for (;;) {
        std::vector<Job> jobs;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping and nothing left
            int entries = 0;
            while (!m_queue.empty()
                && (jobs.empty() || entries + int(m_queue.front().batch.size()) <= m_maxRoundEntries)) {
                entries += int(m_queue.front().batch.size());
                jobs.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runRound(jobs);
    }
}

void SequencingThread::runRound(std::vector<Job> &jobs)
{
    // Batches stay in arrival order inside the merged one, so each keeps its own internal order.
    std::vector<ledger::CheckedEntry> merged;
    std::vector<size_t> sizes;
    for (Job &j : jobs) {
        sizes.push_back(j.batch.size());
        std::move(j.batch.begin(), j.batch.end(), std::back_inserter(merged));
        j.batch.clear();
    }
    auto outcome = m_writer->submit(std::move(merged));
    {
        std::lock_guard lock(m_mutex);
        m_directory = m_writer->directory();
    }
    m_treeSize.store(m_writer->treeSize());
    if (!outcome) {
        for (Job &j : jobs)
            j.promise.set_value(outcome.error());
        return;
    }
    size_t at = 0;
    for (size_t n = 0; n < jobs.size(); ++n) {
        SubmitOutcome mine;
        mine.checkpoint = outcome->checkpoint;
        const auto first = outcome->receipts.begin() + long(at);
        mine.receipts.assign(std::make_move_iterator(first), std::make_move_iterator(first + long(sizes[n])));
        at += sizes[n];
        jobs[n].promise.set_value(std::move(mine));
    }
    m_metrics.sequenced(outcome->sequenced);
    m_metrics.rejected(outcome->rejected);
}

} // namespace registry
