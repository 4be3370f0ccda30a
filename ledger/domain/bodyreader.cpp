#include "ledger/domain/bodyreader.h"

#include <QStringList>

#include <algorithm>
#include <cstring>

namespace ledger {

namespace {
constexpr int64_t kMaxTime = 253402300799999; // 9999-12-31T23:59:59.999Z
}

bool BodyReader::isId(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(s.front()))
        return false;
    return std::all_of(
        s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool BodyReader::isResource(std::string_view s)
{
    const auto slash = s.find('/');
    if (slash == std::string_view::npos)
        return false;
    return isId(s.substr(0, slash)) && isId(s.substr(slash + 1));
}

void BodyReader::fail(QString message)
{
    if (!m_error)
        m_error = makeError("invalid_body", std::move(message));
}

const json::Value *BodyReader::field(const char *key, bool required)
{
    const json::Value *v = m_body.find(key);
    if (!v && required)
        fail(QStringLiteral("The field \"%1\" is missing.").arg(QLatin1String(key)));
    return v;
}

std::string BodyReader::id(const char *key)
{
    const json::Value *v = field(key, true);
    if (!v)
        return {};
    if (!v->isString() || !isId(v->toString())) {
        fail(QStringLiteral("\"%1\" must be an id of 1 to 64 lowercase letters, digits, '.', '_' or '-'.")
                 .arg(QLatin1String(key)));
        return {};
    }
    return v->toString();
}

std::string BodyReader::optionalId(const char *key)
{
    return m_body.find(key) ? id(key) : std::string();
}

std::string BodyReader::text(const char *key, size_t maxLen)
{
    const json::Value *v = field(key, true);
    if (!v)
        return {};
    if (!v->isString() || v->toString().empty() || v->toString().size() > maxLen) {
        fail(QStringLiteral("\"%1\" must be text of 1 to %2 bytes.").arg(QLatin1String(key)).arg(maxLen));
        return {};
    }
    return v->toString();
}

std::string BodyReader::optionalText(const char *key, size_t maxLen)
{
    const json::Value *v = field(key, false);
    if (!v)
        return {};
    if (!v->isString() || v->toString().size() > maxLen) {
        fail(QStringLiteral("\"%1\" must be text of at most %2 bytes.").arg(QLatin1String(key)).arg(maxLen));
        return {};
    }
    return v->toString();
}

std::string BodyReader::oneOf(const char *key, std::initializer_list<const char *> words)
{
    const json::Value *v = field(key, true);
    if (!v)
        return {};
    if (v->isString()) {
        for (const char *w : words) {
            if (v->toString() == w)
                return v->toString();
        }
    }
    QStringList names;
    for (const char *w : words)
        names << QLatin1String(w);
    fail(QStringLiteral("\"%1\" must be one of: %2.")
             .arg(QLatin1String(key), names.join(QStringLiteral(", "))));
    return {};
}

std::string BodyReader::resource(const char *key)
{
    const json::Value *v = field(key, true);
    if (!v)
        return {};
    if (!v->isString() || !isResource(v->toString())) {
        fail(
            QStringLiteral("\"%1\" must be a resource like \"provider/gpu-class\".").arg(QLatin1String(key)));
        return {};
    }
    return v->toString();
}

int64_t BodyReader::amount(const char *key)
{
    const json::Value *v = field(key, true);
    if (!v)
        return 0;
    if (!v->isInt() || v->toInt() <= 0) {
        fail(QStringLiteral("\"%1\" must be a positive whole number of milli-GPU-hours.")
                 .arg(QLatin1String(key)));
        return 0;
    }
    return v->toInt();
}

int64_t BodyReader::optionalAmount(const char *key)
{
    return m_body.find(key) ? amount(key) : 0;
}

int64_t BodyReader::time(const char *key)
{
    return integer(key, 0, kMaxTime);
}

int64_t BodyReader::integer(const char *key, int64_t min, int64_t max)
{
    const json::Value *v = field(key, true);
    if (!v)
        return 0;
    if (!v->isInt() || v->toInt() < min || v->toInt() > max) {
        fail(QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
                 .arg(QLatin1String(key))
                 .arg(min)
                 .arg(max));
        return 0;
    }
    return v->toInt();
}

bool BodyReader::boolean(const char *key)
{
    const json::Value *v = field(key, true);
    if (!v)
        return false;
    if (!v->isBool()) {
        fail(QStringLiteral("\"%1\" must be true or false.").arg(QLatin1String(key)));
        return false;
    }
    return v->toBool();
}

const json::Array *BodyReader::array(const char *key, size_t maxItems)
{
    const json::Value *v = field(key, true);
    if (!v)
        return nullptr;
    if (!v->isArray() || v->toArray().size() > maxItems) {
        fail(QStringLiteral("\"%1\" must be a list of at most %2 items.")
                 .arg(QLatin1String(key))
                 .arg(maxItems));
        return nullptr;
    }
    return &v->toArray();
}

const json::Value *BodyReader::object(const char *key)
{
    const json::Value *v = field(key, true);
    if (!v)
        return nullptr;
    if (!v->isObject()) {
        fail(QStringLiteral("\"%1\" must be an object.").arg(QLatin1String(key)));
        return nullptr;
    }
    return v;
}

void BodyReader::only(std::initializer_list<const char *> keys)
{
    if (!m_body.isObject())
        return;
    for (const auto &[name, value] : m_body.toObject()) {
        // The first byte first: most candidates differ there, without measuring or comparing the rest.
        const bool known = std::any_of(keys.begin(), keys.end(),
            [&](const char *k) { return !name.empty() && name[0] == k[0] && name == k; });
        if (!known) {
            fail(QStringLiteral("The field \"%1\" is not part of this entry type.")
                     .arg(QString::fromStdString(name)));
            return;
        }
    }
}

} // namespace ledger
