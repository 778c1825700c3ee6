internal import AttuneCore

/// The compact binary form of rollup rows, the same for every backend (a BLOB in SQLite, BYTEA in
/// PostgreSQL): varints, zig-zag for signed numbers, keys of sparse counts as differences from the
/// previous one, so a row of a few hundred sessions stays a few hundred bytes.
///
/// Each scale section of a day or month row carries its length, so a reader that wants one scale
/// skips the others without decoding them.
public enum RollupCodec {
    /// The format's first byte; a row in another format is refused, never misread.
    static let formatVersion: UInt8 = 1

    /// Encodes a day or month row.
    public static func encode(_ row: GroupRollup) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(formatVersion)
        writer.signed(row.submissions)
        writer.signed(row.alerts)
        writer.signed(row.clients)
        writer.unsigned(UInt64(row.scales.count))
        for scale in row.scales {
            writer.string(scale.id)
            var section = ByteWriter()
            section.signed(scale.sum.count)
            section.wide(scale.sum.sum)
            section.wide(scale.sum.sumOfSquares)
            section.counts(scale.histogram.buckets)
            section.unsigned(UInt64(scale.bands.count))
            for band in scale.bands {
                section.unsigned(UInt64(max(band.version, 0)))
                section.string(band.label)
                section.signed(band.count)
            }
            section.counts(scale.changes)
            writer.unsigned(UInt64(section.bytes.count))
            writer.bytes += section.bytes
        }
        return writer.bytes
    }

    /// Decodes a day or month row; with `scale`, only that scale's section (the others are skipped).
    public static func decodeGroup(_ bytes: [UInt8], scale wanted: String? = nil) throws(StoreError) -> GroupRollup {
        var reader = ByteReader(bytes)
        try reader.expectFormat()
        var row = GroupRollup()
        row.submissions = try reader.signed()
        row.alerts = try reader.signed()
        row.clients = try reader.signed()
        let count = try reader.count()
        row.scales.reserveCapacity(wanted == nil ? count : 1)
        for _ in 0..<count {
            let id = try reader.string()
            let length = try reader.count()
            if let wanted, wanted != id {
                try reader.skip(length)
                continue
            }
            var scale = ScaleRollup(id: id)
            scale.sum.count = try reader.signed()
            scale.sum.sum = try reader.wide()
            scale.sum.sumOfSquares = try reader.wide()
            scale.histogram.buckets = try reader.counts()
            let bands = try reader.count()
            for _ in 0..<bands {
                let version = Int(try reader.unsigned())
                let label = try reader.string()
                scale.bands.append(.init(version: version, label: label, count: try reader.signed()))
            }
            scale.changes = try reader.counts()
            row.scales.append(scale)
        }
        return row
    }

    /// Encodes a client-month row: its scale ids once, then each session's values in that order.
    public static func encode(_ row: ClientMonthRollup) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(formatVersion)
        let ids = Set(row.entries.flatMap(\.values.keys)).union(row.contributed.keys).sorted()
        writer.unsigned(UInt64(ids.count))
        for id in ids { writer.string(id) }
        writer.unsigned(UInt64(row.entries.count))
        for entry in row.entries {
            writer.signed(entry.session)
            writer.unsigned(UInt64(max(entry.day, 0)))
            for id in ids {
                if let micro = entry.values[id] {
                    writer.bytes.append(1)
                    writer.signed(micro)
                } else {
                    writer.bytes.append(0)
                }
            }
        }
        for id in ids {
            if let change = row.contributed[id] {
                writer.bytes.append(1)
                writer.signed(change)
            } else {
                writer.bytes.append(0)
            }
        }
        return writer.bytes
    }

    /// Decodes a client-month row.
    public static func decodeClientMonth(_ bytes: [UInt8]) throws(StoreError) -> ClientMonthRollup {
        var reader = ByteReader(bytes)
        try reader.expectFormat()
        var ids: [String] = []
        for _ in 0..<(try reader.count()) { ids.append(try reader.string()) }
        var row = ClientMonthRollup()
        for _ in 0..<(try reader.count()) {
            let session = try reader.signed()
            let day = Int(try reader.unsigned())
            var values: [String: Int64] = [:]
            for id in ids where try reader.flag() { values[id] = try reader.signed() }
            row.entries.append(.init(session: session, day: day, values: values))
        }
        for id in ids where try reader.flag() { row.contributed[id] = try reader.signed() }
        return row
    }

    /// Encodes a client's baselines.
    public static func encode(_ baseline: ClientBaseline) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(formatVersion)
        writer.unsigned(UInt64(baseline.scales.count))
        for (id, point) in baseline.scales.sorted(by: { $0.key < $1.key }) {
            writer.string(id)
            writer.signed(point.session)
            writer.signed(point.micro)
        }
        return writer.bytes
    }

    /// Decodes a client's baselines.
    public static func decodeBaseline(_ bytes: [UInt8]) throws(StoreError) -> ClientBaseline {
        var reader = ByteReader(bytes)
        try reader.expectFormat()
        var baseline = ClientBaseline()
        for _ in 0..<(try reader.count()) {
            let id = try reader.string()
            baseline.scales[id] = .init(session: try reader.signed(), micro: try reader.signed())
        }
        return baseline
    }
}

/// Appends varints to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A 128-bit signed number, zig-zag, as a varint of up to 19 bytes.
    mutating func wide(_ value: Int128) {
        var zigzag = UInt128(bitPattern: (value << 1) ^ (value >> 127))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        unsigned(UInt64(utf8.count))
        bytes += utf8
    }

    /// Sparse counts: their number, then each key as the difference from the previous key, and its count.
    mutating func counts(_ counts: SparseCounts) {
        unsigned(UInt64(counts.entries.count))
        var previous: Int64 = 0
        for entry in counts.entries {
            signed(entry.key &- previous)
            signed(entry.count)
            previous = entry.key
        }
    }
}

/// Reads what ``ByteWriter`` wrote; any malformed or truncated input is an error, never a trap.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let corrupt = StoreError.database("a rollup row is not in the format this version reads")

    mutating func expectFormat() throws(StoreError) {
        guard offset < bytes.count, bytes[offset] == RollupCodec.formatVersion else { throw Self.corrupt }
        offset += 1
    }

    mutating func unsigned() throws(StoreError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw Self.corrupt
    }

    mutating func signed() throws(StoreError) -> Int64 {
        let zigzag = try unsigned()
        return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
    }

    mutating func wide() throws(StoreError) -> Int128 {
        var value: UInt128 = 0
        var shift: UInt128 = 0
        while offset < bytes.count, shift < 128 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt128(byte & 0x7F) << shift
            if byte < 0x80 { return Int128(bitPattern: value >> 1) ^ -Int128(bitPattern: value & 1) }
            shift += 7
        }
        throw Self.corrupt
    }

    /// A count of things that follow, each at least one byte: larger than what is left is corrupt.
    mutating func count() throws(StoreError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw Self.corrupt }
        return Int(value)
    }

    mutating func flag() throws(StoreError) -> Bool {
        guard offset < bytes.count else { throw Self.corrupt }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func skip(_ length: Int) throws(StoreError) {
        guard length <= bytes.count - offset else { throw Self.corrupt }
        offset += length
    }

    mutating func string() throws(StoreError) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    mutating func counts() throws(StoreError) -> SparseCounts {
        var entries: [(key: Int64, count: Int64)] = []
        let count = try count()
        entries.reserveCapacity(count)
        var key: Int64 = 0
        for _ in 0..<count {
            key = key &+ (try signed())
            entries.append((key, try signed()))
        }
        return SparseCounts(sortedEntries: entries)
    }
}
