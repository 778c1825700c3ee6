import AttuneJSON
import Testing

@Suite struct JSONReaderAcceptTests {
    @Test(arguments: [
        ("0", 0.0),
        ("-0", -0.0),
        ("7", 7),
        ("-12", -12),
        ("1.5", 1.5),
        ("0.1", 0.1),
        ("1e2", 100),
        ("1E+2", 100),
        ("25e-1", 2.5),
        ("1.5e-3", 0.0015),
        ("1e308", 1e308),
        ("1.7976931348623157e308", Double.greatestFiniteMagnitude),
        ("5e-324", Double.leastNonzeroMagnitude),
        ("2.2250738585072014e-308", Double.leastNormalMagnitude),
        ("1e-400", 0),
        ("0e99999999999999999999", 0),
        ("9007199254740993", 9_007_199_254_740_992),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.30000000000000004", 0.30000000000000004),
        ("-2.5e+10", -2.5e10),
    ])
    func readsNumbersToTheNearestDouble(text: String, expected: Double) throws {
        let value = try parseJSON(text)
        let number = try #require(value.doubleValue)
        #expect(number.bitPattern == expected.bitPattern)
    }

    @Test(arguments: [
        ("60", true),
        ("60.0", true),
        ("6e1", true),
        ("600e-1", true),
        ("0.000", true),
        ("-0", true),
        ("60.5", false),
        ("61e-1", false),
        ("1.0000000000000000001", false),
        ("1e-400", false),
    ])
    func judgesIntegralityOnTheLiteralNotTheRoundedDouble(text: String, isIntegral: Bool) throws {
        guard case .number(let number) = try parseJSON(text) else {
            Issue.record("not a number")
            return
        }
        #expect(number.isIntegral == isIntegral)
    }

    @Test(arguments: [
        ("9007199254740991", 9_007_199_254_740_991 as Int?),
        ("-9007199254740991", -9_007_199_254_740_991),
        ("9007199254740992", nil),
        ("9007199254740993", nil),
        ("1e300", nil),
        ("3.0", 3),
        ("3.5", nil),
    ])
    func givesIntegersOnlyWithinTheExactRange(text: String, expected: Int?) throws {
        #expect(try parseJSON(text).intValue == expected)
    }

    @Test(arguments: [
        (#""""#, ""),
        (#""plain""#, "plain"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\u0000""#, "\u{0}"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""\udbff\udfff""#, "\u{10FFFF}"),
        (#""é€😀 raw""#, "é€😀 raw"),
        (#""a\u0041é""#, "aAé"),
        (#""</script>""#, "</script>"),
    ])
    func unescapesStrings(text: String, expected: String) throws {
        let value = try parseJSON(text)
        #expect(value.stringValue == expected)
        #expect(value.stringValue?.utf8.elementsEqual(expected.utf8) == true)
    }

    @Test func readsLiteralsAndContainersWithAllowedWhitespace() throws {
        let value = try parseJSON(" \t\r\n{ \"a\" : [ true , false , null , { } , [ ] ] }\n")
        #expect(value == ["a": [true, false, nil, .object(JSONObject()), []]])
    }

    @Test func keepsMembersInInputOrder() throws {
        let value = try parseJSON(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value["a"] == 2)
    }

    @Test func acceptsNestingExactlyAtTheDepthLimit() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try parseJSON(text)
        var depth = 1
        while case .array(let elements) = value, let first = elements.first {
            value = first
            depth += 1
        }
        #expect(depth == 64)
    }

    @Test func acceptsLimitsExactlyReached() throws {
        let limits = JSONReader.Limits(maxDepth: 2, maxStringLength: 3, maxElements: 2)
        #expect(try parseJSON(#"{"abc":["xyz",1]}"#, limits: limits) == ["abc": ["xyz", 1]])
    }

    @Test func readsTheTwentyFourAnswerBody() throws {
        let members = (1...24).map { "\"q\($0)\":\($0 % 5)" }.joined(separator: ",")
        let value = try parseJSON("{\"answers\":{\(members)}}")
        let answers = try #require(value["answers"]?.objectValue)
        #expect(answers.count == 24)
        #expect(answers["q24"]?.intValue == 4)
    }

    @Test func readsFromEveryInputForm() throws {
        let text = #"{"k":[1,"v"]}"#
        let bytes = Array(text.utf8)
        let expected: JSONValue = ["k": [1, "v"]]
        let reader = JSONReader()
        #expect(try reader.parse(text) == expected)
        #expect(try reader.parse(bytes) == expected)
        #expect(try reader.parse(bytes[...]) == expected)
        #expect(try bytes.withUnsafeBytes { buffer in try reader.parse(buffer) } == expected)
        // A non-contiguous collection takes the copying path.
        #expect(try reader.parse(bytes.lazy.map { $0 }) == expected)
    }
}
