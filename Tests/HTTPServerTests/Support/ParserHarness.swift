import Testing

@testable import HTTPServer

/// How bytes reach the parser: all at once, in fixed pieces, or one at a time (NIO's `HTTPDecoderTesting`).
enum FeedMode: CaseIterable, CustomStringConvertible {
    case whole
    case sevenByteChunks
    case byteByByte

    var description: String {
        switch self {
        case .whole: "whole"
        case .sevenByteChunks: "7-byte chunks"
        case .byteByByte: "byte by byte"
        }
    }

    /// The byte stream cut the way this mode delivers it.
    func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let size =
            switch self {
            case .whole: max(bytes.count, 1)
            case .sevenByteChunks: 7
            case .byteByByte: 1
            }
        return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }
}

/// What the parser made of a request, in a form tests can compare.
struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: [HTTPHeaders.Field]
    var body: [UInt8]
    var isKeepAlive: Bool

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        query = request.query
        version = request.version
        headers = Array(request.headers)
        body = request.body
        isKeepAlive = request.isKeepAlive
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    var description: String {
        "\(method) \(target) \(version) \(headers.map { "\($0.name): \($0.value)" }) body=\(body.count)B"
    }
}

/// Everything a feed ends in: the requests completed, then an error or a need-more state.
struct ParseOutcome: Equatable {
    var requests: [ParsedRequest]
    var error: HTTPParseError?
    /// Whether bytes of an unfinished request are buffered (need-more); false after an error.
    var isWaitingForMore: Bool

    /// Feeds `bytes` to a fresh parser as `pieces` describes.
    init(feeding pieces: [ArraySlice<UInt8>], limits: RequestParser.Limits) {
        var parser = RequestParser(limits: limits)
        requests = []
        error = nil
        // append + next rather than feed: feed drops the requests it completed before throwing.
        do {
            for piece in pieces {
                parser.append(piece)
                while let request = try parser.next() { requests.append(ParsedRequest(request)) }
            }
        } catch {
            self.error = error
        }
        isWaitingForMore = error == nil && !parser.isAtRequestBoundary
    }
}

/// Parses `bytes` in every ``FeedMode``, expects the three outcomes to be identical, and returns it.
func parseInEveryMode(
    _ bytes: [UInt8],
    limits: RequestParser.Limits = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParseOutcome {
    let whole = ParseOutcome(feeding: FeedMode.whole.pieces(of: bytes), limits: limits)
    for mode in FeedMode.allCases where mode != .whole {
        let outcome = ParseOutcome(feeding: mode.pieces(of: bytes), limits: limits)
        #expect(outcome == whole, "fed \(mode) vs whole", sourceLocation: sourceLocation)
    }
    return whole
}

func parseInEveryMode(
    _ text: String,
    limits: RequestParser.Limits = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParseOutcome {
    parseInEveryMode(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

/// A request head from its lines: `request("GET / HTTP/1.1", "Host: a")` is
/// `"GET / HTTP/1.1\r\nHost: a\r\n\r\n"`; `body` follows the blank line.
func request(_ lines: String..., body: String = "") -> String {
    lines.joined(separator: "\r\n") + "\r\n\r\n" + body
}
