// Collects a startup's entries (and the context a verifier needs to recompute its balances) in one pass
// over the log, then proves each against the latest checkpoint from an in-memory tree.

#include "ledger/codec/entry.h"
#include "ledger/codec/json.h"
#include "ledger/queries/balances.h"
#include "ledger/statement/bundle.h"
#include "ledger/statement/treecache.h"

#include <cstring>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ledger::statement {

namespace {

std::string field(const json::Value &body, const char *key)
{
    const json::Value *v = body.find(key);
    return v && v->isString() ? v->toString() : std::string();
}

// `"key":"value"` appears in the bytes: a cheap pre-filter before decoding.
bool mentions(QByteArrayView bytes, const char *key, const std::string &value)
{
    const QByteArray needle = QByteArray("\"") + key + "\":\"" + QByteArray::fromStdString(value) + '"';
    return bytes.indexOf(needle) >= 0;
}

} // namespace

Result<QByteArray> buildBundle(store::LedgerStore &store, const std::string &startup,
    const reports::ProgressFn &progress, BundleStats *stats)
{
    auto st = queries::startup(store, startup);
    if (!st)
        return st.error();
    if (!st.value())
        return makeError("unknown_object",
            QStringLiteral("There is no startup \"%1\".").arg(QString::fromStdString(startup)));
    auto cp = store.latestCheckpoint();
    if (!cp)
        return cp.error();
    if (!cp.value())
        return makeError("no_checkpoint",
            QStringLiteral(
                "The ledger has no signed checkpoint yet; sign one with `alliancectl checkpoint`."));
    const int64_t treeSize = cp.value()->treeSize;

    // The startup's grants and what they hang on.
    std::unordered_set<std::string> grants, applications, pools, programmes;
    {
        auto q = store.db().prepare("SELECT g.id, g.application, g.pool, p.programme FROM grants g "
                                    "JOIN pools p ON p.id = g.pool WHERE g.startup = ?1");
        if (!q)
            return q.error();
        q->bind(1, startup);
        for (;;) {
            auto more = q->step();
            if (!more)
                return more.error();
            if (!more.value())
                break;
            grants.insert(std::string(q->textView(0)));
            applications.insert(std::string(q->textView(1)));
            pools.insert(std::string(q->textView(2)));
            programmes.insert(std::string(q->textView(3)));
        }
    }

    std::vector<TreeCache::Hash> leaves;
    leaves.reserve(size_t(treeSize));
    std::set<int64_t> chosen;
    std::unordered_set<std::string> grantEntryIds, pledgedPools;
    struct Enrolment
    {
        int64_t seq;
        std::string author;
    };
    std::unordered_map<std::string, Enrolment> adminEnrolments; // key id -> its enrolment
    std::vector<std::string> appointers;
    std::optional<Error> failure;

    auto scan = store.scanLog(0, treeSize, [&](const store::LogView &v) {
        TreeCache::Hash h;
        std::memcpy(h.data(), v.leafHash.data(), 32);
        leaves.push_back(h);
        if (progress && (v.seq & 8191) == 0 && !progress(v.seq, treeSize)) {
            failure = makeError("cancelled", QStringLiteral("The statement was cancelled."));
            return false;
        }
        const std::string_view type = v.type;
        if (v.seq == 0) {
            chosen.insert(0);
            return true;
        }
        bool grantType = type == "grant.created" || type == "grant.tranche_released"
            || type == "usage.recorded" || type == "credits.expired" || type == "grant.clawed_back";
        const bool interesting = grantType || type == "approval" || type == "pending.cancelled"
            || type == "member.enrolled" || type == "registry.appointed" || type == "startup.registered"
            || type == "programme.created" || type == "pool.pledged" || type == "application.submitted";
        if (!interesting)
            return true;
        if (grantType) {
            bool any = false;
            for (const auto &g : grants)
                any = any || mentions(v.entry, "grant", g);
            if (!any)
                return true;
        }
        if (type == "startup.registered" && !mentions(v.entry, "startup", startup))
            return true;
        auto entry = decodeEntry(v.entry, false);
        if (!entry)
            return true;
        const json::Value &body = entry->body;
        if (grantType) {
            if (grants.count(field(body, "grant"))) {
                chosen.insert(v.seq);
                if (type == "grant.created")
                    grantEntryIds.insert(v.entryId.toByteArray().toHex().toStdString());
            }
        } else if (type == "approval" || type == "pending.cancelled") {
            if (grantEntryIds.count(field(body, "target")))
                chosen.insert(v.seq);
        } else if (type == "member.enrolled") {
            if (field(body, "role") == "admin") {
                auto key = crypto::PublicKey::fromRaw(
                    QByteArray::fromBase64(QByteArray::fromStdString(field(body, "key"))));
                if (key)
                    adminEnrolments.emplace(
                        key->keyId().toStdString(), Enrolment { v.seq, std::string(v.author) });
            }
        } else if (type == "registry.appointed") {
            chosen.insert(v.seq);
            appointers.push_back(std::string(v.author));
        } else if (type == "startup.registered") {
            if (field(body, "startup") == startup)
                chosen.insert(v.seq);
        } else if (type == "programme.created") {
            if (programmes.count(field(body, "programme")))
                chosen.insert(v.seq);
        } else if (type == "pool.pledged") {
            const std::string pool = field(body, "pool");
            if (pools.count(pool) && pledgedPools.insert(pool).second)
                chosen.insert(v.seq);
        } else if (type == "application.submitted") {
            if (applications.count(field(body, "application")))
                chosen.insert(v.seq);
        }
        return true;
    });
    if (failure)
        return *failure;
    if (!scan)
        return scan.error();

    // The enrolments that make each registry appointer an admin, back to the root key.
    for (std::string author : appointers) {
        for (int depth = 0; depth < 64; ++depth) {
            auto it = adminEnrolments.find(author);
            if (it == adminEnrolments.end())
                break; // the root key itself (or not an admin: the verifier will say so)
            chosen.insert(it->second.seq);
            author = it->second.author;
        }
    }

    TreeCache tree(std::move(leaves));
    json::Array entries;
    for (int64_t seq : chosen) {
        auto rec = store.readLog(seq);
        if (!rec)
            return rec.error();
        json::Array proof;
        for (const QByteArray &h : merkle::inclusionProof(tree, quint64(seq), quint64(treeSize)))
            proof.push_back(json::Value(h.toBase64().toStdString()));
        json::Value e { json::Object {} };
        e.set("author_key", json::Value(rec->authorKey.toBase64().toStdString()));
        e.set("entry", json::Value(rec->entry.toBase64().toStdString()));
        e.set("proof", json::Value(std::move(proof)));
        e.set("seq", json::Value(seq));
        e.set("sequenced_at", json::Value(rec->sequencedAt));
        e.set("sig", json::Value(rec->sig.toBase64().toStdString()));
        entries.push_back(std::move(e));
    }
    json::Value bundle { json::Object {} };
    bundle.set("checkpoint", json::Value(cp.value()->note.toStdString()));
    bundle.set("entries", json::Value(std::move(entries)));
    bundle.set("format", json::Value(std::string(kBundleFormat)));
    bundle.set("startup", json::Value(startup));
    if (stats) {
        stats->entries = int64_t(chosen.size());
        stats->treeSize = treeSize;
    }
    QByteArray out = json::canonical(bundle);
    out += '\n';
    return out;
}

} // namespace ledger::statement
