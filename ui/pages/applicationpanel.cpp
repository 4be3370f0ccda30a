#include "ui/pages/applicationpanel.h"

#include "ledger/codec/json.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/filehash.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/signing.h"
#include "ui/pages/pagewidgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace portal {

using ledger::Role;
using ledger::json::Value;

bool applicationWithdrawable(const ledger::queries::ApplicationRow &a)
{
    return a.stage == "submitted" || a.stage == "under_review" || a.stage == "waitlisted"
        || (a.stage == "approved" && a.grant.empty());
}

ApplicationPanel::ApplicationPanel(PortalContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    auto *layout = new QVBoxLayout(this);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("applicationText"));
    m_text->setAccessibleName(tr("Application"));
    layout->addWidget(m_text, 1);
    m_checkFile = new QPushButton(tr("Check a file against the attachments…"), this);
    m_checkFile->setObjectName(QStringLiteral("checkAttachment"));
    m_checkFile->setToolTip(tr("Computes the file's SHA-256 and compares it with the hashes the "
                               "application recorded."));
    layout->addWidget(m_checkFile);
    m_checkResult = new QLabel(this);
    m_checkResult->setObjectName(QStringLiteral("attachmentCheck"));
    m_checkResult->setWordWrap(true);
    layout->addWidget(m_checkResult);

    m_decideBox = new QGroupBox(tr("Decision"), this);
    auto *df = new QFormLayout(m_decideBox);
    m_decision = new QComboBox(m_decideBox);
    m_decision->setObjectName(QStringLiteral("decision"));
    m_decision->setAccessibleName(tr("Decision"));
    m_decision->addItem(tr("Approve"), QStringLiteral("approved"));
    m_decision->addItem(tr("Reject"), QStringLiteral("rejected"));
    m_decision->addItem(tr("Waitlist"), QStringLiteral("waitlisted"));
    m_reason = new QLineEdit(m_decideBox);
    m_reason->setObjectName(QStringLiteral("decisionReason"));
    m_reason->setAccessibleName(tr("Reason for the decision"));
    m_reason->setPlaceholderText(tr("Why (recorded with the decision)"));
    m_decisionProblem = problemLabel(m_decideBox);
    m_decide = new QPushButton(tr("Sign decision…"), m_decideBox);
    m_decide->setObjectName(QStringLiteral("signDecision"));
    m_grant = new QPushButton(tr("New grant from this application…"), m_decideBox);
    m_grant->setObjectName(QStringLiteral("grantFromApplication"));
    df->addRow(tr("Decision:"), m_decision);
    df->addRow(tr("Reason:"), m_reason);
    df->addRow(m_decisionProblem);
    df->addRow(m_decide);
    df->addRow(m_grant);
    layout->addWidget(m_decideBox);

    m_withdrawBox = new QGroupBox(tr("Withdraw"), this);
    auto *wf = new QFormLayout(m_withdrawBox);
    m_withdrawReason = new QLineEdit(m_withdrawBox);
    m_withdrawReason->setObjectName(QStringLiteral("managerWithdrawReason"));
    m_withdrawReason->setAccessibleName(tr("Reason for withdrawing"));
    m_withdrawReason->setPlaceholderText(tr("Why (recorded with it)"));
    m_withdrawProblem = problemLabel(m_withdrawBox);
    m_withdraw = new QPushButton(tr("Withdraw this application…"), m_withdrawBox);
    m_withdraw->setObjectName(QStringLiteral("managerWithdraw"));
    m_withdraw->setToolTip(tr("Withdraws the application on the startup's behalf; it can no longer be "
                              "decided or granted."));
    wf->addRow(tr("Reason:"), m_withdrawReason);
    wf->addRow(m_withdrawProblem);
    wf->addRow(m_withdraw);
    layout->addWidget(m_withdrawBox);

    m_reviewBox = new QGroupBox(tr("Your review"), this);
    auto *rl = new QVBoxLayout(m_reviewBox);
    m_conflict = new QCheckBox(tr("I have a conflict of interest with this startup"), m_reviewBox);
    m_conflict->setObjectName(QStringLiteral("conflict"));
    m_conflict->setAccessibleName(tr("Declare a conflict of interest"));
    rl->addWidget(m_conflict);
    m_scoresForm = new QFormLayout;
    rl->addLayout(m_scoresForm);
    m_comment = new QLineEdit(m_reviewBox);
    m_comment->setObjectName(QStringLiteral("reviewComment"));
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setPlaceholderText(tr("Comment (optional)"));
    rl->addWidget(m_comment);
    m_reviewProblem = problemLabel(m_reviewBox);
    rl->addWidget(m_reviewProblem);
    m_review = new QPushButton(tr("Sign review…"), m_reviewBox);
    m_review->setObjectName(QStringLiteral("signReview"));
    rl->addWidget(m_review);
    layout->addWidget(m_reviewBox);

    connect(m_checkFile, &QPushButton::clicked, this, [this] {
        QString path;
        if (auto hooked = DialogHooks::takeFileName())
            path = *hooked;
        else if (!DialogHooks::nonInteractive())
            path = QFileDialog::getOpenFileName(this, tr("Check a file"), QDir::homePath());
        if (!path.isEmpty())
            checkFile(path);
    });
    connect(m_decide, &QPushButton::clicked, this, &ApplicationPanel::signDecision);
    connect(m_review, &QPushButton::clicked, this, &ApplicationPanel::signReview);
    connect(m_grant, &QPushButton::clicked, this, [this] { emit grantRequested(m_id); });
    connect(m_conflict, &QCheckBox::toggled, this, &ApplicationPanel::validateReview);
    connect(m_reason, &QLineEdit::textChanged, this, &ApplicationPanel::validateDecision);
    connect(m_withdrawReason, &QLineEdit::textChanged, this, &ApplicationPanel::validateWithdrawal);
    connect(m_withdraw, &QPushButton::clicked, this, &ApplicationPanel::signWithdrawal);
    showApplication(QString());
}

