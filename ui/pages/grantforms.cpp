#include "ui/pages/grantforms.h"

#include "ledger/codec/json.h"
#include "ledger/domain/units.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/pages/pagewidgets.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace portal {

using ledger::json::Value;
namespace units = ledger::units;

namespace {

QLineEdit *field(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setAccessibleName(name);
    e->setPlaceholderText(placeholder);
    return e;
}

struct TrancheText
{
    int64_t amount = 0;
    int64_t releaseAt = 0;
};

// "600 @ 2026-12-01; 600 @ 2027-03-01" (a tranche without "@ date" is released at once).
ledger::Result<std::vector<TrancheText>> parseTranches(const QString &text, int64_t now)
{
    std::vector<TrancheText> out;
    const QStringList parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return ledger::makeError(
            "invalid_body", NewGrantForm::tr("Give at least one tranche, e.g. 1,200 @ 2026-12-01."));
    for (const QString &part : parts) {
        const QStringList bits = part.split(QLatin1Char('@'));
        auto amount = units::parseAmount(bits[0].trimmed());
        if (!amount)
            return amount.error();
        int64_t at = now;
        if (bits.size() > 1) {
            auto t = units::parseTime(bits[1].trimmed(), now);
            if (!t)
                return t.error();
            at = t.value();
        }
        out.push_back({ amount.value(), at });
    }
    return out;
}

} // namespace

// ---- new grant
// ---------------------------------------------------------------------------------------------

NewGrantForm::NewGrantForm(PortalContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("newGrantForm"));
    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("<h3>New grant</h3>"), this));
    m_application = filterBox(tr("Approved application"), this);
    m_application->setObjectName(QStringLiteral("grantApplication"));
    m_pool = filterBox(tr("Pool"), this);
    m_pool->setObjectName(QStringLiteral("grantPool"));
    m_id = field(tr("Grant id"), QStringLiteral("g-app-123"), this);
    m_id->setObjectName(QStringLiteral("grantId"));
    m_tranches = field(tr("Tranches"), tr("1,200 @ 2026-12-01; 600 @ 2027-03-01"), this);
    m_tranches->setObjectName(QStringLiteral("grantTranches"));
    m_tranches->setToolTip(
        tr("GPU-hours @ release date, separated by ';'. Without a date a tranche is released at once."));
    m_expiry = field(tr("Expires"), QStringLiteral("2027-06-30"), this);
    m_expiry->setObjectName(QStringLiteral("grantExpiry"));
    m_problem = problemLabel(this);
    m_problem->setObjectName(QStringLiteral("grantProblem"));
    m_sign = new QPushButton(tr("Sign grant…"), this);
    m_sign->setObjectName(QStringLiteral("signGrant"));
    form->addRow(tr("Application:"), m_application);
    form->addRow(tr("Pool:"), m_pool);
    form->addRow(tr("Grant id:"), m_id);
    form->addRow(tr("Tranches:"), m_tranches);
    form->addRow(tr("Expires:"), m_expiry);
    form->addRow(m_problem);
    form->addRow(m_sign);
    connect(m_application, &QComboBox::currentIndexChanged, this, &NewGrantForm::fillPools);
    for (QLineEdit *e : { m_id, m_tranches, m_expiry })
        connect(e, &QLineEdit::textChanged, this, &NewGrantForm::validate);
    connect(m_pool, &QComboBox::currentIndexChanged, this, &NewGrantForm::validate);
    connect(m_sign, &QPushButton::clicked, this, &NewGrantForm::submit);
}

void NewGrantForm::reload()
{
    m_apps.clear();
    if (auto apps = ledger::queries::applications(m_ctx.store(), false))
        for (auto &a : apps.value())
            if (a.stage == "approved" && a.grant.empty())
                m_apps.push_back(std::move(a));
    if (auto pools = ledger::queries::pools(m_ctx.store()))
        m_pools = std::move(pools.value());
    const QString previous = m_application->currentData().toString();
    m_application->blockSignals(true);
    m_application->clear();
    for (const auto &a : m_apps)
        m_application->addItem(
            tr("%1 — %2 (%3)")
                .arg(fmt::qs(a.id), fmt::qs(a.startupName), fmt::amountWithResource(a.requested, a.resource)),
            fmt::qs(a.id));
    m_application->setCurrentIndex(std::max(0, m_application->findData(previous)));
    m_application->blockSignals(false);
    fillPools();
}

bool NewGrantForm::setApplication(const QString &applicationId)
{
    const int i = m_application->findData(applicationId);
    if (i < 0)
        return false;
    m_application->setCurrentIndex(i);
    fillPools();
    return true;
}

