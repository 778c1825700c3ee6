import Testing

@testable import AttuneServer

/// The timestamps every response carries, formatted without Foundation.
@Suite struct RFC3339Tests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_795_000_000_123, "2026-11-18T11:06:40.123Z"),
        (951_782_400_999, "2000-02-29T00:00:00.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func formatsMillisecondsAsUTC(milliseconds: Int64, expected: String) {
        #expect(RFC3339.format(epochMilliseconds: milliseconds) == expected)
        #expect(RFC3339.parse(expected) == milliseconds)
    }
}
