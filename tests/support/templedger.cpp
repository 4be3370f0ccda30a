#include "support/templedger.h"

#include <QFile>

#include <sys/stat.h>

namespace testsupport {

ScratchDir::ScratchDir()
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("ALLIANCE_KEEP_TEST_FILES"));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

mode_t modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return mode_t(-1);
    return st.st_mode & 07777;
}

} // namespace testsupport
