// Verbs that run programmes and applications: programme create, sponsor add, pool pledge/close, startup
// register, apply, assign, review, decide, withdraw, approve.

#include "cli.h"
#include "ledger/domain/entrysummary.h"
#include "ledger/domain/units.h"

#include "ledger/crypto/sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace cli {

namespace {

using ledger::json::Value;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// ---- programmes, sponsors, pools -----------------------------------------------------------------------

int runProgrammeCreate(Invocation &inv)
{
    const std::string id = inv.id(QStringLiteral("id"), "programme");
    const std::string name = inv.text(QStringLiteral("name"));
    const int64_t opens = inv.time(QStringLiteral("opens"));
    const int64_t closes = inv.time(QStringLiteral("closes"));
    if (opens >= closes)
        usageError(QStringLiteral("--opens must be before --closes."));
    const QStringList criteria = inv.values(QStringLiteral("criterion"));
    if (criteria.isEmpty())
        usageError(QStringLiteral(
            "Give the rubric as one or more --criterion ID:MAX (e.g. --criterion impact:10)."));
    ledger::json::Array rubric;
    QStringList shown;
    for (const QString &c : criteria) {
        const qsizetype colon = c.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int max = colon > 0 ? c.mid(colon + 1).toInt(&ok) : 0;
        if (colon <= 0 || !ok || max < 1 || max > 100)
            usageError(QStringLiteral("--criterion \"%1\" must be ID:MAX with MAX from 1 to 100.").arg(c));
        auto critId = parseId(c.left(colon), "criterion");
        if (!critId)
            usageError(QStringLiteral("--criterion: %1").arg(critId.error().message));
        Value item = newObject();
        item.set("id", Value(critId.value()));
        item.set("max", Value(max));
        rubric.push_back(std::move(item));
        shown << QStringLiteral("%1 (0-%2)").arg(q(critId.value())).arg(max);
    }
    const int64_t threshold = inv.isSet(QStringLiteral("approval-threshold"))
        ? inv.amount(QStringLiteral("approval-threshold"), true)
        : 0;
    const int64_t required = inv.isSet(QStringLiteral("approvals-required"))
        ? inv.integer(QStringLiteral("approvals-required"), 1, 10)
        : 1;
    Value body = newObject();
    body.set("programme", Value(id));
    body.set("name", Value(name));
    body.set("opens_at", Value(opens));
    body.set("closes_at", Value(closes));
    body.set("rubric", Value(std::move(rubric)));
    body.set("approval_threshold", Value(threshold));
    body.set("approvals_required", Value(required));
    const QString approvals = required > 1
        ? QStringLiteral("; amounts over %1 GPU-hours need %2 approving keys")
              .arg(formatAmount(threshold))
              .arg(required)
        : QStringLiteral("; no approvals needed");
    return inv.record("programme.created", std::move(body),
        QStringLiteral("Create programme %1 \"%2\", open for applications %3 to %4, rubric %5%6")
            .arg(q(id), q(name), formatTime(opens), formatTime(closes), shown.join(QStringLiteral(", ")),
                approvals));
}

int runSponsorAdd(Invocation &inv)
{
    const std::string id = inv.id(QStringLiteral("id"), "sponsor");
    const std::string name = inv.text(QStringLiteral("name"));
    const QString kind = inv.required(QStringLiteral("kind"));
    if (!QStringList { QStringLiteral("government"), QStringLiteral("vc"), QStringLiteral("cloud"),
            QStringLiteral("corporate") }
             .contains(kind))
        usageError(
            QStringLiteral("--kind must be government, vc, cloud or corporate; not \"%1\".").arg(kind));
    Value body = newObject();
    body.set("sponsor", Value(id));
    body.set("name", Value(name));
    body.set("kind", Value(kind));
    return inv.record("sponsor.registered", std::move(body),
        QStringLiteral("Register the %1 sponsor %2 \"%3\"").arg(kind, q(id), q(name)));
}

int runPoolPledge(Invocation &inv)
{
    const std::string poolId = inv.id(QStringLiteral("pool"), "pool");
    const int64_t amount = inv.amount(QStringLiteral("amount"));
    const int64_t validUntil = inv.time(QStringLiteral("valid-until"));
    // A top-up of an existing pool may leave out what the pool already says.
    std::string sponsor, programme, resource;
    const bool needAll = !inv.isSet(QStringLiteral("sponsor")) || !inv.isSet(QStringLiteral("programme"))
        || !inv.isSet(QStringLiteral("resource"));
    const ledger::Pool *existing = nullptr;
    if (needAll) {
        const ledger::State &s = inv.state();
        auto it = s.pools.find(poolId);
        if (it != s.pools.end())
            existing = &it->second;
    }
    sponsor = inv.isSet(QStringLiteral("sponsor")) || !existing ? inv.id(QStringLiteral("sponsor"), "sponsor")
                                                                : existing->sponsor;
    programme = inv.isSet(QStringLiteral("programme")) || !existing
        ? inv.id(QStringLiteral("programme"), "programme")
        : existing->programme;
    if (inv.isSet(QStringLiteral("resource")) || !existing) {
        auto r = parseResource(inv.required(QStringLiteral("resource")));
        if (!r)
            usageError(QStringLiteral("--resource: %1").arg(r.error().message));
        resource = r.value();
    } else {
        resource = existing->resource;
    }
    Value body = newObject();
    body.set("pool", Value(poolId));
    body.set("sponsor", Value(sponsor));
    body.set("programme", Value(programme));
    body.set("resource", Value(resource));
    body.set("amount", Value(amount));
    body.set("valid_until", Value(validUntil));
    return inv.record("pool.pledged", std::move(body),
        QStringLiteral("Pledge %1 GPU-hours of %2 from sponsor %3 into pool %4 for programme %5, valid "
                       "until %6")
            .arg(formatAmount(amount), q(resource), q(sponsor), q(poolId), q(programme),
                formatTime(validUntil)));
}

int runPoolClose(Invocation &inv)
{
    const std::string poolId = inv.id(QStringLiteral("pool"), "pool");
    const std::string reason = inv.text(QStringLiteral("reason"), 500);
    const ledger::State &s = inv.state();
    QString remaining;
    if (auto it = s.pools.find(poolId); it != s.pools.end())
        remaining = QStringLiteral(", returning %1 GPU-hours of %2 to sponsor %3")
                        .arg(formatAmount(s.balance(ledger::poolAccount(poolId), it->second.resource)),
                            q(it->second.resource), q(it->second.sponsor));
    Value body = newObject();
    body.set("pool", Value(poolId));
    body.set("reason", Value(reason));
    return inv.record("pool.closed", std::move(body),
        QStringLiteral("Close pool %1%2: %3").arg(q(poolId), remaining, q(reason)));
}

// ---- startups and applications
// -----------------------------------------------------------------------------

int runStartupRegister(Invocation &inv)
{
    const std::string id = inv.id(QStringLiteral("id"), "startup");
    const std::string name = inv.text(QStringLiteral("name"));
    // The business registration number is checked by the rules engine (reason invalid_brn).
    const std::string brn = inv.text(QStringLiteral("brn"), 12);
    const std::string sector = inv.text(QStringLiteral("sector"), 40);
    Value body = newObject();
    body.set("startup", Value(id));
    body.set("name", Value(name));
    body.set("brn", Value(brn));
    body.set("sector", Value(sector));
    return inv.record("startup.registered", std::move(body),
        QStringLiteral("Register the startup %1 \"%2\" (business registration number %3, sector %4)")
            .arg(q(id), q(name), q(brn), q(sector)));
}

int runApply(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    std::string startup;
    if (inv.isSet(QStringLiteral("startup"))) {
        startup = inv.id(QStringLiteral("startup"), "startup");
    } else {
        const ledger::Member *m = inv.actingMember();
        if (!m || m->startup.empty())
            usageError(QStringLiteral("Name the applying startup with --startup ID."));
        startup = m->startup;
    }
    const std::string programme = inv.id(QStringLiteral("programme"), "programme");
    const std::string title = inv.text(QStringLiteral("title"));
    auto resource = parseResource(inv.required(QStringLiteral("resource")));
    if (!resource)
        usageError(QStringLiteral("--resource: %1").arg(resource.error().message));
    const int64_t amount = inv.amount(QStringLiteral("amount"));
    Value body = newObject();
    body.set("application", Value(appId));
    body.set("startup", Value(startup));
    body.set("programme", Value(programme));
    body.set("title", Value(title));
    body.set("resource", Value(resource.value()));
    body.set("amount", Value(amount));
    if (inv.isSet(QStringLiteral("summary")))
        body.set("summary", Value(inv.text(QStringLiteral("summary"), 4000)));
    const QStringList files = inv.values(QStringLiteral("attach"));
    if (!files.isEmpty()) {
        ledger::json::Array attachments;
        for (const QString &path : files) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                fail(
                    ExitIo, QStringLiteral("Cannot read the attachment %1 (%2).").arg(path, f.errorString()));
            ledger::crypto::Sha256 h;
            while (!f.atEnd()) {
                const QByteArray chunk = f.read(1 << 20);
                if (chunk.isEmpty() && f.error() != QFileDevice::NoError)
                    fail(ExitIo,
                        QStringLiteral("Cannot read the attachment %1 (%2).").arg(path, f.errorString()));
                h.add(chunk.constData(), size_t(chunk.size()));
            }
            const QByteArray name = QFileInfo(path).fileName().toUtf8().left(200);
            Value item = newObject();
            item.set("name", Value(name.toStdString()));
            item.set("sha256", Value(h.finish().toHex().toStdString()));
            attachments.push_back(std::move(item));
        }
        body.set("attachments", Value(std::move(attachments)));
    }
    return inv.record("application.submitted", std::move(body),
        QStringLiteral("Apply as %1 to programme %2 for %3 GPU-hours of %4: \"%5\" (application %6%7)")
            .arg(inv.startupName(startup), q(programme), formatAmount(amount), q(resource.value()), q(title),
                q(appId),
                files.isEmpty() ? QString() : QStringLiteral(", %1 attachments").arg(files.size())));
}

