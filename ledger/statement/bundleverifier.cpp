// The reference verifier of a statement bundle. It trusts nothing in the file: every byte is either checked
// (signature, inclusion proof, checkpoint signature, canonical form) or refused. The steps follow
// docs/STATEMENT-BUNDLE.md section "Verifying".

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/domain/units.h"
#include "ledger/log/checkpoint.h"
#include "ledger/log/merkle.h"
#include "ledger/statement/bundle.h"

#include <map>
#include <set>

namespace ledger::statement {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

Error fail(const char *code, QString message)
{
    return makeError(code, std::move(message));
}

// Strict base64: decodes, and re-encodes to exactly the same text (no padding bits, no whitespace).
std::optional<QByteArray> strictBase64(const json::Value *v)
{
    if (!v || !v->isString())
        return std::nullopt;
    const QByteArray text = QByteArray::fromStdString(v->toString());
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != text)
        return std::nullopt;
    return decoded.decoded;
}

bool exactMembers(const json::Value &v, std::initializer_list<const char *> names)
{
    if (!v.isObject() || v.toObject().size() != names.size())
        return false;
    for (const char *n : names)
        if (!v.find(n))
            return false;
    return true;
}

std::string str(const json::Value &body, const char *key)
{
    const json::Value *v = body.find(key);
    return v && v->isString() ? v->toString() : std::string();
}

int64_t num(const json::Value &body, const char *key)
{
    const json::Value *v = body.find(key);
    return v && v->isInt() ? v->toInt() : 0;
}

struct Item
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    std::string entryIdHex;
    std::string authorKeyId;
    Entry entry;
};

struct GrantState
{
    VerifiedGrant g;
    std::string pool;
    std::string author;
    std::set<std::string> approvers;
    int64_t required = 1;
    bool pending = false;
    bool cancelled = false;
    std::string entryId;
};

} // namespace

