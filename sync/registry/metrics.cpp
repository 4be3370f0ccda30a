#include "sync/registry/metrics.h"

namespace registry {

void Metrics::request(const QString &route, int status)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{ route, status }];
}

void Metrics::batchLatency(double seconds)
{
    std::lock_guard lock(m_mutex);
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++m_latencyBuckets[i];
    ++m_latencyCount;
    m_latencySum += seconds;
}

QByteArray Metrics::render(int64_t treeSize, int queued) const
{
    QByteArray out;
    std::lock_guard lock(m_mutex);
    out += "# HELP registry_requests_total HTTP requests by route and status.\n"
           "# TYPE registry_requests_total counter\n";
    for (const auto &[key, count] : m_requests)
        out += "registry_requests_total{route=\"" + key.first.toUtf8() + "\",status=\""
            + QByteArray::number(key.second) + "\"} " + QByteArray::number(count) + "\n";
    out += "# HELP registry_entries_sequenced_total Entries appended to the log.\n"
           "# TYPE registry_entries_sequenced_total counter\n"
           "registry_entries_sequenced_total "
        + QByteArray::number(m_sequenced.load()) + "\n";
    out += "# HELP registry_entries_rejected_total Entries rejected by the rules (first time only).\n"
           "# TYPE registry_entries_rejected_total counter\n"
           "registry_entries_rejected_total "
        + QByteArray::number(m_rejected.load()) + "\n";
    out += "# HELP registry_batch_seconds Time from receiving a batch to its receipts.\n"
           "# TYPE registry_batch_seconds histogram\n";
    for (size_t i = 0; i < kBuckets.size(); ++i)
        out += "registry_batch_seconds_bucket{le=\"" + QByteArray::number(kBuckets[i]) + "\"} "
            + QByteArray::number(m_latencyBuckets[i]) + "\n";
    out += "registry_batch_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(m_latencyCount) + "\n";
    out += "registry_batch_seconds_sum " + QByteArray::number(m_latencySum, 'f', 6) + "\n";
    out += "registry_batch_seconds_count " + QByteArray::number(m_latencyCount) + "\n";
    out += "# HELP registry_tree_size Entries in the log.\n# TYPE registry_tree_size gauge\n"
           "registry_tree_size "
        + QByteArray::number(treeSize) + "\n";
    out += "# HELP registry_queued_batches Batches waiting for the sequencing thread.\n"
           "# TYPE registry_queued_batches gauge\nregistry_queued_batches "
        + QByteArray::number(queued) + "\n";
    out += "# HELP registry_entries_in_progress Entries of submissions being checked or sequenced.\n"
           "# TYPE registry_entries_in_progress gauge\nregistry_entries_in_progress "
        + QByteArray::number(m_inProgress.load()) + "\n";
    out += "# HELP registry_connections_refused_total Connections closed at once (limit reached).\n"
           "# TYPE registry_connections_refused_total counter\nregistry_connections_refused_total "
        + QByteArray::number(m_connectionsRefused.load()) + "\n";
    return out;
}

} // namespace registry
