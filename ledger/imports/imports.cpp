#include "ledger/imports/imports.h"

#include "ledger/codec/entry.h"
#include "ledger/domain/rules.h"
#include "ledger/domain/units.h"
#include "ledger/imports/csvreader.h"
#include "ledger/store/projections.h"

#include <QRegularExpression>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ledger::imports {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Column positions by name; an error naming the first missing required column.
Result<std::map<QString, int>> columns(
    const CsvTable &t, const QStringList &required, const QStringList &optional)
{
    std::map<QString, int> at;
    for (int i = 0; i < t.header.size(); ++i) {
        if (at.count(t.header[i]))
            return makeError("import_invalid",
                QStringLiteral("The header names the column \"%1\" twice.").arg(t.header[i]));
        at[t.header[i]] = i;
    }
    for (const QString &c : required)
        if (!at.count(c))
            return makeError("import_invalid",
                QStringLiteral("The header has no column \"%1\" (expected: %2).")
                    .arg(c, (required + optional).join(QStringLiteral(", "))));
    for (auto it = at.begin(); it != at.end();) {
        if (!required.contains(it->first) && !optional.contains(it->first))
            return makeError(
                "import_invalid", QStringLiteral("The header has an unknown column \"%1\".").arg(it->first));
        ++it;
    }
    return at;
}

// Checks a row's shape; returns the reason it is bad, or an empty string.
QString shapeProblem(const CsvRecord &r, const CsvTable &t)
{
    if (r.fieldTooLong)
        return QStringLiteral("a field is longer than %1 bytes").arg(kMaxFieldBytes);
    if (r.fields.size() != t.header.size())
        return QStringLiteral("it has %1 fields, the header has %2")
            .arg(r.fields.size())
            .arg(t.header.size());
    for (const QString &f : r.fields)
        if (looksLikeFormula(f) || looksLikeFormula(f.trimmed()))
            return QStringLiteral("the cell \"%1\" looks like a spreadsheet formula").arg(f.left(40));
    return {};
}

// A data row being checked, for both imports: its fields by column name, and where its problems go.
struct Row
{
    const CsvRecord &record;
    const std::map<QString, int> &columns;
    ImportResult &result;

    QString field(const char *name) const
    {
        const auto it = columns.find(QLatin1String(name));
        return it == columns.end() ? QString() : record.fields[it->second].trimmed();
    }
    int64_t line() const { return record.line; }
    void bad(QString why) const { result.problems.push_back({ record.line, std::move(why) }); }
    // The gpu_hours column, or nullopt after reporting why not.
    std::optional<int64_t> gpuHours() const
    {
        auto amount = units::parseAmount(field("gpu_hours"));
        if (!amount) {
            bad(QStringLiteral("GPU-hours: %1").arg(amount.error().message));
            return std::nullopt;
        }
        return *amount;
    }
};

bool tickProgress(const reports::ProgressFn &progress, int64_t done, int64_t total);

// The row loop of both imports: progress (false when cancelled), the shape checks every row gets, then
// check(row) for a row of the right shape.
template<typename Fn>
bool eachRow(const CsvTable &t, const std::map<QString, int> &columns, const reports::ProgressFn &progress,
    ImportResult &result, Fn &&check)
{
    int64_t done = 0;
    for (const CsvRecord &r : t.records) {
        if (!tickProgress(progress, ++done, result.rows))
            return false;
        const Row row { r, columns, result };
        if (QString why = shapeProblem(r, t); !why.isEmpty()) {
            row.bad(why);
            continue;
        }
        check(row);
    }
    return true;
}

struct Planned
{
    int64_t line;
    Entry entry; // checked against the rules; signed only once the whole file is known to be good
};

