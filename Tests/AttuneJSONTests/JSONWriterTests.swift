import AttuneJSON
import Testing

@Suite struct JSONWriterTests {
    @Test(arguments: [
        (60.0, "60"),
        (0.0, "0"),
        (-0.0, "0"),
        (-12.0, "-12"),
        (9_007_199_254_740_992.0, "9007199254740992"),
        (-9_007_199_254_740_992.0, "-9007199254740992"),
        (9_007_199_254_740_994.0, "9.007199254740994e+15"),
        (1e20, "1e+20"),
        (1.5e300, "1.5e+300"),
        (0.1, "0.1"),
        (2.75, "2.75"),
        (1e-5, "1e-05"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.nan, "null"),
        (Double.infinity, "null"),
        (-Double.infinity, "null"),
    ])
    func writesDoublesInShortestValidForm(value: Double, expected: String) throws {
        var writer = JSONWriter()
        writer.number(value)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == expected)
        // Whatever is written reads back as the same double (null stands for a non-finite one).
        let read = try JSONReader().parse(writer.bytes)
        if value.isFinite {
            // -0 is written as 0: the one difference, and the same number.
            #expect(read.doubleValue?.bitPattern == (value == 0 ? 0 : value).bitPattern)
        } else {
            #expect(read == .null)
        }
    }

    @Test(arguments: [
        (0, "0"), (7, "7"), (-7, "-7"), (1_000_000, "1000000"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ])
    func writesIntegersInDecimal(value: Int, expected: String) {
        var writer = JSONWriter()
        writer.number(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    @Test func escapesOnlyWhatRFC8259Requires() {
        #expect(jsonText(.string("say \"hi\" \\ / é😀\u{7F}")) == #""say \"hi\" \\ / é😀\#u{7F}""#)
        #expect(jsonText(.string("\u{8}\u{C}\n\r\t")) == #""\b\f\n\r\t""#)
        #expect(jsonText(.string("\u{0}\u{1}\u{1F}")) == #""\u0000\u0001\u001f""#)
    }

    @Test func escapesEveryControlCharacterReadably() throws {
        for byte in 0..<0x20 as Range<UInt8> {
            let text = String(decoding: [byte], as: UTF8.self)
            let written = JSONValue.string(text).serialized()
            #expect(written.allSatisfy { $0 >= 0x20 })
            #expect(try JSONReader().parse(written) == .string(text))
        }
    }

    @Test func separatesMembersAndElements() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("total")
        writer.number(2.75)
        writer.key("band")
        writer.null()
        writer.key("items")
        writer.beginArray()
        writer.bool(true)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.string("x")
        writer.endArray()
        writer.key("n")
        writer.number(3)
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"total":2.75,"band":null,"items":[true,{},[],"x"],"n":3}"#
        )
    }

    @Test func serializesValuesInMemberOrder() {
        let value: JSONValue = ["z": 1, "a": [nil, false, "s", 0.5], "m": [:]]
        #expect(jsonText(value) == #"{"z":1,"a":[null,false,"s",0.5],"m":{}}"#)
    }
}
