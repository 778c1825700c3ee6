/// What the framing-relevant header fields of one request said (RFC 9112 §6, §9.3; RFC 9110 §7.2, §10.1.1).
struct Framing: Sendable {
    var contentLength: Int?
    var hasTransferEncoding = false
    var isChunked = false
    var hostCount = 0
    var closeRequested = false
    var keepAliveRequested = false
    var expectsContinue = false

    /// Takes one field into account; throws on a conflicting or malformed framing field.
    mutating func note(name: Range<Int>, value: Range<Int>, bytes: [UInt8]) throws(HTTPParseError) {
        let nameBytes = bytes[name]
        let valueBytes = bytes[value]
        switch nameBytes.count {
        case 4 where HTTPSyntax.equalsLowercased(nameBytes, "host"):
            hostCount += 1
            guard valueBytes.allSatisfy(HTTPSyntax.isHostByte) else { throw .invalidHost }
        case 14 where HTTPSyntax.equalsLowercased(nameBytes, "content-length"):
            try noteContentLength(valueBytes)
        case 17 where HTTPSyntax.equalsLowercased(nameBytes, "transfer-encoding"):
            try noteTransferEncoding(valueBytes)
        case 10 where HTTPSyntax.equalsLowercased(nameBytes, "connection"):
            for option in HTTPSyntax.listElements(valueBytes) {
                if HTTPSyntax.equalsLowercased(option, "close") { closeRequested = true }
                if HTTPSyntax.equalsLowercased(option, "keep-alive") { keepAliveRequested = true }
            }
        case 6 where HTTPSyntax.equalsLowercased(nameBytes, "expect"):
            guard HTTPSyntax.equalsLowercased(valueBytes, "100-continue") else { throw .unsupportedExpectation }
            expectsContinue = true
        default:
            break
        }
    }

    // RFC 9112 §6.3: repeated identical values may be accepted; differing ones are an error.
    private mutating func noteContentLength(_ value: ArraySlice<UInt8>) throws(HTTPParseError) {
        let elements = HTTPSyntax.listElements(value, keepingEmpty: true)
        guard !elements.isEmpty else { throw .invalidContentLength }
        for element in elements {
            guard !element.isEmpty, element.count <= 18 else { throw .invalidContentLength }
            var length = 0
            for byte in element {
                guard let digit = HTTPSyntax.digitValue(byte) else { throw .invalidContentLength }
                length = length * 10 + digit
            }
            if let contentLength, contentLength != length { throw .invalidContentLength }
            contentLength = length
        }
    }

    // RFC 9112 §6.1: chunked must be the final coding and applied once; we implement no other coding.
    private mutating func noteTransferEncoding(_ value: ArraySlice<UInt8>) throws(HTTPParseError) {
        let codings = HTTPSyntax.listElements(value, keepingEmpty: true)
        hasTransferEncoding = true
        for coding in codings {
            guard !coding.isEmpty else { throw .invalidTransferEncoding }
            guard HTTPSyntax.equalsLowercased(coding, "chunked") else { throw .unsupportedTransferCoding }
            if isChunked { throw .invalidTransferEncoding }
            isChunked = true
        }
        if codings.isEmpty { throw .invalidTransferEncoding }
    }
}