void NewGrantForm::fillPools()
{
    const QString appId = m_application->currentData().toString();
    const ledger::queries::ApplicationRow *app = nullptr;
    for (const auto &a : m_apps)
        if (fmt::qs(a.id) == appId)
            app = &a;
    m_pool->clear();
    if (app) {
        for (const auto &p : m_pools)
            if (!p.closed && p.programme == app->programme && p.resource == app->resource)
                m_pool->addItem(
                    tr("%1 (%2 available)").arg(fmt::qs(p.id), fmt::amount(p.balance)), fmt::qs(p.id));
        m_id->setText(QStringLiteral("g-") + appId);
        m_tranches->setText(fmt::amount(app->requested));
    }
    validate();
}

QString NewGrantForm::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void NewGrantForm::validate()
{
    QString problem;
    const int64_t now = m_ctx.nowMs();
    if (m_application->count() == 0)
        problem = tr("No approved application is waiting for a grant.");
    else if (m_pool->count() == 0)
        problem = tr("No open pool of this programme holds this resource.");
    else if (auto id = units::parseId(m_id->text(), "grant id"); !id)
        problem = id.error().message;
    else if (auto tranches = parseTranches(m_tranches->text(), now); !tranches)
        problem = tranches.error().message;
    else if (auto expiry = units::parseTime(m_expiry->text(), now); !expiry)
        problem = m_expiry->text().isEmpty() ? tr("Give the expiry date.") : expiry.error().message;
    else if (expiry.value() <= now)
        problem = tr("The expiry date must be in the future.");
    showProblem(m_problem, problem);
    m_sign->setEnabled(problem.isEmpty());
}

bool NewGrantForm::submit()
{
    validate();
    if (!m_sign->isEnabled())
        return false;
    const int64_t now = m_ctx.nowMs();
    auto tranches = parseTranches(m_tranches->text(), now);
    auto expiry = units::parseTime(m_expiry->text(), now);
    ledger::json::Array items;
    for (const auto &t : tranches.value()) {
        Value item { ledger::json::Object {} };
        item.set("amount", Value(t.amount));
        item.set("release_at", Value(t.releaseAt));
        items.push_back(std::move(item));
    }
    Value body { ledger::json::Object {} };
    body.set("grant", Value(m_id->text().trimmed()));
    body.set("application", Value(m_application->currentData().toString()));
    body.set("pool", Value(m_pool->currentData().toString()));
    body.set("tranches", Value(std::move(items)));
    body.set("expires_at", Value(expiry.value()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "grant.created", std::move(body));
    if (!out.done()) {
        if (out.kind == SignOutcome::Kind::Rejected || out.kind == SignOutcome::Kind::Failed)
            showProblem(m_problem, out.message);
        return false;
    }
    emit done();
    return true;
}

// ---- usage
// -------------------------------------------------------------------------------------------------

UsageForm::UsageForm(PortalContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("usageForm"));
    auto *form = new QFormLayout(this);
    m_key = field(tr("Usage key"), QStringLiteral("naver-cloud/2026-03/g-17"), this);
    m_key->setObjectName(QStringLiteral("usageKey"));
    m_amount = field(tr("GPU-hours used"), QStringLiteral("120.5"), this);
    m_amount->setObjectName(QStringLiteral("usageAmount"));
    m_start = field(tr("Period start"), QStringLiteral("2026-03-01"), this);
    m_start->setObjectName(QStringLiteral("usageStart"));
    m_end = field(tr("Period end"), QStringLiteral("2026-03-31"), this);
    m_end->setObjectName(QStringLiteral("usageEnd"));
    m_problem = problemLabel(this);
    m_problem->setObjectName(QStringLiteral("usageProblem"));
    m_sign = new QPushButton(tr("Sign usage record…"), this);
    m_sign->setObjectName(QStringLiteral("signUsage"));
    form->addRow(tr("Usage key:"), m_key);
    form->addRow(tr("GPU-hours:"), m_amount);
    form->addRow(tr("From:"), m_start);
    form->addRow(tr("To:"), m_end);
    form->addRow(m_problem);
    form->addRow(m_sign);
    for (QLineEdit *e : { m_key, m_amount, m_start, m_end })
        connect(e, &QLineEdit::textChanged, this, &UsageForm::validate);
    connect(m_sign, &QPushButton::clicked, this, &UsageForm::submit);
    validate();
}

void UsageForm::setGrant(const ledger::queries::GrantRow *grant)
{
    m_grant = grant ? grant->id : std::string();
    m_resource = grant ? grant->resource : std::string();
    validate();
}

