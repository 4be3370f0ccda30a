// Verbs that only read (no key needed): balance, log show, info.

#include "cli.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/domain/units.h"

#include "ledger/codec/entry.h"
#include "ledger/crypto/ed25519.h"
#include "ledger/domain/brn.h"
#include "ledger/queries/balances.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdlib>
#include <unordered_map>

namespace cli {

namespace {

namespace lq = ledger::queries;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Amounts in JSON: "<key>_milli" as an integer of milli-GPU-hours and "<key>" as text.
void putAmount(QJsonObject &o, const char *key, int64_t milli)
{
    o[QLatin1String(key) + QStringLiteral("_milli")] = qint64(milli);
    o[QLatin1String(key)] = formatAmount(milli);
}

void putTime(QJsonObject &o, const char *key, int64_t ms)
{
    o[QLatin1String(key) + QStringLiteral("_ms")] = qint64(ms);
    o[QLatin1String(key)] = formatIsoTime(ms);
}

QJsonValue toJson(const ledger::json::Value &v)
{
    using T = ledger::json::Value::Type;
    switch (v.type()) {
    case T::Null:
        return QJsonValue(QJsonValue::Null);
    case T::Bool:
        return v.toBool();
    case T::Int:
        return qint64(v.toInt());
    case T::String:
        return v.toQString();
    case T::Array: {
        QJsonArray a;
        for (const auto &item : v.toArray())
            a.append(toJson(item));
        return a;
    }
    case T::Object: {
        QJsonObject o;
        for (const auto &[key, item] : v.toObject())
            o[QString::fromStdString(key)] = toJson(item);
        return o;
    }
    }
    return QJsonValue();
}

// "  Label        1,234.000"
QString row(const QString &label, int64_t milli, const QString &note = QString())
{
    return QStringLiteral("  %1 %2%3").arg(label, -14).arg(formatAmount(milli), 20).arg(note);
}

// "55.3%", in integer arithmetic (amounts never go through floating point).
QString percentOf(int64_t part, int64_t whole)
{
    const int64_t tenths = int64_t((__int128(part) * 1000 + whole / 2) / whole);
    return QStringLiteral("%1.%2%").arg(tenths / 10).arg(std::abs(tenths % 10));
}

// A name cut to `width` characters for a column.
QString fit(const QString &text, qsizetype width)
{
    return text.size() <= width ? text : text.left(width - 1) + QChar(0x2026);
}

// ---- balance ----------------------------------------------------------------------------------------------

QJsonObject grantJson(const lq::GrantRow &g)
{
    QJsonObject o;
    o[QStringLiteral("id")] = q(g.id);
    o[QStringLiteral("application")] = q(g.application);
    o[QStringLiteral("pool")] = q(g.pool);
    o[QStringLiteral("resource")] = q(g.resource);
    o[QStringLiteral("status")] = q(g.status);
    putAmount(o, "amount", g.amount);
    putAmount(o, "unreleased", g.unreleased);
    putAmount(o, "available", g.available);
    putAmount(o, "consumed", g.consumed);
    putAmount(o, "expired", g.expired);
    putAmount(o, "clawed_back", g.clawedBack);
    putAmount(o, "balance", g.balance());
    putTime(o, "expires_at", g.expiresAt);
    putTime(o, "created_at", g.createdAt);
    QJsonArray tranches;
    for (const auto &t : g.tranches) {
        QJsonObject to;
        putAmount(to, "amount", t.amount);
        putTime(to, "release_at", t.releaseAt);
        to[QStringLiteral("released")] = t.released;
        tranches.append(to);
    }
    o[QStringLiteral("tranches")] = tranches;
    return o;
}

int startupBalance(Invocation &inv, const std::string &startupId)
{
    auto &store = inv.readSession().store();
    auto result = lq::startupBalances(store, startupId);
    if (!result && result.error().code == QLatin1String("unknown_object"))
        usageError(QStringLiteral("There is no startup \"%1\".").arg(q(startupId)));
    const lq::StartupBalances b = take(std::move(result));
    if (inv.json()) {
        QJsonObject root;
        root[QStringLiteral("startup")] = QJsonObject { { QStringLiteral("id"), q(b.startup.id) },
            { QStringLiteral("name"), q(b.startup.name) }, { QStringLiteral("brn"), q(b.startup.brn) },
            { QStringLiteral("sector"), q(b.startup.sector) } };
        QJsonArray resources;
        for (const auto &r : b.resources) {
            QJsonObject o;
            o[QStringLiteral("resource")] = q(r.resource);
            putAmount(o, "granted", r.granted);
            putAmount(o, "pending", r.pending);
            putAmount(o, "unreleased", r.unreleased);
            putAmount(o, "available", r.available);
            putAmount(o, "consumed", r.consumed);
            putAmount(o, "expired", r.expired);
            putAmount(o, "clawed_back", r.clawedBack);
            putAmount(o, "balance", r.balance);
            if (r.earliestExpiry)
                putTime(o, "earliest_expiry", *r.earliestExpiry);
            else
                o[QStringLiteral("earliest_expiry")] = QJsonValue(QJsonValue::Null);
            QJsonArray grants;
            for (const auto &g : r.grants)
                grants.append(grantJson(g));
            o[QStringLiteral("grants")] = grants;
            resources.append(o);
        }
        root[QStringLiteral("resources")] = resources;
        printJson(QJsonDocument(root));
        return ExitOk;
    }
    const auto brn = ledger::normaliseBrn(b.startup.brn);
    out(QStringLiteral("%1 (%2), business registration number %3, %4")
            .arg(q(b.startup.name), q(b.startup.id), brn ? q(ledger::formatBrn(*brn)) : q(b.startup.brn),
                q(b.startup.sector)));
    if (b.resources.empty()) {
        out(QStringLiteral("No grants yet."));
        return ExitOk;
    }
    const int64_t now = inv.nowMs();
    for (const auto &r : b.resources) {
        out(QString());
        out(QStringLiteral("%1 (GPU-hours)").arg(q(r.resource)));
        out(row(QStringLiteral("Granted"), r.granted));
        if (r.pending)
            out(row(QStringLiteral("Pending"), r.pending, QStringLiteral("  waiting for approvals")));
        out(row(QStringLiteral("Unreleased"), r.unreleased));
        out(row(QStringLiteral("Available"), r.available));
        out(row(QStringLiteral("Consumed"), r.consumed));
        out(row(QStringLiteral("Expired"), r.expired));
        out(row(QStringLiteral("Clawed back"), r.clawedBack));
        out(row(QStringLiteral("Balance"), r.balance,
            r.earliestExpiry ? QStringLiteral("  earliest expiry %1").arg(formatTime(*r.earliestExpiry))
                             : QString()));
        out(QStringLiteral("  Grants:"));
        for (const auto &g : r.grants) {
            QString status = q(g.status);
            if (g.status == "active" && g.expiresAt <= now && g.balance() > 0)
                status = QStringLiteral("past expiry");
            int released = 0;
            for (const auto &t : g.tranches)
                released += t.released ? 1 : 0;
            out(QStringLiteral(
                "    %1 %2 amount %3  balance %4  expires %5  tranches released %6 of %7  pool %8")
                    .arg(q(g.id), -16)
                    .arg(status, -16)
                    .arg(formatAmount(g.amount), 14)
                    .arg(formatAmount(g.balance()), 14)
                    .arg(formatTime(g.expiresAt))
                    .arg(released)
                    .arg(g.tranches.size())
                    .arg(q(g.pool)));
        }
    }
    return ExitOk;
}

QJsonObject poolJson(const lq::PoolUtilisation &p)
{
    QJsonObject o;
    o[QStringLiteral("id")] = q(p.id);
    o[QStringLiteral("sponsor")] = q(p.sponsor);
    o[QStringLiteral("programme")] = q(p.programme);
    o[QStringLiteral("resource")] = q(p.resource);
    o[QStringLiteral("closed")] = p.closed;
    putTime(o, "valid_until", p.validUntil);
    putAmount(o, "pledged", p.pledged);
    putAmount(o, "balance", p.balance);
    putAmount(o, "granted", p.granted);
    putAmount(o, "pending", p.pending);
    putAmount(o, "consumed", p.consumed);
    putAmount(o, "expired", p.expired);
    putAmount(o, "clawed_back", p.clawedBack);
    putAmount(o, "outstanding", p.outstanding);
    o[QStringLiteral("grants")] = qint64(p.grantCount);
    return o;
}

int poolBalance(Invocation &inv, const std::string &poolId)
{
    auto result = lq::poolUtilisation(inv.readSession().store(), poolId);
    if (!result && result.error().code == QLatin1String("unknown_object"))
        usageError(QStringLiteral("There is no pool \"%1\".").arg(q(poolId)));
    const lq::PoolUtilisation p = take(std::move(result));
    if (inv.json()) {
        printJson(QJsonDocument(QJsonObject { { QStringLiteral("pool"), poolJson(p) } }));
        return ExitOk;
    }
    out(QStringLiteral("Pool %1 of sponsor %2 for programme %3: %4, valid until %5%6")
            .arg(q(p.id), q(p.sponsor), q(p.programme), q(p.resource), formatTime(p.validUntil),
                p.closed ? QStringLiteral(", closed") : QString()));
    out(row(QStringLiteral("Pledged"), p.pledged));
    out(row(QStringLiteral("Granted"), p.granted, QStringLiteral("  in %1 grants").arg(p.grantCount)));
    if (p.pending)
        out(row(QStringLiteral("Pending"), p.pending, QStringLiteral("  waiting for approvals")));
    out(row(QStringLiteral("Consumed"), p.consumed));
    out(row(QStringLiteral("Expired"), p.expired));
    out(row(QStringLiteral("Clawed back"), p.clawedBack));
    out(row(QStringLiteral("Outstanding"), p.outstanding, QStringLiteral("  held by grants")));
    out(row(QStringLiteral("Balance"), p.balance, QStringLiteral("  left to grant")));
    if (p.pledged > 0)
        out(QStringLiteral("  Utilisation   %1 granted, %2 consumed")
                .arg(percentOf(p.granted, p.pledged), percentOf(p.consumed, p.pledged)));
    return ExitOk;
}

int allBalances(Invocation &inv)
{
    auto &store = inv.readSession().store();
    const auto resources = take(lq::summary(store));
    const auto pools = take(lq::pools(store));
    if (inv.json()) {
        QJsonArray rs;
        for (const auto &r : resources) {
            QJsonObject o;
            o[QStringLiteral("resource")] = q(r.resource);
            o[QStringLiteral("pools")] = qint64(r.pools);
            o[QStringLiteral("startups")] = qint64(r.startups);
            o[QStringLiteral("grants")] = qint64(r.grants);
            putAmount(o, "pledged", r.pledged);
            putAmount(o, "pool_balance", r.poolBalance);
            putAmount(o, "granted", r.granted);
            putAmount(o, "pending", r.pending);
            putAmount(o, "unreleased", r.unreleased);
            putAmount(o, "available", r.available);
            putAmount(o, "consumed", r.consumed);
            putAmount(o, "expired", r.expired);
            putAmount(o, "clawed_back", r.clawedBack);
            putAmount(o, "balance", r.balance);
            rs.append(o);
        }
        QJsonArray ps;
        for (const auto &p : pools)
            ps.append(poolJson(p));
        printJson(QJsonDocument(
            QJsonObject { { QStringLiteral("resources"), rs }, { QStringLiteral("pools"), ps } }));
        return ExitOk;
    }
    if (resources.empty()) {
        out(QStringLiteral("No credits pledged yet."));
        return ExitOk;
    }
    for (const auto &r : resources) {
        out(QStringLiteral("%1 (GPU-hours): %2 pools, %3 grants to %4 startups")
                .arg(q(r.resource))
                .arg(r.pools)
                .arg(r.grants)
                .arg(r.startups));
        out(row(QStringLiteral("Pledged"), r.pledged));
        out(row(QStringLiteral("In pools"), r.poolBalance, QStringLiteral("  left to grant")));
        out(row(QStringLiteral("Granted"), r.granted));
        if (r.pending)
            out(row(QStringLiteral("Pending"), r.pending, QStringLiteral("  waiting for approvals")));
        out(row(QStringLiteral("Unreleased"), r.unreleased));
        out(row(QStringLiteral("Available"), r.available));
        out(row(QStringLiteral("Consumed"), r.consumed));
        out(row(QStringLiteral("Expired"), r.expired));
        out(row(QStringLiteral("Clawed back"), r.clawedBack));
        out(row(QStringLiteral("Held by grants"), r.balance));
        out(QString());
    }
    out(QStringLiteral("%1  %2  %3  %4  %5")
            .arg(QStringLiteral("POOL"), -24)
            .arg(QStringLiteral("RESOURCE"), -24)
            .arg(QStringLiteral("PLEDGED"), 18)
            .arg(QStringLiteral("GRANTED"), 18)
            .arg(QStringLiteral("LEFT"), 18));
    for (const auto &p : pools) {
        out(QStringLiteral("%1  %2  %3  %4  %5%6")
                .arg(q(p.id), -24)
                .arg(q(p.resource), -24)
                .arg(formatAmount(p.pledged), 18)
                .arg(formatAmount(p.granted), 18)
                .arg(formatAmount(p.balance), 18)
                .arg(p.closed ? QStringLiteral("  closed") : QString()));
    }
    out(QStringLiteral("Details: alliancectl balance --startup ID, or --pool ID."));
    return ExitOk;
}

int runBalance(Invocation &inv)
{
    if (inv.isSet(QStringLiteral("startup")) && inv.isSet(QStringLiteral("pool")))
        usageError(QStringLiteral("Give --startup or --pool, not both."));
    if (inv.isSet(QStringLiteral("startup")))
        return startupBalance(inv, inv.id(QStringLiteral("startup"), "startup"));
    if (inv.isSet(QStringLiteral("pool")))
        return poolBalance(inv, inv.id(QStringLiteral("pool"), "pool"));
    return allBalances(inv);
}

// ---- log show ---------------------------------------------------------------------------------------------

int runLogShow(Invocation &inv)
{
    auto &store = inv.readSession().store();
    const int64_t size = take(store.logSize());
    const int64_t limit
        = inv.isSet(QStringLiteral("limit")) ? inv.integer(QStringLiteral("limit"), 1, 100000) : 20;
    int64_t from = inv.isSet(QStringLiteral("from"))
        ? inv.integer(QStringLiteral("from"), 0, ledger::json::kMaxSafeInteger)
        : std::max<int64_t>(0, size - limit);
    // Names of the authors shown, looked up one by one (an alliance may have many thousand members).
    std::unordered_map<std::string, QString> names;
    auto nameOf = [&](const std::string &author) -> QString {
        auto it = names.find(author);
        if (it == names.end()) {
            const auto m = take(lq::member(store, author));
            it = names.emplace(author, m ? q(m->name) : shortKeyId(q(author))).first;
        }
        return it->second;
    };

    QJsonArray entries;
    take(store.scanLog(from, std::min(size, from + limit), [&](const ledger::store::LogView &v) {
        auto entry = ledger::decodeEntry(v.entry);
        const std::string type(v.type);
        std::string author;
        QString summary;
        if (entry) {
            author = entry->author;
            summary = ledger::summariseEntry(type, entry->body);
        } else {
            summary = QStringLiteral("(the stored entry does not decode: %1)").arg(entry.error().message);
        }
        const QString authorName = nameOf(author);
        if (inv.json()) {
            QJsonObject o;
            o[QStringLiteral("seq")] = qint64(v.seq);
            putTime(o, "sequenced_at", v.sequencedAt);
            o[QStringLiteral("type")] = q(type);
            o[QStringLiteral("author")] = q(author);
            o[QStringLiteral("author_name")] = authorName;
            o[QStringLiteral("entry_id")] = QString::fromLatin1(v.entryId.toByteArray().toHex());
            o[QStringLiteral("summary")] = summary;
            if (entry) {
                o[QStringLiteral("created_at_ms")] = qint64(entry->createdAt);
                o[QStringLiteral("body")] = toJson(entry->body);
                if (const auto *amount = entry->body.find("amount"); amount && amount->isInt())
                    o[QStringLiteral("amount")] = formatAmount(amount->toInt());
            }
            entries.append(o);
        } else {
            out(QStringLiteral("#%1  %2  %3 %4 %5")
                    .arg(v.seq, -6)
                    .arg(formatIsoTime(v.sequencedAt).left(19).replace(QLatin1Char('T'), QLatin1Char(' '))
                        + QLatin1Char('Z'))
                    .arg(q(type), -22)
                    .arg(fit(authorName, 20), -20)
                    .arg(summary));
        }
        return true;
    }));
    if (inv.json()) {
        printJson(QJsonDocument(QJsonObject {
            { QStringLiteral("size"), qint64(size) }, { QStringLiteral("entries"), entries } }));
        return ExitOk;
    }
    if (size == 0)
        out(QStringLiteral("The log is empty."));
    else if (from >= size)
        out(QStringLiteral("The log has %1 entries (#0 to #%2).").arg(size).arg(size - 1));
    return ExitOk;
}

// ---- info -------------------------------------------------------------------------------------------------

QString keyIdOf(const QByteArray &raw)
{
    auto key = ledger::crypto::PublicKey::fromRaw(raw);
    return key ? key->keyId() : QStringLiteral("(none)");
}

int runInfo(Invocation &inv)
{
    const lq::LedgerInfo info = take(lq::ledgerInfo(inv.readSession().store()));
    if (inv.json()) {
        QJsonObject o;
        o[QStringLiteral("alliance")] = q(info.allianceId);
        o[QStringLiteral("name")] = q(info.allianceName);
        o[QStringLiteral("origin")] = q(info.origin);
        o[QStringLiteral("root_key_id")] = keyIdOf(info.rootKey);
        o[QStringLiteral("checkpoint_key_id")] = keyIdOf(info.checkpointKey);
        o[QStringLiteral("registry_url")] = q(info.registryUrl);
        o[QStringLiteral("size")] = qint64(info.logSize);
        o[QStringLiteral("projection_size")] = qint64(info.projectionSize);
        o[QStringLiteral("checkpoint_size")] = qint64(info.checkpointSize);
        if (info.lastSequencedAt)
            putTime(o, "last_sequenced_at", info.lastSequencedAt);
        printJson(QJsonDocument(o));
        return ExitOk;
    }
    out(QStringLiteral("Alliance       %1 (%2)").arg(q(info.allianceName), q(info.allianceId)));
    out(QStringLiteral("Origin         %1").arg(q(info.origin)));
    out(QStringLiteral("Ledger         %1").arg(inv.readSession().path()));
    out(QStringLiteral("Entries        %1%2")
            .arg(info.logSize)
            .arg(info.lastSequencedAt
                    ? QStringLiteral(", the last sequenced %1").arg(formatTime(info.lastSequencedAt))
                    : QString()));
    out(QStringLiteral("Checkpoint     %1")
            .arg(info.checkpointSize == 0 ? QStringLiteral("none signed yet")
                    : info.checkpointSize == info.logSize
                    ? QStringLiteral("covers all entries")
                    : QStringLiteral("covers %1 of %2 entries; sign one with `alliancectl checkpoint`")
                          .arg(info.checkpointSize)
                          .arg(info.logSize)));
    out(QStringLiteral("Root key       %1").arg(keyIdOf(info.rootKey)));
    out(QStringLiteral("Checkpoint key %1").arg(keyIdOf(info.checkpointKey)));
    if (!info.registryUrl.empty())
        out(QStringLiteral("Registry       %1").arg(q(info.registryUrl)));
    if (info.projectionSize != info.logSize)
        out(QStringLiteral(
            "Warning: the projections cover %1 entries but the log has %2; run `alliancectl verify`.")
                .arg(info.projectionSize)
                .arg(info.logSize));
    return ExitOk;
}

} // namespace

void addReadVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("balance"),
        QStringLiteral("Balances of a startup or pool, or a summary of all"),
        QStringLiteral(
            "Shows a startup's credits per resource (--startup), a pool's utilisation (--pool), or totals "
            "per resource and every pool. Reads the projections only; needs no key."),
        [] {
            return QList<QCommandLineOption> { opt("startup", "The startup id.", "ID"),
                opt("pool", "The pool id.", "ID") };
        },
        runBalance, true });
    verbs.push_back(
        Verb { QStringLiteral("log show"), QStringLiteral("Show entries of the log, one line each"),
            QStringLiteral(
                "Lists log entries: sequence number, time, type, author and a summary. Without --from, the "
                "latest --limit entries. Needs no key."),
            [] {
                return QList<QCommandLineOption> { opt("from", "The first sequence number to show.", "SEQ"),
                    opt("limit", "How many entries to show (default 20).", "N") };
            },
            runLogShow, true });
    verbs.push_back(
        Verb { QStringLiteral("info"), QStringLiteral("The alliance, its keys and the log's size"),
            QStringLiteral("Shows the alliance's identity, the number of entries and checkpoint coverage. "
                           "Needs no key."),
            [] { return QList<QCommandLineOption> {}; }, runInfo, true });
}

} // namespace cli
