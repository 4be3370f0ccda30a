#include "cli.h"

#include "ledger/domain/units.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/roles.h"

#include <QCoreApplication>
#include <QDateTime>

#include <openssl/crypto.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <termios.h>
#include <unistd.h>

namespace cli {

using ledger::Error;

// ---- failures and output --------------------------------------------------------------------------------

namespace {

QString oneLine(QString s)
{
    s.replace(QLatin1String("\r\n"), QLatin1String(" "));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    s.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return s.trimmed();
}

void writeLine(FILE *f, const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), f);
    std::fputc('\n', f);
    std::fflush(f);
}

} // namespace

void fail(int exitCode, QString message)
{
    throw Failure { exitCode, std::move(message) };
}

void usageError(QString message)
{
    fail(ExitUsage, std::move(message));
}

void failWith(const Error &error)
{
    fail(error.code == QLatin1String("usage") ? ExitUsage : ExitIo, error.message);
}

void out(const QString &line)
{
    writeLine(stdout, line);
}

void err(const QString &line)
{
    writeLine(stderr, line);
}

void printJson(const QJsonDocument &doc)
{
    const QByteArray bytes = doc.toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

bool stdinIsTty()
{
    return isatty(STDIN_FILENO) == 1;
}

bool stderrIsTty()
{
    return isatty(STDERR_FILENO) == 1;
}

// ---- terminal prompts -------------------------------------------------------------------------------------

namespace {

struct termios g_savedTermios;
volatile sig_atomic_t g_echoOff = 0;

void restoreEchoAndExit(int sig)
{
    if (g_echoOff)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTermios);
    const char nl = '\n';
    (void)!write(STDERR_FILENO, &nl, 1);
    _exit(128 + sig);
}

// Reads one line from the terminal on stdin; without echo when secret. EOF is an empty answer.
QByteArray promptLine(const QString &prompt, bool secret)
{
    const QByteArray p = prompt.toUtf8();
    std::fwrite(p.constData(), 1, size_t(p.size()), stderr);
    std::fflush(stderr);
    struct sigaction sa = {};
    struct sigaction oldInt = {};
    struct sigaction oldTerm = {};
    if (secret && tcgetattr(STDIN_FILENO, &g_savedTermios) == 0) {
        sa.sa_handler = restoreEchoAndExit;
        sigaction(SIGINT, &sa, &oldInt);
        sigaction(SIGTERM, &sa, &oldTerm);
        struct termios noEcho = g_savedTermios;
        noEcho.c_lflag &= ~tcflag_t(ECHO);
        noEcho.c_lflag |= ECHONL;
        if (tcsetattr(STDIN_FILENO, TCSANOW, &noEcho) == 0)
            g_echoOff = 1;
    }
    QByteArray line;
    for (;;) {
        const int c = std::fgetc(stdin);
        if (c == EOF || c == '\n')
            break;
        if (line.size() < 65536)
            line.append(char(c));
    }
    if (g_echoOff) {
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTermios);
        g_echoOff = 0;
        sigaction(SIGINT, &oldInt, nullptr);
        sigaction(SIGTERM, &oldTerm, nullptr);
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

void cleanse(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    secret.clear();
}

QCommandLineOption opt(const char *name, const char *help, const char *valueName)
{
    return valueName ? QCommandLineOption(QLatin1String(name), QLatin1String(help), QLatin1String(valueName))
                     : QCommandLineOption(QLatin1String(name), QLatin1String(help));
}

ledger::json::Value newObject()
{
    return ledger::json::Value(ledger::json::Object {});
}

// ---- the invocation --------------------------------------------------------------------------------------

Invocation::Invocation(const Verb &verb, QCommandLineParser &parser)
    : m_verb(verb)
    , m_parser(parser)
    , m_now(QDateTime::currentMSecsSinceEpoch())
{ }

QString Invocation::required(const QString &name) const
{
    QString v = m_parser.value(name);
    if (!m_parser.isSet(name) || v.trimmed().isEmpty())
        usageError(QStringLiteral("\"%1\" needs --%2; see `alliancectl %1 --help`.").arg(m_verb.name, name));
    return v;
}

std::optional<QString> Invocation::optional(const QString &name) const
{
    if (!m_parser.isSet(name))
        return std::nullopt;
    return m_parser.value(name);
}

int64_t Invocation::amount(const QString &name, bool allowZero) const
{
    auto r = parseAmount(required(name), allowZero);
    if (!r)
        usageError(QStringLiteral("--%1: %2").arg(name, r.error().message));
    return r.value();
}

int64_t Invocation::time(const QString &name) const
{
    auto r = parseTime(required(name), m_now);
    if (!r)
        usageError(QStringLiteral("--%1: %2").arg(name, r.error().message));
    return r.value();
}

std::string Invocation::id(const QString &name, const char *what) const
{
    auto r = parseId(required(name), what);
    if (!r)
        usageError(QStringLiteral("--%1: %2").arg(name, r.error().message));
    return r.value();
}

std::string Invocation::text(const QString &name, int maxBytes) const
{
    const QByteArray utf8 = required(name).toUtf8();
    if (utf8.size() > maxBytes)
        usageError(QStringLiteral("--%1 is %2 bytes long; at most %3 are allowed.")
                       .arg(name)
                       .arg(utf8.size())
                       .arg(maxBytes));
    return utf8.toStdString();
}

int64_t Invocation::integer(const QString &name, int64_t min, int64_t max) const
{
    const QString v = required(name).trimmed();
    bool ok = false;
    const qlonglong n = v.toLongLong(&ok);
    if (!ok || n < min || n > max)
        usageError(QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\".")
                       .arg(name)
                       .arg(min)
                       .arg(max)
                       .arg(v));
    return n;
}

QString Invocation::ledgerPath() const
{
    if (m_parser.isSet(QStringLiteral("ledger")))
        return m_parser.value(QStringLiteral("ledger"));
    const QString env = qEnvironmentVariable("ALLIANCE_LEDGER");
    return env.isEmpty() ? QStringLiteral("alliance.ledger") : env;
}

int64_t Invocation::nowMs() const
{
    return m_now;
}

ledger::LedgerSession &Invocation::readSession()
{
    if (!m_session)
        m_session = take(ledger::LedgerSession::open(ledgerPath(), ledger::LedgerSession::Access::ReadOnly));
    return *m_session;
}

ledger::LedgerSession &Invocation::readWriteSession()
{
    if (!m_session || m_session->readOnly()) {
        m_session.reset();
        m_session = take(ledger::LedgerSession::open(ledgerPath(), ledger::LedgerSession::Access::ReadWrite));
    }
    return *m_session;
}

ledger::LedgerSession &Invocation::writeSession()
{
    if (m_session && !m_session->readOnly() && m_key)
        return *m_session;
    const QString keyPath = m_parser.value(QStringLiteral("key"));
    if (keyPath.isEmpty())
        usageError(
            QStringLiteral("\"%1\" records an entry signed by your key; give --key FILE.").arg(m_verb.name));
    readWriteSession();
    m_key = loadKey(keyPath);
    if (!take(m_session->boundToRegistry())) // a replica queues in its outbox instead
        take(m_session->sequencer());
    setUpCheckpointSigner();
    return *m_session;
}

void Invocation::setUpCheckpointSigner()
{
    const ledger::State &s = state();
    if (m_parser.isSet(QStringLiteral("checkpoint-key"))) {
        const QString path = m_parser.value(QStringLiteral("checkpoint-key"));
        const ledger::crypto::PrivateKey key = loadKey(path, QStringLiteral("checkpoint-passphrase-file"));
        if (key.publicKey().raw() != s.checkpointKey)
            fail(ExitIo, QStringLiteral("%1 is not the alliance's checkpoint key.").arg(path));
        take(m_session->setCheckpointSigner(key));
    } else if (m_key && m_key->publicKey().raw() == s.checkpointKey) {
        take(m_session->setCheckpointSigner(*m_key));
    }
}

const ledger::State &Invocation::state()
{
    return *take(writeSession().state());
}

const ledger::crypto::PrivateKey &Invocation::actingKey()
{
    writeSession();
    return *m_key;
}

const ledger::Member *Invocation::actingMember()
{
    const ledger::State &s = state();
    auto it = s.members.find(actingKey().keyId().toStdString());
    return it == s.members.end() ? nullptr : &it->second;
}

QString Invocation::signingAs()
{
    const QString keyId = actingKey().keyId();
    const ledger::Member *m = actingMember();
    if (!m)
        return QStringLiteral("an unenrolled key (%1)").arg(shortKeyId(keyId));
    return QStringLiteral("%1 (%2, key %3%4)")
        .arg(QString::fromStdString(m->name), QLatin1String(ledger::roleName(m->role).data()),
            shortKeyId(keyId), m->revoked ? QStringLiteral(", revoked") : QString());
}

QString Invocation::startupName(const std::string &id)
{
    const ledger::State &s = state();
    auto it = s.startups.find(id);
    if (it == s.startups.end())
        return QStringLiteral("\"%1\" (not registered)").arg(QString::fromStdString(id));
    return QStringLiteral("%1 (%2)").arg(QString::fromStdString(it->second.name), QString::fromStdString(id));
}

QString Invocation::memberName(const std::string &keyId)
{
    const ledger::State &s = state();
    auto it = s.members.find(keyId);
    if (it == s.members.end())
        return QStringLiteral("unknown key %1").arg(shortKeyId(QString::fromStdString(keyId)));
    return QStringLiteral("%1 (key %2)")
        .arg(QString::fromStdString(it->second.name), shortKeyId(QString::fromStdString(keyId)));
}

int Invocation::record(const std::string &type, ledger::json::Value body, const QString &description)
{
    writeSession();
    out(QStringLiteral("%1 \u2014 signing as %2").arg(description, signingAs()));
    if (!m_parser.isSet(QStringLiteral("yes")) && stdinIsTty()) {
        const QByteArray answer
            = promptLine(QStringLiteral("Sign and record this entry? [y/N] "), false).trimmed().toLower();
        if (answer != "y" && answer != "yes")
            fail(ExitUsage, QStringLiteral("Cancelled; nothing was recorded."));
    }
    const ledger::crypto::PrivateKey key = actingKey();
    const ledger::Receipt receipt = take(writeSession().record(key, type, std::move(body)));
    if (!receipt.accepted) {
        out(QStringLiteral("Rejected: %1 \u2014 %2")
                .arg(receipt.rejection.code, oneLine(receipt.rejection.message)));
        return ExitRejected;
    }
    const ledger::State &s = state();
    const QString idHex = QString::fromLatin1(receipt.entryId.toHex());
    if (receipt.queued) {
        out(QStringLiteral("Queued in the outbox as entry %1; the registry sequences it at the next "
                           "`alliancectl sync`.")
                .arg(idHex));
        return ExitOk;
    }
    if (receipt.duplicate && receipt.seq < 0) {
        out(QStringLiteral("Already in the outbox as entry %1").arg(idHex));
        return ExitOk;
    }
    if (receipt.duplicate) {
        out(QStringLiteral("Already in the log as #%1").arg(receipt.seq));
    } else if (receipt.outcome == ledger::Outcome::PendingApproval) {
        auto p = s.pending.find(idHex.toStdString());
        const int64_t have = p == s.pending.end() ? 1 : int64_t(p->second.approvers.size());
        const int64_t need = p == s.pending.end() ? 0 : p->second.required;
        out(QStringLiteral(
            "Waiting for approvals (%1 of %2): sequenced as #%3; other managers approve it with "
            "`alliancectl approve --target %4`")
                .arg(have)
                .arg(need)
                .arg(receipt.seq)
                .arg(idHex));
    } else if (receipt.outcome == ledger::Outcome::ApprovedAndApplied) {
        out(QStringLiteral("Sequenced as #%1; the approvals are complete and the approved entry took effect")
                .arg(receipt.seq));
    } else if (type == "approval") {
        const ledger::json::Value *target = nullptr;
        auto e = ledger::decodeEntry(take(writeSession().store().readLog(receipt.seq)).entry);
        if (e)
            target = e->body.find("target");
        auto p = target ? s.pending.find(target->toString()) : s.pending.end();
        if (p != s.pending.end())
            out(QStringLiteral("Sequenced as #%1; approvals now %2 of %3")
                    .arg(receipt.seq)
                    .arg(p->second.approvers.size())
                    .arg(p->second.required));
        else
            out(QStringLiteral("Sequenced as #%1").arg(receipt.seq));
    } else {
        out(QStringLiteral("Sequenced as #%1").arg(receipt.seq));
    }
    auto latest = take(writeSession().store().latestCheckpoint());
    const int64_t size = take(writeSession().store().logSize());
    if (!latest || latest->treeSize < size)
        out(QStringLiteral(
            "Note: the latest entries (up to #%1) are not yet covered by a signed checkpoint; sign "
            "one with `alliancectl checkpoint --key CHECKPOINT_KEY_FILE`, or pass --checkpoint-key "
            "FILE when recording.")
                .arg(size - 1));
    return ExitOk;
}

QByteArray Invocation::passphrase(const QString &forWhat, bool confirmNew)
{
    if (m_passphrase && !confirmNew)
        return *m_passphrase;
    QString file = m_parser.value(QStringLiteral("passphrase-file"));
    if (file.isEmpty())
        file = qEnvironmentVariable("ALLIANCE_PASSPHRASE_FILE");
    QByteArray result;
    if (!file.isEmpty()) {
        result = take(ledger::crypto::readPassphraseFile(file));
    } else if (stdinIsTty()) {
        result = promptLine(QStringLiteral("Passphrase for %1: ").arg(forWhat), true);
        if (result.isEmpty())
            usageError(QStringLiteral("No passphrase was given."));
        if (confirmNew) {
            QByteArray again = promptLine(QStringLiteral("The same passphrase again: "), true);
            const bool same = again == result;
            cleanse(again);
            if (!same) {
                cleanse(result);
                usageError(QStringLiteral("The two passphrases differ; nothing was written."));
            }
        }
    } else {
        usageError(QStringLiteral(
            "No passphrase: give --passphrase-file FILE or set ALLIANCE_PASSPHRASE_FILE (there "
            "is no terminal to ask on)."));
    }
    if (!confirmNew)
        m_passphrase = result;
    return result;
}

ledger::crypto::PrivateKey Invocation::loadKey(const QString &path, const QString &passphraseFileOption)
{
    if (!passphraseFileOption.isEmpty() && m_parser.isSet(passphraseFileOption)) {
        QByteArray pass = take(ledger::crypto::readPassphraseFile(m_parser.value(passphraseFileOption)));
        auto key = ledger::crypto::loadKeyFile(path, pass);
        cleanse(pass);
        return take(std::move(key));
    }
    const bool prompting = m_parser.value(QStringLiteral("passphrase-file")).isEmpty()
        && qEnvironmentVariable("ALLIANCE_PASSPHRASE_FILE").isEmpty() && stdinIsTty();
    for (int attempt = 1;; ++attempt) {
        QByteArray pass = passphrase(path);
        auto key = ledger::crypto::loadKeyFile(path, pass);
        cleanse(pass);
        if (key || !prompting || attempt == 3 || key.error().code != QLatin1String("wrong_passphrase"))
            return take(std::move(key));
        err(QStringLiteral("Wrong passphrase; try again."));
        if (m_passphrase)
            cleanse(*m_passphrase);
        m_passphrase.reset();
    }
}

// ---- progress --------------------------------------------------------------------------------------------

Progress::Progress(QString label)
    : m_label(std::move(label))
    , m_tty(stderrIsTty())
{ }

Progress::~Progress()
{
    finish();
}

void Progress::update(int64_t done, int64_t total, const QString &detail)
{
    if (done <= 0 && total <= 0)
        return;
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    const int percent = total > 0 ? int(std::min<int64_t>(100, done * 100 / total)) : -1;
    QString text = total > 0
        ? QStringLiteral("%1: %2 of %3 (%4%)").arg(m_label).arg(done).arg(total).arg(percent)
        : QStringLiteral("%1: %2").arg(m_label).arg(done);
    if (!detail.isEmpty())
        text += QStringLiteral(" \u2014 ") + detail;
    if (m_tty) {
        if (now - m_lastPrintMs < 100 && done != total)
            return;
        m_lastPrintMs = now;
        const QByteArray bytes = "\r" + text.toUtf8() + "\x1b[K";
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
        m_open = true;
        return;
    }
    // Not a terminal: a line every 10% (or every 10 s when the total is unknown).
    const bool due = total > 0 ? (m_lastPercent < 0 || percent / 10 != m_lastPercent / 10)
                               : now - m_lastPrintMs >= 10000;
    if (!due)
        return;
    m_lastPercent = percent;
    m_lastPrintMs = now;
    err(text);
}

void Progress::finish()
{
    if (m_open) {
        std::fputc('\n', stderr);
        std::fflush(stderr);
        m_open = false;
    }
}

// ---- dispatch --------------------------------------------------------------------------------------------

namespace {

const std::vector<Verb> &allVerbs()
{
    static const std::vector<Verb> verbs = [] {
        std::vector<Verb> v;
        addAdminVerbs(v);
        addProgrammeVerbs(v);
        addCreditVerbs(v);
        addReadVerbs(v);
        addToolVerbs(v);
        addSyncVerbs(v);
        addReportVerbs(v);
        addRegistryVerbs(v);
        return v;
    }();
    return verbs;
}

QList<QCommandLineOption> globalOptions(bool json)
{
    QList<QCommandLineOption> o {
        { QStringLiteral("ledger"),
            QStringLiteral("The ledger file (default: $ALLIANCE_LEDGER, else ./alliance.ledger)."),
            QStringLiteral("FILE") },
        { QStringLiteral("key"),
            QStringLiteral("Your encrypted private key file, for verbs that record an entry."),
            QStringLiteral("FILE") },
        { QStringLiteral("passphrase-file"),
            QStringLiteral(
                "Read the key's passphrase from the first line of FILE (default: $ALLIANCE_PASSPHRASE_FILE, "
                "else ask on the terminal)."),
            QStringLiteral("FILE") },
        { QStringLiteral("checkpoint-key"),
            QStringLiteral("The alliance's checkpoint key, to sign a checkpoint after the entry (used "
                           "automatically when "
                           "--key is the checkpoint key)."),
            QStringLiteral("FILE") },
        { QStringLiteral("checkpoint-passphrase-file"),
            QStringLiteral("The checkpoint key's passphrase, if it differs from --key's."),
            QStringLiteral("FILE") },
        { { QStringLiteral("y"), QStringLiteral("yes") },
            QStringLiteral("Do not ask for confirmation (implied when stdin is not a terminal).") },
    };
    if (json)
        o.append(QCommandLineOption(QStringLiteral("json"),
            QStringLiteral("Machine-readable output (amounts as "
                           "integer milli-GPU-hours and as text).")));
    return o;
}

QStringList groups()
{
    QStringList g;
    for (const Verb &v : allVerbs()) {
        const qsizetype space = v.name.indexOf(QLatin1Char(' '));
        if (space > 0 && !g.contains(v.name.left(space)))
            g << v.name.left(space);
    }
    return g;
}

QString generalHelp(const QString &group = QString())
{
    QStringList lines;
    lines << QStringLiteral("Usage: alliancectl %1<verb> [options]")
                 .arg(group.isEmpty() ? QString() : group + QLatin1Char(' '));
    lines << QString();
    if (group.isEmpty()) {
        lines << QStringLiteral(
            "The headless face of Alliance Portal: records signed entries in an alliance's ledger and "
            "answers questions about it.");
        lines << QString();
    }
    lines << QStringLiteral("Verbs:");
    for (const Verb &v : allVerbs()) {
        if (!group.isEmpty() && !v.name.startsWith(group + QLatin1Char(' ')))
            continue;
        lines << QStringLiteral("  %1%2").arg(v.name, -20).arg(v.summary);
    }
    if (group.isEmpty()) {
        lines << QString();
        lines << QStringLiteral(
            "Every verb takes --help, --ledger FILE, --key FILE, --passphrase-file FILE,");
        lines << QStringLiteral("--checkpoint-key FILE, --checkpoint-passphrase-file FILE and --yes.");
        lines << QStringLiteral(
            "Amounts are GPU-hours with up to three decimals (1200, 1,200.5, 0.001); dates are UTC");
        lines << QStringLiteral("(2026-06-30 or 2026-06-30T12:00:00Z).");
        lines << QString();
        lines << QStringLiteral(
            "Exit codes: 0 ok; 1 usage error; 2 rejected by the rules (reason code printed);");
        lines << QStringLiteral("3 verification failed; 4 I/O or key error.");
    }
    return lines.join(QLatin1Char('\n'));
}

int runVerb(const Verb &verb, const QStringList &rest)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(verb.description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    for (const QCommandLineOption &o : verb.options())
        parser.addOption(o);
    for (const QCommandLineOption &o : globalOptions(verb.jsonOutput))
        parser.addOption(o);
    if (!parser.parse(QStringList { QStringLiteral("alliancectl") } + rest))
        usageError(QStringLiteral("%1; see `alliancectl %2 --help`.").arg(parser.errorText(), verb.name));
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all"))) {
        QString text = parser.helpText();
        const qsizetype nl = text.indexOf(QLatin1Char('\n'));
        text = QStringLiteral("Usage: alliancectl %1 [options]%2")
                   .arg(verb.name, verb.argument.isEmpty() ? QString() : QLatin1Char(' ') + verb.argument)
            + (nl < 0 ? QString() : text.mid(nl));
        std::fputs(text.toUtf8().constData(), stdout);
        std::fflush(stdout);
        return ExitOk;
    }
    if (!verb.argument.isEmpty() && parser.positionalArguments().size() != 1)
        usageError(QStringLiteral("\"%1\" takes one argument, %2; see `alliancectl %1 --help`.")
                       .arg(verb.name, verb.argument));
    if (verb.argument.isEmpty() && !parser.positionalArguments().isEmpty())
        usageError(QStringLiteral("\"%1\" takes no argument \"%2\"; see `alliancectl %1 --help`.")
                       .arg(verb.name, parser.positionalArguments().constFirst()));
    Invocation inv(verb, parser);
    return verb.run(inv);
}

int dispatch(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        err(generalHelp());
        return ExitUsage;
    }
    const QString &first = args.constFirst();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        if (first == QLatin1String("help") && args.size() > 1)
            return dispatch(QStringList { arguments.constFirst() } + args.mid(1)
                + QStringList { QStringLiteral("--help") });
        out(generalHelp());
        return ExitOk;
    }
    if (first == QLatin1String("--version")) {
        out(QStringLiteral("alliancectl %1").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (args.size() >= 2) {
        const QString two = first + QLatin1Char(' ') + args.at(1);
        for (const Verb &v : allVerbs()) {
            if (v.name == two)
                return runVerb(v, args.mid(2));
        }
    }
    for (const Verb &v : allVerbs()) {
        if (v.name == first)
            return runVerb(v, args.mid(1));
    }
    if (groups().contains(first)) {
        if (args.size() >= 2
            && (args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h"))) {
            out(generalHelp(first));
            return ExitOk;
        }
        usageError(args.size() < 2
                ? QStringLiteral("\"%1\" needs a verb; see `alliancectl %1 --help`.").arg(first)
                : QStringLiteral("\"%1 %2\" is not a verb; see `alliancectl %1 --help`.")
                      .arg(first, args.at(1)));
    }
    usageError(QStringLiteral("\"%1\" is not a verb; see `alliancectl --help`.").arg(first));
}

} // namespace

int run(const QStringList &arguments)
{
    try {
        return dispatch(arguments);
    } catch (const Failure &f) {
        err(QStringLiteral("alliancectl: error: %1").arg(oneLine(f.message)));
        return f.exitCode;
    } catch (const std::bad_alloc &) {
        err(QStringLiteral("alliancectl: error: Out of memory."));
        return ExitIo;
    } catch (const std::exception &e) {
        err(QStringLiteral("alliancectl: error: %1").arg(oneLine(QString::fromLocal8Bit(e.what()))));
        return ExitIo;
    } catch (...) {
        err(QStringLiteral(
            "alliancectl: error: An unexpected failure stopped the command; nothing was recorded."));
        return ExitIo;
    }
}

} // namespace cli
