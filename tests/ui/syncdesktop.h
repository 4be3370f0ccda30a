#pragma once
// What the desktop's sync tests (tst_portalsync, tst_portalsyncjoin) share on top of the sync rig: the
// members' key files, extra history to page through, and optional pictures of the views.

#include "ledger/crypto/keyfile.h"
#include "sync/syncrig.h"

#include <QString>
#include <QTest>
#include <QWidget>

#include <string>

namespace syncdesktop {

inline const QString kPass = QStringLiteral("test passphrase");

// With ALLIANCE_SHOT_DIR set, a picture of the widget (to look at the views; not an assertion).
inline void shot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ALLIANCE_SHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(100); // pending layouts first
    w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Saves `key` beside the rig as an encrypted key file (fast KDF) under kPass; returns its path.
inline QString saveKey(syncrig::Rig &rig, const ledger::crypto::PrivateKey &key, const QString &name)
{
    const QString path = rig.file(name + QStringLiteral(".key"));
    auto saved = ledger::crypto::saveKeyFile(key, path, kPass.toUtf8(), ledger::crypto::KdfCost::Fast);
    if (!saved)
        qWarning("%s", qPrintable(saved.error().toString()));
    return path;
}

// Rig history: 150 more entries, so a sync or join has pages to walk.
inline void moreHistory(testsupport::LedgerFixture &f)
{
    for (int i = 0; i < 150; ++i)
        f.mustRecord(
            f.root, "sponsor.registered", testsupport::bodies::sponsor("history-" + std::to_string(i)));
}

} // namespace syncdesktop
