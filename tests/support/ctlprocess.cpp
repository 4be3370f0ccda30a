#include "support/ctlprocess.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace testsupport {

TextRun asText(const RunResult &run)
{
    return { run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err) };
}

RunResult runProgram(const QString &exe, const QStringList &args, const RunOptions &options)
{
    QProcess p;
    if (!options.unsetEnv.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : options.unsetEnv)
            env.remove(name);
        p.setProcessEnvironment(env);
    }
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    RunResult r;
    p.start(exe, args);
    if (!p.waitForStarted(10'000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!options.stdinData.isEmpty())
        p.write(options.stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(options.timeoutMs)) {
        // A hung child would be an exit code read from a still-running process: kill it and say so.
        p.kill();
        p.waitForFinished();
        r.err = QByteArrayLiteral("did not finish in time");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString alliancectlPath()
{
    const QString binDir = qEnvironmentVariable("ALLIANCE_BIN_DIR");
    return (binDir.isEmpty() ? QStringLiteral(ALLIANCE_BUILD_APP_DIR) : binDir)
        + QStringLiteral("/alliancectl/alliancectl");
}

RunResult runAlliancectl(const QStringList &args, const RunOptions &options)
{
    return runProgram(alliancectlPath(), args, options);
}

QStringList alliancectlDefaultsEnv()
{
    return { QStringLiteral("ALLIANCE_LEDGER"), QStringLiteral("ALLIANCE_PASSPHRASE_FILE") };
}

} // namespace testsupport