// A reviewer named by key id (32 hex digits) or by name.
std::string resolveReviewer(Invocation &inv, const QString &who)
{
    const ledger::State &s = inv.state();
    if (s.members.count(who.toStdString()))
        return who.toStdString();
    std::string found;
    int matches = 0;
    for (const auto &[id, m] : s.members) {
        if (m.role == ledger::Role::Reviewer && !m.revoked && QString::fromStdString(m.name) == who) {
            found = id;
            ++matches;
        }
    }
    if (matches == 0)
        usageError(
            QStringLiteral("No active reviewer has the key id or name \"%1\"; see `alliancectl member list`.")
                .arg(who));
    if (matches > 1)
        usageError(QStringLiteral("Several reviewers are called \"%1\"; give the key id instead.").arg(who));
    return found;
}

int runAssign(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    const QStringList who = inv.values(QStringLiteral("reviewer"));
    if (who.isEmpty())
        usageError(QStringLiteral("Name at least one --reviewer KEYID|NAME."));
    ledger::json::Array reviewers;
    QStringList names;
    for (const QString &w : who) {
        const std::string keyId = resolveReviewer(inv, w.trimmed());
        reviewers.emplace_back(keyId);
        names << inv.memberName(keyId);
    }
    Value body = newObject();
    body.set("application", Value(appId));
    body.set("reviewers", Value(std::move(reviewers)));
    return inv.record("application.assigned", std::move(body),
        QStringLiteral("Assign %1 to review application %2").arg(names.join(QStringLiteral(", ")), q(appId)));
}

