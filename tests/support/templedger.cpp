#include "support/templedger.h"

namespace testsupport {

ScratchDir::ScratchDir()
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("ALLIANCE_KEEP_TEST_FILES"));
}

} // namespace testsupport
