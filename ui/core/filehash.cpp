#include "ui/core/filehash.h"

#include "ledger/crypto/sha256.h"

#include <QCoreApplication>
#include <QFile>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace portal {

ledger::Result<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ledger::makeError(
            "io_error", QObject::tr("Could not read %1: %2").arg(path, file.errorString()));
    ledger::crypto::Sha256 sha;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0)
            return ledger::makeError(
                "io_error", QObject::tr("Could not read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        sha.add(QByteArrayView(chunk.constData(), n));
    }
    return QString::fromLatin1(sha.finish().toHex());
}

void hashFileInBackground(
    const QString &path, QObject *receiver, std::function<void(const ledger::Result<QString> &)> done)
{
    QPointer<QObject> guard(receiver);
    QThread *thread = QThread::create([path, guard, done = std::move(done)] {
        ledger::Result<QString> result = sha256OfFile(path);
        // Delivered on the UI thread, where the guard is checked: nothing if the receiver is gone.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, done, result] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace portal
