#pragma once
// The frame of alliancectl: verbs and their options, global options, exit codes, passphrases and keys,
// confirmation, printing. Commands live in commands_*.cpp and use only what this header offers.
//
// A command reports failure by throwing cli::Failure (exit code + one sentence); run() catches it and prints
// "alliancectl: error: <sentence>" as one line on stderr. Nothing else is ever thrown on purpose.

#include "ledger/crypto/ed25519.h"
#include "ledger/domain/units.h"
#include "ledger/engine/session.h"
#include "ledger/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// Amount, time and id parsing and formatting are the ledger's, shared with the desktop app.
using namespace ledger::units;

enum Exit : int {
    ExitOk = 0,
    ExitUsage = 1, // bad arguments, bad input, cancelled
    ExitRejected = 2, // the rules engine rejected the entry (reason code printed)
    ExitVerifyFailed = 3, // verification found a problem
    ExitIo = 4, // missing or corrupt ledger, key file or passphrase problems, disk errors
};

struct Failure
{
    int exitCode;
    QString message;
};

[[noreturn]] void fail(int exitCode, QString message);
[[noreturn]] void usageError(QString message);
// Fails with the error's message; the exit code follows from its code (usage -> 1, anything else -> 4).
[[noreturn]] void failWith(const ledger::Error &error);

// Unwraps a Result or fails with its error.
template<typename T> T take(ledger::Result<T> r)
{
    if (!r)
        failWith(r.error());
    return std::move(r).value();
}
inline void take(const ledger::Result<void> &r)
{
    if (!r)
        failWith(r.error());
}

// Small helpers for the commands.
QCommandLineOption opt(const char *name, const char *help, const char *valueName = nullptr);
ledger::json::Value newObject(); // an empty JSON object, for entry bodies
void cleanse(QByteArray &secret); // wipes a passphrase

// Output. Text goes out as UTF-8; err() lines are prefixed with nothing (use fail() for errors).
void out(const QString &line); // a line on stdout
void err(const QString &line); // a line on stderr
void printJson(const QJsonDocument &doc);
bool stdinIsTty();
bool stderrIsTty();

class Invocation;

struct Verb
{
    QString name; // "member add"
    QString summary; // one line for `alliancectl --help`
    QString description; // a paragraph for the verb's own --help
    std::function<QList<QCommandLineOption>()> options;
    std::function<int(Invocation &)> run;
    bool jsonOutput = false; // offers --json
    QString argument; // the one positional argument the verb takes ("FILE"), if any
};

// Each commands_*.cpp adds its verbs.
void addAdminVerbs(std::vector<Verb> &verbs);
void addProgrammeVerbs(std::vector<Verb> &verbs);
void addCreditVerbs(std::vector<Verb> &verbs);
void addReadVerbs(std::vector<Verb> &verbs);
void addToolVerbs(std::vector<Verb> &verbs);
void addSyncVerbs(std::vector<Verb> &verbs); // commands_sync.cpp: registry appoint, sync, join
void addReportVerbs(std::vector<Verb> &verbs); // commands_reports.cpp: report, statement, import
void addRegistryVerbs(std::vector<Verb> &verbs); // commands_registry.cpp: registry appoint

// One run of one verb: its parsed options and the global ones.
class Invocation
{
public:
    Invocation(const Verb &verb, QCommandLineParser &parser);

    const Verb &verb() const { return m_verb; }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    // The value of a required option; a usage error naming the option if it is missing or empty.
    QString required(const QString &name) const;
    std::optional<QString> optional(const QString &name) const;
    bool json() const { return m_verb.jsonOutput && m_parser.isSet(QStringLiteral("json")); }
    // The positional argument of a verb that takes one (Verb::argument).
    QString argument() const { return m_parser.positionalArguments().value(0); }

    // Typed option values (usage errors on bad input).
    int64_t amount(const QString &name, bool allowZero = false) const;
    int64_t time(const QString &name) const;
    std::string id(const QString &name, const char *what) const;
    std::string text(const QString &name, int maxBytes = 200) const;
    int64_t integer(const QString &name, int64_t min, int64_t max) const;

    QString ledgerPath() const;
    int64_t nowMs() const;

    // Opens the ledger read-only (exit 4 if it is missing or not a ledger).
    ledger::LedgerSession &readSession();

    // Opens the ledger read-write without a key (for checkpoint signing).
    ledger::LedgerSession &readWriteSession();
    // For verbs that record entries: opens the ledger read-write, loads the acting key (--key) and, when it
    // can, the checkpoint signer (--checkpoint-key, or --key itself if it is the checkpoint key).
    ledger::LedgerSession &writeSession();
    const ledger::State &state();
    const ledger::crypto::PrivateKey &actingKey();
    // The acting member as the state knows it; nullptr if the key is not enrolled.
    const ledger::Member *actingMember();
    // "Kim (programme_manager, key 3fa2…)".
    QString signingAs();

    // Prints what will be signed, asks y/N on a terminal unless --yes, records, prints the result line and
    // the checkpoint note. Returns the exit code (0, or 2 for a rejection).
    int record(const std::string &type, ledger::json::Value body, const QString &description);

    // A passphrase for an existing key file: --passphrase-file, $ALLIANCE_PASSPHRASE_FILE, else a prompt on a
    // terminal. For a new key (confirmNew) the prompt asks twice.
    QByteArray passphrase(const QString &forWhat, bool confirmNew = false);
    // Loads an encrypted key file with passphrase() (exit 4 on a wrong passphrase or bad file).
    ledger::crypto::PrivateKey loadKey(const QString &path, const QString &passphraseFileOption = QString());

    // Human names for the descriptions.
    QString startupName(const std::string &id);
    QString memberName(const std::string &keyId);

private:
    void setUpCheckpointSigner();

    const Verb &m_verb;
    QCommandLineParser &m_parser;
    std::unique_ptr<ledger::LedgerSession> m_session;
    std::optional<ledger::crypto::PrivateKey> m_key;
    std::optional<QByteArray> m_passphrase;
    int64_t m_now = 0;
};

// A single updating line on a terminal, else an occasional line; for long verbs (demo, verify, rebuild,
// export). Lines go to stderr.
class Progress
{
public:
    explicit Progress(QString label);
    ~Progress();
    // `detail` (e.g. the phase) is shown after the count.
    void update(int64_t done, int64_t total, const QString &detail = QString());
    void finish();

private:
    QString m_label;
    bool m_tty;
    int64_t m_lastPrintMs = 0;
    int m_lastPercent = -1;
    bool m_open = false;
};

// Entry point used by main(): dispatches argv to a verb. Never throws.
int run(const QStringList &arguments);

} // namespace cli
