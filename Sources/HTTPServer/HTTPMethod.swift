/// An HTTP request method: a case-sensitive token (RFC 9110 §9.1).
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token exactly as sent.
    public let rawValue: String

    /// Wraps a method token; validity is checked by the parser, not here.
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let trace = HTTPMethod(rawValue: "TRACE")
    public static let connect = HTTPMethod(rawValue: "CONNECT")
    public static let query = HTTPMethod(rawValue: "QUERY")

    /// Whether the method is in the IANA HTTP Method Registry. A registered method that a route
    /// lacks is a 405; a well-formed token the registry doesn't know is a 501 (RFC 9110 §9.1).
    public var isRegistered: Bool {
        switch rawValue {
        // The common methods first: small-string comparisons, no hashing on the hot path.
        case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS": true
        default: Self.registered.contains(rawValue)
        }
    }

    // https://www.iana.org/assignments/http-methods (RFC 9110, 5789, WebDAV, the QUERY draft).
    private static let registered: Set<String> = [
        "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD",
        "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE",
        "MOVE", "OPTIONS", "ORDERPATCH", "PATCH", "POST", "PRI", "PROPFIND", "PROPPATCH", "PUT", "QUERY",
        "REBIND", "REPORT", "SEARCH", "TRACE", "UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE",
        "UPDATEREDIRECTREF", "VERSION-CONTROL",
    ]
}
