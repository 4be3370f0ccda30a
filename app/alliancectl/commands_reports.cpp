// Verbs that draw reports and statements from the local ledger and import files (issue 5): report,
// statement, verify-statement, import applications|usage. The work is done by ledger/reports,
// ledger/statement, ledger/imports and ui/render; this file only wires options to them.

#include "cli.h"

#include "ledger/crypto/keyfile.h"
#include "ledger/imports/csvreader.h"
#include "ledger/imports/imports.h"
#include "ledger/reports/csv.h"
#include "ledger/reports/journal.h"
#include "ledger/reports/reports.h"
#include "ledger/statement/bundle.h"
#include "ui/render/reportrender.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace cli {

namespace {

namespace lr = ledger::reports;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

ledger::reports::ProgressFn progressOf(Progress &p)
{
    return [&p](int64_t done, int64_t total) {
        p.update(done, total);
        return true;
    };
}

lr::ReportOptions reportOptions(Invocation &inv)
{
    lr::ReportOptions o;
    if (inv.isSet(QStringLiteral("startup")))
        o.startup = QString::fromStdString(inv.id(QStringLiteral("startup"), "startup"));
    if (inv.isSet(QStringLiteral("sponsor")))
        o.sponsor = QString::fromStdString(inv.id(QStringLiteral("sponsor"), "sponsor"));
    if (inv.isSet(QStringLiteral("from")))
        o.from = inv.time(QStringLiteral("from"));
    if (inv.isSet(QStringLiteral("to")))
        o.to = inv.time(QStringLiteral("to"));
    if (o.from && o.to && *o.from >= *o.to)
        usageError(QStringLiteral("The period is empty: --from must be before --to."));
    if (inv.isSet(QStringLiteral("days")))
        o.days = inv.integer(QStringLiteral("days"), 1, 3660);
    o.now = inv.nowMs();
    return o;
}

// Writes through a QSaveFile so a failed or cancelled export leaves no half-written file.
void writeOut(const QString &path, const std::function<ledger::Result<void>(QIODevice &)> &write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        fail(ExitIo, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    take(write(file));
    if (!file.commit())
        fail(ExitIo, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
}

void failReport(const ledger::Error &e)
{
    if (e.code == QLatin1String("unknown_object") || e.code == QLatin1String("invalid_argument")
        || e.code == QLatin1String("unknown_report"))
        usageError(e.message);
    failWith(e);
}

int runReport(Invocation &inv, const QString &name)
{
    const QString format = inv.required(QStringLiteral("format"));
    const QString outPath = inv.required(QStringLiteral("out"));
    const lr::ReportOptions options = reportOptions(inv);
    // Every option is honoured or refused with the reason, never silently ignored.
    if (const lr::ReportInfo *info = lr::findReport(name)) {
        if (auto applies = lr::checkApplies(*info, options); !applies)
            usageError(applies.error().message);
        if (inv.isSet(QStringLiteral("days")) && !info->takes.contains(QStringLiteral("days")))
            usageError(QStringLiteral("The %1 report does not take --days (only `report expiring` does).")
                           .arg(name));
    }
    auto &store = inv.readSession().store();
    Progress progress(QStringLiteral("Report %1").arg(name));
    if (format == QLatin1String("journal")) {
        if (name != QLatin1String("journal") && name != QLatin1String("statement"))
            usageError(QStringLiteral("The journal format holds movements: use `report journal` (or `report "
                                      "statement --format journal` for one startup)."));
        if (name == QLatin1String("statement") && options.startup.isEmpty())
            usageError(QStringLiteral("The statement needs --startup."));
        int64_t transactions = 0;
        writeOut(outPath, [&](QIODevice &dev) -> ledger::Result<void> {
            auto r = lr::writeJournal(store, options, dev, progressOf(progress));
            if (!r) {
                if (r.error().code == QLatin1String("unknown_object"))
                    usageError(r.error().message);
                return r.error();
            }
            transactions = r->transactions;
            return {};
        });
        progress.finish();
        out(QStringLiteral("Wrote %1 transactions to %2.").arg(transactions).arg(outPath));
        return ExitOk;
    }
    if (name == QLatin1String("journal"))
        usageError(QStringLiteral("`report journal` is written with --format journal."));
    if (format != QLatin1String("csv") && format != QLatin1String("xlsx") && format != QLatin1String("pdf"))
        usageError(QStringLiteral("--format is csv, xlsx, pdf or journal, not \"%1\".").arg(format));
    auto report = lr::buildReport(store, name, options, progressOf(progress));
    if (!report)
        failReport(report.error());
    progress.finish();
    if (format == QLatin1String("csv")) {
        writeOut(outPath, [&](QIODevice &dev) { return lr::writeCsv(*report, dev); });
    } else if (format == QLatin1String("xlsx")) {
        take(render::writeXlsx(*report, outPath));
    } else {
        auto pages = render::writePdf(*report, outPath);
        if (!pages)
            failWith(pages.error());
        out(QStringLiteral("%1 pages.").arg(pages.value()));
    }
    out(QStringLiteral("Wrote %1 (%2 rows) to %3.").arg(report->title).arg(report->rows.size()).arg(outPath));
    return ExitOk;
}

QList<QCommandLineOption> reportOptionsList()
{
    return { opt("format", "csv, xlsx, pdf or journal.", "FORMAT"), opt("out", "The file to write.", "FILE"),
        opt("startup", "Only this startup.", "ID"), opt("sponsor", "Only this sponsor's pools.", "ID"),
        opt("from", "The period starts at DATE (inclusive).", "DATE"),
        opt("to", "The period ends at DATE (exclusive).", "DATE"),
        opt("days", "The horizon of the expiring report (default 30).", "N") };
}

int runReportList(Invocation &inv)
{
    if (!inv.isSet(QStringLiteral("list")))
        usageError(QStringLiteral(
            "Name a report (`alliancectl report NAME --format F --out FILE`) or give --list."));
    for (const auto &r : lr::catalogue())
        out(QStringLiteral("  %1 %2").arg(r.name, -12).arg(r.description));
    return ExitOk;
}

// ---- statement bundles ------------------------------------------------------------------------------------

int runStatement(Invocation &inv)
{
    const std::string startup = inv.id(QStringLiteral("startup"), "startup");
    const QString path = inv.required(QStringLiteral("bundle"));
    Progress progress(QStringLiteral("Statement"));
    ledger::statement::BundleStats stats;
    auto bundle
        = ledger::statement::buildBundle(inv.readSession().store(), startup, progressOf(progress), &stats);
    if (!bundle) {
        if (bundle.error().code == QLatin1String("unknown_object"))
            usageError(bundle.error().message);
        failWith(bundle.error());
    }
    progress.finish();
    writeOut(path, [&](QIODevice &dev) -> ledger::Result<void> {
        if (dev.write(*bundle) != bundle->size())
            return ledger::makeError("io_error", dev.errorString());
        return {};
    });
    out(QStringLiteral(
        "Wrote a statement bundle of %1 entries, proven against the checkpoint of tree size %2, to %3.")
            .arg(stats.entries)
            .arg(stats.treeSize)
            .arg(path));
    return ExitOk;
}

ledger::crypto::PublicKey allianceKey(const QString &value)
{
    QByteArray text = value.toLatin1();
    if (QFileInfo(value).isFile()) {
        QFile f(value);
        if (!f.open(QIODevice::ReadOnly))
            fail(ExitIo, QStringLiteral("Cannot read %1: %2").arg(value, f.errorString()));
        text = f.read(4096).trimmed();
    }
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        usageError(
            QStringLiteral("--alliance-key is not a public key (base64 of 32 bytes, or a .pub file)."));
    auto key = ledger::crypto::PublicKey::fromRaw(decoded.decoded);
    if (!key)
        usageError(
            QStringLiteral("--alliance-key is not a public key (base64 of 32 bytes, or a .pub file)."));
    return *key;
}

int runVerifyStatement(Invocation &inv)
{
    const QString path = inv.argument();
    const auto key = allianceKey(inv.required(QStringLiteral("alliance-key")));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fail(ExitIo, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    const QByteArray bytes = f.read(ledger::statement::kMaxBundleBytes + 1);
    auto v = ledger::statement::verifyBundle(bytes, key);
    if (!v)
        fail(ExitVerifyFailed,
            QStringLiteral("The statement does NOT verify (%1): %2").arg(v.error().code, v.error().message));
    if (inv.json()) {
        QJsonObject o;
        o[QStringLiteral("verified")] = true;
        o[QStringLiteral("alliance")] = q(v->allianceId);
        o[QStringLiteral("startup")] = q(v->startup);
        o[QStringLiteral("tree_size")] = qint64(v->treeSize);
        o[QStringLiteral("root")] = QString::fromLatin1(v->root.toBase64());
        o[QStringLiteral("entries")] = qint64(v->entries);
        QJsonArray rs;
        for (const auto &r : v->resources) {
            QJsonObject ro;
            ro[QStringLiteral("resource")] = q(r.resource);
            for (auto [k, n] : { std::pair { "granted", r.granted }, { "consumed", r.consumed },
                     { "expired", r.expired }, { "clawed_back", r.clawedBack }, { "balance", r.balance } }) {
                ro[QLatin1String(k) + QStringLiteral("_milli")] = qint64(n);
                ro[QLatin1String(k)] = formatAmount(n);
            }
            rs.append(ro);
        }
        o[QStringLiteral("resources")] = rs;
        printJson(QJsonDocument(o));
        return ExitOk;
    }
    out(QStringLiteral(
        "Verified: %1 entries of %2 (%3) are in its log, proven against the checkpoint of tree size %4 "
        "signed by the alliance's checkpoint key.")
            .arg(v->entries)
            .arg(q(v->allianceName), q(v->allianceId))
            .arg(v->treeSize));
    out(QStringLiteral("Statement of %1 (%2), as of %3:")
            .arg(q(v->startupName), q(v->startup), formatTime(v->lastSequencedAt)));
    for (const auto &r : v->resources) {
        out(QStringLiteral("  %1 (GPU-hours)").arg(q(r.resource)));
        out(QStringLiteral("    %1 %2").arg(QStringLiteral("Granted"), -12).arg(formatAmount(r.granted), 18));
        out(QStringLiteral("    %1 %2")
                .arg(QStringLiteral("Consumed"), -12)
                .arg(formatAmount(r.consumed), 18));
        out(QStringLiteral("    %1 %2").arg(QStringLiteral("Expired"), -12).arg(formatAmount(r.expired), 18));
        out(QStringLiteral("    %1 %2")
                .arg(QStringLiteral("Clawed back"), -12)
                .arg(formatAmount(r.clawedBack), 18));
        out(QStringLiteral("    %1 %2").arg(QStringLiteral("Balance"), -12).arg(formatAmount(r.balance), 18));
    }
    for (const auto &g : v->grants)
        out(QStringLiteral("  grant %1 %2 %3: balance %4, expires %5")
                .arg(q(g.id), q(g.resource), g.status, formatAmount(g.balance), formatTime(g.expiresAt)));
    return ExitOk;
}

// ---- imports ----------------------------------------------------------------------------------------------

int runImport(Invocation &inv, bool usage)
{
    const QString path = inv.argument();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fail(ExitIo, QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > ledger::imports::kMaxFileBytes)
        usageError(QStringLiteral("%1 is larger than %2 MiB.")
                       .arg(path)
                       .arg(ledger::imports::kMaxFileBytes / 1024 / 1024));
    const QByteArray bytes = f.readAll();
    auto &session = inv.writeSession();
    ledger::imports::ImportOptions options;
    options.skipBad = inv.isSet(QStringLiteral("skip-bad"));
    options.dryRun = inv.isSet(QStringLiteral("dry-run"));
    Progress progress(QStringLiteral("Import"));
    auto result = usage
        ? ledger::imports::importUsage(session, inv.actingKey(), bytes, options, progressOf(progress))
        : ledger::imports::importApplications(session, inv.actingKey(), bytes, options, progressOf(progress));
    progress.finish();
    if (!result) {
        if (result.error().code == QLatin1String("import_invalid"))
            usageError(QStringLiteral("%1: %2 Nothing was imported.").arg(path, result.error().message));
        failWith(result.error());
    }
    for (const auto &p : result->problems)
        err(QStringLiteral("%1:%2: %3").arg(path).arg(p.line).arg(p.reason));
    if (!result->applied && !options.dryRun) {
        fail(ExitUsage,
            QStringLiteral("%1 bad row(s) of %2; nothing was imported. Fix them, or import the good rows "
                           "with --skip-bad.")
                .arg(result->problems.size())
                .arg(result->rows));
    }
    out(QStringLiteral("%1 rows: %2 recorded, %3 already recorded before, %4 bad%5.")
            .arg(result->rows)
            .arg(result->recorded)
            .arg(result->alreadyRecorded)
            .arg(result->problems.size())
            .arg(options.dryRun                ? QStringLiteral(" (dry run: nothing recorded)")
                    : result->problems.empty() ? QString()
                                               : QStringLiteral(" (skipped)")));
    if (session.canCheckpoint())
        take(session.checkpoint());
    return ExitOk;
}

} // namespace

void addReportVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("report"), QStringLiteral("List the reports (--list)"),
        QStringLiteral("`alliancectl report --list` names every report; `alliancectl report NAME --format "
                       "csv|xlsx|pdf|journal --out FILE` writes one."),
        [] { return QList<QCommandLineOption> { opt("list", "List the reports.") }; }, runReportList });
    for (const auto &info : lr::catalogue()) {
        const QString name = info.name;
        verbs.push_back(Verb { QStringLiteral("report ") + name, info.description,
            info.description
                + QStringLiteral(
                    ". Reads the local ledger only; needs no key. CSV is RFC 4180, UTF-8 with a BOM; "
                    "XLSX has typed numbers and dates; PDF is paginated with a chart."),
            reportOptionsList, [name](Invocation &inv) { return runReport(inv, name); } });
    }
    verbs.push_back(
        Verb { QStringLiteral("statement"), QStringLiteral("Write a startup's verifiable statement bundle"),
            QStringLiteral(
                "Writes the startup's entries (exact signed bytes), their inclusion proofs and the signed "
                "checkpoint to FILE (docs/STATEMENT-BUNDLE.md). Anyone with the alliance key can check it "
                "offline with `alliancectl verify-statement`."),
            [] {
                return QList<QCommandLineOption> { opt("startup", "The startup id.", "ID"),
                    opt("bundle", "The bundle file to write.", "FILE") };
            },
            runStatement });
    verbs.push_back(Verb { QStringLiteral("verify-statement"),
        QStringLiteral("Check a statement bundle offline and print its balances"),
        QStringLiteral(
            "Verifies every signature, inclusion proof and the checkpoint of a statement bundle against "
            "the alliance's root public key, then recomputes the startup's balances. Exit 3 if "
            "anything fails, with the reason."),
        [] {
            return QList<QCommandLineOption> { opt(
                "alliance-key", "The alliance root public key: base64, or a .pub file.", "KEY") };
        },
        runVerifyStatement, true, QStringLiteral("FILE") });
    for (const bool usage : { false, true }) {
        verbs.push_back(Verb { usage ? QStringLiteral("import usage") : QStringLiteral("import applications"),
            usage ? QStringLiteral("Import a cloud provider's usage CSV (idempotent)")
                  : QStringLiteral("Import applications from an intake-form CSV (idempotent)"),
            usage
                ? QStringLiteral(
                    "Columns: provider, resource, startup, period (YYYY-MM or YYYY-MM-DD), gpu_hours. "
                    "Rows already recorded are skipped; a file with bad rows imports nothing "
                    "unless --skip-bad. One transaction. Needs a programme manager's --key.")
                : QStringLiteral("Columns: application, startup, programme, title, resource, gpu_hours, "
                                 "[summary]. Applications already recorded are skipped; a file with bad rows "
                                 "imports nothing unless --skip-bad. One transaction."),
            [] {
                return QList<QCommandLineOption> { opt("skip-bad",
                                                       "Import the good rows even if some are bad."),
                    opt("dry-run", "Check the file; record nothing.") };
            },
            [usage](Invocation &inv) { return runImport(inv, usage); }, false, QStringLiteral("FILE") });
    }
}

} // namespace cli
