// The rules for startups and their applications: registered, submitted, assigned, reviewed, decided,
// withdrawn.

#include "ledger/domain/rulesupport.h"

#include "ledger/domain/brn.h"

namespace ledger::rules {

Result<Outcome> startupRegistered(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "startup", "name", "brn", "sector" });
    Startup st;
    st.id = c.r.id("startup");
    st.name = c.r.text("name");
    const std::string brnText = c.r.text("brn", 12);
    st.sector = c.r.oneOf("sector",
        { "automotive", "manufacturing", "telecom", "robotics", "semiconductors", "healthcare", "finance",
            "energy", "retail", "logistics", "media", "education", "agriculture", "security", "other" });
    READ_OK();
    const auto brn = normaliseBrn(brnText);
    if (!brn)
        return reject("invalid_brn",
            QStringLiteral("\"%1\" is not a valid Korean business registration number "
                           "(ten digits with a correct check digit).")
                .arg(q(brnText)));
    if (c.s.startups.count(st.id))
        return reject("already_exists", QStringLiteral("The startup \"%1\" already exists.").arg(q(st.id)));
    if (auto other = c.s.startupByBrn.find(*brn); other != c.s.startupByBrn.end())
        return reject("duplicate_brn",
            QStringLiteral("The business registration number %1 is already registered "
                           "to \"%2\".")
                .arg(q(formatBrn(*brn)), q(other->second)));
    st.brn = *brn;
    c.s.startupByBrn[st.brn] = st.id;
    const std::string id = st.id;
    c.s.startups[id] = std::move(st);
    if (c.s.trackDirty)
        c.s.dirty.startups.insert(id);
    return Outcome::Applied;
}

