#include "ledger/engine/verifier.h"

#include "ledger/codec/entry.h"
#include "ledger/crypto/sha256.h"
#include "ledger/domain/rules.h"
#include "ledger/engine/logreader.h"
#include "ledger/engine/parallel.h"
#include "ledger/engine/statediff.h"
#include "ledger/log/checkpoint.h"
#include "ledger/store/projections.h"

#include <charconv>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace ledger {

namespace {

// What a worker finds out about one row, so that the sequential pass only compares, replays and hashes.
struct RowCheck
{
    int64_t seq = 0;
    int64_t sequencedAt = 0;
    bool idOk = false; // the stored entry id is the one computed from the row
    bool leafOk = false; // the stored leaf hash is the one computed from the id and time
    unsigned char leaf[32]; // the computed leaf hash
    std::optional<QByteArray> checkpointKey; // the row appoints this checkpoint key (genesis, registry)
    std::optional<std::string> origin; // the row names the log's origin (genesis)
    std::optional<Entry> entry; // full mode
    std::string idHex; // full mode: the entry id in lowercase hex, for the rules engine
    QByteArray authorKey; // full mode: the stored author key
    QString error;
    QString code;
};

bool sameHash(const unsigned char computed[32], QByteArrayView stored)
{
    return stored.size() == 32 && std::memcmp(computed, stored.data(), 32) == 0;
}

// Per-thread cache of parsed public keys: a ledger has few signers and many entries.
const crypto::PublicKey *cachedKey(QByteArrayView raw)
{
    thread_local std::unordered_map<QByteArray, crypto::PublicKey> cache;
    thread_local const std::pair<const QByteArray, crypto::PublicKey> *last = nullptr;
    if (last && last->first == raw)
        return &last->second;
    const QByteArray key = raw.toByteArray();
    auto it = cache.find(key);
    if (it == cache.end()) {
        auto parsed = crypto::PublicKey::fromRaw(raw);
        if (!parsed)
            return nullptr;
        if (cache.size() > 100000)
            cache.clear();
        it = cache.emplace(key, parsed.value()).first;
    }
    last = &*it;
    return &it->second;
}

void toHex(const unsigned char bytes[32], std::string &out)
{
    static const char digits[] = "0123456789abcdef";
    out.resize(64);
    for (int i = 0; i < 32; ++i) {
        out[size_t(2 * i)] = digits[bytes[i] >> 4];
        out[size_t(2 * i + 1)] = digits[bytes[i] & 0xf];
    }
}

// Tracks which key signs checkpoints at each position (genesis, then any registry appointment): the key a
// row appoints, if any.
std::optional<QByteArray> checkpointKeySetBy(const store::LogView &row)
{
    if (row.type != "alliance.genesis" && row.type != "registry.appointed")
        return std::nullopt;
    auto e = decodeEntry(row.entry, false);
    if (!e)
        return std::nullopt;
    const char *field = row.type == "alliance.genesis" && e->body.find("checkpoint_key") == nullptr
        ? "root_key"
        : "checkpoint_key";
    const json::Value *v = e->body.find(field);
    if (!v || !v->isString())
        return std::nullopt;
    return QByteArray::fromBase64(QByteArray::fromStdString(v->toString()));
}

std::optional<std::string> originSetBy(const store::LogView &row)
{
    if (row.type != "alliance.genesis")
        return std::nullopt;
    auto e = decodeEntry(row.entry, false);
    const json::Value *v = e ? e->body.find("origin") : nullptr;
    if (!v || !v->isString())
        return std::nullopt;
    return v->toString();
}

void checkRow(const store::LogView &row, bool quick, RowCheck &out)
{
    out.seq = row.seq;
    out.sequencedAt = row.sequencedAt;
    unsigned char id[32];
    thread_local crypto::Sha256 h;
    h.add(kDomainPrefix.data(), kDomainPrefix.size());
    h.add(row.type.data(), row.type.size());
    h.addByte('\n');
    h.add(row.entry);
    h.add(row.sig);
    h.finishInto(id);
    merkle::entryLeafHashInto(row.sequencedAt, id, out.leaf);
    out.idOk = sameHash(id, row.entryId);
    out.leafOk = sameHash(out.leaf, row.leafHash);
    // Worked out here so that the sequential pass need not parse these rows.
    out.checkpointKey = checkpointKeySetBy(row);
    out.origin = originSetBy(row);
    if (quick)
        return;
    auto decoded = decodeEntry(row.entry);
    if (!decoded) {
        out.code = QStringLiteral("invalid_entry");
        out.error = decoded.error().message;
        return;
    }
    const Entry &e = decoded.value();
    if (e.type != row.type || e.author != row.author || e.nonce != row.nonce) {
        out.code = QStringLiteral("column_mismatch");
        out.error = QStringLiteral("the stored type, author or nonce columns do not match the signed entry");
        return;
    }
    const crypto::PublicKey *key = cachedKey(row.authorKey);
    if (!key || key->keyId() != QLatin1String(e.author.data(), qsizetype(e.author.size()))) {
        out.code = QStringLiteral("bad_signature");
        out.error = QStringLiteral("the stored author key does not belong to the entry's author");
        return;
    }
    thread_local std::string message;
    message.clear();
    message.append(kDomainPrefix)
        .append(row.type)
        .append(1, '\n')
        .append(row.entry.data(), size_t(row.entry.size()));
    if (!key->verify(QByteArrayView(message.data(), qsizetype(message.size())), row.sig)) {
        out.code = QStringLiteral("bad_signature");
        out.error = QStringLiteral("the signature does not verify");
        return;
    }
    toHex(id, out.idHex);
    out.authorKey = recentBytes(row.authorKey);
    out.entry = std::move(decoded.value());
}

// One movement as the line "seq|at|from|to|resource|amount|grant\n" added to the hash.
void hashMovement(crypto::Sha256 &h, int64_t seq, int64_t at, std::string_view from, std::string_view to,
    std::string_view resource, int64_t amount, std::string_view grant)
{
    thread_local std::string line;
    line.clear();
    char num[24];
    auto putInt = [&](int64_t v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        line.append(num, size_t(r.ptr - num));
    };
    putInt(seq);
    line.push_back('|');
    putInt(at);
    line.push_back('|');
    line.append(from).push_back('|');
    line.append(to).push_back('|');
    line.append(resource).push_back('|');
    putInt(amount);
    line.push_back('|');
    line.append(grant).push_back('\n');
    h.add(line.data(), line.size());
}

void hashMovements(crypto::Sha256 &h, std::vector<Movement> &movements)
{
    for (const Movement &m : movements)
        hashMovement(h, m.seq, m.at, m.from, m.to, m.resource, m.amount, m.grant);
    movements.clear();
}

// Whether the usages table holds exactly the usage keys of the replay (the set the sequencer's duplicate
// check reads): as many rows, each of them recorded by the log.
Result<bool> storedUsagesMatch(sql::Database &db, const KeySet &replayed)
{
    auto stmt = db.prepare("SELECT key FROM usages");
    if (!stmt)
        return stmt.error();
    size_t count = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        if (!replayed.contains(stmt->textView(0)))
            return false;
        ++count;
    }
    return count == replayed.size();
}

