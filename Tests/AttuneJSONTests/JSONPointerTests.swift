import AttuneJSON
import Testing

/// RFC 6901: building, escaping and parsing pointers.
@Suite struct JSONPointerTests {
    @Test(
        arguments: [
            ([], ""),
            ([""], "/"),
            (["answers", "q3"], "/answers/q3"),
            (["a/b", "m~n"], "/a~1b/m~0n"),
            (["~1"], "/~01"),
            (["é", " "], "/é/ "),
        ] as [([String], String)]
    )
    func buildsEscapedPointersFromTokens(tokens: [String], expected: String) throws {
        let pointer = JSONPointer(tokens: tokens)
        #expect(pointer.string == expected)
        let parsed = try #require(JSONPointer(parsing: expected))
        #expect(parsed.tokens == tokens)
    }

    @Test func appendsIndicesAndKeys() {
        let pointer = JSONPointer().appending("items").appending(index: 3).appending("id")
        #expect(pointer.description == "/items/3/id")
    }

    @Test(arguments: ["a", "a/b", "/~", "/~2", "/a~"])
    func refusesMalformedPointers(text: String) {
        #expect(JSONPointer(parsing: text) == nil)
    }

    @Test func escapesReturnPlainTokensUnchanged() {
        #expect(JSONPointer.escape("q1") == "q1")
        #expect(JSONPointer.escape("~/") == "~0~1")
    }
}