void ApplicationPanel::setProgrammes(std::vector<ledger::queries::ProgrammeRow> programmes)
{
    m_programmes = std::move(programmes);
}

void ApplicationPanel::setNames(QHash<QString, QString> memberNames)
{
    m_names = std::move(memberNames);
}

QString ApplicationPanel::text() const
{
    return m_text->toPlainText();
}

void ApplicationPanel::showApplication(const QString &id)
{
    if (id != m_id)
        m_checkResult->clear();
    m_id = id;
    m_app.reset();
    m_attachments.clear();
    if (!id.isEmpty()) {
        auto app = ledger::queries::application(m_ctx.store(), id.toStdString());
        if (app)
            m_app = app.value();
    }
    if (!m_app) {
        m_text->setHtml(tr("<p>Select an application to see its profile, reviews and decision.</p>"));
        m_decideBox->hide();
        m_withdrawBox->hide();
        m_reviewBox->hide();
        m_checkFile->hide();
        m_checkResult->hide();
        return;
    }
    const auto &a = *m_app;
    const ledger::queries::ProgrammeRow *programme = nullptr;
    for (const auto &p : m_programmes)
        if (p.id == a.programme)
            programme = &p;
    QString html = QStringLiteral("<h3>%1</h3>").arg(fmt::qs(a.title).toHtmlEscaped());
    html += tr(
        "<p><b>%1</b> (%2) · %3<br>Programme: %4<br>Requested: %5<br>Stage: <b>%6</b><br>Submitted: %7</p>")
                .arg(fmt::qs(a.startupName).toHtmlEscaped(), fmt::qs(a.startup),
                    fmt::qs(a.sector).toHtmlEscaped(), fmt::qs(a.programme),
                    fmt::amountWithResource(a.requested, a.resource), fmt::stage(a.stage),
                    fmt::date(a.submittedAt));
    QStringList assigned;
    for (const std::string &r : a.reviewers)
        assigned << m_names.value(fmt::qs(r), fmt::qs(r)).toHtmlEscaped();
    html += tr("<p>Reviewers: %1</p>")
                .arg(assigned.isEmpty() ? tr("none assigned yet") : assigned.join(QStringLiteral(", ")));
    if (!a.reviews.empty()) {
        html += tr("<h4>Reviews</h4>");
        for (const auto &r : a.reviews) {
            const QString who = m_names.value(fmt::qs(r.reviewer), fmt::qs(r.reviewer)).toHtmlEscaped();
            if (r.conflict) {
                html += tr("<p>%1: <b>declared a conflict of interest</b> (does not score)</p>").arg(who);
                continue;
            }
            QStringList scores;
            for (const auto &[crit, score] : r.scores)
                scores << QStringLiteral("%1 %2").arg(fmt::qs(crit)).arg(score);
            html += tr("<p>%1: total <b>%2</b> (%3)%4</p>")
                        .arg(who)
                        .arg(r.total())
                        .arg(scores.join(QStringLiteral(", ")),
                            r.comment.empty() ? QString()
                                              : QStringLiteral(" — ") + fmt::qs(r.comment).toHtmlEscaped());
        }
    }
    if (!a.decisionReason.empty() || a.decidedAt > 0)
        html += tr("<h4>Decision</h4><p>%1 on %2: %3</p>")
                    .arg(fmt::stage(a.stage), fmt::date(a.decidedAt),
                        fmt::qs(a.decisionReason).toHtmlEscaped());
    if (!a.grant.empty())
        html += tr("<p>Grant: %1</p>").arg(fmt::qs(a.grant));
    auto attachments = ledger::queries::applicationAttachments(m_ctx.store(), a.id);
    if (!attachments) {
        html += tr("<h4>Attachments</h4><p>Could not read them: %1</p>")
                    .arg(attachments.error().message.toHtmlEscaped());
    } else if (!attachments.value().empty()) {
        m_attachments = std::move(attachments.value());
        html += tr("<h4>Attachments</h4>");
        html += QStringLiteral("<ul>");
        for (const auto &att : m_attachments)
            html += tr("<li>%1<br><small>SHA-256 <tt>%2</tt></small></li>")
                        .arg(fmt::qs(att.name).toHtmlEscaped(), fmt::qs(att.sha256));
        html += QStringLiteral("</ul>");
    }
    m_text->setHtml(html);
    m_checkFile->setVisible(!m_attachments.empty());
    m_checkResult->setVisible(!m_attachments.empty() && !m_checkResult->text().isEmpty());

    const bool manager = m_ctx.hasRole({ Role::Admin, Role::ProgrammeManager });
    const bool decidable = a.stage == "under_review" || a.stage == "waitlisted";
    m_decideBox->setVisible(manager && (decidable || (a.stage == "approved" && a.grant.empty())));
    m_decision->setEnabled(decidable);
    m_reason->setEnabled(decidable);
    m_decide->setVisible(decidable);
    m_grant->setVisible(a.stage == "approved" && a.grant.empty());
    validateDecision();
    if (m_withdrawBox->property("application").toString() != m_id)
        m_withdrawReason->clear();
    m_withdrawBox->setProperty("application", m_id);
    m_withdrawBox->setVisible(manager && applicationWithdrawable(a));
    validateWithdrawal();

    const std::string me = m_ctx.keyId().toStdString();
    const bool assigned_ = std::find(a.reviewers.begin(), a.reviewers.end(), me) != a.reviewers.end();
    const bool canReview
        = m_ctx.hasRole({ Role::Reviewer }) && assigned_ && a.stage == "under_review" && !a.reviewedBy(me);
    m_reviewBox->setVisible(canReview);
    if (canReview)
        buildScoring(programme);
}

