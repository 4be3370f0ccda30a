#pragma once
// A picker for a startup or sponsor: an editable combo box listing "Name (id)", completing by any part of
// the name or id as the user types (QCompleter, contains-match), with an optional first entry for "all".
// id() resolves what is chosen or typed: an entry's id; a typed id as it is (so an unknown id still reaches
// the report, which says "no such startup"); empty for "all" or nothing.

#include <QComboBox>

#include <utility>
#include <vector>

namespace portal {

class IdPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit IdPicker(QWidget *parent = nullptr);

    // (id, name) pairs; `allText` non-empty adds a first entry with an empty id.
    void setChoices(const std::vector<std::pair<QString, QString>> &choices, const QString &allText = {});
    QString id() const;
    // Selects the entry of `id` (or shows `id` typed if there is none).
    void setId(const QString &id);
    // Fixed to one id (a startup member's own startup): not editable, one entry.
    void lock(const QString &id, const QString &name);
    bool locked() const { return m_locked; }

private:
    bool m_locked = false;
};

} // namespace portal