Result<QByteArray> storedMovementsHash(sql::Database &db, int64_t &count)
{
    auto stmt
        = db.prepare("SELECT seq, at, from_account, to_account, resource, amount, grant_id FROM movements "
                     "ORDER BY seq, rowid");
    if (!stmt)
        return stmt.error();
    crypto::Sha256 h;
    count = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        const sql::Statement &s = stmt.value();
        hashMovement(h, s.int64(0), s.int64(1), s.textView(2), s.textView(3), s.textView(4), s.int64(5),
            s.textView(6));
        ++count;
    }
    return h.finish();
}

// Double entry: per resource the accounts sum to zero; no pool or grant account is negative.
QString invariantProblem(const State &s)
{
    std::map<std::string, int64_t> sums;
    for (const auto &[key, amount] : s.balances) {
        sums[key.second] += amount;
        const bool inside = key.first.rfind("pool:", 0) == 0 || key.first.rfind("grant:", 0) == 0;
        if (inside && amount < 0)
            return QStringLiteral("the account %1 is negative in %2")
                .arg(QString::fromStdString(key.first), QString::fromStdString(key.second));
    }
    for (const auto &[resource, sum] : sums) {
        if (sum != 0)
            return QStringLiteral("the accounts of %1 do not sum to zero")
                .arg(QString::fromStdString(resource));
    }
    return {};
}

} // namespace

