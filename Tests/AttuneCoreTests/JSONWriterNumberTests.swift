import AttuneCore
import AttuneJSON
import AttuneTesting
import Testing

/// `JSONWriter.number(_: Double)` writes short decimals (rounded scores) without `description`; the
/// bytes must be exactly what `description` gives, for every value, or stored documents would change.
@Suite struct JSONWriterNumberTests {
    /// The text written for a value, as a `String`.
    static func written(_ value: Double) -> String {
        var writer = JSONWriter()
        writer.number(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// What the writer writes: integers within ±2^53 as integers, `-0` as `0`, `null` for
    /// non-finite values, and `description` for everything else.
    static func reference(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.magnitude <= 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            return String(Int(value))
        }
        return value.description
    }

    static func expectReference(_ value: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(written(value) == reference(value), "\(value.bitPattern)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        0.07, 0.7, 99.99, 1.01, 1.005, 2.675, 0.001, 0.0011, 0.000999, 0.0001, 0.00015, 1e-3, 1e-4,
        0.3, 0.1 + 0.2, 2.75, 1.5, 0.125, 0.015625, 0.0078125, 123456.789012, 1_073_741_823.5,
        1_073_741_824.5, 1_073_741_823.999999, 999_999_999.999999, 4503599627370495.5, 1e15 + 0.5,
        3.3333333333333335, 2.6666666666666665, 0.000001, 0.0000015, 1234.000001, 0.999999, 9.999999,
    ])
    func writesNamedValuesAsDescriptionDoes(value: Double) {
        Self.expectReference(value)
        Self.expectReference(-value)
        for decimals in 0...8 {
            Self.expectReference(Rounding.halfAwayFromZero(value, decimals: decimals))
            Self.expectReference(Rounding.halfAwayFromZero(-value, decimals: decimals))
        }
    }

    @Test func writesNegativeZeroAsZeroAndIntegersPlainly() {
        #expect(Self.written(0) == "0")
        #expect(Self.written(-0.0) == "0")
        #expect(Self.written(-3) == "-3")
        #expect(Self.written(-0.5) == "-0.5")
    }

    /// k / 10^d for every d up to 8 and integers k of every size up to 2^40, both signs.
    @Test func writesShortDecimalsAsDescriptionDoes() {
        var generator = SplitMix64(seed: 0xA77E)
        var divisor = 1.0
        for _ in 1...8 {
            divisor *= 10
            for bits in 1...40 {
                for _ in 0..<250 {
                    let k = Double(UInt64.random(in: 0..<(1 << UInt64(bits)), using: &generator))
                    Self.expectReference(k / divisor)
                    Self.expectReference(-k / divisor)
                }
            }
        }
    }

    /// Means of small integer answers rounded as scales round them: the values scores really take.
    @Test func writesRoundedMeansAsDescriptionDoes() {
        for count in 1...30 {
            for total in 0...(4 * count) {
                let mean = Double(total) / Double(count)
                for decimals in 0...6 {
                    Self.expectReference(Rounding.halfAwayFromZero(mean, decimals: decimals))
                    Self.expectReference(Rounding.halfAwayFromZero(-mean, decimals: decimals))
                }
            }
        }
    }

    /// Arbitrary doubles (any bit pattern) and arbitrary doubles in the range the fast path takes.
    @Test func writesArbitraryDoublesAsDescriptionDoes() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<100_000 {
            Self.expectReference(Double(bitPattern: generator.next()))
            Self.expectReference(Double.random(in: -2e9...2e9, using: &generator))
            Self.expectReference(Double.random(in: -1...1, using: &generator))
        }
    }
}