Result<VerifiedStatement> verifyBundle(QByteArrayView bundle, const crypto::PublicKey &allianceKey)
{
    if (bundle.size() > kMaxBundleBytes)
        return fail(
            "bundle_invalid", QStringLiteral("The file is larger than a statement bundle may be (64 MiB)."));
    if (bundle.isEmpty() || !bundle.endsWith('\n'))
        return fail("bundle_invalid",
            QStringLiteral("The file is not a statement bundle (it must be one line of JSON)."));
    const std::string_view text(bundle.data(), size_t(bundle.size() - 1));
    auto parsed = json::parse(text, json::ParseLimits { size_t(kMaxBundleBytes), 8 });
    if (!parsed)
        return fail(
            "bundle_invalid", QStringLiteral("The file is not valid JSON: %1").arg(parsed.error().message));
    const json::Value &root = parsed.value();
    if (json::canonical(root) != QByteArrayView(text.data(), qsizetype(text.size())))
        return fail("bundle_invalid",
            QStringLiteral("The bundle is not in canonical form (RFC 8785): a byte was changed or added."));
    if (!exactMembers(root, { "checkpoint", "entries", "format", "startup" }))
        return fail("bundle_invalid",
            QStringLiteral(
                "The bundle must have exactly the members checkpoint, entries, format and startup."));
    if (str(root, "format") != kBundleFormat)
        return fail("bundle_invalid",
            QStringLiteral("This is not a bundle of format %1.").arg(q(std::string(kBundleFormat))));
    const std::string startup = str(root, "startup");
    const json::Value *entriesV = root.find("entries");
    if (startup.empty() || !entriesV->isArray() || entriesV->toArray().empty()
        || !root.find("checkpoint")->isString())
        return fail("bundle_invalid",
            QStringLiteral("The bundle's startup, entries or checkpoint is missing or of the wrong type."));

    // 1. Every entry: shape, signature, author, entry id, leaf hash.
    std::vector<Item> items;
    std::vector<QByteArray> leafHashes;
    std::vector<QList<QByteArray>> proofs;
    int64_t previousSeq = -1, previousAt = 0;
    for (const json::Value &e : entriesV->toArray()) {
        const QString where = QStringLiteral("Entry %1 of the bundle").arg(items.size() + 1);
        if (!exactMembers(e, { "author_key", "entry", "proof", "seq", "sequenced_at", "sig" }))
            return fail("bundle_invalid",
                where
                    + QStringLiteral(
                        " must have exactly author_key, entry, proof, seq, sequenced_at and sig."));
        const json::Value *seqV = e.find("seq");
        const json::Value *atV = e.find("sequenced_at");
        if (!seqV->isInt() || !atV->isInt() || seqV->toInt() < 0 || atV->toInt() < 0)
            return fail("bundle_invalid", where + QStringLiteral(" has a bad seq or sequenced_at."));
        Item item;
        item.seq = seqV->toInt();
        item.sequencedAt = atV->toInt();
        if (item.seq <= previousSeq)
            return fail("bundle_invalid",
                where + QStringLiteral(": entries must be in increasing seq order without repeats."));
        if (item.sequencedAt < previousAt)
            return fail("bundle_invalid", where + QStringLiteral(": sequenced_at goes backwards."));
        previousSeq = item.seq;
        previousAt = item.sequencedAt;
        const auto keyRaw = strictBase64(e.find("author_key"));
        const auto bytes = strictBase64(e.find("entry"));
        const auto sig = strictBase64(e.find("sig"));
        if (!keyRaw || !bytes || !sig)
            return fail("bundle_invalid",
                where + QStringLiteral(" (seq %1) has a field that is not strict base64.").arg(item.seq));
        auto key = crypto::PublicKey::fromRaw(*keyRaw);
        if (!key || sig->size() != 64)
            return fail("bundle_signature",
                where + QStringLiteral(" (seq %1) has a malformed key or signature.").arg(item.seq));
        auto entry = decodeEntry(*bytes);
        if (!entry)
            return fail("bundle_signature",
                where
                    + QStringLiteral(" (seq %1) is not a well-formed entry: %2")
                          .arg(item.seq)
                          .arg(entry.error().message));
        if (!key->verify(signedMessage(entry->type, *bytes), *sig))
            return fail("bundle_signature",
                QStringLiteral("The signature of entry seq %1 (%2) does not verify.")
                    .arg(item.seq)
                    .arg(q(entry->type)));
        if (q(entry->author) != key->keyId())
            return fail("bundle_signature",
                QStringLiteral("Entry seq %1 names an author other than its signing key.").arg(item.seq));
        const QByteArray id = entryId(entry->type, *bytes, *sig);
        item.entryIdHex = id.toHex().toStdString();
        item.authorKeyId = entry->author;
        item.entry = std::move(entry.value());
        leafHashes.push_back(merkle::entryLeafHash(item.sequencedAt, id));
        QList<QByteArray> proof;
        const json::Value *proofV = e.find("proof");
        if (!proofV->isArray() || proofV->toArray().size() > 64)
            return fail("bundle_invalid", where + QStringLiteral(" has a malformed proof."));
        for (const json::Value &h : proofV->toArray()) {
            auto raw = strictBase64(&h);
            if (!raw || raw->size() != 32)
                return fail("bundle_invalid",
                    where + QStringLiteral(" has a proof hash that is not 32 bytes of base64."));
            proof.push_back(*raw);
        }
        proofs.push_back(proof);
        items.push_back(std::move(item));
    }

    // 2. The genesis, signed by the alliance key the user trusts; the checkpoint key from the log.
    const Item &genesis = items.front();
    if (genesis.seq != 0 || genesis.entry.type != "alliance.genesis")
        return fail("bundle_genesis",
            QStringLiteral("The bundle does not start with the alliance's genesis entry (seq 0)."));
    if (genesis.authorKeyId != allianceKey.keyId().toStdString()
        || str(genesis.entry.body, "root_key") != allianceKey.raw().toBase64().toStdString())
        return fail("bundle_genesis",
            QStringLiteral("The genesis entry is not signed by the alliance key you gave: this is another "
                           "alliance's bundle, or the key is wrong."));
    VerifiedStatement out;
    out.allianceId = str(genesis.entry.body, "alliance");
    out.allianceName = str(genesis.entry.body, "name");
    out.origin = str(genesis.entry.body, "origin");
    const std::string checkpointKeyText = str(genesis.entry.body, "checkpoint_key");
    QByteArray checkpointKey = checkpointKeyText.empty()
        ? allianceKey.raw()
        : QByteArray::fromBase64(QByteArray::fromStdString(checkpointKeyText));

    // 3. The checkpoint: parse it to learn its size, then find the key in effect there.
    const QByteArray note = QByteArray::fromStdString(root.find("checkpoint")->toString());
    auto unverified = note::parseNote(note);
    if (!unverified)
        return fail("bundle_checkpoint",
            QStringLiteral("The checkpoint is not a signed note: %1").arg(unverified.error().message));
    auto cpText = note::parseCheckpoint(unverified->text);
    if (!cpText)
        return fail("bundle_checkpoint",
            QStringLiteral("The checkpoint is malformed: %1").arg(cpText.error().message));
    const quint64 treeSize = cpText->size;
    std::set<std::string> admins { genesis.authorKeyId };
    for (const Item &it : items) {
        if (quint64(it.seq) >= treeSize)
            break;
        if (it.entry.type == "member.enrolled" && admins.count(it.authorKeyId)
            && str(it.entry.body, "role") == "admin") {
            auto k = crypto::PublicKey::fromRaw(
                QByteArray::fromBase64(QByteArray::fromStdString(str(it.entry.body, "key"))));
            if (k)
                admins.insert(k->keyId().toStdString());
        } else if (it.entry.type == "registry.appointed") {
            if (!admins.count(it.authorKeyId))
                return fail("bundle_content",
                    QStringLiteral(
                        "The registry appointment at seq %1 is not signed by an admin the bundle can show.")
                        .arg(it.seq));
            checkpointKey
                = QByteArray::fromBase64(QByteArray::fromStdString(str(it.entry.body, "checkpoint_key")));
        }
    }
    auto cpKey = crypto::PublicKey::fromRaw(checkpointKey);
    if (!cpKey)
        return fail("bundle_checkpoint", QStringLiteral("The log names no valid checkpoint key."));
    auto cp = note::openNote(note, q(out.origin), *cpKey);
    if (!cp)
        return fail("bundle_checkpoint",
            QStringLiteral(
                "The checkpoint does not carry a valid signature by the alliance's checkpoint key: %1")
                .arg(cp.error().message));
    if (cp->origin != q(out.origin))
        return fail(
            "bundle_checkpoint", QStringLiteral("The checkpoint is for another log (%1).").arg(cp->origin));
    out.treeSize = cp->size;
    out.root = cp->root;

    // 4. Every entry is in the log the checkpoint commits to.
    for (size_t i = 0; i < items.size(); ++i) {
        if (quint64(items[i].seq) >= cp->size)
            return fail("bundle_proof",
                QStringLiteral("Entry seq %1 is beyond the checkpoint's tree size %2.")
                    .arg(items[i].seq)
                    .arg(cp->size));
        if (!merkle::verifyInclusion(quint64(items[i].seq), cp->size, leafHashes[i], proofs[i], cp->root))
            return fail("bundle_proof",
                QStringLiteral(
                    "The inclusion proof of entry seq %1 (%2) does not lead to the checkpoint's root.")
                    .arg(items[i].seq)
                    .arg(q(items[i].entry.type)));
    }

    // 5. Replay: the startup, its applications, grants and every movement of their credit.
    std::map<std::string, std::pair<int64_t, int64_t>> programmes; // id -> (threshold, k)
    std::map<std::string, std::string> poolProgramme;
    std::set<std::string> applications;
    std::map<std::string, GrantState> grants;
    std::map<std::string, std::string> grantByEntry;
    bool startupSeen = false;
    for (size_t i = 1; i < items.size(); ++i) {
        const Item &it = items[i];
        const json::Value &b = it.entry.body;
        const std::string &type = it.entry.type;
        const QString at = QStringLiteral("Entry seq %1 (%2)").arg(it.seq).arg(q(type));
        auto grantOf = [&]() -> GrantState * {
            auto g = grants.find(str(b, "grant"));
            return g == grants.end() ? nullptr : &g->second;
        };
        if (type == "member.enrolled" || type == "registry.appointed") {
            continue; // checked in step 3
        } else if (type == "startup.registered") {
            if (str(b, "startup") != startup)
                return fail("bundle_content", at + QStringLiteral(" registers another startup."));
            startupSeen = true;
            out.startup = startup;
            out.startupName = str(b, "name");
        } else if (type == "programme.created") {
            programmes[str(b, "programme")]
                = { num(b, "approval_threshold"), std::max<int64_t>(1, num(b, "approvals_required")) };
        } else if (type == "pool.pledged") {
            poolProgramme.emplace(str(b, "pool"), str(b, "programme"));
        } else if (type == "application.submitted") {
            if (str(b, "startup") != startup)
                return fail("bundle_content", at + QStringLiteral(" is an application of another startup."));
            applications.insert(str(b, "application"));
        } else if (type == "grant.created") {
            if (!applications.count(str(b, "application")))
                return fail("bundle_content",
                    at
                        + QStringLiteral(
                            " is for an application that is not this startup's (or not in the bundle)."));
            const std::string pool = str(b, "pool");
            auto pp = poolProgramme.find(pool);
            if (pp == poolProgramme.end() || !programmes.count(pp->second))
                return fail("bundle_content",
                    at + QStringLiteral(" draws on a pool whose pledge or programme is not in the bundle."));
            GrantState g;
            g.g.id = str(b, "grant");
            g.g.application = str(b, "application");
            g.pool = pool;
            g.g.expiresAt = num(b, "expires_at");
            int64_t total = 0;
            if (const json::Value *tr = b.find("tranches"); tr && tr->isArray())
                for (const auto &t : tr->toArray())
                    if (num(t, "amount") < 0 || __builtin_add_overflow(total, num(t, "amount"), &total))
                        return fail(
                            "bundle_content", at + QStringLiteral(" has tranche amounts out of range."));
            g.g.granted = total;
            g.author = it.authorKeyId;
            g.entryId = it.entryIdHex;
            const auto [threshold, k] = programmes[pp->second];
            g.required = k;
            g.pending = k > 1 && total > threshold;
            g.approvers.insert(it.authorKeyId);
            if (!g.pending)
                g.g.balance = total;
            grantByEntry[it.entryIdHex] = g.g.id;
            if (grants.count(g.g.id))
                return fail("bundle_content", at + QStringLiteral(" repeats a grant id."));
            grants[g.g.id] = std::move(g);
        } else if (type == "approval" || type == "pending.cancelled") {
            auto ge = grantByEntry.find(str(b, "target"));
            if (ge == grantByEntry.end())
                return fail("bundle_content", at + QStringLiteral(" targets no grant of this statement."));
            GrantState &g = grants[ge->second];
            if (!g.pending || g.cancelled)
                return fail("bundle_content", at + QStringLiteral(" targets a grant that is not pending."));
            if (type == "pending.cancelled") {
                g.cancelled = true;
            } else {
                g.approvers.insert(it.authorKeyId);
                if (int64_t(g.approvers.size()) >= g.required) {
                    g.pending = false;
                    g.g.balance = g.g.granted;
                }
            }
        } else if (type == "grant.tranche_released") {
            if (!grantOf())
                return fail(
                    "bundle_content", at + QStringLiteral(" is about a grant not in this statement."));
        } else if (type == "usage.recorded" || type == "credits.expired" || type == "grant.clawed_back") {
            GrantState *g = grantOf();
            if (!g)
                return fail(
                    "bundle_content", at + QStringLiteral(" is about a grant not in this statement."));
            if (g->pending || g->cancelled)
                return fail(
                    "bundle_content", at + QStringLiteral(" moves credit of a grant that is not in effect."));
            const int64_t amount = type == "usage.recorded" ? num(b, "amount")
                : type == "credits.expired"                 ? g->g.balance
                : b.find("amount")                          ? num(b, "amount")
                                                            : g->g.balance;
            // Checked before adding: the totals then stay within the grant's amount.
            if (amount < 0 || amount > g->g.balance)
                return fail(
                    "bundle_content", at + QStringLiteral(" moves more credit than the grant holds."));
            (type == "usage.recorded"           ? g->g.consumed
                    : type == "credits.expired" ? g->g.expired
                                                : g->g.clawedBack)
                += amount;
            g->g.balance -= amount;
        } else {
            return fail("bundle_content", at + QStringLiteral(" is not a type a statement may hold."));
        }
    }
    if (!startupSeen)
        return fail("bundle_content",
            QStringLiteral("The bundle does not hold the registration of startup \"%1\".").arg(q(startup)));

    std::map<std::string, VerifiedResource> byResource;
    for (auto &[id, gs] : grants) {
        // The resource is the pool's: the grant's own application names it, and the pool's pledge too.
        gs.g.status = gs.cancelled ? QStringLiteral("cancelled")
            : gs.pending           ? QStringLiteral("pending approval")
            : gs.g.clawedBack > 0 && gs.g.balance == 0 && gs.g.consumed + gs.g.expired < gs.g.granted
            ? QStringLiteral("clawed back")
            : gs.g.expired > 0 ? QStringLiteral("expired")
                               : QStringLiteral("active");
        if (gs.pending || gs.cancelled)
            gs.g.granted = 0;
        out.grants.push_back(gs.g);
    }
    // Resources come from the pool pledges.
    std::map<std::string, std::string> poolResource;
    for (const Item &it : items)
        if (it.entry.type == "pool.pledged")
            poolResource.emplace(str(it.entry.body, "pool"), str(it.entry.body, "resource"));
    for (size_t i = 0; i < out.grants.size(); ++i) {
        VerifiedGrant &g = out.grants[i];
        g.resource = poolResource[grants[g.id].pool];
        VerifiedResource &r = byResource[g.resource];
        r.resource = g.resource;
        r.granted += g.granted;
        r.consumed += g.consumed;
        r.expired += g.expired;
        r.clawedBack += g.clawedBack;
        r.balance += g.balance;
    }
    for (auto &[res, r] : byResource)
        out.resources.push_back(r);
    out.entries = int64_t(items.size());
    out.lastSequencedAt = items.back().sequencedAt;
    return out;
}

} // namespace ledger::statement