Result<VerifyReport> verifyLedger(store::LedgerStore &store, const VerifyOptions &options)
{
    VerifyReport report;
    auto size = store.logSize();
    if (!size)
        return size.error();
    auto checkpoints = store.checkpoints();
    if (!checkpoints)
        return checkpoints.error();
    const int64_t total = size.value();
    report.entries = total;
    report.checkpoints = int64_t(checkpoints->size());
    report.uncheckpointed = checkpoints->empty() ? total : total - checkpoints->back().treeSize;

    auto defect = [&](int64_t seq, QString code, QString problem) {
        report.ok = false;
        report.firstBadSeq = seq;
        report.code = std::move(code);
        report.problem = std::move(problem);
        return report;
    };

    State replay;
    replay.trackDirty = true; // for the movements; the replay's other rows are compared at the end
    replay.trackDirtyRows = false;
    if (!options.quick)
        replay.usageKeys.reserve(size_t(total)); // most entries of a large ledger are usage records
    crypto::Sha256 movementHash;
    merkle::CompactRange tree;
    QByteArray checkpointKey;
    std::string origin;
    std::optional<crypto::PublicKey> checkpointPublic; // parsed once per checkpoint key
    QByteArray checkpointPublicRaw;
    size_t nextCheckpoint = 0;
    int64_t previousAt = 0;

    auto checkCheckpointsAt = [&](int64_t treeSize) -> std::optional<VerifyReport> {
        while (nextCheckpoint < checkpoints->size() && (*checkpoints)[nextCheckpoint].treeSize == treeSize) {
            const store::CheckpointRecord &cp = (*checkpoints)[nextCheckpoint++];
            const QByteArray root = tree.root();
            if (cp.root != root)
                return defect(cp.treeSize, QStringLiteral("checkpoint_mismatch"),
                    QStringLiteral("the checkpoint at tree size %1 does not match the log's Merkle root")
                        .arg(cp.treeSize));
            if (!checkpointPublic || checkpointPublicRaw != checkpointKey) {
                checkpointPublicRaw = checkpointKey;
                auto parsed = crypto::PublicKey::fromRaw(checkpointKey);
                checkpointPublic = parsed ? std::optional<crypto::PublicKey>(parsed.value()) : std::nullopt;
            }
            const std::optional<crypto::PublicKey> &key = checkpointPublic;
            if (!key)
                return defect(cp.treeSize, QStringLiteral("checkpoint_signature"),
                    QStringLiteral("no valid checkpoint key is known at tree size %1").arg(cp.treeSize));
            const QString name = QString::fromStdString(origin);
            auto opened = note::openNote(cp.note, name, *key);
            if (!opened)
                return defect(cp.treeSize, QStringLiteral("checkpoint_signature"),
                    QStringLiteral("the checkpoint at tree size %1 is not validly signed: %2")
                        .arg(cp.treeSize)
                        .arg(opened.error().message));
            if (int64_t(opened->size) != cp.treeSize || opened->root != root || opened->origin != name)
                return defect(cp.treeSize, QStringLiteral("checkpoint_mismatch"),
                    QStringLiteral("the signed checkpoint at tree size %1 names another tree")
                        .arg(cp.treeSize));
        }
        return std::nullopt;
    };
    if (!checkpoints->empty() && checkpoints->front().treeSize <= 0)
        return defect(0, QStringLiteral("checkpoint_mismatch"),
            QStringLiteral("a checkpoint has an invalid tree size"));

    // Workers read the log through their own connections (when the caller's has no uncommitted writes),
    // hash every row and, in full mode, parse and signature-check it; this thread compares, replays the
    // rules and builds the Merkle tree, in log order.
    using Checks = std::vector<RowCheck>;
    ParallelLogScan<Checks> scan(
        store, 0, total, options.quick ? 4096 : 256,
        [quick = options.quick](const store::LogView &row, Checks &checks) {
            checks.emplace_back();
            checkRow(row, quick, checks.back());
        },
        !store.db().inTransaction());
    int64_t expectedSeq = 0;
    while (auto *item = scan.next()) {
        if (item->error)
            return *item->error;
        for (RowCheck &c : item->payload) {
            if (c.seq != expectedSeq)
                return defect(expectedSeq, QStringLiteral("missing_entry"),
                    QStringLiteral("entry %1 is missing from the log").arg(expectedSeq));
            ++expectedSeq;
            if (!c.idOk)
                return defect(c.seq, QStringLiteral("entry_id_mismatch"),
                    QStringLiteral("entry %1: its bytes, type or signature do not match its id").arg(c.seq));
            if (!c.leafOk)
                return defect(c.seq, QStringLiteral("leaf_hash_mismatch"),
                    QStringLiteral("entry %1: its leaf hash does not match its id and time").arg(c.seq));
            if (c.sequencedAt < previousAt)
                return defect(c.seq, QStringLiteral("time_order"),
                    QStringLiteral("entry %1 was sequenced before the entry preceding it").arg(c.seq));
            previousAt = c.sequencedAt;
            if (c.checkpointKey)
                checkpointKey = *c.checkpointKey;
            if (c.origin)
                origin = *c.origin;
            if (!options.quick) {
                if (!c.entry)
                    return defect(c.seq, c.code, QStringLiteral("entry %1: %2").arg(c.seq).arg(c.error));
                EntryContext ctx { c.seq, c.sequencedAt, std::move(c.idHex), c.authorKey };
                auto applied = Rules::apply(replay, *c.entry, ctx);
                if (!applied)
                    return defect(c.seq, QStringLiteral("rule_violation"),
                        QStringLiteral("entry %1 breaks the rules: %2")
                            .arg(c.seq)
                            .arg(applied.error().toString()));
                hashMovements(movementHash, replay.dirty.movements);
            }
            tree.appendRaw(c.leaf);
            if (auto bad = checkCheckpointsAt(int64_t(tree.size())))
                return *bad;
        }
        // Only the movements are read back from the replay; the rest of what it marks is dropped here.
        replay.dirty.clear();
        if (options.progress && !options.progress(expectedSeq, total))
            return makeError("cancelled", QStringLiteral("Verification was cancelled."));
    }
    if (nextCheckpoint < checkpoints->size())
        return defect((*checkpoints)[nextCheckpoint].treeSize, QStringLiteral("checkpoint_mismatch"),
            QStringLiteral("a checkpoint claims tree size %1 but the log has %2 entries")
                .arg((*checkpoints)[nextCheckpoint].treeSize)
                .arg(total));
    auto frontier = store.frontier();
    if (!frontier || frontier->root() != tree.root() || frontier->size() != tree.size())
        return defect(total, QStringLiteral("frontier_mismatch"),
            QStringLiteral("the stored Merkle frontier does not match the log"));
    if (options.quick)
        return report;

    if (QString problem = invariantProblem(replay); !problem.isEmpty())
        return defect(total - 1, QStringLiteral("invariant_violation"), problem);
    State projected;
    LEDGER_TRY(store::loadState(store.db(), projected));
    if (QString diff = firstDifference(replay, projected); !diff.isEmpty())
        return defect(total, QStringLiteral("projection_mismatch"),
            QStringLiteral("projections: %1; run `alliancectl rebuild`").arg(diff));
    auto usages = storedUsagesMatch(store.db(), replay.usageKeys);
    if (!usages)
        return usages.error();
    if (!usages.value())
        return defect(total, QStringLiteral("projection_mismatch"),
            QStringLiteral("projections: the usages table differs from the log's usage records; run "
                           "`alliancectl rebuild`"));
    int64_t storedMovements = 0;
    auto stored = storedMovementsHash(store.db(), storedMovements);
    if (!stored)
        return stored.error();
    if (stored.value() != movementHash.finish())
        return defect(total, QStringLiteral("projection_mismatch"),
            QStringLiteral(
                "projections: the movements table differs from the log; run `alliancectl rebuild`"));
    return report;
}

} // namespace ledger
