#pragma once
// SIGTERM and SIGINT as a Qt signal on the thread that creates StopSignals (POSIX self-pipe: the handler
// only writes one byte; everything else happens in the event loop). Only one instance per process.

#include <QObject>

class QSocketNotifier;

namespace registry {

class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override; // restores the default handlers

    bool ok() const { return m_notifier != nullptr; }

signals:
    void received(int signal); // each time one arrives

private:
    void readPipe();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace registry
