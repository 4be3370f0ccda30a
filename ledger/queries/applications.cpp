#include "ledger/queries/applications.h"

#include "ledger/codec/json.h"
#include "ledger/queries/querysupport.h"

#include <algorithm>

namespace ledger::queries {

using detail::str;

namespace detail {

std::vector<std::string> stringList(std::string_view jsonText)
{
    std::vector<std::string> out;
    auto v = json::parse(jsonText);
    if (!v || !v->isArray())
        return out;
    for (const json::Value &item : v->toArray())
        if (item.isString())
            out.push_back(item.toString());
    return out;
}

} // namespace detail

namespace {

std::vector<ReviewRow> readReviews(std::string_view text)
{
    std::vector<ReviewRow> out;
    auto v = json::parse(text);
    if (!v || !v->isArray())
        return out;
    for (const json::Value &r : v->toArray()) {
        ReviewRow row;
        if (const json::Value *x = r.find("reviewer"); x && x->isString())
            row.reviewer = x->toString();
        if (const json::Value *x = r.find("conflict"); x && x->isBool())
            row.conflict = x->toBool();
        if (const json::Value *x = r.find("comment"); x && x->isString())
            row.comment = x->toString();
        if (const json::Value *x = r.find("at"); x && x->isInt())
            row.at = x->toInt();
        if (const json::Value *x = r.find("scores"); x && x->isObject())
            for (const auto &[k, s] : x->toObject())
                row.scores.emplace_back(k, s.isInt() ? s.toInt() : 0);
        out.push_back(std::move(row));
    }
    return out;
}

#define APP_COLUMNS                                                                                          \
    "a.id, a.startup, coalesce(s.name, ''), coalesce(s.sector, ''), a.programme, a.title, a.resource, "      \
    "a.requested, a.stage, a.reviewers, a.reviews, a.decision_reason, a.grant_id, a.submitted_at, "          \
    "a.decided_at"
#define APP_FROM " FROM applications a LEFT JOIN startups s ON s.id = a.startup"

ApplicationRow readApplication(const sql::Statement &st, bool withReviews)
{
    ApplicationRow a;
    a.id = str(st, 0);
    a.startup = str(st, 1);
    a.startupName = str(st, 2);
    a.sector = str(st, 3);
    a.programme = str(st, 4);
    a.title = str(st, 5);
    a.resource = str(st, 6);
    a.requested = st.int64(7);
    a.stage = str(st, 8);
    a.reviewers = detail::stringList(st.textView(9));
    if (withReviews)
        a.reviews = readReviews(st.textView(10));
    a.decisionReason = str(st, 11);
    a.grant = str(st, 12);
    a.submittedAt = st.int64(13);
    a.decidedAt = st.int64(14);
    return a;
}

void newestFirst(std::vector<ApplicationRow> &rows)
{
    std::sort(rows.begin(), rows.end(), [](const ApplicationRow &a, const ApplicationRow &b) {
        return a.submittedAt != b.submittedAt ? a.submittedAt > b.submittedAt : a.id < b.id;
    });
}

} // namespace

int64_t ReviewRow::total() const
{
    int64_t sum = 0;
    for (const auto &s : scores)
        sum += s.second;
    return sum;
}

bool ApplicationRow::reviewedBy(std::string_view keyId) const
{
    return std::any_of(
        reviews.begin(), reviews.end(), [&](const ReviewRow &r) { return r.reviewer == keyId; });
}

Result<std::vector<ApplicationRow>> applications(store::LedgerStore &store, bool withReviews)
{
    LQ_STMT(st, "SELECT " APP_COLUMNS APP_FROM);
    std::vector<ApplicationRow> out;
    LEDGER_TRY(detail::eachRow(
        st, [&](const sql::Statement &s) { out.push_back(readApplication(s, withReviews)); }));
    newestFirst(out);
    return out;
}

Result<std::optional<ApplicationRow>> application(store::LedgerStore &store, std::string_view id)
{
    LQ_STMT(st, "SELECT " APP_COLUMNS APP_FROM " WHERE a.id = ?");
    st.bind(1, id);
    std::optional<ApplicationRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) { out = readApplication(s, true); }));
    return out;
}

Result<std::vector<ApplicationRow>> startupApplications(store::LedgerStore &store, std::string_view startupId)
{
    LQ_STMT(st, "SELECT " APP_COLUMNS APP_FROM " WHERE a.startup = ?");
    st.bind(1, startupId);
    std::vector<ApplicationRow> out;
    LEDGER_TRY(
        detail::eachRow(st, [&](const sql::Statement &s) { out.push_back(readApplication(s, true)); }));
    newestFirst(out);
    return out;
}

Result<std::vector<ProgrammeRow>> programmes(store::LedgerStore &store)
{
    LQ_STMT(st,
        "SELECT id, name, opens_at, closes_at, rubric, approval_threshold, approvals_required FROM "
        "programmes "
        "ORDER BY opens_at, id");
    std::vector<ProgrammeRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
        ProgrammeRow p;
        p.id = str(s, 0);
        p.name = str(s, 1);
        p.opensAt = s.int64(2);
        p.closesAt = s.int64(3);
        if (auto v = json::parse(s.textView(4)); v && v->isArray()) {
            for (const json::Value &c : v->toArray()) {
                CriterionRow row;
                if (const json::Value *x = c.find("id"); x && x->isString())
                    row.id = x->toString();
                if (const json::Value *x = c.find("max"); x && x->isInt())
                    row.max = x->toInt();
                p.rubric.push_back(std::move(row));
            }
        }
        p.approvalThreshold = s.int64(5);
        p.approvalsRequired = s.int64(6);
        out.push_back(std::move(p));
    }));
    return out;
}

Result<std::vector<SponsorRow>> sponsors(store::LedgerStore &store)
{
    LQ_STMT(st, "SELECT id, name, kind FROM sponsors ORDER BY name, id");
    std::vector<SponsorRow> out;
    LEDGER_TRY(detail::eachRow(st, [&](const sql::Statement &s) {
        out.push_back(SponsorRow { str(s, 0), str(s, 1), str(s, 2) });
    }));
    return out;
}

} // namespace ledger::queries
