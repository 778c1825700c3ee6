internal import AttuneJSON

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
    /// A URI reference for this occurrence; the server fills in the request id when it is nil.
    public var instance: String?
    /// Extension members as already-encoded JSON values, in order (RFC 9457 §3.2).
    public var extensions: [(name: String, json: String)]
    /// Extra header fields sent with the problem (`Allow`, `Retry-After`, `WWW-Authenticate`).
    public var headers: HTTPHeaders

    /// A problem; the title defaults to the status's reason phrase.
    public init(
        status: HTTPStatus,
        type: String = "about:blank",
        instance: String? = nil,
        title: String? = nil,
        detail: String? = nil,
        extensions: [(name: String, json: String)] = [],
        headers: HTTPHeaders = [:]
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status
        self.detail = detail
        self.instance = instance
        self.extensions = extensions
        self.headers = headers
    }

    /// The problem encoded as JSON.
    public var jsonBytes: [UInt8] {
        var json = "{\"type\":\(Self.quoted(type)),\"title\":\(Self.quoted(title)),\"status\":\(status.code)"
        if let detail { json += ",\"detail\":\(Self.quoted(detail))" }
        if let instance { json += ",\"instance\":\(Self.quoted(instance))" }
        for (name, value) in extensions { json += ",\(Self.quoted(name)):\(value)" }
        json += "}"
        return Array(json.utf8)
    }

    public func makeResponse() -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: headers, body: jsonBytes)
        response.headers["Content-Type"] = "application/problem+json"
        return response
    }

    /// Encodes `text` as a JSON string literal (RFC 8259 §7), with the escapes ``JSONWriter`` writes.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(reservingCapacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension HTTPResponse {
    /// A problem response made specific to its request: `about:blank` becomes the type that
    /// ``Server/Configuration/problemTypes`` names for the status, and `instance` (RFC 9457 §3.1.5) the
    /// request id unless the problem has one. Every other response is returned unchanged.
    func completingProblem(requestID: String, types: [Int: String]) -> HTTPResponse {
        guard status.code >= 400, body.last == UInt8(ascii: "}"),
            headers["Content-Type"] == "application/problem+json"
        else { return self }
        var response = self
        let blank = Array(#"{"type":"about:blank""#.utf8)
        if let type = types[status.code], body.starts(with: blank) {
            response.body =
                Array(#"{"type":"#.utf8) + Array(ProblemDetails.quoted(type).utf8)
                + body[blank.count...]
        }
        let member = Array(#""instance":"#.utf8)
        if !requestID.isEmpty, !response.body.isEmpty, !Self.contains(response.body, member) {
            response.body.removeLast()
            response.body.append(contentsOf: ",".utf8)
            response.body.append(contentsOf: member)
            response.body.append(contentsOf: ProblemDetails.quoted(requestID).utf8)
            response.body.append(UInt8(ascii: "}"))
        }
        return response
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
