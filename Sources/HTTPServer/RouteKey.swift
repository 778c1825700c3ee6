/// Which route a request was counted under: a registered template by its router number, or one of the
/// answers the server gives without a route. Metrics cache their handles by it instead of hashing strings.
enum RouteKey: Hashable, Sendable {
    /// A registered template, by ``Router``'s number for it.
    case registered(Int)
    /// No route matched (404, 501, a malformed path or query).
    case unmatched
    /// `OPTIONS *` (RFC 9110 §9.3.7).
    case asterisk
    /// A request that could not be parsed (a framing error).
    case invalid
    /// A request that did not arrive in time (408).
    case timeout
}
