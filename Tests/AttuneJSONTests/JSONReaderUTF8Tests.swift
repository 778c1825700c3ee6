import AttuneJSON
import Testing

/// RFC 3629 §4 (and RFC 8259 §8.1): only well-formed UTF-8 is JSON text.
@Suite struct JSONReaderUTF8Tests {
    static let illFormed: [[UInt8]] = [
        [0x80],  // a continuation byte alone
        [0xBF],
        [0xC0, 0xAF],  // overlong "/"
        [0xC1, 0xBF],  // overlong
        [0xE0, 0x80, 0xAF],  // overlong, 3 bytes
        [0xE0, 0x9F, 0xBF],
        [0xF0, 0x80, 0x80, 0xAF],  // overlong, 4 bytes
        [0xF0, 0x8F, 0xBF, 0xBF],
        [0xED, 0xA0, 0x80],  // U+D800 encoded directly
        [0xED, 0xBF, 0xBF],  // U+DFFF
        [0xF4, 0x90, 0x80, 0x80],  // U+110000
        [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFE],
        [0xFF],
        [0xC3],  // truncated before the closing quote
        [0xE2, 0x82],
        [0xF0, 0x9F, 0x98],
        [0xC3, 0x41],  // a lead byte followed by ASCII
        [0xE2, 0x28, 0xA1],
        [0xF0, 0x9F, 0x98, 0x41],
    ]

    @Test(arguments: illFormed)
    func refusesIllFormedSequencesAtTheirFirstByte(_ sequence: [UInt8]) {
        let quote = UInt8(ascii: "\"")
        #expect(readerError([quote] + sequence + [quote]) == JSONError(.invalidUTF8, offset: 1))
        // The same after an escape (the copying path) and inside a member name.
        let escaped = Array(#""\n"#.utf8) + sequence + [quote]
        #expect(readerError(escaped) == JSONError(.invalidUTF8, offset: 3))
        let key = Array(#"{"k":1,""#.utf8) + sequence + Array(#"":2}"#.utf8)
        #expect(readerError(key) == JSONError(.invalidUTF8, offset: 8))
    }

    @Test(arguments: [0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF] as [UInt32])
    func acceptsBoundaryScalars(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = String(Character(scalar))
        #expect(try parseJSON("[\"\(text)\"]") == [.string(text)])
    }

    @Test func refusesTruncationAtTheEndOfInput() {
        #expect(readerError([UInt8(ascii: "\""), 0xE2, 0x82]) == JSONError(.invalidUTF8, offset: 1))
        #expect(readerError(Array("\"é".utf8) + [0xFF]) == JSONError(.invalidUTF8, offset: 3))
    }

    @Test func refusesNonASCIIBytesOutsideStrings() {
        #expect(readerError([0xC3, 0xA9]) == JSONError(.expectedValue, offset: 0))
        #expect(readerError(Array("[1]".utf8) + [0xC3, 0xA9]) == JSONError(.trailingContent, offset: 3))
    }

    /// Every two-byte sequence, and every lead byte with the continuation ranges of three- and
    /// four-byte forms, is judged exactly as the standard library's validator judges it.
    @Test func agreesWithTheStandardLibraryValidator() {
        var sequences: [[UInt8]] = []
        for lead in 0x80...0xFF as ClosedRange<UInt8> {
            for second in 0x80...0xFF as ClosedRange<UInt8> {
                sequences.append([lead, second])
                sequences.append([lead, second, 0x80])
                sequences.append([lead, second, 0xBF, 0x80])
            }
        }
        var disagreements = 0
        for sequence in sequences {
            let isValid = String(validating: sequence, as: UTF8.self) != nil
            let error = readerError([UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")])
            if (error == nil) != isValid || (error != nil && error?.code != .invalidUTF8) {
                disagreements += 1
            }
        }
        #expect(sequences.count == 128 * 128 * 3)
        #expect(disagreements == 0)
    }
}
