internal import Crypto

/// The bearer token format: `atn_<key id>_<secret>`.
///
/// - `atn_` marks the string as an Attune key (secret scanners can match it);
/// - the key id (`key_` + 24 hex digits) is public: it is listed, audited, and used to find the
///   key's row without knowing the practice;
/// - the secret is 32 bytes (256 bits) from `SystemRandomNumberGenerator`, base64url without
///   padding (43 characters).
///
/// The store keeps only SHA-256 of the whole token, in hex. With 256 random bits there is nothing
/// to guess, so a plain hash needs no salt or slow KDF; binding the key id into the hash means a
/// secret cannot be replayed under another id.
public enum APIKeyToken {
    package static let prefix = "atn_"
    package static let keyIDLength = 28  // "key_" + 24 hex digits
    package static let secretLength = 43  // 32 bytes, base64url, unpadded

    /// A new token for `keyID`.
    package static func make(keyID: String) -> String {
        prefix + keyID + "_" + Identifiers.base64URL(Identifiers.randomBytes(count: 32))
    }

    /// The key id inside `token`, or nil when the token is not shaped like one of ours.
    ///
    /// Parsing is by fixed lengths and alphabets, since base64url itself may contain `_`.
    public static func keyID(in token: String) -> String? {
        let bytes = Array(token.utf8)
        let prefixBytes = Array(prefix.utf8)
        guard bytes.count == prefixBytes.count + keyIDLength + 1 + secretLength,
            bytes.starts(with: prefixBytes)
        else { return nil }
        let idStart = prefixBytes.count
        let id = bytes[idStart..<(idStart + keyIDLength)]
        guard id.starts(with: Array("key_".utf8)), id.dropFirst(4).allSatisfy(isHexDigit),
            bytes[idStart + keyIDLength] == UInt8(ascii: "_"),
            bytes[(idStart + keyIDLength + 1)...].allSatisfy(isBase64URL)
        else { return nil }
        return String(decoding: id, as: UTF8.self)
    }

    /// The stored form: SHA-256 of the token's UTF-8 bytes, lowercase hex.
    package static func hash(_ token: String) -> String {
        Identifiers.hex(SHA256.hash(data: Array(token.utf8)))
    }

    /// Compares two byte strings in time that depends only on their lengths, never on where
    /// they first differ, so response timing cannot reveal how much of a guess was right.
    ///
    /// Used to compare a presented token's hash with the stored one.
    public static func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }
}
