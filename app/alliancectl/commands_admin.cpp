// Verbs that set up an alliance and its members: init, keygen, member add/list/revoke, checkpoint.

#include "cli.h"
#include "ledger/domain/units.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/domain/roles.h"
#include "ledger/log/checkpoint.h"
#include "ledger/queries/balances.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace cli {

namespace {

using ledger::json::Value;

void refuseExisting(const QString &path, const QString &what)
{
    if (QFileInfo::exists(path))
        usageError(QStringLiteral("%1 already exists; %2.").arg(path, what));
}

QByteArray newPassphrase(Invocation &inv, const QString &forWhat)
{
    return inv.passphrase(forWhat, true);
}

// ---- init -------------------------------------------------------------------------------------------------

int runInit(Invocation &inv)
{
    const std::string allianceId = inv.id(QStringLiteral("alliance"), "alliance");
    const std::string name = inv.text(QStringLiteral("name"));
    const QString origin
        = inv.optional(QStringLiteral("origin")).value_or(QString::fromStdString(allianceId));
    if (!ledger::note::isValidKeyName(origin) || origin.toUtf8().size() > 200
        || origin.contains(QRegularExpression(QStringLiteral("\\s"))))
        usageError(QStringLiteral(
            "--origin \"%1\" must be one word of at most 200 bytes without spaces or '+', such "
            "as example.org/alliance.")
                       .arg(origin));
    const QString keyOut = inv.required(QStringLiteral("key-out"));
    const QString path = inv.ledgerPath();
    refuseExisting(path, QStringLiteral("init creates a new ledger and never touches an existing one"));
    refuseExisting(keyOut, QStringLiteral("choose another --key-out; an existing key is never overwritten"));
    refuseExisting(keyOut + QStringLiteral(".pub"), QStringLiteral("choose another --key-out"));

    out(QStringLiteral("Create the alliance \"%1\" (%2, origin %3) in %4, with a new root key written to %5")
            .arg(QString::fromStdString(name), QString::fromStdString(allianceId), origin, path, keyOut));
    QByteArray pass = newPassphrase(inv, QStringLiteral("the new root key"));
    const ledger::crypto::PrivateKey root = ledger::crypto::PrivateKey::generate();
    auto saved = ledger::crypto::saveKeyFile(root, keyOut, pass);
    cleanse(pass);
    take(std::move(saved));
    auto session = ledger::LedgerSession::createAlliance(path, root, allianceId, name, origin.toStdString());
    if (!session) {
        QFile::remove(keyOut);
        QFile::remove(keyOut + QStringLiteral(".pub"));
        failWith(session.error());
    }
    out(QStringLiteral(
        "Created the alliance \"%1\" in %2; the genesis entry is #0 and a checkpoint is signed.")
            .arg(QString::fromStdString(name), path));
    out(QStringLiteral(
        "Root key: %1 (key id %2). It is the first admin and signs checkpoints; keep it and its "
        "passphrase safe.")
            .arg(keyOut, root.keyId()));
    return ExitOk;
}

// ---- keygen -----------------------------------------------------------------------------------------------

int runKeygen(Invocation &inv)
{
    const QString outPath = inv.required(QStringLiteral("out"));
    refuseExisting(outPath, QStringLiteral("an existing key is never overwritten"));
    refuseExisting(outPath + QStringLiteral(".pub"), QStringLiteral("an existing key is never overwritten"));
    QByteArray pass = newPassphrase(inv, QStringLiteral("the new key"));
    const ledger::crypto::PrivateKey key = ledger::crypto::PrivateKey::generate();
    auto saved = ledger::crypto::saveKeyFile(key, outPath, pass);
    cleanse(pass);
    take(std::move(saved));
    out(QStringLiteral("Wrote %1 (private, encrypted) and %1.pub; key id %2.").arg(outPath, key.keyId()));
    out(QStringLiteral("Public key: %1").arg(QString::fromLatin1(key.publicKey().raw().toBase64())));
    out(QStringLiteral(
        "An admin enrols it with: alliancectl member add --key-file %1.pub --name NAME --role ROLE")
            .arg(outPath));
    return ExitOk;
}

// ---- members ----------------------------------------------------------------------------------------------

int runMemberAdd(Invocation &inv)
{
    ledger::crypto::PublicKey key;
    if (inv.isSet(QStringLiteral("key-file")) == inv.isSet(QStringLiteral("public-key")))
        usageError(
            QStringLiteral("Give the new member's public key with either --key-file FILE.pub or --public-key "
                           "BASE64."));
    if (inv.isSet(QStringLiteral("key-file"))) {
        key = take(ledger::crypto::readPublicKeyFile(inv.value(QStringLiteral("key-file"))));
    } else {
        const QByteArray raw
            = QByteArray::fromBase64(inv.value(QStringLiteral("public-key")).trimmed().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
        auto parsed = ledger::crypto::PublicKey::fromRaw(raw);
        if (!parsed)
            usageError(QStringLiteral("--public-key is not a base64 Ed25519 public key of 32 bytes."));
        key = parsed.value();
    }
    const std::string name = inv.text(QStringLiteral("name"));
    const QString roleText = inv.required(QStringLiteral("role"));
    const auto role = ledger::roleFromName(roleText.toStdString());
    if (!role)
        usageError(
            QStringLiteral("--role must be one of admin, programme_manager, reviewer, startup, sponsor, "
                           "auditor; not \"%1\".")
                .arg(roleText));
    Value body = newObject();
    body.set("key", Value(key.raw().toBase64().toStdString()));
    body.set("name", Value(name));
    body.set("role", Value(roleText));
    QString bound;
    if (*role == ledger::Role::Startup) {
        const std::string startup = inv.id(QStringLiteral("startup"), "startup");
        body.set("startup", Value(startup));
        bound = QStringLiteral(" for the startup %1").arg(inv.startupName(startup));
    } else if (*role == ledger::Role::Sponsor) {
        const std::string sponsor = inv.id(QStringLiteral("sponsor"), "sponsor");
        body.set("sponsor", Value(sponsor));
        bound = QStringLiteral(" for the sponsor \"%1\"").arg(QString::fromStdString(sponsor));
    } else if (inv.isSet(QStringLiteral("startup")) || inv.isSet(QStringLiteral("sponsor"))) {
        usageError(
            QStringLiteral("Only startup members name --startup and only sponsor members name --sponsor."));
    }
    return inv.record("member.enrolled", std::move(body),
        QStringLiteral("Enrol %1 as %2%3 (key %4)")
            .arg(QString::fromStdString(name), roleText, bound, key.keyId()));
}

QString boundTo(const ledger::queries::MemberInfo &m)
{
    if (!m.startup.empty())
        return QStringLiteral("startup %1").arg(QString::fromStdString(m.startup));
    if (!m.sponsor.empty())
        return QStringLiteral("sponsor %1").arg(QString::fromStdString(m.sponsor));
    return QString();
}

int runMemberList(Invocation &inv)
{
    auto list = take(ledger::queries::members(inv.readSession().store()));
    if (inv.json()) {
        QJsonArray arr;
        for (const auto &m : list) {
            QJsonObject o;
            o[QStringLiteral("key_id")] = QString::fromStdString(m.keyId);
            o[QStringLiteral("public_key")] = QString::fromLatin1(m.publicKey.toBase64());
            o[QStringLiteral("name")] = QString::fromStdString(m.name);
            o[QStringLiteral("role")] = QString::fromStdString(m.role);
            if (!m.startup.empty())
                o[QStringLiteral("startup")] = QString::fromStdString(m.startup);
            if (!m.sponsor.empty())
                o[QStringLiteral("sponsor")] = QString::fromStdString(m.sponsor);
            o[QStringLiteral("revoked")] = m.revoked;
            o[QStringLiteral("enrolled_at")] = qint64(m.enrolledAt);
            o[QStringLiteral("enrolled")] = formatIsoTime(m.enrolledAt);
            arr.append(o);
        }
        printJson(QJsonDocument(QJsonObject { { QStringLiteral("members"), arr } }));
        return ExitOk;
    }
    out(QStringLiteral("%1  %2  %3  %4  %5")
            .arg(QStringLiteral("KEY ID"), -32)
            .arg(QStringLiteral("ROLE"), -17)
            .arg(QStringLiteral("NAME"), -24)
            .arg(QStringLiteral("BOUND TO"), -24)
            .arg(QStringLiteral("STATUS")));
    for (const auto &m : list) {
        out(QStringLiteral("%1  %2  %3  %4  %5")
                .arg(QString::fromStdString(m.keyId), -32)
                .arg(QString::fromStdString(m.role), -17)
                .arg(QString::fromStdString(m.name), -24)
                .arg(boundTo(m), -24)
                .arg(m.revoked ? QStringLiteral("revoked") : QStringLiteral("active")));
    }
    out(QStringLiteral("%1 members").arg(list.size()));
    return ExitOk;
}

int runMemberRevoke(Invocation &inv)
{
    const QString who = inv.required(QStringLiteral("member")).trimmed();
    const std::string reason = inv.text(QStringLiteral("reason"), 500);
    const ledger::State &s = inv.state();
    std::string keyId;
    if (s.members.count(who.toStdString())) {
        keyId = who.toStdString();
    } else {
        int matches = 0;
        for (const auto &[id, m] : s.members) {
            if (QString::fromStdString(m.name) == who && !m.revoked) {
                keyId = id;
                ++matches;
            }
        }
        if (matches == 0)
            usageError(
                QStringLiteral("No member has the key id or name \"%1\"; see `alliancectl member list`.")
                    .arg(who));
        if (matches > 1)
            usageError(
                QStringLiteral("Several members are called \"%1\"; give the key id instead.").arg(who));
    }
    Value body = newObject();
    body.set("key_id", Value(keyId));
    body.set("reason", Value(reason));
    return inv.record("member.revoked", std::move(body),
        QStringLiteral("Revoke the key of %1: %2")
            .arg(inv.memberName(keyId), QString::fromStdString(reason)));
}

// ---- checkpoint -------------------------------------------------------------------------------------------

int runCheckpoint(Invocation &inv)
{
    const bool viaCheckpointKey = inv.isSet(QStringLiteral("checkpoint-key"));
    const QString keyPath
        = viaCheckpointKey ? inv.value(QStringLiteral("checkpoint-key")) : inv.value(QStringLiteral("key"));
    if (keyPath.isEmpty())
        usageError(
            QStringLiteral("Signing a checkpoint needs the alliance's checkpoint key: give --key FILE (or "
                           "--checkpoint-key FILE)."));
    ledger::LedgerSession &session = inv.readWriteSession();
    const ledger::crypto::PrivateKey key
        = inv.loadKey(keyPath, viaCheckpointKey ? QStringLiteral("checkpoint-passphrase-file") : QString());
    const ledger::State &s = *take(session.state());
    if (key.publicKey().raw() != s.checkpointKey)
        fail(ExitIo, QStringLiteral("%1 is not the alliance's checkpoint key.").arg(keyPath));
    take(session.setCheckpointSigner(key));
    const int64_t size = take(session.store().logSize());
    auto before = take(session.store().latestCheckpoint());
    if (before && before->treeSize == size) {
        out(QStringLiteral("The latest checkpoint already covers all %1 entries.").arg(size));
        return ExitOk;
    }
    take(session.checkpoint());
    auto after = take(session.store().latestCheckpoint());
    out(QStringLiteral("Signed a checkpoint for %1 entries (root %2).")
            .arg(after ? after->treeSize : size)
            .arg(after ? QString::fromLatin1(after->root.toBase64()) : QString()));
    return ExitOk;
}

} // namespace

void addAdminVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("init"),
        QStringLiteral("Start a new alliance: root key and genesis entry"),
        QStringLiteral(
            "Creates a new ledger file (--ledger) whose genesis entry is signed by a newly generated root "
            "key, written encrypted to --key-out. The root key is the first admin and signs checkpoints."),
        [] {
            return QList<QCommandLineOption> {
                opt("alliance", "The alliance id (lowercase letters, digits, '.', '_', '-').", "ID"),
                opt("name", "The alliance's name.", "NAME"),
                opt("origin", "The log's origin line for checkpoints (default: the alliance id).", "ORIGIN"),
                opt("key-out", "Where to write the new root key (and FILE.pub).", "FILE"),
            };
        },
        runInit });
    verbs.push_back(Verb { QStringLiteral("keygen"),
        QStringLiteral("Generate a member key pair (FILE and FILE.pub)"),
        QStringLiteral(
            "Generates a new Ed25519 key, writes it encrypted with a passphrase to --out (mode 0600) and its "
            "public half to --out.pub, for an admin to enrol with `member add`."),
        [] { return QList<QCommandLineOption> { opt("out", "The new private key file.", "FILE") }; },
        runKeygen });
    verbs.push_back(
        Verb { QStringLiteral("member add"), QStringLiteral("Enrol a member's key with a role (admin)"),
            QStringLiteral("Records member.enrolled. Signed by an admin."),
            [] {
                return QList<QCommandLineOption> {
                    opt("key-file", "The member's public key file (FILE.pub from keygen).", "PUBFILE"),
                    opt("public-key", "The member's public key, base64 of 32 bytes.", "B64"),
                    opt("name", "The member's name.", "NAME"),
                    opt("role", "admin, programme_manager, reviewer, startup, sponsor or auditor.", "ROLE"),
                    opt("startup", "For role startup: the startup id.", "ID"),
                    opt("sponsor", "For role sponsor: the sponsor id.", "ID"),
                };
            },
            runMemberAdd });
    verbs.push_back(Verb { QStringLiteral("member list"), QStringLiteral("List members and their roles"),
        QStringLiteral("Lists every enrolled key with its role, binding and status. Needs no key."),
        [] { return QList<QCommandLineOption> {}; }, runMemberList, true });
    verbs.push_back(Verb { QStringLiteral("member revoke"), QStringLiteral("Revoke a member's key (admin)"),
        QStringLiteral(
            "Records member.revoked. Signed by an admin. The last active admin cannot be revoked."),
        [] {
            return QList<QCommandLineOption> { opt("member", "The member's key id, or name if unique.",
                                                   "KEYID|NAME"),
                opt("reason", "Why the key is revoked.", "TEXT") };
        },
        runMemberRevoke });
    verbs.push_back(Verb { QStringLiteral("checkpoint"),
        QStringLiteral("Sign a checkpoint of the log with the checkpoint key"),
        QStringLiteral(
            "Signs a checkpoint (C2SP signed note) for the whole log with the alliance's checkpoint key, "
            "given as --key or --checkpoint-key. Does nothing if the latest checkpoint covers the log."),
        [] { return QList<QCommandLineOption> {}; }, runCheckpoint });
}

} // namespace cli
