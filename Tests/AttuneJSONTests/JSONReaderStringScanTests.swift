import AttuneJSON
import Testing

/// Strings are scanned 8 bytes at a time until something special: every kind of special byte must be
/// seen at every position of a word, and in the tail shorter than a word.
@Suite struct JSONReaderStringScanTests {
    /// A string of `length` plain bytes with `special` at `position`, quoted (and `special` may be empty).
    static func quoted(length: Int, special: [UInt8], at position: Int) -> [UInt8] {
        var text = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        text.insert(contentsOf: special, at: position)
        return [UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]
    }

    @Test func findsEverySpecialByteAtEveryPosition() throws {
        for length in 0..<26 {
            for position in 0...length {
                let plain = String(
                    decoding: Self.quoted(length: length, special: [], at: position).dropFirst().dropLast(),
                    as: UTF8.self
                )
                #expect(
                    try JSONReader().parse(Self.quoted(length: length, special: [], at: position)) == .string(plain)
                )
                for control in [0x00, 0x01, 0x09, 0x0A, 0x1F] as [UInt8] {
                    let bytes = Self.quoted(length: length, special: [control], at: position)
                    #expect(readerError(bytes) == JSONError(.controlCharacterInString, offset: 1 + position))
                }
                for invalid in [0x80, 0xC0, 0xFF] as [UInt8] {
                    let bytes = Self.quoted(length: length, special: [invalid], at: position)
                    #expect(readerError(bytes) == JSONError(.invalidUTF8, offset: 1 + position))
                }
                let escaped = try JSONReader().parse(
                    Self.quoted(length: length, special: Array(#"\n"#.utf8), at: position)
                )
                #expect(escaped.stringValue?.utf8.count == length + 1)
                let accented = try JSONReader().parse(
                    Self.quoted(length: length, special: Array("é".utf8), at: position)
                )
                #expect(accented.stringValue?.unicodeScalars.count == length + 1)
                // A quote ends the string early: what follows is trailing content.
                let early = Self.quoted(length: length, special: [UInt8(ascii: "\"")], at: position)
                #expect(readerError(early) == JSONError(.trailingContent, offset: 2 + position))
                // Bytes 0x7F and 0x20 are plain.
                let edges = Self.quoted(length: length, special: [0x7F, 0x20], at: position)
                #expect(try JSONReader().parse(edges).stringValue?.utf8.count == length + 2)
            }
        }
    }
}
