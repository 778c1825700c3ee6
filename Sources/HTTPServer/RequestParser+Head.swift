extension RequestParser {
    /// Builds the request from the request line and header field lines (RFC 9112 §3, §5).
    mutating func makeRequest(requestLine line: Range<Int>) throws(HTTPParseError) -> HTTPRequest {
        let (method, target, version) = try parseRequestLine(line)
        var headers = HTTPHeaders(minimumCapacity: headerLines.count)
        var framing = Framing()
        for fieldLine in headerLines {
            let (name, value) = try parseFieldLine(fieldLine)
            try framing.note(name: name, value: value, bytes: buffer)
            headers.add(
                name: String(decoding: buffer[name], as: UTF8.self),
                value: String(decoding: buffer[value], as: UTF8.self)
            )
        }
        if version == .http1_1 && framing.hostCount != 1 { throw .invalidHost }
        if framing.hostCount > 1 { throw .invalidHost }
        var request = HTTPRequest(method: method, target: target, version: version, headers: headers)
        request.isKeepAlive = version == .http1_1 ? !framing.closeRequested : framing.keepAliveRequested
        framingOfCurrentRequest = framing
        return request
    }

    /// Decides how the body is framed and moves to the matching state (RFC 9112 §6.3).
    mutating func beginBody(of request: HTTPRequest) throws(HTTPParseError) {
        let framing = framingOfCurrentRequest
        if framing.hasTransferEncoding {
            // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 is faulty framing.
            guard request.version == .http1_1 else { throw .invalidTransferEncoding }
            guard framing.contentLength == nil else { throw .contentLengthWithTransferEncoding }
            guard framing.isChunked else { throw .invalidTransferEncoding }
            state = .chunked(request, .size)
        } else if let length = framing.contentLength, length > 0 {
            // Refused before any of the body is read: the client may not have sent it yet.
            guard length <= limits.maxBodyBytes else { throw .contentTooLarge }
            state = .body(request, remaining: length)
        } else {
            state = .head
        }
        pendingContinue = framing.expectsContinue && request.version == .http1_1
    }

    private func parseRequestLine(_ line: Range<Int>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        let space = UInt8(ascii: " ")
        guard let firstSpace = buffer[line].firstIndex(of: space) else { throw .invalidRequestLine }
        let methodBytes = line.lowerBound..<firstSpace
        guard !methodBytes.isEmpty, buffer[methodBytes].allSatisfy(HTTPSyntax.isTokenByte) else {
            throw .invalidMethod
        }
        let rest = (firstSpace + 1)..<line.upperBound
        guard let secondSpace = buffer[rest].firstIndex(of: space) else { throw .invalidRequestLine }
        let targetBytes = rest.lowerBound..<secondSpace
        let versionBytes = (secondSpace + 1)..<line.upperBound
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        // RFC 3986 characters only: visible US-ASCII, no whitespace, controls or obs-text.
        guard buffer[targetBytes].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidTarget }
        let version = try parseVersion(versionBytes)
        let method =
            Self.commonMethod(buffer[methodBytes])
            ?? HTTPMethod(rawValue: String(decoding: buffer[methodBytes], as: UTF8.self))
        let target = String(decoding: buffer[targetBytes], as: UTF8.self)
        try checkTargetForm(target, method: method)
        return (method, target, version)
    }

    /// The shared constant for the usual methods: no string is built for them per request.
    private static func commonMethod(_ bytes: ArraySlice<UInt8>) -> HTTPMethod? {
        switch bytes.count {
        case 3:
            if HTTPSyntax.equals(bytes, "GET") { return .get }
            if HTTPSyntax.equals(bytes, "PUT") { return .put }
        case 4:
            if HTTPSyntax.equals(bytes, "POST") { return .post }
            if HTTPSyntax.equals(bytes, "HEAD") { return .head }
        case 6:
            if HTTPSyntax.equals(bytes, "DELETE") { return .delete }
        default:
            break
        }
        return nil
    }

    private func parseVersion(_ bytes: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let version = buffer[bytes]
        let start = bytes.lowerBound
        // Byte comparisons: the generic `starts(with:)` over a UTF-8 view showed up per request in callgrind.
        guard version.count == 8, buffer[start] == UInt8(ascii: "H"), buffer[start + 1] == UInt8(ascii: "T"),
            buffer[start + 2] == UInt8(ascii: "T"), buffer[start + 3] == UInt8(ascii: "P"),
            buffer[start + 4] == UInt8(ascii: "/"),
            let major = HTTPSyntax.digitValue(version[bytes.lowerBound + 5]),
            version[bytes.lowerBound + 6] == UInt8(ascii: "."),
            let minor = HTTPSyntax.digitValue(version[bytes.lowerBound + 7])
        else { throw .invalidVersion }
        guard major == 1 else { throw .unsupportedVersion }
        // RFC 9110 §2.5: a higher 1.x minor version is answered as the highest we support.
        return minor == 0 ? .http1_0 : .http1_1
    }

    /// RFC 9112 §3.2: origin-form, absolute-form, authority-form (CONNECT) or asterisk-form (OPTIONS).
    private func checkTargetForm(_ target: String, method: HTTPMethod) throws(HTTPParseError) {
        if target.hasPrefix("/") { return }
        if target == "*" {
            guard method == .options else { throw .invalidTarget }
            return
        }
        let lowered = target.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return }
        if method == .connect { return }
        throw .invalidTarget
    }

    /// Splits a field line into name and trimmed value ranges (RFC 9112 §5.1, RFC 9110 §5.5).
    private func parseFieldLine(_ line: Range<Int>) throws(HTTPParseError) -> (Range<Int>, Range<Int>) {
        let first = buffer[line.lowerBound]
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { throw .obsoleteLineFolding }
        var index = line.lowerBound
        while index < line.upperBound, HTTPSyntax.isTokenByte(buffer[index]) { index += 1 }
        // Anything but a colon right after the name (space, missing colon, invalid byte) is an error.
        guard index > line.lowerBound, index < line.upperBound, buffer[index] == UInt8(ascii: ":") else {
            throw .invalidHeaderField
        }
        let name = line.lowerBound..<index
        var valueStart = index + 1
        var valueEnd = line.upperBound
        for position in valueStart..<valueEnd where !HTTPSyntax.isFieldValueByte(buffer[position]) {
            throw .invalidHeaderValue
        }
        while valueStart < valueEnd, HTTPSyntax.isWhitespace(buffer[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, HTTPSyntax.isWhitespace(buffer[valueEnd - 1]) { valueEnd -= 1 }
        return (name, valueStart..<valueEnd)
    }
}
