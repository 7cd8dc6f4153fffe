/// Counts of 64-bit keys in an open-addressed table with a multiplicative hash.
///
/// The layout stage asks, for every join it weighs, whether a pair of characters is a word or how
/// often it occurs in the document: millions of lookups of keys that are already well mixed. A
/// `Set<UInt64>` seeds and runs SipHash for each; this table does one multiply and a probe or two.
///
/// ```swift
/// var table = KeyTable()
/// table.add(42)
/// table.add(42)
/// table.count(of: 42)  // 2
/// table.contains(7)  // false
/// ```
struct KeyTable: Sendable {
    private var keys: [UInt64]
    private var counts: [UInt32]
    private var mask: Int
    private var used = 0
    /// The key 0 marks an empty slot, so its count is kept apart.
    private var zeroCount: UInt32 = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    init(_ keys: some Collection<UInt64>) {
        self.init(capacity: keys.count)
        for key in keys { add(key) }
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `amount` to the count of `key`.
    mutating func add(_ key: UInt64, _ amount: UInt32 = 1) {
        guard key != 0 else {
            zeroCount &+= amount
            return
        }
        if (used + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 {
            keys[i] = key
            used += 1
        }
        counts[i] &+= amount
    }

    /// How many times `key` was added; 0 when never.
    func count(of key: UInt64) -> UInt32 {
        guard key != 0 else { return zeroCount }
        var i = slot(key)
        while true {
            let found = keys[i]
            if found == key { return counts[i] }
            if found == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool { count(of: key) > 0 }

    private mutating func grow() {
        var bigger = KeyTable(capacity: keys.count)
        for (key, count) in zip(keys, counts) where key != 0 { bigger.add(key, count) }
        bigger.zeroCount = zeroCount
        self = bigger
    }
}
