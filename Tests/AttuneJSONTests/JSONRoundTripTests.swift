import AttuneJSON
import AttuneTesting
import Testing

/// Writer → reader round trips over a generated corpus, and a mutation fuzz of the reader.
@Suite struct JSONRoundTripTests {
    /// A random value of bounded depth, with strings full of escapes and non-ASCII.
    static func makeValue(depth: Int, using random: inout SplitMix64) -> JSONValue {
        let pick = depth >= 4 ? Int.random(in: 0..<5, using: &random) : Int.random(in: 0..<7, using: &random)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(JSONNumber(makeDouble(using: &random)))
        case 3: return .number(JSONNumber(Int.random(in: -1_000_000...1_000_000, using: &random)))
        case 4: return .string(makeString(using: &random))
        case 5:
            let count = Int.random(in: 0..<6, using: &random)
            return .array((0..<count).map { _ in makeValue(depth: depth + 1, using: &random) })
        default:
            let count = Int.random(in: 0..<6, using: &random)
            let pairs = (0..<count).map { _ in
                (makeString(using: &random), makeValue(depth: depth + 1, using: &random))
            }
            return .object(JSONObject(pairs))
        }
    }

    /// Any finite double, from its bit pattern: subnormals, huge and tiny exponents included.
    static func makeDouble(using random: inout SplitMix64) -> Double {
        while true {
            let value = Double(bitPattern: random.next())
            if value.isFinite { return value }
        }
    }

    static func makeString(using random: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "~", "\u{0}", "\u{1F}", "\n", "é", "€", "😀", "\u{10FFFF}", "\u{FEFF}",
        ]
        let count = Int.random(in: 0..<12, using: &random)
        var text = ""
        for _ in 0..<count {
            text.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
        }
        return text
    }

    @Test func generatedValuesSurviveWriterThenReader() throws {
        var random = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<2_000 {
            let value = Self.makeValue(depth: 0, using: &random)
            let bytes = value.serialized()
            let read = try JSONReader().parse(bytes)
            #expect(read == value)
            // Writing is a fixpoint: -0, bit patterns and member order all survive.
            #expect(read.serialized() == bytes)
        }
    }

    static let seeds: [String] = [
        #"{"answers":{"q1":1,"q2":2.5,"q3":"never","q4":true,"q5":null}}"#,
        #"{"id":"x","items":[{"id":"a","min":0,"max":4,"labels":["\u00e9","\uD83D\uDE00"]}],"w":{"a":1e-3}}"#,
        #"[0,-0,1e308,5e-324,-12.5E+3,"a\"b\\c\/d\n",[],{},[[{"k":[true,false]}]]]"#,
        "\"é€😀\"",
    ]

    /// 20,000 mutants of valid documents: the reader never crashes; what it accepts is valid
    /// UTF-8 and round-trips; what it refuses has an in-range offset and a well-formed pointer.
    @Test func mutatedInputsNeverCrashAndAcceptedOnesRoundTrip() throws {
        var random = SplitMix64(seed: 0xF022_2026)
        let interesting: [UInt8] =
            Array(#"{}[],:"\/0-1e.+ tfnu"#.utf8) + [
                0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xFF,
            ]
        let limits = JSONReader.Limits(maxDepth: 8, maxStringLength: 64, maxElements: 16)
        var accepted = 0
        for iteration in 0..<20_000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: bytes[position] = interesting[Int.random(in: 0..<interesting.count, using: &random)]
                case 1: bytes.insert(interesting[Int.random(in: 0..<interesting.count, using: &random)], at: position)
                case 2: if bytes.count > 1 { bytes.remove(at: position) }
                case 3: bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                default: bytes.insert(contentsOf: bytes[position...].prefix(8), at: position)
                }
            }
            do {
                let value = try JSONReader(limits: limits).parse(bytes)
                accepted += 1
                #expect(String(validating: bytes, as: UTF8.self) != nil)
                let written = value.serialized()
                let reread = try JSONReader().parse(written)
                #expect(reread == value)
                #expect(reread.serialized() == written)
            } catch {
                #expect((0...bytes.count).contains(error.offset))
                #expect(JSONPointer(parsing: error.pointer) != nil)
            }
        }
        // The mutations must leave a fair share valid, or the round-trip half would test nothing.
        #expect(accepted > 1_000)
    }
}
