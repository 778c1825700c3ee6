import AttuneCore

/// Parses UTF-8 text with the given limits.
func parseJSON(_ text: String, limits: JSONReader.Limits = .init()) throws(JSONError) -> JSONValue {
    try JSONReader(limits: limits).parse(Array(text.utf8))
}

/// The error the reader refuses `bytes` with, or `nil` when it accepts them.
func readerError(_ bytes: [UInt8], limits: JSONReader.Limits = .init()) -> JSONError? {
    do {
        _ = try JSONReader(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The error the reader refuses `text` with, or `nil` when it accepts it.
func readerError(_ text: String, limits: JSONReader.Limits = .init()) -> JSONError? {
    readerError(Array(text.utf8), limits: limits)
}

/// The writer's output as text.
func jsonText(_ value: JSONValue) -> String {
    String(decoding: value.serialized(), as: UTF8.self)
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
