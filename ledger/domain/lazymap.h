#pragma once
// A map of the rules engine's State that may hold only part of its rows in memory, the rest staying in the
// store until someone asks for them. A ledger with tens of thousands of startups has as many applications,
// grants and balances, and an entry touches a handful: loading every one of them before the first write cost
// seconds and hundreds of MB. So a State loaded for sequencing fetches rows one by one, by key, when the
// rules (or a reader) look them up, and keeps them.
//
// Without a source (a replay, a rebuild, a test's state) it is a plain map. With one:
// - find / count / contains / at / operator[] fetch a missing key from the source first;
// - iterating, size() and empty() fetch every row first (once), so whoever walks the map sees all of it;
// - copying a map fetches everything first, and the copy has no source: a snapshot does not change when the
//   store does;
// - erasing is not offered: a key erased here would come back from the source.
// What is in memory always wins over the source: rows changed here are written to the store only when the
// projections are flushed, and a row in memory is never fetched again.
//
// A long-lived state (the desktop app's sequencer) would otherwise keep every row it ever fetched, growing
// toward a full load. evictClean() bounds it: where no one holds a reference into the map (State::trimCache,
// right after the projections are flushed), rows beyond a limit that the caller says are clean (written to
// the store, so fetching them again gives the same row) are forgotten, in maps filled by look-ups; a map that
// was walked whole keeps all of it, as before. References into a map with a source
// are therefore valid until the next flush, not longer.
//
// Lookups are const (the rules ask a `const State &` for balances), so the cache is mutable; like the rest
// of State it is used from one thread at a time.

#include <functional>
#include <utility>

namespace ledger {

template<typename Map> class LazyMap
{
public:
    using key_type = typename Map::key_type;
    using mapped_type = typename Map::mapped_type;
    using value_type = typename Map::value_type;
    using iterator = typename Map::iterator;
    using const_iterator = typename Map::const_iterator;

    // Fetches the row of `key` into `out`; false when the source has none.
    using FetchOne = std::function<bool(const key_type &key, mapped_type &out)>;
    // Calls `add` for every row of the source.
    using FetchAll = std::function<void(const std::function<void(key_type, mapped_type)> &add)>;

    LazyMap() = default;
    LazyMap(const LazyMap &other)
        : m_map((other.fetchAll(), other.m_map))
    { }
    LazyMap &operator=(const LazyMap &other)
    {
        if (this != &other) {
            other.fetchAll();
            m_map = other.m_map;
            m_one = nullptr;
            m_all = nullptr;
            m_complete = true;
        }
        return *this;
    }
    LazyMap(LazyMap &&) noexcept = default;
    LazyMap &operator=(LazyMap &&) noexcept = default;

    // Backs the map with a source; the rows already here stay and win.
    void setSource(FetchOne one, FetchAll all)
    {
        m_one = std::move(one);
        m_all = std::move(all);
        m_complete = !m_all;
    }
    bool hasSource() const { return bool(m_one); }
    // Fetches every row now and forgets the source: a plain map from then on.
    void fetchAllAndDetach()
    {
        fetchAll();
        m_one = nullptr;
        m_all = nullptr;
    }
    // With a source, not walked whole (a map someone iterated stays complete: walking it again must not
    // re-read the table each time), and more than `limit` rows in memory, forgets rows for which
    // `canEvict(const value_type &)` is true until half the limit is left (so the next trim is far off), in
    // no particular order; a row is fetched again, by one indexed query, when it is next looked up. Returns
    // how many went. Never call it while a reference into the map is held, nor let `canEvict` pass a row not
    // yet written.
    template<typename Pred> size_t evictClean(size_t limit, Pred canEvict)
    {
        if (!m_one || m_complete || limit == 0 || m_map.size() <= limit)
            return 0;
        const size_t target = limit / 2;
        size_t evicted = 0;
        for (auto it = m_map.begin(); it != m_map.end() && m_map.size() > target;) {
            if (canEvict(*it)) {
                it = m_map.erase(it);
                ++evicted;
            } else {
                ++it;
            }
        }
        return evicted;
    }

    // Rows in memory now (without fetching the rest): for measurements and tests.
    size_t loadedSize() const { return m_map.size(); }

    template<typename K> iterator find(const K &key) { return m_map.find(fetched(key)); }
    template<typename K> const_iterator find(const K &key) const { return m_map.find(fetched(key)); }
    template<typename K> size_t count(const K &key) const { return m_map.count(fetched(key)); }
    template<typename K> bool contains(const K &key) const { return m_map.count(fetched(key)) != 0; }
    mapped_type &at(const key_type &key) { return m_map.at(fetched(key)); }
    const mapped_type &at(const key_type &key) const { return m_map.at(fetched(key)); }
    mapped_type &operator[](const key_type &key) { return m_map[fetched(key)]; }
    template<typename... Args> std::pair<iterator, bool> emplace(Args &&...args)
    {
        // Only for keys the caller knows are new (or fetched): an existing row in the source would be
        // shadowed.
        return m_map.emplace(std::forward<Args>(args)...);
    }

    iterator begin() { return (fetchAll(), m_map.begin()); }
    iterator end() { return m_map.end(); }
    const_iterator begin() const { return (fetchAll(), m_map.begin()); }
    const_iterator end() const { return m_map.end(); }
    size_t size() const { return (fetchAll(), m_map.size()); }
    bool empty() const { return (fetchAll(), m_map.empty()); }
    void clear()
    {
        m_map.clear();
        m_one = nullptr;
        m_all = nullptr;
        m_complete = true;
    }
    template<typename M = Map> auto reserve(size_t n) -> decltype(std::declval<M &>().reserve(n))
    {
        return m_map.reserve(n);
    }

private:
    // Makes sure `key` is in memory if the source has it; returns the key for the lookup that follows.
    template<typename K> const K &fetched(const K &key) const
    {
        if (m_one && !m_complete && m_map.find(key) == m_map.end()) {
            mapped_type row {};
            key_type k(key);
            if (m_one(k, row))
                m_map.emplace(std::move(k), std::move(row));
        }
        return key;
    }
    void fetchAll() const
    {
        if (m_complete)
            return;
        m_complete = true;
        m_all([this](key_type key, mapped_type row) { m_map.try_emplace(std::move(key), std::move(row)); });
    }

    mutable Map m_map;
    FetchOne m_one;
    FetchAll m_all;
    mutable bool m_complete = true;
};

} // namespace ledger
