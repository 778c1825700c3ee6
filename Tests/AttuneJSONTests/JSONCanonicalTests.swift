import AttuneJSON
import Testing

/// RFC 8785: one byte sequence per meaning, so idempotent retries are compared by what they say.
@Suite struct JSONCanonicalTests {
    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("1", "1"), ("1.0", "1"), ("3e0", "3"), ("-1.5", "-1.5"),
        ("123.456", "123.456"), ("1e20", "100000000000000000000"), ("1e21", "1e+21"),
        ("0.000001", "0.000001"), ("1e-7", "1e-7"), ("1.5e-7", "1.5e-7"), ("4.5e300", "4.5e+300"),
        ("9007199254740993", "9007199254740992"), ("0.1", "0.1"), ("1E3", "1000"),
        ("5e-324", "5e-324"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
    ])
    func writesNumbersAsECMAScriptDoes(input: String, expected: String) throws {
        let value = try JSONReader().parse(Array(input.utf8))
        #expect(String(decoding: value.canonicalBytes, as: UTF8.self) == expected)
    }

    @Test func sortsMembersByUTF16CodeUnitsAndDropsWhitespace() throws {
        // The example of RFC 8785 §3.2.3.
        let input =
            #"{ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis", "\u0394": "Greek Capital Letter Delta" }"#
        let value = try JSONReader().parse(Array(input.utf8))
        let keys = try #require(try JSONReader().parse(value.canonicalBytes).objectValue).members.map(\.key)
        #expect(keys == ["\r", "1", "\u{80}", "\u{F6}", "\u{394}", "\u{20AC}", "\u{1F600}", "\u{FB33}"])
        let text = String(decoding: value.canonicalBytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"\r":"Carriage Return","1":"One","#))
    }

    @Test func theSameMeaningGivesTheSameBytes() throws {
        let a = try JSONReader().parse(Array(#"{"b":[1,2.50,{"y":true,"x":null}],"a":"s\/t"}"#.utf8))
        let b = try JSONReader().parse(
            Array("{\n  \"a\" : \"s/t\",\n  \"b\" : [ 1.0, 25e-1, {\"x\":null, \"y\":true} ]\n}".utf8)
        )
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(String(decoding: a.canonicalBytes, as: UTF8.self) == #"{"a":"s/t","b":[1,2.5,{"x":null,"y":true}]}"#)
        let other = try JSONReader().parse(Array(#"{"a":"s/t","b":[1,2.5,{"x":null,"y":false}]}"#.utf8))
        #expect(other.canonicalBytes != a.canonicalBytes)
    }
}
