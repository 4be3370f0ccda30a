#pragma once
// The verify rate of the verifier this code uses (ledger::crypto::PublicKey::verify, libsodium since session
// 6), measured in the same run as `openssl speed ed25519`. The standards' reference is OpenSSL's rate; this
// one is the floor of every figure that checks signatures now, so the benchmarks print both.

#include "ledger/crypto/ed25519.h"

#include <QByteArray>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace benchsupport {

// Signatures checked per second by `threads` threads for about `seconds`, each over a 400-byte message (the
// size of a typical signed entry), all under one key.
inline double ledgerVerifyRate(double seconds, int threads)
{
    const auto key = ledger::crypto::PrivateKey::generate();
    const auto publicKey = key.publicKey();
    const QByteArray message(400, 'e');
    const QByteArray sig = key.sign(message);
    std::atomic<bool> stop { false };
    std::atomic<long long> checked { 0 };
    std::vector<std::thread> pool;
    const auto t0 = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            long long n = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                for (int i = 0; i < 32; ++i)
                    n += publicKey.verify(message, sig) ? 1 : 0;
            }
            checked += n;
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto &t : pool)
        t.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return double(checked.load()) / elapsed;
}

} // namespace benchsupport
