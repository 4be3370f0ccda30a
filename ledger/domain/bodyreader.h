#pragma once
// Reads the fields of an entry body with the checks every rule needs (presence, type, length, sign),
// remembering the first problem so a handler can read all its fields and then test ok() once.

#include "ledger/codec/json.h"
#include "ledger/result.h"

#include <initializer_list>
#include <optional>
#include <string>

namespace ledger {

class BodyReader
{
public:
    explicit BodyReader(const json::Value &body)
        : m_body(body)
    { }

    // An object id: 1..64 of [a-z0-9._-], starting with a letter or digit.
    std::string id(const char *key);
    std::string optionalId(const char *key);
    // Free text, 1..maxLen bytes of UTF-8 (0..maxLen when optional).
    std::string text(const char *key, size_t maxLen = 200);
    std::string optionalText(const char *key, size_t maxLen = 2000);
    // One of the given words.
    std::string oneOf(const char *key, std::initializer_list<const char *> words);
    // A resource: "provider/gpu-class", each part an id.
    std::string resource(const char *key);
    // A strictly positive amount of milli-GPU-hours.
    int64_t amount(const char *key);
    int64_t optionalAmount(const char *key); // 0 when absent
    // A timestamp in ms since the epoch (0 .. year 9999).
    int64_t time(const char *key);
    int64_t integer(const char *key, int64_t min, int64_t max);
    bool boolean(const char *key);
    // Raw access for arrays and objects; nullptr (and an error) when missing or of the wrong type.
    const json::Array *array(const char *key, size_t maxItems);
    const json::Value *object(const char *key);
    // Fails when the body has a field not in the list.
    void only(std::initializer_list<const char *> keys);

    bool ok() const { return !m_error.has_value(); }
    const Error &error() const { return *m_error; }
    void fail(QString message);

    static bool isId(std::string_view s);
    static bool isResource(std::string_view s);

private:
    const json::Value *field(const char *key, bool required);

    const json::Value &m_body;
    std::optional<Error> m_error;
};

} // namespace ledger
