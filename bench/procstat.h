#pragma once
// CPU time of another process, for the benchmarks that start one (the registry, the desktop app) and
// measure what it spent: /proc/PID/stat, Linux only, like the rest of bench/.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

namespace benchsupport {

// CPU seconds (user + system) the process has used so far; -1 if it is gone.
inline double processCpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // Fields after the command name (in parentheses, may hold spaces): utime and stime are 14 and 15.
    const QList<QByteArray> rest = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (rest.size() < 13)
        return -1;
    return double(rest[11].toLongLong() + rest[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

} // namespace benchsupport
