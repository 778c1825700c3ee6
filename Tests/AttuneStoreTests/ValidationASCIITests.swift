import AttuneStore
import Testing

/// The word-at-a-time ASCII check must agree with the byte-by-byte rule at every length and position.
@Suite struct ValidationASCIITests {
    @Test func agreesWithTheByteRuleAtEveryLengthAndPosition() {
        for length in 0...40 {
            let ascii = [UInt8]((0..<length).map { UInt8(0x20 + $0 % 90) })
            #expect(Validation.isASCII(ascii))
            for position in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[position] = high
                    #expect(!Validation.isASCII(bytes), "length \(length), byte \(high) at \(position)")
                }
            }
        }
    }

    @Test func storedJSONMustBeNonEmptyUTF8() throws {
        #expect(try Validation.utf8Bytes(Array("{\"a\":\"é\"}".utf8), field: "f") == Array("{\"a\":\"é\"}".utf8))
        #expect(throws: StoreError.self) { try Validation.utf8Bytes([], field: "f") }
        #expect(throws: StoreError.self) { try Validation.utf8Bytes([0x7B, 0xC3, 0x7D], field: "f") }
    }
}
