import AttuneCore
import Testing

@Suite struct RoundingTests {
    /// (value, decimals, expected): half away from zero, including values Double cannot hold exactly.
    @Test(arguments: [
        (2.5, 0, 3.0), (-2.5, 0, -3.0), (3.5, 0, 4.0), (2.4999, 0, 2.0), (0.5, 0, 1.0), (-0.5, 0, -1.0),
        (2.675, 2, 2.68), (-2.675, 2, -2.68), (1.005, 2, 1.01), (2.744, 2, 2.74), (11.25, 0, 11.0),
        (11.25, 1, 11.3), (7.0, 3, 7.0), (1_000_000.4995, 0, 1_000_000.0),
    ])
    func roundsHalfAwayFromZero(value: Double, decimals: Int, expected: Double) {
        #expect(Rounding.halfAwayFromZero(value, decimals: decimals) == expected)
    }

    @Test func leavesNonFiniteValuesAlone() {
        #expect(Rounding.halfAwayFromZero(.infinity, decimals: 2) == .infinity)
        #expect(Rounding.halfAwayFromZero(.nan, decimals: 2).isNaN)
    }
}
