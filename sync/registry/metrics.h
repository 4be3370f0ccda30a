#pragma once
// Counters for GET /v1/metrics, rendered in the Prometheus text format 0.0.4. Thread-safe.

#include <QByteArray>
#include <QString>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

namespace registry {

class Metrics
{
public:
    void request(const QString &route, int status);
    void sequenced(int n) { m_sequenced += n; }
    void rejected(int n) { m_rejected += n; }
    void batchLatency(double seconds);
    void connectionRefused() { ++m_connectionsRefused; }
    // Entries of submissions being checked or sequenced right now (a gauge).
    void entriesInProgress(int64_t delta) { m_inProgress += delta; }

    // `treeSize` and `queued` are gauges read at render time.
    QByteArray render(int64_t treeSize, int queued) const;

private:
    static constexpr std::array<double, 10> kBuckets { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };
    mutable std::mutex m_mutex;
    std::map<std::pair<QString, int>, int64_t> m_requests; // (route, status) -> count
    std::array<int64_t, kBuckets.size()> m_latencyBuckets {};
    int64_t m_latencyCount = 0;
    double m_latencySum = 0;
    std::atomic<int64_t> m_sequenced { 0 };
    std::atomic<int64_t> m_rejected { 0 };
    std::atomic<int64_t> m_connectionsRefused { 0 };
    std::atomic<int64_t> m_inProgress { 0 };
};

} // namespace registry
