#pragma once
// Error and Result: how every fallible ledger call reports failure. A code is stable and machine-readable
// (it appears in rejections, exit codes and the UI); the message is one sentence for a person.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ledger {

struct Error
{
    QString code; // stable, snake_case, e.g. "insufficient_balance"
    QString message; // one human sentence, no trailing newline

    QString toString() const { return code + QStringLiteral(": ") + message; }
};

template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::move(value))
    { }
    Result(Error error)
        : m_v(std::move(error))
    { }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_e(std::move(error))
    { }
    bool ok() const { return !m_e.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_e; }

private:
    std::optional<Error> m_e;
};

inline Error makeError(const char *code, QString message)
{
    return Error { QString::fromLatin1(code), std::move(message) };
}

} // namespace ledger

// Returns the error of a failed Result from the enclosing function (which returns a Result too).
#define LEDGER_TRY(expr)                                                                                     \
    do {                                                                                                     \
        auto &&ledgerTryResult_ = (expr);                                                                    \
        if (!ledgerTryResult_)                                                                               \
            return ledgerTryResult_.error();                                                                 \
    } while (0)
