#include "ui/core/portalsettings.h"

#include <QLocale>
#include <QSettings>

#include <algorithm>

namespace portal {

PortalSettings PortalSettings::load()
{
    QSettings s;
    PortalSettings p;
    p.ledgerPath = s.value(QStringLiteral("ledger/path")).toString();
    p.keyFile = s.value(QStringLiteral("identity/keyFile")).toString();
    p.registryUrl = s.value(QStringLiteral("registry/url")).toString();
    p.caFile = s.value(QStringLiteral("registry/caFile")).toString();
    p.pin = s.value(QStringLiteral("registry/pin")).toString();
    p.syncIntervalMinutes = std::clamp(s.value(QStringLiteral("sync/intervalMinutes"), 15).toInt(), 0, 1440);
    p.language = s.value(QStringLiteral("ui/language")).toString();
    return p;
}

void PortalSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("ledger/path"), ledgerPath);
    s.setValue(QStringLiteral("identity/keyFile"), keyFile);
    s.setValue(QStringLiteral("registry/url"), registryUrl);
    s.setValue(QStringLiteral("registry/caFile"), caFile);
    s.setValue(QStringLiteral("registry/pin"), pin);
    s.setValue(QStringLiteral("sync/intervalMinutes"), syncIntervalMinutes);
    s.setValue(QStringLiteral("ui/language"), language);
}

QByteArray PortalSettings::windowGeometry()
{
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray PortalSettings::windowState()
{
    return QSettings().value(QStringLiteral("window/state")).toByteArray();
}

QByteArray PortalSettings::splitterState()
{
    return QSettings().value(QStringLiteral("window/splitter")).toByteArray();
}

void PortalSettings::saveWindow(
    const QByteArray &geometry, const QByteArray &state, const QByteArray &splitter)
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), geometry);
    s.setValue(QStringLiteral("window/state"), state);
    s.setValue(QStringLiteral("window/splitter"), splitter);
}

QString effectiveLanguage(const QString &setting)
{
    if (setting == u"ko" || setting == u"en")
        return setting;
    return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
}

} // namespace portal
