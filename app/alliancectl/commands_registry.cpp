// `alliancectl registry appoint`: an admin names the registry's checkpoint key and URL (registry.appointed).
// From that entry on the registry's key signs checkpoints; `alliance-registry init` then takes the ledger.

#include "cli.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/replica/endpoint.h"

namespace cli {

namespace {

using ledger::json::Value;

int runRegistryAppoint(Invocation &inv)
{
    const QString keyFile = inv.required(QStringLiteral("registry-key"));
    const QString pubFile
        = keyFile.endsWith(QLatin1String(".pub")) ? keyFile : keyFile + QStringLiteral(".pub");
    const ledger::crypto::PublicKey key = take(ledger::crypto::readPublicKeyFile(pubFile));
    // The address members will sync with, so the same rule as theirs (replica::registryUrlProblem).
    const QString typed = inv.required(QStringLiteral("url"));
    if (const QString problem = ledger::replica::registryUrlProblem(typed); !problem.isEmpty())
        usageError(QStringLiteral("--url: %1").arg(problem));
    const QString url = ledger::replica::normalisedRegistryUrl(typed);
    if (url.size() > 200)
        usageError(QStringLiteral("--url is at most 200 characters."));
    const ledger::State &s = inv.state();
    if (s.checkpointKey == key.raw())
        usageError(QStringLiteral("The key %1 already signs this alliance's checkpoints.").arg(key.keyId()));
    Value body = newObject();
    body.set("checkpoint_key", Value(key.raw().toBase64().toStdString()));
    body.set("url", Value(url));
    return inv.record("registry.appointed", std::move(body),
        QStringLiteral("Appoint the registry at %1; its key %2 signs checkpoints from now on")
            .arg(url, key.keyId()));
}

} // namespace

void addRegistryVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("registry appoint"),
        QStringLiteral("Appoint the central registry and its checkpoint key (admin)"),
        QStringLiteral(
            "Records registry.appointed, signed by an admin: from this entry on, the registry's key "
            "signs the alliance's checkpoints. Then move the ledger onto the registry with "
            "`alliance-registry init --data DIR --from LEDGER --key REGISTRY.key`."),
        [] {
            return QList<QCommandLineOption> {
                opt("registry-key", "The registry's key file (its FILE.pub is read; no passphrase needed).",
                    "FILE"),
                opt("url", "The registry's address, https://HOST[:PORT].", "URL"),
            };
        },
        runRegistryAppoint });
}

} // namespace cli
