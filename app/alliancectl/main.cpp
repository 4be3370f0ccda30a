// alliancectl: the headless face of Alliance Portal. Wiring only; see cli.h and commands_*.cpp.

#include "cli.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>
#include <memory>

namespace {

// PDF reports paint text, which needs a QGuiApplication; only then, and only on the offscreen platform.
bool wantsPdf(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--format=pdf") == 0
            || (std::strcmp(argv[i], "--format") == 0 && i + 1 < argc
                && std::strcmp(argv[i + 1], "pdf") == 0))
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (wantsPdf(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("alliancectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ALLIANCE_VERSION));
    return cli::run(QCoreApplication::arguments());
}
