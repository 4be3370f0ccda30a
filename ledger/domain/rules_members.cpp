// The rules for who may sign: the genesis, members enrolled and revoked, the registry appointed.

#include "ledger/domain/rulesupport.h"

#include "ledger/log/checkpoint.h"

#include <algorithm>

namespace ledger::rules {

namespace {

Result<QByteArray> readKey(Ctx &c, const char *field)
{
    const std::string b64 = c.r.text(field, 64);
    if (!c.r.ok())
        return c.r.error();
    const QByteArray raw
        = QByteArray::fromBase64(QByteArray::fromStdString(b64), QByteArray::AbortOnBase64DecodingErrors);
    auto key = crypto::PublicKey::fromRaw(raw);
    if (raw.size() != 32 || !key)
        return reject("invalid_body",
            QStringLiteral("\"%1\" must be a base64 Ed25519 public key of 32 bytes.")
                .arg(QLatin1String(field)));
    return raw;
}

} // namespace

Result<Outcome> genesis(Ctx &c)
{
    if (c.ec.seq != 0 || !c.s.allianceId.empty())
        return reject("already_exists", QStringLiteral("The alliance already has its genesis entry."));
    c.r.only({ "alliance", "name", "origin", "root_key", "checkpoint_key" });
    const std::string alliance = c.r.id("alliance");
    const std::string name = c.r.text("name");
    const std::string origin = c.r.text("origin", 200);
    READ_OK();
    auto root = readKey(c, "root_key");
    CHECK(root);
    QByteArray checkpointKey = root.value();
    if (c.e.body.find("checkpoint_key")) {
        auto ck = readKey(c, "checkpoint_key");
        CHECK(ck);
        checkpointKey = ck.value();
    }
    if (root.value() != c.ec.authorKey)
        return reject(
            "not_authorised", QStringLiteral("The genesis entry must be signed by the alliance root key."));
    // The origin names the log's checkpoints, so it must be a valid signed-note key name.
    if (!note::isValidKeyName(QString::fromStdString(origin)))
        return reject("invalid_body",
            QStringLiteral("The origin must be one word without spaces, '+' or control "
                           "characters, like \"alliance.example/k-ai\"."));
    c.s.allianceId = alliance;
    c.s.allianceName = name;
    c.s.origin = origin;
    c.s.rootKey = root.value();
    c.s.checkpointKey = checkpointKey;
    Member m;
    m.keyId = c.e.author;
    m.publicKey = root.value();
    m.name = "root";
    m.role = Role::Admin;
    m.enrolledAt = c.at();
    c.s.members[m.keyId] = m;
    if (c.s.trackDirty) {
        c.s.dirty.members.insert(m.keyId);
        c.s.dirty.meta = true;
    }
    return Outcome::Applied;
}

Result<Outcome> memberEnrolled(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "key", "name", "role", "startup", "sponsor" });
    const std::string name = c.r.text("name");
    const std::string roleText
        = c.r.oneOf("role", { "admin", "programme_manager", "reviewer", "startup", "sponsor", "auditor" });
    const std::string startup = c.r.optionalId("startup");
    const std::string sponsor = c.r.optionalId("sponsor");
    READ_OK();
    auto key = readKey(c, "key");
    CHECK(key);
    const Role role = *roleFromName(roleText);
    const QString keyId = crypto::PublicKey::fromRaw(key.value())->keyId();
    if (c.s.members.count(keyId.toStdString()))
        return reject("already_exists", QStringLiteral("The key %1 is already enrolled.").arg(keyId));
    if (role == Role::Startup) {
        if (startup.empty() || !sponsor.empty())
            return reject(
                "invalid_body", QStringLiteral("A startup member names its startup, and only that."));
        CHECK(lookup(c.s.startups, startup, "startup"));
    } else if (role == Role::Sponsor) {
        if (sponsor.empty() || !startup.empty())
            return reject(
                "invalid_body", QStringLiteral("A sponsor member names its sponsor, and only that."));
        CHECK(lookup(c.s.sponsors, sponsor, "sponsor"));
    } else if (!startup.empty() || !sponsor.empty()) {
        return reject(
            "invalid_body", QStringLiteral("Only startup and sponsor members are bound to an organisation."));
    }
    Member m;
    m.keyId = keyId.toStdString();
    m.publicKey = key.value();
    m.name = name;
    m.role = role;
    m.startup = startup;
    m.sponsor = sponsor;
    m.enrolledAt = c.at();
    c.s.members[m.keyId] = m;
    if (c.s.trackDirty)
        c.s.dirty.members.insert(m.keyId);
    return Outcome::Applied;
}

Result<Outcome> memberRevoked(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "key_id", "reason" });
    const std::string keyId = c.r.text("key_id", 32);
    c.r.text("reason", 500);
    READ_OK();
    auto m = lookup(c.s.members, keyId, "member with key id");
    CHECK(m);
    if (m.value()->revoked)
        return reject(
            "invalid_transition", QStringLiteral("The member %1 is already revoked.").arg(q(keyId)));
    if (m.value()->role == Role::Admin) {
        const auto admins = std::count_if(c.s.members.begin(), c.s.members.end(),
            [](const auto &kv) { return kv.second.role == Role::Admin && !kv.second.revoked; });
        if (admins <= 1)
            return reject("last_admin", QStringLiteral("The last active admin cannot be revoked."));
    }
    m.value()->revoked = true;
    if (c.s.trackDirty)
        c.s.dirty.members.insert(keyId);
    return Outcome::Applied;
}

Result<Outcome> registryAppointed(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin }));
    c.r.only({ "checkpoint_key", "url" });
    const std::string url = c.r.text("url", 500);
    READ_OK();
    auto key = readKey(c, "checkpoint_key");
    CHECK(key);
    if (url.rfind("https://", 0) != 0)
        return reject("invalid_body", QStringLiteral("The registry URL must start with https://."));
    c.s.checkpointKey = key.value();
    c.s.registryUrl = url;
    if (c.s.trackDirty)
        c.s.dirty.meta = true;
    return Outcome::Applied;
}

} // namespace ledger::rules
