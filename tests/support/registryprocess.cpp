#include "support/registryprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace testsupport {

RegistryProcess::RegistryProcess(RegistryOptions options)
    : m_options(std::move(options))
{ }

RegistryProcess::~RegistryProcess()
{
    stop();
}

QString RegistryProcess::binary()
{
    const QString explicitPath = qEnvironmentVariable("ALLIANCE_REGISTRY_BIN");
    if (!explicitPath.isEmpty())
        return explicitPath;
    return qEnvironmentVariable("ALLIANCE_BIN_DIR") + QStringLiteral("/alliance-registry/alliance-registry");
}

bool RegistryProcess::start()
{
    stop();
    m_output.clear();
    m_port = 0;
    QStringList args { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
        m_options.dataDir };
    if (m_options.insecureHttp)
        args << QStringLiteral("--insecure-http");
    else
        args << QStringLiteral("--tls-cert") << m_options.certFile << QStringLiteral("--tls-key")
             << m_options.keyFile;
    args << m_options.extraArgs;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(10'000)) {
        m_output = QStringLiteral("cannot start %1: %2").arg(binary(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on https?://[^:]+:(\\d+)"));
    QDeadlineTimer deadline(m_options.startTimeoutMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        m_output += QString::fromUtf8(m_process->readAll());
        const auto match = listening.match(m_output);
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            return false;
    }
    m_output += QStringLiteral("\n(did not listen within %1 ms)").arg(m_options.startTimeoutMs);
    kill();
    return false;
}

void RegistryProcess::stop()
{
    if (!m_process)
        return;
    m_lastExitCode = -1;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10'000)) {
            m_process->kill();
            m_process->waitForFinished(5'000);
        }
    }
    if (m_process->exitStatus() == QProcess::NormalExit)
        m_lastExitCode = m_process->exitCode();
    m_output += QString::fromUtf8(m_process->readAll());
    m_process.reset();
}

void RegistryProcess::kill()
{
    m_lastExitCode = -1;
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
    m_output += QString::fromUtf8(m_process->readAll());
    m_process.reset();
}

qint64 RegistryProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

bool RegistryProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString RegistryProcess::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_options.insecureHttp ? QStringLiteral("http") : QStringLiteral("https"))
        .arg(m_port);
}

QString RegistryProcess::output()
{
    if (m_process)
        m_output += QString::fromUtf8(m_process->readAll());
    return m_output;
}

ProcessResult RegistryProcess::run(const QStringList &args, int timeoutMs)
{
    ProcessResult r;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary(), args);
    if (!p.waitForStarted(10'000)) {
        r.output = QStringLiteral("cannot start %1: %2").arg(binary(), p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5'000);
        r.output = QString::fromUtf8(p.readAll()) + QStringLiteral("\n(timed out)");
        return r;
    }
    r.finished = p.exitStatus() == QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

} // namespace testsupport
