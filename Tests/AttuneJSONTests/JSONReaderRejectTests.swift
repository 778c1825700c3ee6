import AttuneJSON
import Testing

@Suite struct JSONReaderRejectTests {
    /// One refused input: the exact code, byte offset and pointer expected.
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let code: JSONError.Code
        let offset: Int
        let pointer: String

        init(_ text: String, _ code: JSONError.Code, at offset: Int, _ pointer: String = "") {
            self.text = text
            self.code = code
            self.offset = offset
            self.pointer = pointer
        }

        var testDescription: String { "\(text.debugDescription) → \(code)" }
    }

    static let structure: [Case] = [
        Case("", .unexpectedEndOfInput, at: 0),
        Case("   ", .unexpectedEndOfInput, at: 3),
        Case("[1,", .unexpectedEndOfInput, at: 3, "/1"),
        Case("{", .unexpectedEndOfInput, at: 1),
        Case(#"{"a""#, .unexpectedEndOfInput, at: 4, "/a"),
        Case(#"{"a":"#, .unexpectedEndOfInput, at: 5, "/a"),
        Case("[1,]", .trailingComma, at: 2),
        Case(#"{"a":1,}"#, .trailingComma, at: 6),
        Case("[1 , ]", .trailingComma, at: 3),
        Case("[1 2]", .expectedCommaOrEnd, at: 3),
        Case(#"{"a":1 "b":2}"#, .expectedCommaOrEnd, at: 7),
        Case("[truex]", .expectedCommaOrEnd, at: 5),
        Case(#"{"a" 1}"#, .expectedColon, at: 5, "/a"),
        Case("{a:1}", .expectedKey, at: 1),
        Case("{'a':1}", .expectedKey, at: 1),
        Case(#"{"a":1,2:3}"#, .expectedKey, at: 7),
        Case("['a']", .expectedValue, at: 1, "/0"),
        Case("[1] x", .trailingContent, at: 4),
        Case("1 2", .trailingContent, at: 2),
        Case("nulll", .trailingContent, at: 4),
        Case("// comment\n1", .expectedValue, at: 0),
        Case("/* c */ 1", .expectedValue, at: 0),
        Case("[1,/*x*/2]", .expectedValue, at: 3, "/1"),
        Case("\u{C}1", .expectedValue, at: 0),
        Case("\u{A0}1", .expectedValue, at: 0),
        Case("tru", .invalidLiteral, at: 0),
        Case("nul", .invalidLiteral, at: 0),
        Case("[fals]", .invalidLiteral, at: 1, "/0"),
        Case("True", .expectedValue, at: 0),
        Case("NaN", .expectedValue, at: 0),
        Case("Infinity", .expectedValue, at: 0),
        Case("undefined", .expectedValue, at: 0),
        Case(#"{"a/b":{"c~d":[}}"#, .expectedValue, at: 15, "/a~1b/c~0d/0"),
    ]

    static let numbers: [Case] = [
        Case("01", .invalidNumber, at: 0),
        Case("-01", .invalidNumber, at: 0),
        Case("[00]", .invalidNumber, at: 1, "/0"),
        Case("1.", .invalidNumber, at: 0),
        Case("1.e5", .invalidNumber, at: 0),
        Case("-", .invalidNumber, at: 0),
        Case("-a", .invalidNumber, at: 0),
        Case("1e", .invalidNumber, at: 0),
        Case("1e+", .invalidNumber, at: 0),
        Case("-Infinity", .invalidNumber, at: 0),
        Case(".5", .expectedValue, at: 0),
        Case("+1", .expectedValue, at: 0),
        Case("0x10", .trailingContent, at: 1),
        Case("1e309", .numberOutOfRange, at: 0),
        Case("-1e400", .numberOutOfRange, at: 0),
        Case("1.8e308", .numberOutOfRange, at: 0),
        Case(#"{"n":[1, 1.8e308]}"#, .numberOutOfRange, at: 9, "/n/1"),
        Case(String(repeating: "9", count: 400), .numberOutOfRange, at: 0),
    ]

    static let strings: [Case] = [
        Case(#""abc"#, .unexpectedEndOfInput, at: 4),
        Case(#""\"#, .unexpectedEndOfInput, at: 2),
        Case("\"a\u{1}b\"", .controlCharacterInString, at: 2),
        Case("\"a\tb\"", .controlCharacterInString, at: 2),
        Case("\"a\nb\"", .controlCharacterInString, at: 2),
        Case("\"\\n\u{1F}\"", .controlCharacterInString, at: 3),
        Case(#""\x""#, .invalidEscape, at: 1),
        Case(#""\'""#, .invalidEscape, at: 1),
        Case(#""ok\U0041""#, .invalidEscape, at: 3),
        Case(#""\u12""#, .invalidUnicodeEscape, at: 1),
        Case(#""\u12G4""#, .invalidUnicodeEscape, at: 1),
        Case(#""\u""#, .invalidUnicodeEscape, at: 1),
        Case(#""\uD800""#, .unpairedSurrogate, at: 1),
        Case(#""\uDC00""#, .unpairedSurrogate, at: 1),
        Case(#""\uDBFF\uDBFF""#, .unpairedSurrogate, at: 1),
        Case(#""\uD800\u0041""#, .unpairedSurrogate, at: 1),
        Case(#""\uD800\n""#, .unpairedSurrogate, at: 1),
        Case(#""a\uDE00\uD83D""#, .unpairedSurrogate, at: 2),
        Case(#"{"k":["\uD800"]}"#, .unpairedSurrogate, at: 7, "/k/0"),
    ]

    static let duplicates: [Case] = [
        Case(#"{"a":1,"a":2}"#, .duplicateKey, at: 7, "/a"),
        Case(#"{"a":{"b":1,"b":2}}"#, .duplicateKey, at: 12, "/a/b"),
        Case(#"[{"x":1},{"x":1,"x":2}]"#, .duplicateKey, at: 16, "/1/x"),
        Case(#"{"a":1,"\u0061":2}"#, .duplicateKey, at: 7, "/a"),
        Case(#"{"a/b":1,"a\/b":2}"#, .duplicateKey, at: 9, "/a~1b"),
        // Canonically equivalent names (é precomposed and decomposed) are refused: see JSONObject.
        Case(#"{"\u00e9":1,"e\u0301":2}"#, .duplicateKey, at: 12, "/e\u{301}"),
        Case(#"{"K":1,"\u212A":2}"#, .duplicateKey, at: 7, "/\u{212A}"),
    ]

    @Test(arguments: structure + numbers + strings + duplicates)
    func refusesWithExactCodeOffsetAndPointer(_ refused: Case) {
        let error = readerError(refused.text)
        #expect(error?.code == refused.code)
        #expect(error?.offset == refused.offset)
        #expect(error?.pointer.utf8.elementsEqual(refused.pointer.utf8) == true, "\(String(describing: error))")
    }

    @Test func refusesAByteOrderMark() {
        #expect(readerError([0xEF, 0xBB, 0xBF] + Array("1".utf8)) == JSONError(.expectedValue, offset: 0))
    }

    @Test func findsDuplicatesInLargeObjectsThroughTheSetPath() {
        let members = (0..<40).map { "\"k\($0)\":\($0)" } + ["\"k5\":0"]
        let text = "{" + members.joined(separator: ",") + "}"
        let offset = text.utf8.count - 7
        #expect(readerError(text) == JSONError(.duplicateKey, offset: offset, pointer: "/k5"))
        #expect(readerError("{" + members.dropLast().joined(separator: ",") + "}") == nil)
    }

    @Test func refusesNestingOneLevelBeyondTheDepthLimit() {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let pointer = String(repeating: "/0", count: 64)
        #expect(readerError(text) == JSONError(.depthLimitExceeded, offset: 64, pointer: pointer))
        // A hostile depth stops at the limit instead of recursing a million times.
        #expect(readerError(String(repeating: "[", count: 1_000_000))?.code == .depthLimitExceeded)
    }

    @Test func enforcesConfiguredLimits() {
        let limits = JSONReader.Limits(maxDepth: 2, maxStringLength: 3, maxElements: 2)
        #expect(
            readerError(#"{"a":{"b":{}}}"#, limits: limits)
                == JSONError(.depthLimitExceeded, offset: 10, pointer: "/a/b")
        )
        #expect(readerError(#"["abcd"]"#, limits: limits) == JSONError(.stringTooLong, offset: 1, pointer: "/0"))
        #expect(readerError(#"{"abcd":1}"#, limits: limits) == JSONError(.stringTooLong, offset: 1))
        #expect(readerError(#"["a\u0041b"]"#, limits: limits) == JSONError(.stringTooLong, offset: 1, pointer: "/0"))
        #expect(readerError("[1,2,3]", limits: limits) == JSONError(.tooManyElements, offset: 5))
        #expect(readerError(#"{"a":1,"b":2,"c":3}"#, limits: limits) == JSONError(.tooManyElements, offset: 13))
    }

    @Test func clampsTheDepthLimitToTheCeiling() {
        #expect(JSONReader.Limits(maxDepth: 1_000_000).maxDepth == JSONReader.Limits.depthCeiling)
        #expect(JSONReader.Limits(maxDepth: 0).maxDepth == 1)
    }

    @Test func messagesNeverQuoteTheInput() {
        let secret = "c-0193-secret"
        let inputs = [
            "{\"\(secret)\":1,\"\(secret)\":2}", "\"\(secret)\u{1}\"", "\"\(secret)\\q\"", "[\"\(secret)\"",
        ]
        for input in inputs {
            let error = readerError(input)
            #expect(error != nil)
            #expect(error?.message.contains(secret) == false)
            #expect(error?.message.contains("at byte") == true)
        }
        for code in JSONError.Code.allCases {
            #expect(!code.summary.isEmpty)
        }
    }
}
