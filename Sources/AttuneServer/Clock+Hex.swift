internal import Crypto
internal import Glibc

/// Monotonic nanoseconds (CLOCK_MONOTONIC through the vDSO: no system call), for rate and cache deadlines.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Lowercase hex of the SHA-256 of `bytes` (ETags, idempotency request hashes).
func sha256Hex(_ bytes: [UInt8], prefixBytes: Int = 32) -> String {
    var hex = ""
    hex.reserveCapacity(prefixBytes * 2)
    for byte in SHA256.hash(data: bytes).prefix(prefixBytes) {
        hex += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
    return hex
}
