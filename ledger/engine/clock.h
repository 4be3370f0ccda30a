#pragma once
// Where "now" comes from. The sequencer stamps entries with it; tests and the demo generator set it.

#include <QDateTime>

#include <atomic>
#include <cstdint>

namespace ledger {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() const = 0;
};

class SystemClock : public Clock
{
public:
    int64_t nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

class ManualClock : public Clock
{
public:
    explicit ManualClock(int64_t startMs = 0)
        : m_now(startMs)
    { }
    int64_t nowMs() const override { return m_now.load(); }
    void set(int64_t ms) { m_now.store(ms); }
    void advance(int64_t ms) { m_now.fetch_add(ms); }

private:
    std::atomic<int64_t> m_now;
};

} // namespace ledger
