// Rejections in the user's language: every reason code with a sentence of its own is translated into Korean
// (the compiled .qm, as the app installs it), a code the desktop does not know shows the engine's English
// sentence, and the English UI keeps the engine's sentence (it names the objects and amounts).
#include "ui/core/reasontext.h"
#include "ui/window/portalapp.h"

#include <QScopeGuard>
#include <QTest>

using namespace portal;

namespace {

bool hasHangul(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3)
            return true;
    return false;
}

const QString kEngine
    = QStringLiteral("The grant \"g-1\" has 10.000 GPU-hours released and unused; the usage is "
                     "250.000.");

} // namespace

class TestReasonText : public QObject
{
    Q_OBJECT

private slots:
    void everyKnownCodeIsKoreanInTheKoreanUi()
    {
        QCOMPARE(installLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
        auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        QVERIFY(reasonCodes().size() >= 30);
        QCOMPARE(reasonSentence(QStringLiteral("insufficient_balance"), kEngine),
            QStringLiteral("이 금액에 필요한 크레딧이 부족합니다."));
        for (const QString &code : reasonCodes()) {
            const QString shown = reasonSentence(code, kEngine);
            QVERIFY2(shown != kEngine && hasHangul(shown), qPrintable(code + QStringLiteral(": ") + shown));
        }
    }

    void anUnknownCodeFallsBackToTheEngineSentence()
    {
        QCOMPARE(installLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
        auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        QVERIFY(!reasonCodes().contains(QStringLiteral("a_code_from_a_newer_registry")));
        QCOMPARE(reasonSentence(QStringLiteral("a_code_from_a_newer_registry"), kEngine), kEngine);
        // Without a sentence at all, the code is still shown rather than nothing.
        QCOMPARE(reasonSentence(QStringLiteral("a_code_from_a_newer_registry"), QString()),
            QStringLiteral("a_code_from_a_newer_registry"));
    }

    void theEnglishUiKeepsTheEngineSentence()
    {
        QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(reasonSentence(QStringLiteral("insufficient_balance"), kEngine), kEngine);
        // An engine that gave no sentence: the generic one.
        QCOMPARE(reasonSentence(QStringLiteral("insufficient_balance"), QString()),
            QStringLiteral("There is not enough credit for this amount."));
    }
};

QTEST_MAIN(TestReasonText)
#include "tst_reasontext.moc"