// Sequences the planned entries (already checked against the rules on the checker's state, in order) as one
// batch — unless there are bad rows and !skipBad. The sequencer signs them itself and checks every rule
// again; all-or-nothing unless skipBad, so nothing is half-imported even if it disagreed with the checker.
Result<void> commit(LedgerSession &session, const crypto::PrivateKey &key, std::vector<Planned> &planned,
    ImportResult &result, const ImportOptions &options)
{
    auto byLine = [](const auto &a, const auto &b) { return a.line < b.line; };
    std::sort(result.problems.begin(), result.problems.end(), byLine);
    result.applied = false;
    if (!result.problems.empty() && !options.skipBad)
        return {};
    if (options.dryRun || planned.empty()) {
        result.applied = !options.dryRun;
        return {};
    }
    auto seq = session.sequencer();
    if (!seq)
        return seq.error();
    std::vector<Entry> entries;
    entries.reserve(planned.size());
    for (Planned &p : planned)
        entries.push_back(std::move(p.entry));
    Sequencer::OwnOptions own;
    own.allOrNothing = !options.skipBad;
    auto receipts = seq.value()->submitOwn(std::move(entries), key, own);
    if (!receipts)
        return receipts.error();
    bool rejected = false;
    for (size_t i = 0; i < receipts->size(); ++i) {
        const Receipt &r = receipts.value()[i];
        if (!r.accepted && r.rejection.code != QLatin1String("not_stored")) {
            rejected = true;
            result.problems.push_back(
                { planned[i].line, r.rejection.code + QStringLiteral(": ") + r.rejection.message });
        }
    }
    std::sort(result.problems.begin(), result.problems.end(), byLine);
    if (rejected && !options.skipBad)
        return {}; // nothing was stored
    for (const Receipt &r : receipts.value())
        if (r.accepted && !r.duplicate)
            ++result.recorded;
    result.applied = true;
    return {};
}

struct Checker
{
    State copy;
    int64_t nextSeq;
    int64_t at;
    std::string authorId;
    QByteArray authorKey;

    // Applies the entry to the copy (as the sequencer will, in order); the rule's reason if it is refused.
    // The entry id only matters to entries that wait for approvals, which imports never make.
    std::optional<QString> tryApply(const std::string &type, json::Value body, Entry &out)
    {
        Entry e;
        e.type = type;
        e.author = authorId;
        e.createdAt = at;
        e.nonce = makeNonce();
        e.body = std::move(body);
        EntryContext ctx;
        ctx.seq = nextSeq;
        ctx.at = at;
        ctx.entryId = e.nonce;
        ctx.authorKey = authorKey;
        auto r = Rules::apply(copy, e, ctx);
        if (!r)
            return r.error().code + QStringLiteral(": ") + r.error().message;
        ++nextSeq;
        out = std::move(e);
        return std::nullopt;
    }
};

// The checker's state reads the store row by row as rows are looked up (not a copy of everything: on a large
// alliance that alone took seconds), and never writes: nothing it changes is flushed.
Result<Checker> makeChecker(LedgerSession &session, const crypto::PrivateKey &author)
{
    State state;
    LEDGER_TRY(store::loadState(session.store().db(), state, store::LoadMode::OnDemand));
    state.trackDirty = false;
    const int64_t size = state.size;
    return Checker { std::move(state), size, session.clock().nowMs(), author.keyId().toStdString(),
        author.publicKey().raw() };
}

// Every grant id by "startup\nresource", the earliest to expire first (then by id).
Result<std::unordered_map<std::string, std::vector<std::string>>> grantsByStartupAndResource(
    sql::Database &db)
{
    std::unordered_map<std::string, std::vector<std::string>> out;
    auto st = db.prepare("SELECT startup, resource, id FROM grants ORDER BY expires_at, id");
    if (!st)
        return st.error();
    LEDGER_TRY(st->eachRow([&](const sql::Statement &row) {
        std::string key(row.textView(0));
        key += '\n';
        key += row.textView(1);
        out[key].emplace_back(row.textView(2));
    }));
    return out;
}

// "2026-03" -> [2026-03-01, 2026-04-01); "2026-03-15" -> that day.
std::optional<std::pair<int64_t, int64_t>> parsePeriod(const QString &text)
{
    static const QRegularExpression month(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (auto m = month.match(text); m.hasMatch()) {
        const int y = m.captured(1).toInt(), mo = m.captured(2).toInt();
        if (mo < 1 || mo > 12)
            return std::nullopt;
        auto start = units::parseTime(
            QStringLiteral("%1-%2-01").arg(y, 4, 10, QLatin1Char('0')).arg(mo, 2, 10, QLatin1Char('0')), 0);
        const int ny = mo == 12 ? y + 1 : y, nmo = mo == 12 ? 1 : mo + 1;
        auto end = units::parseTime(
            QStringLiteral("%1-%2-01").arg(ny, 4, 10, QLatin1Char('0')).arg(nmo, 2, 10, QLatin1Char('0')), 0);
        if (!start || !end)
            return std::nullopt;
        return std::make_pair(*start, *end);
    }
    if (day.match(text).hasMatch()) {
        auto start = units::parseTime(text, 0);
        if (!start)
            return std::nullopt;
        return std::make_pair(*start, *start + 86400000);
    }
    return std::nullopt;
}

bool tickProgress(const reports::ProgressFn &progress, int64_t done, int64_t total)
{
    return !progress || (done & 1023) != 0 || progress(done, total);
}

Error cancelledError()
{
    return makeError("cancelled", QStringLiteral("The import was cancelled; nothing was recorded."));
}

} // namespace

