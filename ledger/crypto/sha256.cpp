#include "ledger/crypto/sha256.h"

#include <QtGlobal>

#include <openssl/err.h>
#include <openssl/evp.h>

namespace ledger::crypto {

namespace {

[[noreturn]] void fatal(const char *what)
{
    // Only reachable if OpenSSL cannot allocate or has no SHA-256 at all; a wrong digest would be worse.
    qFatal("ledger::crypto::Sha256: %s failed (OpenSSL error %lu)", what, ERR_peek_last_error());
}

const EVP_MD *sha256Md()
{
    // Fetched once for the whole process and intentionally never freed (it is needed until exit).
    static const EVP_MD *const md = [] {
        EVP_MD *m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (m == nullptr)
            fatal("EVP_MD_fetch(SHA256)");
        return m;
    }();
    return md;
}

} // namespace

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (m_ctx == nullptr)
        fatal("EVP_MD_CTX_new");
    if (EVP_DigestInit_ex2(m_ctx, sha256Md(), nullptr) != 1)
        fatal("EVP_DigestInit_ex2");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

Sha256 &Sha256::add(QByteArrayView data)
{
    return add(data.data(), size_t(data.size()));
}

Sha256 &Sha256::add(const void *data, size_t len)
{
    if (len != 0 && EVP_DigestUpdate(m_ctx, data, len) != 1)
        fatal("EVP_DigestUpdate");
    return *this;
}

Sha256 &Sha256::addByte(uint8_t b)
{
    return add(&b, 1);
}

QByteArray Sha256::finish()
{
    QByteArray out(Size, Qt::Uninitialized);
    finishInto(reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

void Sha256::finishInto(unsigned char out[32])
{
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx, out, &len) != 1 || len != Size)
        fatal("EVP_DigestFinal_ex");
    if (EVP_DigestInit_ex2(m_ctx, nullptr, nullptr) != 1)
        fatal("EVP_DigestInit_ex2");
}

QByteArray Sha256::hash(QByteArrayView data)
{
    thread_local Sha256 hasher;
    return hasher.add(data).finish();
}

} // namespace ledger::crypto
