#pragma once
// The real alliance-registry binary as a child process, for integration tests. start() runs it on
// 127.0.0.1 with a free port (--listen 127.0.0.1:0: the registry prints the port it bound), and returns when
// the registry says it is listening — it prints that only after its data, key and TLS files loaded and the
// socket is bound, i.e. when it is healthy. stop() sends SIGTERM (then SIGKILL); kill() is SIGKILL at once.
//
// The binary is $ALLIANCE_BIN_DIR/alliance-registry/alliance-registry (set by add_unit_test), or
// $ALLIANCE_REGISTRY_BIN.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace testsupport {

struct RegistryOptions
{
    QString dataDir; // made by `alliance-registry init`
    QString certFile; // server certificate (TestPki::issue)
    QString keyFile;
    bool insecureHttp = false; // plain HTTP instead of certFile/keyFile
    QStringList extraArgs; // e.g. {"--max-batch", "10"}
    int startTimeoutMs = 60'000;
};

struct ProcessResult
{
    int exitCode = -1;
    bool finished = false; // false: could not start, or timed out (killed)
    QString output; // stdout and stderr together
};

class RegistryProcess
{
public:
    explicit RegistryProcess(RegistryOptions options);
    ~RegistryProcess(); // stop()
    RegistryProcess(const RegistryProcess &) = delete;
    RegistryProcess &operator=(const RegistryProcess &) = delete;

    // Starts and waits until it listens. False (see output()) if it exits or does not listen in time.
    bool start();
    void stop();
    void kill();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    // The running registry's process id (0 when not running), e.g. to signal it or read its CPU time.
    qint64 processId() const;
    // How the last stop() ended: its exit code, -1 if it had to be killed or crashed.
    int lastExitCode() const { return m_lastExitCode; }
    // "https://127.0.0.1:PORT" (http:// with insecureHttp).
    QString baseUrl() const;
    // Everything it printed so far (for failure messages).
    QString output();

    static QString binary();
    // Runs the binary with `args` to completion (e.g. init); killed after timeoutMs.
    static ProcessResult run(const QStringList &args, int timeoutMs = 120'000);

private:
    RegistryOptions m_options;
    std::unique_ptr<QProcess> m_process;
    QString m_output;
    quint16 m_port = 0;
    int m_lastExitCode = -1;
};

} // namespace testsupport
