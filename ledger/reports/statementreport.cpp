// The startup statement: per resource, the opening balance, every movement of the startup's grant accounts
// in the period (with the grant's expiry), and the closing balance. The balance is the grants' accounts,
// unreleased + available, exactly what `alliancectl balance --startup` calls the balance.

#include "ledger/domain/state.h"
#include "ledger/domain/units.h"
#include "ledger/queries/balances.h"
#include "ledger/reports/reportcommon.h"
#include "ledger/reports/reports.h"

#include <map>

namespace ledger::reports {

using namespace detail;

namespace {

struct Line
{
    int64_t seq = 0;
    int64_t at = 0;
    QString kind;
    std::string grant;
    std::string counterparty;
    int64_t signedAmount = 0;
    int64_t expiresAt = 0;
};

QString kindOf(const std::string &from, const std::string &to, const std::string &grantAccount)
{
    if (to == grantAccount)
        return QStringLiteral("granted");
    if (to == kConsumedAccount)
        return QStringLiteral("used");
    if (to == kExpiredAccount)
        return QStringLiteral("expired");
    (void)from;
    return QStringLiteral("clawed back");
}

} // namespace

Result<Report> startupStatement(
    store::LedgerStore &store, const ReportOptions &options, const ProgressFn &progress)
{
    if (options.startup.isEmpty())
        return makeError("invalid_argument", QStringLiteral("The statement needs a startup (--startup)."));
    auto balances = queries::startupBalances(store, options.startup.toStdString());
    if (!balances)
        return balances.error();
    Report r;
    LEDGER_TRY(fillHeader(store, options, r));
    r.name = QStringLiteral("statement");
    const auto &st = balances->startup;
    r.title = QStringLiteral("Statement of %1 (%2)").arg(q(st.name), q(st.id));
    r.summary.push_back({ QStringLiteral("Startup"), QStringLiteral("%1 (%2)").arg(q(st.name), q(st.id)) });
    r.summary.push_back({ QStringLiteral("Business registration number"), q(st.brn) });
    r.columns = { { QStringLiteral("Resource"), CellType::Text }, { QStringLiteral("Date"), CellType::Date },
        { QStringLiteral("Seq"), CellType::Integer }, { QStringLiteral("Movement"), CellType::Text },
        { QStringLiteral("Grant"), CellType::Text }, { QStringLiteral("Counterparty"), CellType::Text },
        { QStringLiteral("Amount"), CellType::Amount }, { QStringLiteral("Balance"), CellType::Amount },
        { QStringLiteral("Grant expires"), CellType::Date } };
    Chart chart { QStringLiteral("Movements in the period (GPU-hours)"), true, {} };

    auto stmtR = store.db().cached("SELECT seq, at, from_account, to_account, amount FROM movements "
                                   "WHERE grant_id = ?1 ORDER BY seq");
    if (!stmtR)
        return stmtR.error();
    sql::Statement &stmt = *stmtR.value();
    int64_t done = 0;
    for (const auto &res : balances->resources) {
        int64_t opening = 0;
        std::vector<Line> lines;
        for (const auto &g : res.grants) {
            if (g.status == "pending_approval")
                continue;
            const std::string account = grantAccount(g.id);
            sql::ResetGuard guard(stmt);
            stmt.bind(1, g.id);
            for (;;) {
                auto more = stmt.step();
                if (!more)
                    return more.error();
                if (!more.value())
                    break;
                if (!tick(progress, ++done, 0))
                    return cancelled();
                Line l;
                l.seq = stmt.int64(0);
                l.at = stmt.int64(1);
                const std::string from(stmt.textView(2));
                const std::string to(stmt.textView(3));
                const int64_t amount = stmt.int64(4);
                l.signedAmount = to == account ? amount : -amount;
                if (options.to && l.at >= *options.to)
                    continue;
                if (options.from && l.at < *options.from) {
                    opening += l.signedAmount;
                    continue;
                }
                l.kind = kindOf(from, to, account);
                l.grant = g.id;
                l.counterparty = to == account ? from : to;
                l.expiresAt = g.expiresAt;
                lines.push_back(std::move(l));
            }
        }
        std::sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) { return a.seq < b.seq; });
        const QString resource = q(res.resource);
        int64_t balance = opening;
        r.rows.push_back({ Cell::of(resource), options.from ? Cell::date(*options.from) : Cell::empty(),
            Cell::empty(), Cell::of(QStringLiteral("opening balance")), Cell::empty(), Cell::empty(),
            Cell::empty(), Cell::amount(opening), Cell::empty() });
        std::map<QString, int64_t> byKind;
        for (const Line &l : lines) {
            balance += l.signedAmount;
            byKind[l.kind] += l.signedAmount < 0 ? -l.signedAmount : l.signedAmount;
            r.rows.push_back({ Cell::of(resource), Cell::date(l.at), Cell::integer(l.seq), Cell::of(l.kind),
                Cell::of(q(l.grant)), Cell::of(q(l.counterparty)), Cell::amount(l.signedAmount),
                Cell::amount(balance), Cell::date(l.expiresAt) });
        }
        r.rows.push_back({ Cell::of(resource), options.to ? Cell::date(*options.to) : Cell::empty(),
            Cell::empty(), Cell::of(QStringLiteral("closing balance")), Cell::empty(), Cell::empty(),
            Cell::empty(), Cell::amount(balance),
            res.earliestExpiry ? Cell::date(*res.earliestExpiry) : Cell::empty() });
        r.summary.push_back({ resource,
            QStringLiteral("opening %1, closing %2 GPU-hours%3")
                .arg(units::formatAmount(opening), units::formatAmount(balance),
                    res.earliestExpiry
                        ? QStringLiteral(", earliest expiry %1").arg(units::formatTime(*res.earliestExpiry))
                        : QString()) });
        for (const auto &[kind, total] : byKind)
            chart.bars.push_back({ resource + QStringLiteral(" ") + kind, total });
    }
    if (!chart.bars.empty())
        r.chart = std::move(chart);
    return r;
}

} // namespace ledger::reports