QString UsageForm::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void UsageForm::validate()
{
    QString problem;
    const int64_t now = m_ctx.nowMs();
    if (m_grant.empty())
        problem = tr("Select a grant first.");
    else if (m_key->text().trimmed().isEmpty() || m_key->text().toUtf8().size() > 128)
        problem = tr(
            "Give the usage key of the provider's record (at most 128 bytes); it makes imports idempotent.");
    else if (auto a = units::parseAmount(m_amount->text()); !a)
        problem = a.error().message;
    else if (auto s = units::parseTime(m_start->text(), now); !s)
        problem = s.error().message;
    else if (auto e = units::parseTime(m_end->text(), now); !e)
        problem = e.error().message;
    else if (e.value() < s.value())
        problem = tr("The period ends before it starts.");
    // Say what is wrong once the user has started filling the form, not before.
    const bool typed = !(m_key->text().isEmpty() && m_amount->text().isEmpty() && m_start->text().isEmpty()
        && m_end->text().isEmpty());
    showProblem(m_problem, typed ? problem : QString());
    m_sign->setEnabled(problem.isEmpty());
}

bool UsageForm::submit()
{
    validate();
    if (!m_sign->isEnabled())
        return false;
    const int64_t now = m_ctx.nowMs();
    Value body { ledger::json::Object {} };
    body.set("grant", Value(m_grant));
    body.set("usage", Value(m_key->text().trimmed()));
    body.set("resource", Value(m_resource));
    body.set("amount", Value(units::parseAmount(m_amount->text()).value()));
    body.set("period_start", Value(units::parseTime(m_start->text(), now).value()));
    body.set("period_end", Value(units::parseTime(m_end->text(), now).value()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "usage.recorded", std::move(body));
    if (out.kind == SignOutcome::Kind::Rejected || out.kind == SignOutcome::Kind::Failed)
        showProblem(m_problem, out.message);
    return out.done();
}

// ---- clawback
// ----------------------------------------------------------------------------------------------

ClawbackForm::ClawbackForm(PortalContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("clawbackForm"));
    auto *form = new QFormLayout(this);
    m_amount = field(tr("GPU-hours to claw back"), tr("empty: all that is left"), this);
    m_amount->setObjectName(QStringLiteral("clawbackAmount"));
    m_code = filterBox(tr("Reason code"), this);
    m_code->setObjectName(QStringLiteral("clawbackCode"));
    const std::pair<const char *, QString> codes[] = {
        { "inactive", tr("Inactive") },
        { "misuse", tr("Misuse") },
        { "terms_breach", tr("Breach of terms") },
        { "company_dissolved", tr("Company dissolved") },
        { "duplicate", tr("Duplicate grant") },
        { "other", tr("Other") },
    };
    for (const auto &[code, label] : codes)
        m_code->addItem(label, QString::fromLatin1(code));
    m_reason = field(tr("Reason"), tr("What happened, in a sentence"), this);
    m_reason->setObjectName(QStringLiteral("clawbackReason"));
    m_problem = problemLabel(this);
    m_sign = new QPushButton(tr("Sign clawback…"), this);
    m_sign->setObjectName(QStringLiteral("signClawback"));
    form->addRow(tr("Amount:"), m_amount);
    form->addRow(tr("Reason code:"), m_code);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(m_problem);
    form->addRow(m_sign);
    connect(m_amount, &QLineEdit::textChanged, this, &ClawbackForm::validate);
    connect(m_reason, &QLineEdit::textChanged, this, &ClawbackForm::validate);
    connect(m_sign, &QPushButton::clicked, this, &ClawbackForm::submit);
    validate();
}

void ClawbackForm::setGrant(const ledger::queries::GrantRow *grant)
{
    m_grant = grant ? grant->id : std::string();
    validate();
}

void ClawbackForm::validate()
{
    QString problem;
    if (m_grant.empty())
        problem = tr("Select a grant first.");
    else if (!m_amount->text().trimmed().isEmpty()) {
        if (auto a = units::parseAmount(m_amount->text()); !a)
            problem = a.error().message;
    }
    if (problem.isEmpty() && m_reason->text().trimmed().isEmpty())
        problem = tr("Say why the credits are clawed back.");
    const bool typed = !(m_amount->text().isEmpty() && m_reason->text().isEmpty());
    showProblem(m_problem, typed ? problem : QString());
    m_sign->setEnabled(problem.isEmpty());
}

bool ClawbackForm::submit()
{
    validate();
    if (!m_sign->isEnabled())
        return false;
    Value body { ledger::json::Object {} };
    body.set("grant", Value(m_grant));
    if (!m_amount->text().trimmed().isEmpty())
        body.set("amount", Value(units::parseAmount(m_amount->text()).value()));
    body.set("reason_code", Value(m_code->currentData().toString()));
    body.set("reason", Value(m_reason->text().trimmed()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "grant.clawed_back", std::move(body));
    if (out.kind == SignOutcome::Kind::Rejected || out.kind == SignOutcome::Kind::Failed)
        showProblem(m_problem, out.message);
    return out.done();
}

} // namespace portal
