#include "sync/wire/fields.h"

namespace syncwire::fields {

using ledger::json::Value;

ledger::Error Reader::error(const QString &message) const
{
    return ledger::makeError(m_code, message);
}

ledger::Result<std::string> Reader::string(const char *key) const
{
    const Value *v = m_o.find(key);
    if (!v || !v->isString())
        return error(QStringLiteral("\"%1\" must be a string.").arg(QLatin1String(key)));
    return v->toString();
}

ledger::Result<int64_t> Reader::integer(const char *key, int64_t min, int64_t max) const
{
    const Value *v = m_o.find(key);
    if (!v || !v->isInt() || v->toInt() < min || v->toInt() > max)
        return error(QStringLiteral("\"%1\" must be an integer from %2 to %3.")
                         .arg(QLatin1String(key))
                         .arg(min)
                         .arg(max));
    return v->toInt();
}

ledger::Result<std::optional<int64_t>> Reader::optionalInteger(
    const char *key, int64_t min, int64_t max) const
{
    const Value *v = m_o.find(key);
    if (v && v->isNull())
        return std::optional<int64_t>();
    auto i = integer(key, min, max);
    if (!i)
        return i.error();
    return std::optional<int64_t>(i.value());
}

ledger::Result<QByteArray> Reader::base64(const char *key, qsizetype exactLength, qsizetype maxLength) const
{
    auto s = string(key);
    if (!s)
        return s.error();
    const QByteArray text = QByteArray::fromStdString(s.value());
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    const bool lengthOk
        = exactLength >= 0 ? decoded.decoded.size() == exactLength : decoded.decoded.size() <= maxLength;
    if (!decoded || !lengthOk || (text.size() % 4) != 0)
        return error(exactLength >= 0 ? QStringLiteral("\"%1\" must be base64 of %2 bytes.")
                                            .arg(QLatin1String(key))
                                            .arg(exactLength)
                                      : QStringLiteral("\"%1\" must be base64.").arg(QLatin1String(key)));
    return decoded.decoded;
}

ledger::Result<QList<QByteArray>> Reader::hashes(const char *key) const
{
    const Value *v = m_o.find(key);
    if (!v || !v->isArray() || v->toArray().size() > 64)
        return error(QStringLiteral("\"%1\" must be an array of at most 64 hashes.").arg(QLatin1String(key)));
    QList<QByteArray> out;
    for (const Value &h : v->toArray()) {
        const QByteArray text = h.isString() ? QByteArray::fromStdString(h.toString()) : QByteArray();
        auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 32)
            return error(QStringLiteral("\"%1\" holds something that is not a base64 SHA-256 hash.")
                             .arg(QLatin1String(key)));
        out.append(decoded.decoded);
    }
    return out;
}

ledger::Result<Value> parseObject(QByteArrayView body, const char *code, size_t maxBytes)
{
    ledger::json::ParseLimits limits;
    limits.maxBytes = maxBytes;
    limits.maxDepth = 8;
    auto v = ledger::json::parse(std::string_view(body.data(), size_t(body.size())), limits);
    if (!v)
        return ledger::makeError(
            code, QStringLiteral("The body is not valid JSON (%1).").arg(v.error().message));
    if (!v->isObject())
        return ledger::makeError(code, QStringLiteral("The body must be a JSON object."));
    return std::move(v).value();
}

std::string toBase64(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64().toStdString();
}

Value hashList(const QList<QByteArray> &hashes)
{
    ledger::json::Array a;
    a.reserve(size_t(hashes.size()));
    for (const QByteArray &h : hashes)
        a.emplace_back(toBase64(h));
    return Value(std::move(a));
}

} // namespace syncwire::fields