Result<Outcome> applicationSubmitted(Ctx &c)
{
    c.r.only(
        { "application", "startup", "programme", "title", "resource", "amount", "summary", "attachments" });
    Application a;
    a.id = c.r.id("application");
    a.startup = c.r.id("startup");
    a.programme = c.r.id("programme");
    a.title = c.r.text("title");
    a.resource = c.r.resource("resource");
    a.requested = c.r.amount("amount");
    c.r.optionalText("summary", 4000);
    if (c.e.body.find("attachments")) {
        const json::Array *attachments = c.r.array("attachments", 20);
        if (attachments) {
            for (const json::Value &att : *attachments) {
                BodyReader ar(att);
                ar.only({ "name", "sha256" });
                const std::string name = att.isObject() ? ar.text("name") : std::string();
                const std::string sha = att.isObject() ? ar.text("sha256", 64) : std::string();
                const bool hex = sha.size() == 64 && std::all_of(sha.begin(), sha.end(), [](char ch) {
                    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
                });
                if (!att.isObject() || !ar.ok() || !hex)
                    c.r.fail(QStringLiteral(
                        "Each attachment is {\"name\", \"sha256\": 64 lowercase hex digits}."));
            }
        }
    }
    READ_OK();
    if (!isBoundTo(c, Role::Startup, a.startup))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    CHECK(lookup(c.s.startups, a.startup, "startup"));
    auto programme = lookup(c.s.programmes, a.programme, "programme");
    CHECK(programme);
    if (c.s.applications.count(a.id))
        return reject(
            "already_exists", QStringLiteral("The application \"%1\" already exists.").arg(q(a.id)));
    const Programme &p = *programme.value();
    if (c.at() < p.opensAt || c.at() > p.closesAt)
        return reject("call_closed",
            QStringLiteral("The call of programme \"%1\" is not open for applications.").arg(q(p.id)));
    a.submittedAt = c.at();
    a.stage = Stage::Submitted;
    const std::string id = a.id;
    c.s.applications[id] = std::move(a);
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationAssigned(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "application", "reviewers" });
    const std::string id = c.r.id("application");
    const json::Array *reviewers = c.r.array("reviewers", 10);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (a.stage != Stage::Submitted && a.stage != Stage::UnderReview)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2; reviewers can only be "
                           "assigned before a decision.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    if (reviewers->empty())
        return reject("invalid_body", QStringLiteral("Assign at least one reviewer."));
    std::vector<std::string> added;
    for (const json::Value &v : *reviewers) {
        if (!v.isString())
            return reject("invalid_body", QStringLiteral("Reviewers are listed by key id."));
        const std::string &keyId = v.toString();
        auto m = c.s.members.find(keyId);
        if (m == c.s.members.end() || m->second.role != Role::Reviewer || m->second.revoked)
            return reject("not_a_reviewer", QStringLiteral("%1 is not an active reviewer.").arg(q(keyId)));
        if (std::find(a.reviewers.begin(), a.reviewers.end(), keyId) != a.reviewers.end()
            || std::find(added.begin(), added.end(), keyId) != added.end())
            return reject(
                "already_assigned", QStringLiteral("%1 is already assigned to \"%2\".").arg(q(keyId), q(id)));
        added.push_back(keyId);
    }
    a.reviewers.insert(a.reviewers.end(), added.begin(), added.end());
    a.stage = Stage::UnderReview;
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationReviewed(Ctx &c)
{
    CHECK(requireRole(c, { Role::Reviewer }));
    c.r.only({ "application", "conflict", "scores", "comment" });
    const std::string id = c.r.id("application");
    const bool conflict = c.r.boolean("conflict");
    const std::string comment = c.r.optionalText("comment", 4000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (std::find(a.reviewers.begin(), a.reviewers.end(), c.e.author) == a.reviewers.end())
        return reject("not_assigned", QStringLiteral("You are not assigned to review \"%1\".").arg(q(id)));
    if (a.stage != Stage::UnderReview)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2 and no longer takes reviews.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    for (const Review &rv : a.reviews) {
        if (rv.reviewer != c.e.author)
            continue;
        if (rv.conflict)
            return reject("conflict_of_interest",
                QStringLiteral("You declared a conflict of interest on \"%1\" and "
                               "cannot score it.")
                    .arg(q(id)));
        return reject("already_reviewed", QStringLiteral("You have already reviewed \"%1\".").arg(q(id)));
    }
    Review review;
    review.reviewer = c.e.author;
    review.conflict = conflict;
    review.comment = comment;
    review.at = c.at();
    const json::Value *scores = c.e.body.find("scores");
    if (conflict) {
        if (scores && !(scores->isObject() && scores->toObject().empty()))
            return reject("conflict_of_interest",
                QStringLiteral("A reviewer who declares a conflict of interest "
                               "cannot score."));
    } else {
        if (!scores || !scores->isObject())
            return reject(
                "invalid_body", QStringLiteral("A review without a conflict scores every criterion."));
        const Programme &p = c.s.programmes.at(a.programme);
        if (scores->toObject().size() != p.rubric.size())
            return reject("invalid_body",
                QStringLiteral("Score each of the %1 rubric criteria exactly once.").arg(p.rubric.size()));
        for (const Criterion &crit : p.rubric) {
            const json::Value *score = scores->find(crit.id);
            if (!score || !score->isInt() || score->toInt() < 0 || score->toInt() > crit.max)
                return reject("invalid_body",
                    QStringLiteral("The score for \"%1\" must be a whole number from 0 to %2.")
                        .arg(q(crit.id))
                        .arg(crit.max));
            review.scores.emplace_back(crit.id, score->toInt());
        }
    }
    a.reviews.push_back(std::move(review));
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationDecided(Ctx &c)
{
    CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    c.r.only({ "application", "decision", "reason" });
    const std::string id = c.r.id("application");
    const std::string decision = c.r.oneOf("decision", { "approved", "rejected", "waitlisted" });
    const std::string reason = c.r.text("reason", 2000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (a.stage != Stage::UnderReview && a.stage != Stage::Waitlisted)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2; only applications under "
                           "review or waitlisted can be decided.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    const Stage next = decision == "approved" ? Stage::Approved
        : decision == "rejected"              ? Stage::Rejected
                                              : Stage::Waitlisted;
    if (next == a.stage)
        return reject(
            "invalid_transition", QStringLiteral("The application \"%1\" is already waitlisted.").arg(q(id)));
    if (next == Stage::Approved
        && std::none_of(a.reviews.begin(), a.reviews.end(), [](const Review &rv) { return !rv.conflict; }))
        return reject(
            "no_reviews", QStringLiteral("The application \"%1\" has no scored review yet.").arg(q(id)));
    a.stage = next;
    a.decisionReason = reason;
    a.decidedAt = c.at();
    markApplication(c, id);
    return Outcome::Applied;
}

Result<Outcome> applicationWithdrawn(Ctx &c)
{
    c.r.only({ "application", "reason" });
    const std::string id = c.r.id("application");
    const std::string reason = c.r.text("reason", 2000);
    READ_OK();
    auto app = lookup(c.s.applications, id, "application");
    CHECK(app);
    Application &a = *app.value();
    if (!isBoundTo(c, Role::Startup, a.startup))
        CHECK(requireRole(c, { Role::Admin, Role::ProgrammeManager }));
    const bool open = a.stage == Stage::Submitted || a.stage == Stage::UnderReview
        || a.stage == Stage::Waitlisted || (a.stage == Stage::Approved && a.grant.empty());
    if (!open)
        return reject("invalid_transition",
            QStringLiteral("The application \"%1\" is %2 and cannot be withdrawn.")
                .arg(q(id), QLatin1String(stageName(a.stage).data())));
    a.stage = Stage::Withdrawn;
    a.decisionReason = reason;
    a.decidedAt = c.at();
    markApplication(c, id);
    return Outcome::Applied;
}

} // namespace ledger::rules
