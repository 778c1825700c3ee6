/// An RFC 9457 problem details object, served as `application/problem+json`.
public struct ProblemDetails: Sendable, Error, HTTPResponseConvertible {
    /// A URI reference naming the problem type; `about:blank` means "see the status" (RFC 9457 §4.2.1).
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status.
    public var status: HTTPStatus
    /// A human explanation of this occurrence. Never put client data here.
    public var detail: String?
    /// Extension members as already-encoded JSON values, in order (RFC 9457 §3.2).
    public var extensions: [(name: String, json: String)]
    /// Extra header fields sent with the problem (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPHeaders

    /// A problem; the title defaults to the status's reason phrase.
    public init(
        status: HTTPStatus,
        type: String = "about:blank",
        title: String? = nil,
        detail: String? = nil,
        extensions: [(name: String, json: String)] = [],
        headers: HTTPHeaders = [:]
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status
        self.detail = detail
        self.extensions = extensions
        self.headers = headers
    }

    /// The problem encoded as JSON.
    public var jsonBytes: [UInt8] {
        var json = "{\"type\":\(Self.quoted(type)),\"title\":\(Self.quoted(title)),\"status\":\(status.code)"
        if let detail { json += ",\"detail\":\(Self.quoted(detail))" }
        for (name, value) in extensions { json += ",\(Self.quoted(name)):\(value)" }
        json += "}"
        return Array(json.utf8)
    }

    public func makeResponse() -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: headers, body: jsonBytes)
        response.headers["Content-Type"] = "application/problem+json"
        return response
    }

    /// Encodes `text` as a JSON string literal (RFC 8259 §7).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
