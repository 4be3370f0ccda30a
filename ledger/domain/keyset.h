#pragma once
// Compact containers for the usage keys ("grant\nusage"), of which a large ledger has one per entry: a
// rebuild or a verify replays a million of them. A std::unordered_set<std::string> paid two allocations and
// three cache misses per key (bucket, node, heap string); these keep the bytes in large blocks and probe an
// open-addressing table of (hash, offset) pairs.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ledger {

// Keys appended one after the other: what a batch recorded, in order.
class KeyList
{
public:
    void push_back(std::string_view key)
    {
        m_bytes.append(key);
        m_ends.push_back(m_bytes.size());
    }
    size_t size() const { return m_ends.size(); }
    bool empty() const { return m_ends.empty(); }
    std::string_view operator[](size_t i) const
    {
        const size_t begin = i == 0 ? 0 : m_ends[i - 1];
        return std::string_view(m_bytes).substr(begin, m_ends[i] - begin);
    }
    void clear()
    {
        m_bytes.clear();
        m_ends.clear();
    }
    void reserve(size_t keys, size_t bytes)
    {
        m_ends.reserve(keys);
        m_bytes.reserve(bytes);
    }
    void swap(KeyList &other) noexcept
    {
        m_bytes.swap(other.m_bytes);
        m_ends.swap(other.m_ends);
    }

private:
    std::string m_bytes;
    std::vector<size_t> m_ends;
};

// A set of distinct keys: insert and contains; no removal but clear().
class KeySet
{
public:
    KeySet() = default;
    KeySet(const KeySet &other) { *this = other; }
    KeySet &operator=(const KeySet &other)
    {
        if (this != &other) {
            clear();
            reserve(other.size());
            other.forEach([this](std::string_view key) { insert(key); });
        }
        return *this;
    }
    KeySet(KeySet &&) noexcept = default;
    KeySet &operator=(KeySet &&) noexcept = default;

    // The hash the other calls take, for a caller that asks about the same key twice.
    static uint64_t hashOf(std::string_view key)
    {
        // libstdc++'s murmur-style hash, then a final mix so that the low bits (the slot) depend on it all.
        uint64_t h = std::hash<std::string_view>()(key);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h | 1; // 0 marks an empty slot
    }

    bool contains(std::string_view key) const { return contains(key, hashOf(key)); }
    bool contains(std::string_view key, uint64_t h) const
    {
        if (m_count == 0)
            return false;
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.hash == 0)
                return false;
            if (s.hash == h && keyAt(s) == key)
                return true;
        }
    }
    size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }

    // Adds `key` if it is not there yet; true if it was added.
    bool insert(std::string_view key) { return insert(key, hashOf(key)); }
    bool insert(std::string_view key, uint64_t h)
    {
        if ((m_count + 1) * 4 > m_slots.size() * 3)
            grow(std::max<size_t>(16, m_slots.size() * 2));
        size_t i = h & m_mask;
        for (;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.hash == 0)
                break;
            if (s.hash == h && keyAt(s) == key)
                return false;
        }
        m_slots[i] = Slot { h, store(key) };
        ++m_count;
        return true;
    }

    size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    void clear()
    {
        m_slots.clear();
        m_mask = 0;
        m_count = 0;
        m_blocks.clear();
        m_used = 0;
    }
    // Room for n keys without growing the table.
    void reserve(size_t n)
    {
        size_t tableSize = 16;
        while (tableSize * 3 < n * 4)
            tableSize *= 2;
        if (tableSize > m_slots.size())
            grow(tableSize);
    }
    // The same keys, whatever the order they were added in.
    bool operator==(const KeySet &other) const
    {
        if (m_count != other.m_count)
            return false;
        bool same = true;
        forEach([&](std::string_view key) { same = same && other.contains(key); });
        return same;
    }

    // Calls fn(key) for every key, in no particular order.
    void forEach(const std::function<void(std::string_view)> &fn) const
    {
        for (const Slot &s : m_slots) {
            if (s.hash != 0)
                fn(keyAt(s));
        }
    }

private:
    struct Slot
    {
        uint64_t hash = 0; // 0: empty (hashOf never returns 0)
        const char *key = nullptr; // length-prefixed bytes in a block
    };
    static constexpr size_t kBlockSize = 1 << 20;

    static std::string_view keyAt(const Slot &s)
    {
        uint32_t size = 0;
        std::memcpy(&size, s.key, sizeof size);
        return std::string_view(s.key + sizeof size, size);
    }
    const char *store(std::string_view key)
    {
        const size_t need = sizeof(uint32_t) + key.size();
        if (m_blocks.empty() || m_used + need > m_blockCapacity) {
            m_blockCapacity = std::max(kBlockSize, need);
            m_blocks.push_back(std::make_unique<char[]>(m_blockCapacity));
            m_used = 0;
        }
        char *at = m_blocks.back().get() + m_used;
        const uint32_t size = uint32_t(key.size());
        std::memcpy(at, &size, sizeof size);
        std::memcpy(at + sizeof size, key.data(), key.size());
        m_used += need;
        return at;
    }
    void grow(size_t tableSize)
    {
        std::vector<Slot> old(tableSize);
        old.swap(m_slots);
        m_mask = tableSize - 1;
        for (const Slot &s : old) {
            if (s.hash == 0)
                continue;
            size_t i = s.hash & m_mask;
            while (m_slots[i].hash != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_count = 0;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    size_t m_blockCapacity = 0;
    size_t m_used = 0;
};

} // namespace ledger