int runReview(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    const bool conflict = inv.isSet(QStringLiteral("conflict"));
    Value body = newObject();
    body.set("application", Value(appId));
    body.set("conflict", Value(conflict));
    QStringList shown;
    const QStringList scores = inv.values(QStringLiteral("score"));
    if (!conflict && scores.isEmpty())
        usageError(
            QStringLiteral("Score every rubric criterion with --score CRITERION=N, or declare --conflict."));
    if (!scores.isEmpty()) {
        // Passed on even with --conflict: the rules engine refuses scores from a conflicted reviewer.
        Value map = newObject();
        for (const QString &sc : scores) {
            const qsizetype eq = sc.indexOf(QLatin1Char('='));
            bool ok = false;
            const int value = eq > 0 ? sc.mid(eq + 1).trimmed().toInt(&ok) : 0;
            if (eq <= 0 || !ok || value < 0 || value > 100)
                usageError(
                    QStringLiteral("--score \"%1\" must be CRITERION=N with N a whole number from 0 to 100.")
                        .arg(sc));
            auto crit = parseId(sc.left(eq).trimmed(), "criterion");
            if (!crit)
                usageError(QStringLiteral("--score: %1").arg(crit.error().message));
            if (map.find(crit.value()))
                usageError(QStringLiteral("--score names \"%1\" twice.").arg(q(crit.value())));
            map.set(crit.value(), Value(value));
            shown << QStringLiteral("%1 %2").arg(q(crit.value())).arg(value);
        }
        body.set("scores", std::move(map));
    }
    if (inv.isSet(QStringLiteral("comment")))
        body.set("comment", Value(inv.text(QStringLiteral("comment"), 4000)));
    const QString what = conflict && scores.isEmpty()
        ? QStringLiteral("Declare a conflict of interest on application %1 (no scores)").arg(q(appId))
        : QStringLiteral("Review application %1%2: %3")
              .arg(q(appId), conflict ? QStringLiteral(" with a declared conflict") : QString(),
                  shown.join(QStringLiteral(", ")));
    return inv.record("application.reviewed", std::move(body), what);
}

