#include "ui/core/format.h"

#include "ledger/domain/units.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontDatabase>
#include <QLocale>

namespace portal::fmt {

namespace {
// The translation context of these words ("Format" in the .ts files).
struct Format
{
    Q_DECLARE_TR_FUNCTIONS(Format)
};
} // namespace

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string ss(const QString &s)
{
    return s.toStdString();
}

QString amount(int64_t milli)
{
    return ledger::units::formatAmount(milli);
}

QString amountWithResource(int64_t milli, const std::string &resource)
{
    return Format::tr("%1 GPU-h %2").arg(amount(milli), qs(resource));
}

QString date(int64_t ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(), QLocale::ShortFormat);
}

QString dateTime(int64_t ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC), QLocale::ShortFormat);
}

QString iso(int64_t ms)
{
    return ledger::units::formatIsoTime(ms);
}

bool expiresSoon(int64_t ms, int64_t nowMs)
{
    return ms > nowMs && ms - nowMs <= int64_t(30) * 24 * 3600 * 1000;
}

QString stage(const std::string &s)
{
    if (s == "submitted")
        return Format::tr("Submitted");
    if (s == "under_review")
        return Format::tr("Under review");
    if (s == "approved")
        return Format::tr("Approved");
    if (s == "rejected")
        return Format::tr("Rejected");
    if (s == "waitlisted")
        return Format::tr("Waitlisted");
    if (s == "withdrawn")
        return Format::tr("Withdrawn");
    return qs(s);
}

QString grantStatus(const std::string &s)
{
    if (s == "pending_approval")
        return Format::tr("Waiting for approvals");
    if (s == "active")
        return Format::tr("Active");
    if (s == "expired")
        return Format::tr("Expired");
    if (s == "clawed_back")
        return Format::tr("Clawed back");
    if (s == "cancelled")
        return Format::tr("Cancelled");
    return qs(s);
}

QString role(const std::string &r)
{
    if (r == "admin")
        return Format::tr("Administrator");
    if (r == "programme_manager")
        return Format::tr("Programme manager");
    if (r == "reviewer")
        return Format::tr("Reviewer");
    if (r == "startup")
        return Format::tr("Startup");
    if (r == "sponsor")
        return Format::tr("Sponsor");
    if (r == "auditor")
        return Format::tr("Auditor");
    return Format::tr("Not a member");
}

QString reasonCode(const QString &code)
{
    if (code == u"insufficient_balance")
        return Format::tr("Not enough credit");
    if (code == u"not_authorised")
        return Format::tr("Your role may not do this");
    if (code == u"expired")
        return Format::tr("Expired");
    if (code == u"invalid_transition")
        return Format::tr("Not possible in the current stage");
    if (code == u"already_reviewed")
        return Format::tr("Already reviewed");
    if (code == u"not_assigned")
        return Format::tr("Not assigned to you");
    return code;
}

QFont numberFont()
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(QFont().pointSizeF());
    return f;
}

QColor okColour()
{
    return QColor(0x1b, 0x7f, 0x3a);
}

QColor warnColour()
{
    return QColor(0xa3, 0x5a, 0x00);
}

QColor errorColour()
{
    return QColor(0xb0, 0x1c, 0x1c);
}

} // namespace portal::fmt
