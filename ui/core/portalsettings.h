#pragma once
// What the desktop remembers between runs (QSettings): the identity (key file), the ledger last opened, the
// registry address, CA file and pinned key (sync and join), the sync interval, the language, and the window
// layout.

#include <QByteArray>
#include <QString>

namespace portal {

struct PortalSettings
{
    QString ledgerPath;
    QString keyFile;
    QString registryUrl;
    QString caFile;
    QString pin; // "sha256//<base64>" of the registry's public key, or empty
    int syncIntervalMinutes = 15; // periodic sync of a replica; 0 = only when asked
    QString language; // "" = the system's, "en", "ko"

    static PortalSettings load();
    void save() const;

    static QByteArray windowGeometry();
    static QByteArray windowState();
    static QByteArray splitterState();
    static void saveWindow(const QByteArray &geometry, const QByteArray &state, const QByteArray &splitter);
};

// "ko" or "en": the language to show, from the setting or else the system locale.
QString effectiveLanguage(const QString &setting);

} // namespace portal
