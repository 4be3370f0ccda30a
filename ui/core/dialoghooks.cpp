#include "ui/core/dialoghooks.h"

#include <utility>

namespace portal {

namespace {
struct Hooks
{
    std::optional<bool> confirm;
    bool passphraseSet = false;
    std::optional<QByteArray> passphrase;
    std::optional<QString> fileName;
};
Hooks &hooks()
{
    static Hooks h;
    return h;
}
} // namespace

void DialogHooks::setNextConfirm(bool answer)
{
    hooks().confirm = answer;
}

std::optional<bool> DialogHooks::takeConfirm()
{
    return std::exchange(hooks().confirm, std::nullopt);
}

void DialogHooks::setNextPassphrase(const QByteArray &passphrase)
{
    hooks().passphraseSet = true;
    hooks().passphrase = passphrase;
}

void DialogHooks::setNextPassphraseCancelled()
{
    hooks().passphraseSet = true;
    hooks().passphrase.reset();
}

bool DialogHooks::hasPassphrase()
{
    return hooks().passphraseSet;
}

std::optional<QByteArray> DialogHooks::takePassphrase()
{
    hooks().passphraseSet = false;
    return std::exchange(hooks().passphrase, std::nullopt);
}

void DialogHooks::setNextFileName(const QString &path)
{
    hooks().fileName = path;
}

std::optional<QString> DialogHooks::takeFileName()
{
    return std::exchange(hooks().fileName, std::nullopt);
}

void DialogHooks::clear()
{
    hooks() = Hooks {};
}

} // namespace portal