Result<ImportResult> importUsage(LedgerSession &session, const crypto::PrivateKey &author,
    QByteArrayView file, const ImportOptions &options, const reports::ProgressFn &progress)
{
    auto table = readCsv(file);
    if (!table)
        return table.error();
    auto cols = columns(*table,
        { QStringLiteral("provider"), QStringLiteral("resource"), QStringLiteral("startup"),
            QStringLiteral("period"), QStringLiteral("gpu_hours") },
        {});
    if (!cols)
        return cols.error();
    auto checker = makeChecker(session, author);
    if (!checker)
        return checker.error();
    Checker &ck = checker.value();
    // (startup, resource) -> that startup's grant ids of the resource, the earliest to expire first: one
    // query for the whole file instead of a look-up per row.
    auto grantsOf = grantsByStartupAndResource(session.store().db());
    if (!grantsOf)
        return grantsOf.error();

    ImportResult result;
    result.rows = int64_t(table->records.size());
    std::vector<Planned> planned;
    std::unordered_map<std::string, int64_t> keysInFile;
    const auto &c = cols.value();
    const bool finished = eachRow(*table, c, progress, result, [&](const Row &row) {
        auto bad = [&](QString why) { row.bad(std::move(why)); };
        const QString providerText = row.field("provider");
        QString resourceText = row.field("resource");
        const QString startupText = row.field("startup");
        const QString periodText = row.field("period");
        auto provider = units::parseId(providerText, "provider");
        if (!provider) {
            bad(provider.error().message);
            return;
        }
        if (!resourceText.contains(QLatin1Char('/')))
            resourceText = providerText + QLatin1Char('/') + resourceText;
        auto resource = units::parseResource(resourceText);
        if (!resource) {
            bad(resource.error().message);
            return;
        }
        if (resource->substr(0, resource->find('/')) != *provider) {
            bad(QStringLiteral("the resource %1 is not one of provider %2").arg(resourceText, providerText));
            return;
        }
        auto startup = units::parseId(startupText, "startup");
        if (!startup) {
            bad(startup.error().message);
            return;
        }
        const auto period = parsePeriod(periodText);
        if (!period) {
            bad(QStringLiteral("the period \"%1\" is not YYYY-MM or YYYY-MM-DD").arg(periodText.left(40)));
            return;
        }
        const auto amount = row.gpuHours();
        if (!amount)
            return;
        if (!ck.copy.startups.count(*startup)) {
            bad(QStringLiteral("there is no startup \"%1\"").arg(startupText));
            return;
        }
        const std::string gpuClass = resource->substr(resource->find('/') + 1);
        const std::string usageKey
            = *provider + '/' + periodText.toStdString() + '/' + *startup + '/' + gpuClass;
        if (usageKey.size() > 128) {
            bad(QStringLiteral("the usage key %1 is longer than 128 bytes").arg(q(usageKey)));
            return;
        }
        if (auto seen = keysInFile.find(usageKey); seen != keysInFile.end()) {
            bad(QStringLiteral("the same usage (%1) as line %2").arg(q(usageKey)).arg(seen->second));
            return;
        }
        keysInFile.emplace(usageKey, row.line());
        const auto candidates = grantsOf->find(*startup + '\n' + *resource);
        if (candidates == grantsOf->end()) {
            bad(QStringLiteral("startup %1 holds no grant of %2").arg(startupText, q(*resource)));
            return;
        }
        bool already = false;
        for (const std::string &g : candidates->second)
            already = already || ck.copy.usageSeen(g + '\n' + usageKey);
        if (already) {
            ++result.alreadyRecorded;
            return;
        }
        std::optional<QString> firstReason;
        bool placed = false;
        for (const std::string &gid : candidates->second) {
            const auto grant = ck.copy.grants.find(gid);
            if (grant == ck.copy.grants.end() || grant->second.status != GrantStatus::Active)
                continue;
            const Grant *g = &grant->second;
            json::Value body { json::Object {} };
            body.set("grant", json::Value(g->id));
            body.set("usage", json::Value(usageKey));
            body.set("resource", json::Value(*resource));
            body.set("amount", json::Value(*amount));
            body.set("period_start", json::Value(period->first));
            body.set("period_end", json::Value(period->second));
            Entry s;
            auto why = ck.tryApply("usage.recorded", std::move(body), s);
            if (!why) {
                planned.push_back({ row.line(), std::move(s) });
                placed = true;
                break;
            }
            if (!firstReason)
                firstReason = QStringLiteral("grant %1: %2").arg(q(g->id), *why);
        }
        if (!placed)
            bad(firstReason.value_or(
                QStringLiteral("startup %1 has no active grant of %2").arg(startupText, q(*resource))));
    });
    if (!finished)
        return cancelledError();
    LEDGER_TRY(commit(session, author, planned, result, options));
    return result;
}

