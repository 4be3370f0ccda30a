#pragma once
// A rejection in the user's language. The rules engine and the registry refuse with a stable reason code
// ("insufficient_balance") and one English sentence naming the objects involved; the desktop shows, per
// known code, a translatable sentence (context "ReasonText" in resources/translations), and the engine's own
// sentence for a code it does not know. Where no translation is installed (the English UI) the engine's
// sentence is kept, being the more specific of the two.

#include <QString>
#include <QStringList>

namespace portal {

// The sentence to show for a rejection with `code` whose engine sentence is `engineSentence`.
QString reasonSentence(const QString &code, const QString &engineSentence);

// The codes that have a sentence of their own here (the tests check each is translated).
QStringList reasonCodes();

} // namespace portal
