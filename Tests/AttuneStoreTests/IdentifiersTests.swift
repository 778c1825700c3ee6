import AttuneSQLite
import Testing

@testable import AttuneStore

/// Server-made ids: their shape, their order, and the random bytes behind them.
@Suite struct IdentifiersTests {
    @Test func timeOrderedIdsHaveTheirShapeAndSortInTheOrderTheyWereMade() {
        let ids = (0..<5_000).map { _ in Identifiers.submission() }
        for id in ids {
            #expect(id.hasPrefix("sub_"))
            #expect(id.utf8.count == 28)
            #expect(id.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        }
        // Many share a millisecond; the sequence keeps them in order, and no two are equal.
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func randomBytesAreHandedOutOnceAcrossPoolRefills() {
        // 3 × 2,000 bytes spans two refills of the 4 KiB pool, and leaves it at an odd offset.
        let chunks = (0..<2_000).map { _ in Identifiers.randomBytes(count: 3) }
        #expect(chunks.allSatisfy { $0.count == 3 })
        let big = Identifiers.randomBytes(count: 10_000)
        #expect(big.count == 10_000)
        // 8,000 bits: a stuck or zeroed pool would show, and a fair one stays near half set.
        let ones = big.prefix(1_000).reduce(0) { $0 + $1.nonzeroBitCount }
        #expect((3_600...4_400).contains(ones))
        // No chunk repeats (a reused pool region would repeat them all).
        let values: [UInt32] = chunks.map { chunk in
            let low = UInt32(chunk[0])
            let middle = UInt32(chunk[1]) << 8
            let high = UInt32(chunk[2]) << 16
            return low | middle | high
        }
        #expect(Set(values).count > 1_900)
    }
}
