#pragma once
// Helpers shared by the test binaries: a scratch directory that lives as long as the test object, and the
// two looks at a file that tests of written files make.

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <sys/types.h>

namespace testsupport {

// A fresh directory per test, removed afterwards unless ALLIANCE_KEEP_TEST_FILES is set.
class ScratchDir
{
public:
    ScratchDir();
    QString path() const { return m_dir.path(); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

// The file's bytes; empty when it cannot be read.
QByteArray readAll(const QString &path);
// The file's permission bits (st_mode & 07777); mode_t(-1) when it cannot be stat'ed.
mode_t modeOf(const QString &path);

} // namespace testsupport