Result<ImportResult> importApplications(LedgerSession &session, const crypto::PrivateKey &author,
    QByteArrayView file, const ImportOptions &options, const reports::ProgressFn &progress)
{
    auto table = readCsv(file);
    if (!table)
        return table.error();
    auto cols = columns(*table,
        { QStringLiteral("application"), QStringLiteral("startup"), QStringLiteral("programme"),
            QStringLiteral("title"), QStringLiteral("resource"), QStringLiteral("gpu_hours") },
        { QStringLiteral("summary") });
    if (!cols)
        return cols.error();
    auto checker = makeChecker(session, author);
    if (!checker)
        return checker.error();
    Checker &ck = checker.value();
    ImportResult result;
    result.rows = int64_t(table->records.size());
    std::vector<Planned> planned;
    std::unordered_map<std::string, int64_t> idsInFile;
    const auto &c = cols.value();
    const bool finished = eachRow(*table, c, progress, result, [&](const Row &row) {
        auto bad = [&](QString why) { row.bad(std::move(why)); };
        auto field = [&](const char *name) { return row.field(name); };
        auto id = units::parseId(field("application"), "application");
        auto startup = units::parseId(field("startup"), "startup");
        auto programme = units::parseId(field("programme"), "programme");
        auto resource = units::parseResource(field("resource"));
        const QString title = field("title");
        const QString summary = field("summary");
        if (!id || !startup || !programme || !resource) {
            bad((!id             ? id.error()
                    : !startup   ? startup.error()
                    : !programme ? programme.error()
                                 : resource.error())
                    .message);
            return;
        }
        const auto amount = row.gpuHours();
        if (!amount)
            return;
        if (title.isEmpty() || title.toUtf8().size() > 200) {
            bad(QStringLiteral("the title must be 1 to 200 bytes"));
            return;
        }
        if (auto seen = idsInFile.find(*id); seen != idsInFile.end()) {
            bad(QStringLiteral("the application %1 is also on line %2").arg(q(*id)).arg(seen->second));
            return;
        }
        idsInFile.emplace(*id, row.line());
        if (auto existing = ck.copy.applications.find(*id); existing != ck.copy.applications.end()) {
            if (existing->second.startup == *startup && existing->second.programme == *programme) {
                ++result.alreadyRecorded;
            } else {
                bad(QStringLiteral("the application id %1 is already used by startup %2 in programme %3")
                        .arg(q(*id), q(existing->second.startup), q(existing->second.programme)));
            }
            return;
        }
        json::Value body { json::Object {} };
        body.set("application", json::Value(*id));
        body.set("startup", json::Value(*startup));
        body.set("programme", json::Value(*programme));
        body.set("title", json::Value(title));
        body.set("resource", json::Value(*resource));
        body.set("amount", json::Value(*amount));
        if (!summary.isEmpty())
            body.set("summary", json::Value(summary));
        Entry s;
        if (auto why = ck.tryApply("application.submitted", std::move(body), s))
            bad(*why);
        else
            planned.push_back({ row.line(), std::move(s) });
    });
    if (!finished)
        return cancelledError();
    LEDGER_TRY(commit(session, author, planned, result, options));
    return result;
}

} // namespace ledger::imports
