/// The entries, as a least-recently-used map bounded by bytes. Pure and single-threaded: `CacheStore` owns one
/// behind its lock.
///
/// Invariants: `bytes` is the sum of the sizes of the entries present and never exceeds `maxBytes` after a
/// mutation returns; the recency list (`newest` … `oldest` through `newer`/`older` links) holds exactly the keys
/// of `nodes`.
struct CacheStorage {
    private struct Node {
        var entry: CacheEntry
        var size: Int
        var newer: CacheKey?
        var older: CacheKey?
    }

    /// Memory bound for all entries.
    let maxBytes: Int
    /// Current total of entry sizes.
    private(set) var bytes = 0
    /// Entries removed to make room since creation.
    private(set) var evictions = 0
    private var nodes: [CacheKey: Node] = [:]
    private var newest: CacheKey?
    private var oldest: CacheKey?

    init(maxBytes: Int) {
        self.maxBytes = max(0, maxBytes)
    }

    /// Number of entries.
    var count: Int { nodes.count }

    /// All keys (no particular order).
    var allKeys: [CacheKey] { Array(nodes.keys) }

    /// The memory an entry under `key` costs.
    static func size(of entry: CacheEntry, key: CacheKey) -> Int { entry.approximateSize + key.approximateSize }

    /// The entry for `key`, marked most recently used.
    mutating func get(_ key: CacheKey) -> CacheEntry? {
        guard let node = nodes[key] else { return nil }
        moveToFront(key)
        return node.entry
    }

    /// The entry for `key` without touching recency.
    func peek(_ key: CacheKey) -> CacheEntry? { nodes[key]?.entry }

    /// Store `entry` under `key` (replacing any), evicting least recently used entries until it fits.
    /// Returns the evicted keys, or nil when the entry alone is larger than `maxBytes` (nothing changes then).
    mutating func insert(_ entry: CacheEntry, for key: CacheKey) -> [CacheKey]? {
        let size = CacheStorage.size(of: entry, key: key)
        guard size <= maxBytes else { return nil }
        _ = remove(key)
        var evicted: [CacheKey] = []
        while bytes + size > maxBytes, let victim = oldest {
            _ = remove(victim)
            evictions += 1
            evicted.append(victim)
        }
        nodes[key] = Node(entry: entry, size: size, newer: nil, older: newest)
        if let previous = newest { nodes[previous]?.newer = key }
        newest = key
        if oldest == nil { oldest = key }
        bytes += size
        return evicted
    }

    /// Remove `key`; returns its entry if it was present.
    @discardableResult
    mutating func remove(_ key: CacheKey) -> CacheEntry? {
        guard let node = nodes.removeValue(forKey: key) else { return nil }
        unlink(key: key, newer: node.newer, older: node.older)
        bytes -= node.size
        return node.entry
    }

    /// Remove everything (not counted as evictions).
    mutating func removeAll() {
        nodes.removeAll()
        newest = nil
        oldest = nil
        bytes = 0
    }

    private mutating func moveToFront(_ key: CacheKey) {
        guard newest != key, let node = nodes[key] else { return }
        unlink(key: key, newer: node.newer, older: node.older)
        nodes[key]?.newer = nil
        nodes[key]?.older = newest
        if let previous = newest { nodes[previous]?.newer = key }
        newest = key
        if oldest == nil { oldest = key }
    }

    private mutating func unlink(key: CacheKey, newer: CacheKey?, older: CacheKey?) {
        if let newer { nodes[newer]?.older = older } else if newest == key { newest = older }
        if let older { nodes[older]?.newer = newer } else if oldest == key { oldest = newer }
    }

    /// Keys from most to least recently used (for tests and debugging; O(n)).
    var keysByRecency: [CacheKey] {
        var result: [CacheKey] = []
        var cursor = newest
        while let key = cursor, result.count <= nodes.count {
            result.append(key)
            cursor = nodes[key]?.older
        }
        return result
    }
}
