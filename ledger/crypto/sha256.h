#pragma once
// SHA-256 through OpenSSL 3 EVP. The EVP_MD is fetched once per process and each Sha256 object keeps one
// EVP_MD_CTX for its whole life, so hashing many small messages (entry ids, Merkle nodes) does not allocate.

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

struct evp_md_ctx_st;

namespace ledger::crypto {

// Streaming SHA-256. One instance is not thread-safe; use one per thread (or Sha256::hash, which does).
class Sha256
{
public:
    static constexpr qsizetype Size = 32;

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    Sha256(Sha256 &&) = delete;
    Sha256 &operator=(Sha256 &&) = delete;

    Sha256 &add(QByteArrayView data);
    Sha256 &add(const void *data, size_t len);
    Sha256 &addByte(uint8_t b);

    // The 32-byte digest of everything added since construction or the previous finish; the object is
    // then ready for a new message.
    QByteArray finish();
    void finishInto(unsigned char out[32]); // same, without allocating

    // One-shot digest using a thread_local instance.
    static QByteArray hash(QByteArrayView data);

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace ledger::crypto
