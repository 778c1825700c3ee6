/// Counts per integer key, kept sorted by key, with only non-zero counts stored: the building block of
/// the fine histogram (key: bucket) and of the exact change distribution (key: a change in micro-units).
public struct SparseCounts: Sendable, Hashable {
    /// (key, count) pairs in ascending key order; no count is zero.
    public private(set) var entries: [(key: Int64, count: Int64)]

    /// Creates empty counts.
    public init() { entries = [] }

    /// Creates counts from pairs in any order; equal keys add up and zero totals are dropped.
    public init<Pairs: Sequence>(_ pairs: Pairs) where Pairs.Element == (key: Int64, count: Int64) {
        entries = []
        for pair in pairs { add(pair.key, pair.count) }
    }

    /// Creates counts from pairs already in strictly ascending key order (as decoded from a row); out of
    /// order or zero entries are sorted and merged instead, so no malformed row breaks the invariant.
    public init(sortedEntries: [(key: Int64, count: Int64)]) {
        let isOrdered = zip(sortedEntries, sortedEntries.dropFirst()).allSatisfy { $0.key < $1.key }
        entries = []
        if isOrdered, sortedEntries.allSatisfy({ $0.count != 0 }) {
            entries = sortedEntries
        } else {
            for pair in sortedEntries { add(pair.key, pair.count) }
        }
    }

    /// Whether every count is zero.
    public var isEmpty: Bool { entries.isEmpty }

    /// The sum of the counts.
    public var total: Int64 { entries.reduce(0) { $0 + $1.count } }

    /// The count of `key`.
    public func count(of key: Int64) -> Int64 {
        guard let index = position(of: key), entries[index].key == key else { return 0 }
        return entries[index].count
    }

    /// Adds `count` (negative removes) to `key`.
    public mutating func add(_ key: Int64, _ count: Int64 = 1) {
        guard count != 0 else { return }
        // Appending in order is the common case when building from sorted data.
        if let last = entries.last, last.key < key {
            entries.append((key, count))
            return
        }
        let index = position(of: key) ?? entries.endIndex
        if index < entries.endIndex, entries[index].key == key {
            let updated = entries[index].count + count
            if updated == 0 {
                entries.remove(at: index)
            } else {
                entries[index].count = updated
            }
        } else {
            entries.insert((key, count), at: index)
        }
    }

    /// Adds every count of `other` (`weight` −1 subtracts them).
    public mutating func merge(_ other: SparseCounts, weight: Int64 = 1) {
        guard !other.isEmpty else { return }
        guard !isEmpty || weight != 1 else {
            self = other
            return
        }
        var merged: [(key: Int64, count: Int64)] = []
        merged.reserveCapacity(entries.count + other.entries.count)
        var left = 0
        var right = 0
        while left < entries.count || right < other.entries.count {
            let takeLeft =
                right == other.entries.count || (left < entries.count && entries[left].key < other.entries[right].key)
            let takeRight =
                left == entries.count || (right < other.entries.count && other.entries[right].key < entries[left].key)
            if takeLeft {
                merged.append(entries[left])
                left += 1
            } else if takeRight {
                merged.append((other.entries[right].key, weight * other.entries[right].count))
                right += 1
            } else {
                let sum = entries[left].count + weight * other.entries[right].count
                if sum != 0 { merged.append((entries[left].key, sum)) }
                left += 1
                right += 1
            }
        }
        entries = merged.filter { $0.count != 0 }
    }

    /// The sum of the counts of keys strictly greater than `key`.
    public func total(above key: Int64) -> Int64 {
        entries.reduce(0) { $1.key > key ? $0 + $1.count : $0 }
    }

    /// The sum of the counts of keys strictly less than `key`.
    public func total(below key: Int64) -> Int64 {
        entries.reduce(0) { $1.key < key ? $0 + $1.count : $0 }
    }

    /// The index of the first entry whose key is at least `key`, or nil when every key is smaller.
    private func position(of key: Int64) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < entries.count ? low : nil
    }

    public static func == (lhs: SparseCounts, rhs: SparseCounts) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.count == $1.count }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.count)
        }
    }
}