int runDecide(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    const QString decision = inv.required(QStringLiteral("decision"));
    if (!QStringList { QStringLiteral("approved"), QStringLiteral("rejected"), QStringLiteral("waitlisted") }
             .contains(decision))
        usageError(
            QStringLiteral("--decision must be approved, rejected or waitlisted; not \"%1\".").arg(decision));
    const std::string reason = inv.text(QStringLiteral("reason"), 2000);
    Value body = newObject();
    body.set("application", Value(appId));
    body.set("decision", Value(decision));
    body.set("reason", Value(reason));
    return inv.record("application.decided", std::move(body),
        QStringLiteral("Decide application %1: %2, because %3").arg(q(appId), decision, q(reason)));
}

int runWithdraw(Invocation &inv)
{
    const std::string appId = inv.id(QStringLiteral("application"), "application");
    const std::string reason = inv.text(QStringLiteral("reason"), 2000);
    Value body = newObject();
    body.set("application", Value(appId));
    body.set("reason", Value(reason));
    return inv.record("application.withdrawn", std::move(body),
        QStringLiteral("Withdraw application %1: %2").arg(q(appId), q(reason)));
}

int runApprove(Invocation &inv)
{
    const QString target = inv.required(QStringLiteral("target")).trimmed().toLower();
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex64.match(target).hasMatch())
        usageError(QStringLiteral("--target must be the 64 hex digits of the entry id to approve."));
    const ledger::State &s = inv.state();
    QString what = QStringLiteral("Approve entry %1").arg(target.left(16) + QChar(0x2026));
    if (auto it = s.pending.find(target.toStdString()); it != s.pending.end()) {
        const ledger::PendingAction &p = it->second;
        auto body = ledger::json::parse(std::string_view(p.body.constData(), size_t(p.body.size())));
        what = QStringLiteral("Approve %1's pending %2 \u2014 %3 (approvals so far: %4 of %5)")
                   .arg(inv.memberName(p.author), q(p.type),
                       body ? ledger::summariseEntry(p.type, body.value()) : QStringLiteral("?"))
                   .arg(p.approvers.size())
                   .arg(p.required);
    }
    Value body = newObject();
    body.set("target", Value(target));
    return inv.record("approval", std::move(body), what);
}

} // namespace

