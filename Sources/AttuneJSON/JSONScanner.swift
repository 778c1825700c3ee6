/// The recursive-descent core of ``JSONReader``: one pass over borrowed bytes with an index.
///
/// It never outlives the buffer it reads (``JSONReader`` creates it inside the borrow). Errors are
/// thrown with the pointer relative to the value being parsed; each enclosing container prefixes
/// its member name or index on the way out, so the success path never pays for pointers.
package struct JSONScanner {
    package let bytes: UnsafeRawBufferPointer
    package let limits: JSONReader.Limits
    package var index = 0
    /// Reused for strings with escapes, so that only the final `String` allocates.
    package var scratch: [UInt8] = []
    /// The hash of each member name of the open objects, innermost last, for duplicate detection.
    /// One array for the whole parse (its elements are trivial, so popping costs nothing).
    package var keyHashStack: [UInt64] = []
    /// The first capacity of a container's element array: most wire objects and arrays fit, and
    /// growing costs an allocation and a copy each time (measured: 5 growths of a 24-member
    /// object cost more than the rest of its parse).
    package static let initialContainerCapacity = 16

    package init(bytes: UnsafeRawBufferPointer, limits: JSONReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// RFC 8259 §2: `ws* value ws*`, and nothing else.
    package mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw JSONError(.trailingContent, offset: index) }
        return value
    }

    /// RFC 8259 §2: insignificant whitespace is space, tab, line feed and carriage return only.
    @inline(__always)
    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Parses the value at `index` (whitespace already skipped); `depth` counts enclosing containers.
    package mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw JSONError(.unexpectedEndOfInput, offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default: throw JSONError(.expectedValue, offset: index)
        }
    }

    /// RFC 8259 §3: the literal names must be lowercase and are not prefixes of longer words.
    package mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        guard bytes.count - start >= count else { throw JSONError(.invalidLiteral, offset: start) }
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[start + offset] != expected[offset] {
            throw JSONError(.invalidLiteral, offset: start)
        }
        index += count
    }

    /// RFC 8259 §5: `[ [ value *( , value ) ] ]`.
    package mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= limits.maxDepth else { throw JSONError(.depthLimitExceeded, offset: index) }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(Self.initialContainerCapacity)
        while true {
            guard elements.count < limits.maxElements else { throw JSONError(.tooManyElements, offset: index) }
            do { elements.append(try parseValue(depth: depth)) } catch { throw error.prefixed(byIndex: elements.count) }
            if try parseSeparator(closing: UInt8(ascii: "]")) {
                return .array(elements)
            }
        }
    }

    /// After a container element: `true` at the closing bracket (consumed), `false` after a `,`
    /// that is followed by another element (whitespace skipped).
    package mutating func parseSeparator(closing: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONError(.unexpectedEndOfInput, offset: index) }
        let byte = bytes[index]
        if byte == closing {
            index += 1
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw JSONError(.expectedCommaOrEnd, offset: index) }
        let comma = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            throw JSONError(.trailingComma, offset: comma)
        }
        return false
    }
}
