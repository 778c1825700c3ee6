import AttuneTesting
import Testing

@testable import HTTPServer

/// Thousands of seeded random and mutated requests into the parser: it never crashes, every feed ends in
/// requests, an error or a need-more state, and the outcome doesn't depend on how the bytes were cut.
@Suite(.timeLimit(.minutes(1))) struct RobustnessTests {
    static let seed: UInt64 = 0x00A7_7C0E_2025_0001
    static let parserCases = 10000

    @Test func parserOutcomeDoesNotDependOnHowBytesArrive() {
        var fuzzer = RequestFuzzer(seed: Self.seed)
        var cutter = SplitMix64(seed: Self.seed ^ 0xFFFF)
        var tally = (requests: 0, errors: 0, waiting: 0)
        for index in 0..<Self.parserCases {
            let bytes = fuzzer.next()
            let whole = ParseOutcome(feeding: [bytes[...]], limits: .init())
            let chunked = ParseOutcome(feeding: cutter.split(bytes), limits: .init())
            #expect(chunked == whole, "case \(index): \(Self.show(bytes))")
            if index % 4 == 0 {
                let byteByByte = ParseOutcome(feeding: FeedMode.byteByByte.pieces(of: bytes), limits: .init())
                #expect(byteByByte == whole, "case \(index) byte by byte: \(Self.show(bytes))")
            }
            #expect(!(whole.error != nil && whole.isWaitingForMore), "case \(index)")
            for request in whole.requests {
                let violations = Self.violations(of: request, limits: .init())
                #expect(violations.isEmpty, "case \(index): \(violations) in \(Self.show(bytes))")
            }
            if !whole.requests.isEmpty { tally.requests += 1 }
            if whole.error != nil { tally.errors += 1 }
            if whole.isWaitingForMore { tally.waiting += 1 }
        }
        // The generator must exercise all three endings, or the property says little.
        #expect(tally.requests > Self.parserCases / 10, "\(tally)")
        #expect(tally.errors > Self.parserCases / 10, "\(tally)")
        #expect(tally.waiting > Self.parserCases / 20, "\(tally)")
    }

    @Test func parserSurvivesNoiseUnderTinyLimits() {
        var fuzzer = RequestFuzzer(seed: Self.seed &+ 1)
        let tiny = RequestParser.Limits(maxRequestLineBytes: 24, maxHeaderBytes: 40, maxHeaderCount: 2, maxBodyBytes: 8)
        for index in 0..<2000 {
            let bytes = fuzzer.next()
            let outcome = ParseOutcome(feeding: fuzzer.random.split(bytes), limits: tiny)
            for request in outcome.requests {
                let violations = Self.violations(of: request, limits: tiny)
                #expect(violations.isEmpty, "case \(index): \(violations) in \(Self.show(bytes))")
            }
        }
    }

    /// What RFC 9110/9112 and the limits guarantee of every request the parser accepts.
    static func violations(of request: ParsedRequest, limits: RequestParser.Limits) -> [String] {
        var problems: [String] = []
        if request.method.isEmpty || !request.method.utf8.allSatisfy(HTTPSyntax.isTokenByte) {
            problems.append("method")
        }
        if request.target.isEmpty || !request.target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            problems.append("target")
        }
        if request.version != .http1_0 && request.version != .http1_1 { problems.append("version") }
        for field in request.headers {
            if field.name.isEmpty || !field.name.utf8.allSatisfy(HTTPSyntax.isTokenByte) { problems.append("name") }
            if !field.value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) { problems.append("value bytes") }
            if let first = field.value.utf8.first, HTTPSyntax.isWhitespace(first) { problems.append("value untrimmed") }
            if let last = field.value.utf8.last, HTTPSyntax.isWhitespace(last) { problems.append("value untrimmed") }
        }
        let names = request.headers.map { $0.name.lowercased() }
        let hosts = names.filter { $0 == "host" }.count
        if hosts > 1 || (request.version == .http1_1 && hosts != 1) { problems.append("host count \(hosts)") }
        let lengths = request.headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        let codings = request.headers.filter { $0.name.lowercased() == "transfer-encoding" }.map(\.value)
        if !lengths.isEmpty && !codings.isEmpty { problems.append("CL and TE") }
        if !codings.isEmpty && request.version != .http1_1 { problems.append("TE on 1.0") }
        let declared = Set(lengths.flatMap { $0.split(separator: ",") }.map { Int($0.trimmingWhitespace) })
        if declared.count > 1 || declared.contains(nil) { problems.append("malformed or differing CL") }
        if let length = declared.first, length != request.body.count { problems.append("body != CL") }
        if lengths.isEmpty && codings.isEmpty && !request.body.isEmpty { problems.append("body without framing") }
        if request.body.count > limits.maxBodyBytes { problems.append("body over limit") }
        if request.headers.count > limits.maxHeaderCount { problems.append("too many fields") }
        return problems
    }

    /// Bytes as a Swift-escaped string, to paste into a regression test.
    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).debugDescription
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
