internal import Crypto
internal import Foundation

/// Signs page cursors so a client can only hand back one the store gave out for the same query.
///
/// A cursor's text is `base64url(position) "." base64url(HMAC-SHA256(secret, scope ‖ position))`,
/// where the scope is the practice, the listing and every filter and ordering of the query (not
/// the page size, which may change between pages). A forged position, another practice's cursor
/// and a cursor of another query (`client=A` reused with `client=B`, another order) all fail the
/// check, and the store answers them alike: `.invalid(field: "cursor", …)`.
///
/// The secret is generated once per database and stored in it (`store_settings`), so cursors stay
/// valid across restarts and across replicas that share the database.
package struct PageCursorSigner: Sendable {
    /// The secret's bytes; a `SymmetricKey` (not Sendable) is made from them for each use.
    private let secret: [UInt8]

    /// A signer keyed by the database's secret.
    package init(secret: [UInt8]) {
        self.secret = secret
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A new random secret (256 bits).
    package static func makeSecret() -> [UInt8] { Identifiers.randomBytes(count: 32) }

    /// The cursor text for `position` within `scope`.
    package func sign(_ position: String, scope: PageCursorScope) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: scope.message(position), using: key)
        return Identifiers.base64URL(Array(position.utf8)) + "." + Identifiers.base64URL(Array(mac))
    }

    /// The position signed in `text`, or nil when `text` was not signed for `scope` by this database.
    package func verify(_ text: String, scope: PageCursorScope) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let position = Identifiers.decodeBase64URL(String(parts[0])),
            let mac = Identifiers.decodeBase64URLBytes(String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: scope.message(position), using: key)
        else { return nil }
        return position
    }

    /// The error for a cursor that fails the check, whatever the reason.
    package static let invalid = StoreError.invalid(field: "cursor", reason: "is not a cursor from this query")
}

/// What a cursor is bound to: the practice, the listing, and the query's filters and order.
package struct PageCursorScope {
    private var fields: [String?]

    /// A scope for `listing` (`"submissions"`, `"audit"`) of `practiceID` with `filters` in a fixed
    /// order; an absent filter (nil) differs from an empty one.
    package init(listing: String, practiceID: String, filters: [String?]) {
        fields = [listing, practiceID] + filters
    }

    /// The bytes the MAC covers: each field length-prefixed (so no two scopes share an encoding),
    /// then the position.
    package func message(_ position: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in fields + [position] {
            if let field {
                bytes += Array("\(field.utf8.count):".utf8) + Array(field.utf8)
            } else {
                bytes += Array("-;".utf8)
            }
        }
        return bytes
    }
}

extension Identifiers {
    /// Decodes lowercase or uppercase hexadecimal, or nil when it is not an even run of hex digits.
    package static func bytes(hex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Decodes unpadded base64url into bytes, or nil when it is not valid.
    package static func decodeBase64URLBytes(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { [UInt8]($0) }
    }
}
