/// A strict RFC 8259 JSON reader for request bodies: refuses, with a precise ``JSONError``, anything
/// a lenient parser would guess at.
///
/// Refused: trailing commas, comments, leading zeros, `NaN`/`Infinity`, single quotes, unescaped
/// control characters, unknown escapes, unpaired `\u` surrogates, ill-formed UTF-8 (RFC 3629 §4),
/// numbers overflowing a double, duplicate member names, content after the top-level value, and
/// inputs beyond ``Limits``. Works on raw bytes; Foundation is not involved.
///
/// ```swift
/// let value = try JSONReader().parse(body)          // body: [UInt8]
/// ```
public struct JSONReader: Sendable {
    /// Bounds that keep a hostile document from costing more than a small, predictable amount.
    public struct Limits: Sendable, Equatable {
        /// The deepest nesting of arrays and objects; the top-level container is depth 1. Default 64.
        public var maxDepth: Int
        /// The longest string (member names included), counted in input bytes between the quotes.
        /// Default 1 MiB.
        public var maxStringLength: Int
        /// The most elements of one array or members of one object. Default 10,000.
        public var maxElements: Int

        /// The deepest nesting a reader accepts at all: parsing recurses once per level, and
        /// this keeps the stack use below 100 KiB even on small worker-thread stacks.
        public static let depthCeiling = 512

        /// Limits with the documented defaults; `maxDepth` is clamped to 1…``depthCeiling``.
        public init(maxDepth: Int = 64, maxStringLength: Int = 1 << 20, maxElements: Int = 10_000) {
            self.maxDepth = min(max(maxDepth, 1), Self.depthCeiling)
            self.maxStringLength = maxStringLength
            self.maxElements = maxElements
        }
    }

    /// The limits this reader enforces.
    public var limits: Limits

    /// A reader with the given limits.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one JSON text from raw bytes, which must hold exactly one value (and whitespace).
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
        var scanner = JSONScanner(bytes: bytes, limits: limits)
        return try scanner.parseDocument()
    }

    /// Parses one JSON text from bytes (`[UInt8]`, `ArraySlice<UInt8>`, `Data`, …).
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try parse(Array(bytes))
    }

    /// Parses one JSON text from a string's UTF-8 (a Swift `String` is valid UTF-8 already).
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }
}