void addProgrammeVerbs(std::vector<Verb> &verbs)
{
    verbs.push_back(Verb { QStringLiteral("programme create"),
        QStringLiteral("Create a programme (call for applications)"),
        QStringLiteral("Records programme.created. Signed by an admin or programme manager."),
        [] {
            return QList<QCommandLineOption> {
                opt("id", "The programme id.", "ID"),
                opt("name", "The programme's name.", "NAME"),
                opt("opens", "When the call opens (UTC date or date-time).", "DATE"),
                opt("closes", "When the call closes.", "DATE"),
                opt("criterion", "A rubric criterion and its top score, e.g. impact:10 (repeat for each).",
                    "ID:MAX"),
                opt("approval-threshold",
                    "Pledges, grants, clawbacks and pool closures above this many GPU-hours need "
                    "approvals (default 0).",
                    "AMOUNT"),
                opt("approvals-required",
                    "How many distinct keys must agree above the threshold, the proposer "
                    "included (1-10, default 1: none).",
                    "K"),
            };
        },
        runProgrammeCreate });
    verbs.push_back(Verb { QStringLiteral("sponsor add"), QStringLiteral("Register a sponsor"),
        QStringLiteral("Records sponsor.registered. Signed by an admin or programme manager."),
        [] {
            return QList<QCommandLineOption> { opt("id", "The sponsor id.", "ID"),
                opt("name", "The sponsor's name.", "NAME"),
                opt("kind", "government, vc, cloud or corporate.", "KIND") };
        },
        runSponsorAdd });
    verbs.push_back(Verb { QStringLiteral("pool pledge"),
        QStringLiteral("Pledge credits into a sponsor pool (or top one up)"),
        QStringLiteral(
            "Records pool.pledged. Signed by a member of the sponsor, an admin or a programme manager. A "
            "top-up of an existing pool may leave out --sponsor, --programme and --resource."),
        [] {
            return QList<QCommandLineOption> {
                opt("pool", "The pool id.", "ID"),
                opt("sponsor", "The pledging sponsor.", "ID"),
                opt("programme", "The programme the pool funds.", "ID"),
                opt("resource", "provider/gpu-class, e.g. naver-cloud/b200.", "RESOURCE"),
                opt("amount", "GPU-hours pledged (up to three decimals).", "AMOUNT"),
                opt("valid-until", "Until when the pool's credits may be granted and used.", "DATE"),
            };
        },
        runPoolPledge });
    verbs.push_back(Verb { QStringLiteral("pool close"),
        QStringLiteral("Close a pool, returning what is left to the sponsor"),
        QStringLiteral(
            "Records pool.closed. Signed by a member of the sponsor, an admin or a programme manager."),
        [] {
            return QList<QCommandLineOption> { opt("pool", "The pool id.", "ID"),
                opt("reason", "Why it closes.", "TEXT") };
        },
        runPoolClose });
    verbs.push_back(Verb { QStringLiteral("startup register"), QStringLiteral("Register a startup"),
        QStringLiteral(
            "Records startup.registered. Signed by an admin or programme manager. The business registration "
            "number is ten digits (123-45-67890) with a correct check digit."),
        [] {
            return QList<QCommandLineOption> {
                opt("id", "The startup id.", "ID"),
                opt("name", "The startup's name.", "NAME"),
                opt("brn", "Korean business registration number.", "BRN"),
                opt("sector",
                    "automotive, manufacturing, telecom, robotics, semiconductors, healthcare, finance, "
                    "energy, retail, logistics, media, education, agriculture, security or other.",
                    "SECTOR"),
            };
        },
        runStartupRegister });
    verbs.push_back(Verb { QStringLiteral("apply"), QStringLiteral("Submit an application for credits"),
        QStringLiteral(
            "Records application.submitted. Signed by a member of the startup, an admin or a programme "
            "manager, while the programme's call is open."),
        [] {
            return QList<QCommandLineOption> {
                opt("application", "A new application id.", "ID"),
                opt("startup", "The applying startup (default: yours, if your key is a startup member's).",
                    "ID"),
                opt("programme", "The programme applied to.", "ID"),
                opt("title", "A short title.", "TEXT"),
                opt("resource", "provider/gpu-class.", "RESOURCE"),
                opt("amount", "GPU-hours requested.", "AMOUNT"),
                opt("summary", "A summary of the project.", "TEXT"),
                opt("attach",
                    "A file whose name and SHA-256 are recorded (repeatable; the file itself is not stored).",
                    "FILE"),
            };
        },
        runApply });
    verbs.push_back(Verb { QStringLiteral("assign"), QStringLiteral("Assign reviewers to an application"),
        QStringLiteral("Records application.assigned. Signed by an admin or programme manager."),
        [] {
            return QList<QCommandLineOption> { opt("application", "The application id.", "ID"),
                opt("reviewer", "A reviewer's key id or name (repeatable).", "KEYID|NAME") };
        },
        runAssign });
    verbs.push_back(Verb { QStringLiteral("review"),
        QStringLiteral("Score an application, or declare a conflict of interest"),
        QStringLiteral(
            "Records application.reviewed. Signed by an assigned reviewer. Score every rubric criterion, or "
            "declare --conflict (after which you cannot score it)."),
        [] {
            return QList<QCommandLineOption> {
                opt("application", "The application id.", "ID"),
                opt("score", "A criterion's score, e.g. impact=8 (repeat for each criterion).",
                    "CRITERION=N"),
                opt("conflict", "Declare a conflict of interest instead of scoring."),
                opt("comment", "A comment for the programme managers.", "TEXT"),
            };
        },
        runReview });
    verbs.push_back(Verb { QStringLiteral("decide"),
        QStringLiteral("Approve, reject or waitlist an application"),
        QStringLiteral(
            "Records application.decided. Signed by an admin or programme manager. Approval needs at least "
            "one scored review."),
        [] {
            return QList<QCommandLineOption> { opt("application", "The application id.", "ID"),
                opt("decision", "approved, rejected or waitlisted.", "DECISION"),
                opt("reason", "The reason, as the startup will read it.", "TEXT") };
        },
        runDecide });
    verbs.push_back(Verb { QStringLiteral("withdraw"), QStringLiteral("Withdraw an application"),
        QStringLiteral(
            "Records application.withdrawn. Signed by a member of the startup, an admin or a programme "
            "manager, before a grant is made."),
        [] {
            return QList<QCommandLineOption> { opt("application", "The application id.", "ID"),
                opt("reason", "Why it is withdrawn.", "TEXT") };
        },
        runWithdraw });
    verbs.push_back(
        Verb { QStringLiteral("approve"), QStringLiteral("Approve an entry waiting for approvals"),
            QStringLiteral(
                "Records approval of a pledge, grant, clawback or pool closure that is above its programme's "
                "threshold. Signed by an admin or programme manager; each key counts once."),
            [] {
                return QList<QCommandLineOption> { opt(
                    "target", "The entry id (64 hex digits) printed when it was recorded.", "ENTRY_ID_HEX") };
            },
            runApprove });
}

} // namespace cli
