/// A deterministic PRNG (Steele, Lea & Flood's SplitMix64): the same seed gives the same sequence on every
/// machine, so a failing fuzz case is reproduced by its seed and index.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// A uniformly chosen element.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }

    /// `bytes` cut into pieces of 1 to `maxPiece` bytes.
    public mutating func split(_ bytes: [UInt8], maxPiece: Int = 16) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            let size = Int.random(in: 1...maxPiece, using: &self)
            pieces.append(bytes[offset..<min(offset + size, bytes.count)])
            offset += size
        }
        return pieces
    }
}
