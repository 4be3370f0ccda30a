#include "ui/core/signing.h"

#include "ledger/domain/entrysummary.h"
#include "ui/core/dialoghooks.h"
#include "ui/core/format.h"
#include "ui/core/portalcontext.h"
#include "ui/core/reasontext.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace portal {

namespace {

bool confirm(QWidget *parent, PortalContext &ctx, const QString &what)
{
    if (auto hooked = DialogHooks::takeConfirm())
        return *hooked;
    QMessageBox box(parent);
    box.setWindowTitle(SigningCeremony::tr("Sign and record"));
    box.setIcon(QMessageBox::Question);
    box.setText(SigningCeremony::tr("You are about to sign:"));
    box.setInformativeText(
        SigningCeremony::tr("%1\n\nSigned with the key of %2 (%3), key id %4.")
            .arg(what, ctx.displayName(), fmt::role(ctx.member() ? ctx.member()->role : std::string()),
                ctx.keyId()));
    QPushButton *sign = box.addButton(SigningCeremony::tr("Sign"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(sign);
    box.exec();
    return box.clickedButton() == static_cast<QAbstractButton *>(sign);
}

std::optional<QByteArray> askPassphrase(QWidget *parent, const QString &keyFile, const QString &problem)
{
    if (DialogHooks::hasPassphrase())
        return DialogHooks::takePassphrase(); // a test's answer (or "cancel" when nothing is queued)
    bool ok = false;
    QString label = SigningCeremony::tr("Passphrase of the key file %1:").arg(keyFile);
    if (!problem.isEmpty())
        label = problem + QLatin1Char('\n') + label;
    const QString text = QInputDialog::getText(
        parent, SigningCeremony::tr("Unlock your key"), label, QLineEdit::Password, QString(), &ok);
    if (!ok)
        return std::nullopt;
    return text.toUtf8();
}

} // namespace

bool SigningCeremony::ensureUnlocked(QWidget *parent, PortalContext &ctx, QString *problem)
{
    if (ctx.unlockedKey())
        return true;
    QString last;
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto pass = askPassphrase(parent, ctx.keyFile(), last);
        if (!pass) {
            *problem = SigningCeremony::tr("Cancelled: the key was not unlocked.");
            return false;
        }
        auto unlocked = ctx.unlock(*pass);
        if (unlocked)
            return true;
        last = unlocked.error().code == u"wrong_passphrase"
            ? SigningCeremony::tr("That passphrase is not right.")
            : unlocked.error().message;
        *problem = last;
    }
    return false;
}

SignOutcome SigningCeremony::run(
    QWidget *parent, PortalContext &ctx, const std::string &type, ledger::json::Value body)
{
    SignOutcome out;
    using Kind = SignOutcome::Kind;
    if (!ctx.member()) {
        out.kind = Kind::Failed;
        out.message
            = SigningCeremony::tr("You opened this ledger without an enrolled key, so you cannot sign.");
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
        return out;
    }
    const QString what = ledger::summariseEntry(type, body);
    if (!confirm(parent, ctx, what)) {
        out.message = SigningCeremony::tr("Cancelled; nothing was signed.");
        ctx.postNotice(PortalContext::NoticeKind::Info, out.message);
        return out;
    }
    QString problem;
    if (!ensureUnlocked(parent, ctx, &problem)) {
        out.kind = Kind::Cancelled;
        out.message = problem;
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
        return out;
    }
    auto receipt = ctx.session().record(*ctx.unlockedKey(), type, std::move(body));
    if (!receipt) {
        out.kind = Kind::Failed;
        out.code = receipt.error().code;
        out.message = SigningCeremony::tr("Not recorded: %1").arg(receipt.error().message);
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
        return out;
    }
    const ledger::Receipt &r = receipt.value();
    if (!r.accepted) {
        out.kind = Kind::Rejected;
        out.code = r.rejection.code;
        out.message = SigningCeremony::tr("Rejected (%1): %2")
                          .arg(fmt::reasonCode(out.code), reasonSentence(out.code, r.rejection.message));
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
        return out;
    }
    out.seq = r.seq;
    if (r.queued) {
        // A replica: pre-checked and waiting in the outbox until the next sync (issue 3: "offline first").
        out.kind = Kind::Pending;
        out.message = SigningCeremony::tr("Signed and waiting in the outbox: the registry records it at the "
                                          "next sync. %1")
                          .arg(what);
        ctx.notifyChanged();
        ctx.postNotice(PortalContext::NoticeKind::Pending, out.message);
        return out;
    }
    if (r.outcome == ledger::Outcome::PendingApproval) {
        out.kind = Kind::Pending;
        out.message
            = SigningCeremony::tr("Recorded as entry %1; it waits for approvals before it takes effect.")
                  .arg(r.seq);
        ctx.notifyChanged();
        ctx.postNotice(PortalContext::NoticeKind::Pending, out.message);
        return out;
    }
    out.kind = Kind::Sequenced;
    out.message = SigningCeremony::tr("Sequenced as entry %1: %2").arg(r.seq).arg(what);
    ctx.notifyChanged();
    ctx.postNotice(PortalContext::NoticeKind::Success, out.message);
    return out;
}

SignOutcome SigningCeremony::runBatch(
    QWidget *parent, PortalContext &ctx, const QString &headline, std::vector<Item> items)
{
    SignOutcome out;
    using Kind = SignOutcome::Kind;
    if (!ctx.member() || items.empty()) {
        out.kind = Kind::Failed;
        out.message = SigningCeremony::tr("Nothing to sign.");
        return out;
    }
    QStringList lines;
    for (size_t i = 0; i < items.size() && i < 8; ++i)
        lines << ledger::summariseEntry(items[i].type, items[i].body);
    if (items.size() > 8)
        lines << SigningCeremony::tr("… and %1 more").arg(items.size() - 8);
    if (!confirm(parent, ctx, headline + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n')))) {
        out.message = SigningCeremony::tr("Cancelled; nothing was signed.");
        ctx.postNotice(PortalContext::NoticeKind::Info, out.message);
        return out;
    }
    QString problem;
    if (!ensureUnlocked(parent, ctx, &problem)) {
        out.message = problem;
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
        return out;
    }
    int sequenced = 0;
    QString firstProblem;
    for (Item &item : items) {
        auto receipt = ctx.session().record(*ctx.unlockedKey(), item.type, std::move(item.body));
        if (receipt && receipt.value().accepted) {
            ++sequenced;
            out.seq = receipt.value().seq;
        } else if (firstProblem.isEmpty()) {
            if (receipt) {
                out.code = receipt.value().rejection.code;
                firstProblem = reasonSentence(out.code, receipt.value().rejection.message);
            } else {
                out.code = receipt.error().code;
                firstProblem = receipt.error().message;
            }
        }
    }
    if (sequenced > 0)
        ctx.notifyChanged();
    if (sequenced == int(items.size())) {
        out.kind = Kind::Sequenced;
        out.message = SigningCeremony::tr("Sequenced all %1 entries.").arg(sequenced);
        ctx.postNotice(PortalContext::NoticeKind::Success, out.message);
    } else {
        out.kind = Kind::Rejected;
        out.message = SigningCeremony::tr("Sequenced %1 of %2; the others were rejected: %3")
                          .arg(sequenced)
                          .arg(items.size())
                          .arg(firstProblem);
        ctx.postNotice(PortalContext::NoticeKind::Error, out.message);
    }
    return out;
}

} // namespace portal
