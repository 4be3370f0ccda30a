#include "ui/pages/idpicker.h"

#include <QCompleter>
#include <QLineEdit>

namespace portal {

namespace {
QString label(const QString &id, const QString &name)
{
    return name.isEmpty() || name == id ? id : QStringLiteral("%1 (%2)").arg(name, id);
}
} // namespace

IdPicker::IdPicker(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(20);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(28);
    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    setCompleter(completer);
}

void IdPicker::setChoices(const std::vector<std::pair<QString, QString>> &choices, const QString &allText)
{
    if (m_locked)
        return;
    const QString previous = id();
    clear();
    if (!allText.isEmpty())
        addItem(allText, QString());
    for (const auto &[id, name] : choices)
        addItem(label(id, name), id);
    setId(previous);
}

QString IdPicker::id() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty())
        return {};
    // An entry's label (typed or chosen), then an entry's id typed as it is.
    for (int i = 0; i < count(); ++i)
        if (itemText(i).compare(text, Qt::CaseInsensitive) == 0)
            return itemData(i).toString();
    for (int i = 0; i < count(); ++i)
        if (itemData(i).toString() == text)
            return text;
    return text;
}

void IdPicker::setId(const QString &id)
{
    const int i = findData(id);
    if (i >= 0) {
        setCurrentIndex(i);
        setEditText(itemText(i));
    } else {
        setCurrentIndex(-1);
        setEditText(id);
    }
}

void IdPicker::lock(const QString &id, const QString &name)
{
    m_locked = false;
    clear();
    addItem(label(id, name), id);
    setCurrentIndex(0);
    setEditable(false);
    setEnabled(false);
    m_locked = true;
}

} // namespace portal
