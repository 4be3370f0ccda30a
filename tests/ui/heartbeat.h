#pragma once
// An event-loop stall meter for the GUI tests (issue 4: "no event-loop stall over 50 ms while they run"): a
// 5 ms timer on the UI thread records the largest gap between two ticks (wall clock) and the largest CPU time
// the UI thread itself spent between two ticks. On a machine with spare cores the wall gap is the measure; on
// an overloaded one (load average above the core count, as when several builds share two cores) a wall gap
// can come from the thread waiting for a core, so there the UI thread's own work between ticks is judged.

#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <ctime>

namespace testsupport {

class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_since.start();
        m_cpu = threadCpuMs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 maxWallGapMs() const { return m_maxWall; }
    qint64 maxCpuGapMs() const { return m_maxCpu; }
    int ticks() const { return m_ticks; }

    static bool overloaded()
    {
        QFile f(QStringLiteral("/proc/loadavg"));
        if (!f.open(QIODevice::ReadOnly))
            return false;
        return f.readAll().split(' ').value(0).toDouble() > QThread::idealThreadCount();
    }
    // The stall to judge (see above), and how it was measured.
    qint64 stallMs(QString *how) const
    {
        const bool busy = overloaded();
        *how = busy ? QStringLiteral("UI-thread CPU between ticks (machine overloaded; wall gap %1 ms)")
                          .arg(m_maxWall)
                    : QStringLiteral("wall-clock gap between ticks");
        return busy ? m_maxCpu : m_maxWall;
    }

private:
    static qint64 threadCpuMs()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
    }
    void tick()
    {
        const qint64 cpu = threadCpuMs();
        m_maxWall = std::max(m_maxWall, m_since.restart());
        m_maxCpu = std::max(m_maxCpu, cpu - m_cpu);
        m_cpu = cpu;
        ++m_ticks;
    }

    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_cpu = 0;
    qint64 m_maxWall = 0;
    qint64 m_maxCpu = 0;
    int m_ticks = 0;
};

} // namespace testsupport
