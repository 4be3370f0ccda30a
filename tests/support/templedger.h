#pragma once
// Helpers shared by the test binaries: a scratch directory that lives as long as the test object.

#include <QString>
#include <QTemporaryDir>

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

} // namespace testsupport
