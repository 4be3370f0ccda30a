// alliancectl: the headless face of Alliance Portal. Wiring only; see cli.h and commands_*.cpp.

#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("alliancectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ALLIANCE_VERSION));
    return cli::run(QCoreApplication::arguments());
}