void ApplicationPanel::buildScoring(const ledger::queries::ProgrammeRow *programme)
{
    while (m_scoresForm->rowCount() > 0)
        m_scoresForm->removeRow(0);
    m_scores.clear();
    m_conflict->setChecked(false);
    m_comment->clear();
    if (!programme)
        return;
    for (const auto &c : programme->rubric) {
        auto *spin = new QSpinBox(m_reviewBox);
        spin->setRange(0, int(c.max));
        spin->setSpecialValueText(tr("not scored"));
        spin->setMinimum(-1);
        spin->setValue(-1);
        spin->setObjectName(QStringLiteral("score_") + fmt::qs(c.id));
        spin->setAccessibleName(tr("Score for %1 (0 to %2)").arg(fmt::qs(c.id)).arg(c.max));
        m_scoresForm->addRow(tr("%1 (0–%2):").arg(fmt::qs(c.id)).arg(c.max), spin);
        connect(spin, &QSpinBox::valueChanged, this, &ApplicationPanel::validateReview);
        m_scores.emplace_back(c.id, spin);
    }
    validateReview();
}

void ApplicationPanel::validateReview()
{
    const bool conflict = m_conflict->isChecked();
    QString problem;
    for (auto &[id, spin] : m_scores) {
        spin->setEnabled(!conflict);
        if (!conflict && spin->value() < 0 && problem.isEmpty())
            problem = tr("Score every criterion of the rubric, or declare a conflict.");
    }
    showProblem(m_reviewProblem, problem);
    m_review->setEnabled(problem.isEmpty());
}

