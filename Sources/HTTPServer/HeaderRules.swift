/// Rules on header fields that protect the server and whatever stands in front of it.
enum HeaderRules {
    /// The first field of `names` that `headers` carries more than once, if any. A proxy that reads the last
    /// `Authorization` and a server that reads the first would disagree about who is calling.
    static func repeatedSingleton(in headers: HTTPHeaders, names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        // One pass over the fields; a length check first, so most pairs cost one comparison.
        var seen: UInt64 = 0
        for field in headers {
            let length = field.name.utf8.count
            for (index, name) in names.prefix(64).enumerated()
            where name.utf8.count == length && field.name.equalsIgnoringASCIICase(name) {
                let bit: UInt64 = 1 << UInt64(index)
                if seen & bit != 0 { return name }
                seen |= bit
            }
        }
        return nil
    }

    /// Whether every field a handler set can be sent as is: names are tokens, and values carry no CR, LF or
    /// NUL (RFC 9110 §5.5), so that a handler's bug can never split a response or forge one.
    static func areSendable(_ response: HTTPResponse) -> Bool {
        for field in response.headers {
            guard isToken(field.name), isSafeValue(field.value) else { return false }
        }
        return response.encodedHeaders.isSendable
    }

    /// Reads the bytes in place (native strings are contiguous): iterating a `String.UTF8View` costs
    /// several times as much per byte, and this runs for every field of every response.
    @inline(__always)
    private static func isToken(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in !bytes.isEmpty && bytes.allSatisfy(HTTPSyntax.isTokenByte) }
    }

    @inline(__always)
    private static func isSafeValue(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 && (byte == 0x0D || byte == 0x0A || byte == 0x00) { return false }
            return true
        }
    }
}
