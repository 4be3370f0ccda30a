#pragma once
// Test hooks for the modal moments of the desktop (STYLE.md: "modal dialogs have static test hooks"): a test
// queues the answer the next dialog would have got and the dialog returns it without showing itself, so a GUI
// test never hangs. Production code never sets them.

#include <QByteArray>
#include <QString>

#include <optional>

namespace portal {

class DialogHooks
{
public:
    // Tests: a dialog with no queued answer does not show itself but answers "cancel", so a test can never
    // wait for a person.
    static void setNonInteractive(bool on);
    static bool nonInteractive();
    // The next confirmation (signing ceremony, "are you sure?"): true = confirm, false = cancel.
    static void setNextConfirm(bool answer);
    static std::optional<bool> takeConfirm();
    // Passphrase prompts, in order (queued); setNextPassphraseCancelled queues a "cancel".
    static void setNextPassphrase(const QByteArray &passphrase);
    static void setNextPassphraseCancelled();
    static bool hasPassphrase(); // a queued answer (or non-interactive mode) exists
    static int queuedPassphrases();
    static std::optional<QByteArray> takePassphrase();
    // The next file chosen in a file dialog.
    static void setNextFileName(const QString &path);
    static std::optional<QString> takeFileName();
    static void clear();
};

} // namespace portal
