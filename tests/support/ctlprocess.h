#pragma once
// Runs alliancectl (or any other program) to completion for a test: its exit code, stdout and stderr, with
// optional stdin, environment changes, working directory and timeout. The one copy of what the CLI, sync,
// report and desktop tests used to do each with their own QProcess.
//
// alliancectl is $ALLIANCE_BIN_DIR/alliancectl/alliancectl (add_unit_test sets ALLIANCE_BIN_DIR); without the
// variable, the build's own app/ directory, so that a test binary also runs by hand.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace testsupport {

struct RunOptions
{
    QByteArray stdinData; // written to its stdin, which is then closed either way (a pipe: no prompts)
    QString workingDirectory; // empty: the test's own
    QStringList unsetEnv; // variables removed from the inherited environment
    int timeoutMs = 300'000; // then it is killed and the run counts as not finished
};

struct RunResult
{
    int exitCode = -1; // -1: did not start or did not finish in time; -2: crashed
    QByteArray out;
    QByteArray err;
};

// The same, decoded as UTF-8, for tests that assert on text.
struct TextRun
{
    int code = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};
TextRun asText(const RunResult &run);

RunResult runProgram(const QString &exe, const QStringList &args, const RunOptions &options = {});

QString alliancectlPath();
RunResult runAlliancectl(const QStringList &args, const RunOptions &options = {});

// The environment variables through which alliancectl picks a ledger or passphrase without being told on its
// command line: tests that must not depend on the caller's shell remove them (RunOptions::unsetEnv).
QStringList alliancectlDefaultsEnv();

} // namespace testsupport
