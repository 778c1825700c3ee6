internal import Crypto

/// Lowercase hex of the SHA-256 of `bytes` (ETags, idempotency request hashes).
func sha256Hex(_ bytes: [UInt8], prefixBytes: Int = 32) -> String {
    var hex = ""
    hex.reserveCapacity(prefixBytes * 2)
    for byte in SHA256.hash(data: bytes).prefix(prefixBytes) {
        hex += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
    return hex
}
