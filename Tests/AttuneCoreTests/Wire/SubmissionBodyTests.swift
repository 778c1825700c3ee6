import AttuneCore
import AttuneJSON
import Testing

/// `SubmissionJSON.decode(body:)`: one pass over the bytes for the usual body, and for every other body
/// exactly the result or errors of `JSONReader` followed by `SubmissionJSON.decode(_:)`.
@Suite struct SubmissionBodyTests {
    typealias Outcome = Result<PostedSubmission, SubmissionJSON.BodyError>

    static let answers =
        #"{"secure_base_1":0,"attunement_1":1.5,"trust_1":"often","acceptance_1":true,"repair_1":null,"x":-2e3}"#

    /// The benchmark's shape, with every member, optional ones included.
    static let usual =
        #"{"questionnaire":"relationship-profile","version":1,"client":"c-1","therapist":"t-bench","#
        + #""respondent":"client","session":1,"date":"2026-11-20","answers":"# + answers
        + #","scores":{"total":2.5,"trust":1},"supersedes":true}"#

    /// `usual` with one top-level member's raw JSON replaced (or removed with `nil`).
    static func with(_ key: String, _ raw: String?) -> String {
        let members: [(String, String)] = [
            ("questionnaire", #""relationship-profile""#), ("version", "1"), ("client", #""c-1""#),
            ("therapist", #""t-bench""#), ("respondent", #""client""#), ("session", "1"),
            ("date", #""2026-11-20""#), ("answers", answers), ("scores", #"{"total":2.5}"#),
            ("supersedes", "false"),
        ]
        var parts = members.compactMap { name, value in name == key ? nil : "\"\(name)\":\(value)" }
        if let raw { parts.append("\"\(key)\":\(raw)") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// The general path: parse, decode, answers and scores in input order.
    static func reference(_ body: [UInt8], limits: JSONReader.Limits = .init()) -> Outcome {
        let value: JSONValue
        do {
            value = try JSONReader(limits: limits).parse(body)
        } catch {
            return .failure(.malformed(error))
        }
        do {
            var result = try SubmissionJSON.decode(value)
            let order = value["answers"]?.objectValue?.keys ?? []
            result.answers.sort { order.firstIndex(of: $0.id) ?? 0 < order.firstIndex(of: $1.id) ?? 0 }
            let scoreOrder = value["scores"]?.objectValue?.keys ?? []
            result.scores?.sort {
                scoreOrder.firstIndex(of: $0.scale) ?? 0 < scoreOrder.firstIndex(of: $1.scale) ?? 0
            }
            return .success(result)
        } catch {
            return .failure(.invalid(error))
        }
    }

    static func decoded(_ body: [UInt8], limits: JSONReader.Limits = .init()) -> Outcome {
        Result { () throws(SubmissionJSON.BodyError) in try SubmissionJSON.decode(body: body, limits: limits) }
    }

    /// Checks that `text` decodes as the general path does, and returns the outcome.
    @discardableResult
    static func agrees(_ text: String, limits: JSONReader.Limits = .init()) -> Outcome {
        agrees(Array(text.utf8), limits: limits)
    }

    @discardableResult
    static func agrees(_ body: [UInt8], limits: JSONReader.Limits = .init()) -> Outcome {
        let outcome = decoded(body, limits: limits)
        #expect(outcome == reference(body, limits: limits), "\(String(decoding: body, as: UTF8.self))")
        return outcome
    }

    /// `pointer code` of a malformed body's error, or of each field problem.
    static func summary(_ outcome: Outcome) -> [String] {
        switch outcome {
        case .success: []
        case .failure(.malformed(let error)): ["\(error.pointer) \(error.code.rawValue)"]
        case .failure(.invalid(let problems)): problems.problems.map { "\($0.pointer) \($0.code.rawValue)" }
        }
    }

    @Test func decodesTheUsualBodyInInputOrder() throws {
        let posted = try Self.agrees(Self.usual).get()
        #expect(posted.answers.map(\.id) == ["secure_base_1", "attunement_1", "trust_1", "acceptance_1", "x"])
        #expect(posted.answers.map(\.value) == [0, 1.5, "often", true, -2000])
        #expect(posted.scores == [.init(scale: "total", value: 2.5), .init(scale: "trust", value: 1)])
        #expect(posted.version == 1 && posted.session == 1 && posted.supersedes && posted.respondent == .client)
        #expect(posted.client == "c-1" && posted.therapist == "t-bench" && posted.date == "2026-11-20")
    }

    @Test func acceptsWhatTheGeneralPathAccepts() throws {
        let accepted = [
            " \n{ \"questionnaire\" : \"q\" ,\"client\":\"c\",\"therapist\":\"t\",\"respondent\":\"therapist\","
                + "\"session\":1.0,\"date\":\"d\",\"answers\":{ } } \t",
            Self.with("version", "null"), Self.with("scores", "null"), Self.with("supersedes", "null"),
            Self.with("version", nil), Self.with("scores", nil), Self.with("scores", "{}"),
            Self.with("client", #""c\u002d\n\"é""#),
            // An escaped member name, and non-ASCII answer keys: the general path takes these.
            Self.usual.replacing(#""client""#, with: #""\u0063lient""#),
            Self.with("answers", #"{"é":1,"e\u0301x":2,"ß":"ü"}"#),
            Self.with("answers", "{" + (0..<300).map { "\"q\($0)\":\($0)" }.joined(separator: ",") + "}"),
            Self.with("session", "1e2"), Self.with("version", "1000000"),
        ]
        for text in accepted {
            #expect(throws: Never.self, "\(text)") { try Self.agrees(text).get() }
        }
    }

    /// One-digit answers are read without the general number parser; every neighbouring form must still
    /// read (or be refused) exactly as the general path does, and long keys must still be told apart.
    @Test func readsEveryNumberFormAsTheGeneralPathDoes() {
        let forms = [
            "0", "4", "9", "0 ", "4\n", "10", "04", "0.5", "4.", "4e1", "4E-1", "4x", "-0", "-4", "0e0", "3.0",
        ]
        for form in forms {
            Self.agrees(Self.with("answers", "{\"secure_base_1\":" + form + "}"))
            Self.agrees(Self.with("answers", "{\"a\":1,\"secure_base_1\":" + form + ",\"b\":2}"))
        }
        Self.agrees(Self.with("answers", #"{"cultural_humility_1":1,"cultural_humility_2":2,"cultural_humility_1":3}"#))
        Self.agrees(Self.with("answers", #"{"a\u0062":1,"ab":2}"#))
    }

    @Test func refusesMalformedBodiesWithTheSamePointers() {
        let refused: [(String, String)] = [
            (Self.usual.replacing(#""date""#, with: #""client":"c2","date""#), "/client duplicateKey"),
            (Self.with("answers", #"{"a":1,"b":2,"a":3}"#), "/answers/a duplicateKey"),
            // K and U+212A KELVIN SIGN are one key to Swift.
            (Self.with("answers", #"{"K1":1,"\u212A1":2}"#), "/answers/\u{212A}1 duplicateKey"),
            (Self.with("extra", #"{"x":{"y":1,"y":2}}"#), "/extra/x/y duplicateKey"),
            (Self.with("scores", #"{"total":1,"total":2}"#), "/scores/total duplicateKey"),
            (Self.with("session", "1e999"), "/session numberOutOfRange"),
            (Self.with("answers", #"{"a":-1e400}"#), "/answers/a numberOutOfRange"),
            (Self.with("answers", #"{"a":01}"#), "/answers/a invalidNumber"),
            (Self.with("answers", #"{"a":1,}"#), "/answers trailingComma"),
            (Self.with("answers", #"{"a":tru}"#), "/answers/a invalidLiteral"),
            (Self.with("client", #""\x""#), "/client invalidEscape"),
            (Self.usual + " x", " trailingContent"),
            (String(Self.usual.dropLast()), " unexpectedEndOfInput"),
        ]
        for (text, expected) in refused {
            #expect(Self.summary(Self.agrees(text)) == [expected], "\(text)")
        }
        var invalidUTF8 = Array(Self.with("client", #""c-\#u{FF}""#).utf8)
        invalidUTF8 = invalidUTF8.replacing([0xC3, 0xBF], with: [0xFF])
        #expect(Self.summary(Self.agrees(invalidUTF8)) == ["/client invalidUTF8"])
        let answersAtDepthTwo = Self.agrees(Self.usual, limits: JSONReader.Limits(maxDepth: 1))
        #expect(Self.summary(answersAtDepthTwo) == ["/answers depthLimitExceeded"])
        let fewElements = Self.agrees(Self.with("answers", #"{"a":1,"b":2}"#), limits: .init(maxElements: 1))
        #expect(Self.summary(fewElements) == [" tooManyElements"])
    }

    @Test func reportsEveryFieldProblemAtOnce() {
        let text =
            #"{"questionnaire":1,"version":0,"client":null,"respondent":"robot","session":1.5,"#
            + #""date":"d","answers":{"a":[1],"b":{},"c":2},"scores":{"s":"x"},"supersedes":1,"extra":true}"#
        #expect(
            Self.summary(Self.agrees(text)) == [
                "/questionnaire wrongType", "/version outOfRange", "/client wrongType", "/therapist missingField",
                "/respondent invalidValue", "/session notInteger", "/answers/a wrongType", "/answers/b wrongType",
                "/scores/s wrongType", "/supersedes wrongType", "/extra unknownField",
            ]
        )
        #expect(Self.summary(Self.agrees("[]")) == [" wrongType"])
        #expect(Self.summary(Self.agrees(Self.with("answers", nil))) == ["/answers missingField"])
        #expect(Self.summary(Self.agrees(Self.with("version", "2.5"))) == ["/version notInteger"])
        #expect(Self.summary(Self.agrees(Self.with("session", "100001"))) == ["/session outOfRange"])
    }
}
