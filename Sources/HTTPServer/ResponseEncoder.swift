internal import Glibc

/// Serialises responses into a connection's output buffer: status line, the handler's fields, then the
/// fields the server owns (`Date`, `Content-Length`, `Connection`, `X-Request-Id`), then the body, so that a
/// whole response leaves in one write.
///
/// One encoder belongs to each I/O queue; its `Date` value is formatted at most once a second (a formatter
/// call per request would cost more than the rest of the response).
struct ResponseEncoder {
    enum ConnectionField {
        case none
        case close
        case keepAlive
    }

    // Constant pieces as byte arrays: appending an array is a plain copy, a string's UTF-8 view is not.
    private static let colonSpace = Array(": ".utf8)
    private static let crlf = Array("\r\n".utf8)
    private static let contentLength = Array("Content-Length: ".utf8)
    private static let connectionClose = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive = Array("Connection: keep-alive\r\n".utf8)
    private static let requestID = Array("X-Request-Id: ".utf8)

    private var dateSecond = -1
    private var dateField: [UInt8] = []
    private var statusLines: [Int: (phrase: String, bytes: [UInt8])] = [:]

    /// Appends `response` to `output`; returns the number of body bytes written.
    mutating func encode(
        _ response: HTTPResponse,
        requestID: String,
        omitBody: Bool,
        connection: ConnectionField,
        into output: inout [UInt8]
    ) -> Int {
        refreshDate()
        appendStatusLine(response.status, to: &output)
        Self.appendFields(response.headers, to: &output)
        output.append(contentsOf: response.encodedHeaders.bytes)
        output.append(contentsOf: dateField)
        if !response.status.forbidsContent {
            output.append(contentsOf: Self.contentLength)
            output.append(contentsOf: String(response.body.count).utf8)
            output.append(contentsOf: Self.crlf)
        }
        switch connection {
        case .none: break
        case .close: output.append(contentsOf: Self.connectionClose)
        case .keepAlive: output.append(contentsOf: Self.connectionKeepAlive)
        }
        if !requestID.isEmpty {
            output.append(contentsOf: Self.requestID)
            output.append(contentsOf: requestID.utf8)
            output.append(contentsOf: Self.crlf)
        }
        output.append(contentsOf: Self.crlf)
        guard !omitBody, !response.status.forbidsContent else { return 0 }
        output.append(contentsOf: response.body)
        return response.body.count
    }

    /// Appends `headers` as field lines, leaving out the fields the server owns.
    static func appendFields(_ headers: HTTPHeaders, to output: inout [UInt8]) {
        for field in headers where !isServerOwned(field.name) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: colonSpace)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
    }

    private mutating func appendStatusLine(_ status: HTTPStatus, to output: inout [UInt8]) {
        if let cached = statusLines[status.code], cached.phrase == status.reasonPhrase {
            output.append(contentsOf: cached.bytes)
            return
        }
        let line = Array("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        statusLines[status.code] = (status.reasonPhrase, line)
        output.append(contentsOf: line)
    }

    /// Framing and connection management fields belong to the server, whatever a handler set.
    static func isServerOwned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase("date")
        case 10: name.equalsIgnoringASCIICase("connection")
        case 12: name.equalsIgnoringASCIICase("x-request-id")
        case 14: name.equalsIgnoringASCIICase("content-length")
        case 17: name.equalsIgnoringASCIICase("transfer-encoding")
        default: false
        }
    }

    private mutating func refreshDate() {
        let now = time(nil)
        guard now != dateSecond else { return }
        dateSecond = now
        dateField = Array("Date: \(Self.imfFixdate(now))\r\n".utf8)
    }

    /// RFC 9110 §5.6.7 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func imfFixdate(_ seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
