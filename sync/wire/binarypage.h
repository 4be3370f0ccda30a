#pragma once
// Version 2 of a page of GET /v1/entries: the same content as the JSON page (messages.h Page), in a compact
// binary form a joining member decodes with no JSON and no base64 (SYNC-PROTOCOL.md "Binary pages").
// Asked for with `format=2` in the query; served as kBinaryPageType. Big-endian throughout:
//
//   "APG2"                              4 bytes, magic and version
//   tree_size                           u64
//   checkpoint length, checkpoint       u32, bytes (the signed note, as in JSON)
//   has_next, next                      u8 (0 or 1), u64 (0 when has_next is 0)
//   key count K, K author keys          u16, K x 32 bytes (raw Ed25519 keys, each distinct)
//   entry count N                       u16 (at most kMaxPageLimit)
//   N times:
//     seq, sequenced_at                 u64, u64
//     key index                         u16 (< K: the entry's author_key)
//     entry length, entry bytes         u32 (at most ledger::kMaxEntryBytes), bytes
//     sig                               64 bytes
//     proof count P, P hashes           u8, P x 32 bytes (filtered views only; 0 otherwise)
//
// Nothing may follow the last entry. A body that does not parse is an error with the caller's code and a
// message naming what is wrong and where; nothing is returned then.

#include "sync/wire/messages.h"

namespace syncwire {

inline constexpr char kBinaryPageType[] = "application/vnd.alliance.page.v2";
inline constexpr char kBinaryPageFormat[] = "2"; // the value of `format=` that asks for it

QByteArray encodeBinaryPage(const Page &page);
ledger::Result<Page> decodeBinaryPage(
    QByteArrayView body, const char *code = kInvalidResponse, PageDecoding how = {});

} // namespace syncwire
