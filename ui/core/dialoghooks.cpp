#include "ui/core/dialoghooks.h"

#include <deque>
#include <utility>

namespace portal {

namespace {
struct Hooks
{
    bool nonInteractive = false;
    std::deque<bool> confirms;
    std::deque<std::optional<QByteArray>> passphrases;
    std::optional<QString> fileName;
};
Hooks &hooks()
{
    static Hooks h;
    return h;
}
} // namespace

void DialogHooks::setNonInteractive(bool on)
{
    hooks().nonInteractive = on;
}

bool DialogHooks::nonInteractive()
{
    return hooks().nonInteractive;
}

void DialogHooks::setNextConfirm(bool answer)
{
    hooks().confirms.push_back(answer);
}

std::optional<bool> DialogHooks::takeConfirm()
{
    if (hooks().confirms.empty())
        return hooks().nonInteractive ? std::optional<bool>(false) : std::nullopt;
    const bool answer = hooks().confirms.front();
    hooks().confirms.pop_front();
    return answer;
}

void DialogHooks::setNextPassphrase(const QByteArray &passphrase)
{
    hooks().passphrases.emplace_back(passphrase);
}

void DialogHooks::setNextPassphraseCancelled()
{
    hooks().passphrases.emplace_back(std::nullopt);
}

bool DialogHooks::hasPassphrase()
{
    return !hooks().passphrases.empty() || hooks().nonInteractive;
}

int DialogHooks::queuedPassphrases()
{
    return int(hooks().passphrases.size());
}

std::optional<QByteArray> DialogHooks::takePassphrase()
{
    if (hooks().passphrases.empty())
        return std::nullopt;
    auto p = std::move(hooks().passphrases.front());
    hooks().passphrases.pop_front();
    return p;
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
    const bool keep = hooks().nonInteractive;
    hooks() = Hooks {};
    hooks().nonInteractive = keep;
}

} // namespace portal