void ApplicationPanel::validateDecision()
{
    const bool missing = m_reason->text().trimmed().isEmpty();
    showProblem(m_decisionProblem,
        missing && m_decide->isVisible() ? tr("Give a reason for the decision.") : QString());
    m_decide->setEnabled(!missing);
}

bool ApplicationPanel::signDecision()
{
    if (!m_app || m_reason->text().trimmed().isEmpty())
        return false;
    Value body { ledger::json::Object {} };
    body.set("application", Value(m_app->id));
    body.set("decision", Value(m_decision->currentData().toString()));
    body.set("reason", Value(m_reason->text().trimmed()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "application.decided", std::move(body));
    showApplication(m_id);
    return out.done();
}

void ApplicationPanel::validateWithdrawal()
{
    const bool missing = m_withdrawReason->text().trimmed().isEmpty();
    showProblem(m_withdrawProblem, missing ? tr("Say why it is withdrawn.") : QString());
    m_withdraw->setEnabled(!missing && m_app && applicationWithdrawable(*m_app));
}

bool ApplicationPanel::signWithdrawal()
{
    validateWithdrawal();
    if (!m_app || !m_withdrawBox->isVisibleTo(this) || !m_withdraw->isEnabled())
        return false;
    Value body { ledger::json::Object {} };
    body.set("application", Value(m_app->id));
    body.set("reason", Value(m_withdrawReason->text().trimmed()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "application.withdrawn", std::move(body));
    if (out.done())
        m_withdrawReason->clear();
    showApplication(m_id);
    if (out.kind == SignOutcome::Kind::Rejected)
        showProblem(m_withdrawProblem, out.message);
    return out.done();
}

bool ApplicationPanel::signReview()
{
    if (!m_app || !m_review->isEnabled())
        return false;
    Value body { ledger::json::Object {} };
    body.set("application", Value(m_app->id));
    const bool conflict = m_conflict->isChecked();
    body.set("conflict", Value(conflict));
    if (!conflict) {
        Value scores { ledger::json::Object {} };
        for (const auto &[id, spin] : m_scores)
            scores.set(id, Value(int64_t(spin->value())));
        body.set("scores", std::move(scores));
    }
    if (!m_comment->text().trimmed().isEmpty())
        body.set("comment", Value(m_comment->text().trimmed()));
    const SignOutcome out = SigningCeremony::run(this, m_ctx, "application.reviewed", std::move(body));
    showApplication(m_id);
    return out.done();
}

} // namespace portal

namespace portal {

void ApplicationPanel::checkFile(const QString &path)
{
    m_checkFile->setEnabled(false);
    m_checkResult->setText(
        tr("Computing the SHA-256 of %1…").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    m_checkResult->show();
    const QString file = QFileInfo(path).fileName();
    const QString forApplication = m_id;
    hashFileInBackground(path, this, [this, file, forApplication](const ledger::Result<QString> &hash) {
        m_checkFile->setEnabled(true);
        if (forApplication != m_id)
            return;
        if (!hash) {
            m_checkResult->setText(hash.error().message.toHtmlEscaped());
            emit attachmentChecked(false);
            return;
        }
        const ledger::queries::AttachmentRow *match = nullptr;
        for (const auto &att : m_attachments)
            if (fmt::qs(att.sha256) == hash.value())
                match = &att;
        if (match)
            m_checkResult->setText(
                tr("<span style='color:#1b7f3a'>✓ %1 is the attachment “%2”: its SHA-256 matches.</span>")
                    .arg(file.toHtmlEscaped(), fmt::qs(match->name).toHtmlEscaped()));
        else
            m_checkResult->setText(
                tr("<span style='color:#b01c1c'>✗ %1 matches none of the attachments (SHA-256 %2…).</span>")
                    .arg(file.toHtmlEscaped(), hash.value().left(16)));
        emit attachmentChecked(match != nullptr);
    });
}

QString ApplicationPanel::checkResult() const
{
    return m_checkResult->text();
}

} // namespace portal
