internal import AttuneCore

/// Checks on caller-supplied text. Errors name the field and the rule, never the value.
package enum Validation {
    /// Longest practice name or key label.
    package static let maxTextLength = 200
    /// Longest pseudonymous id a practice may choose.

    /// A practice name: not blank, at most 200 characters.
    package static func practiceName(_ name: String) throws(StoreError) -> String {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .invalid(field: "name", reason: "must not be empty") }
        guard trimmed.unicodeScalars.count <= maxTextLength else {
            throw .invalid(field: "name", reason: "must be at most \(maxTextLength) characters")
        }
        return trimmed
    }

    /// A practice-chosen id ("t-07"): AttuneCore's one rule for ids (1 to 64 of `A-Z a-z 0-9 . _ -`,
    /// starting with a letter or digit), so an id the store accepts is one a submission may name.
    package static func pseudonymousID(_ id: String, field: String) throws(StoreError) {
        guard !id.isEmpty, id.utf8.count <= Identifier.maxLength else {
            throw .invalid(field: field, reason: "must be 1 to \(Identifier.maxLength) characters")
        }
        guard Identifier.isValid(id) else {
            throw .invalid(
                field: field,
                reason: "may contain only letters, digits, '.', '_' and '-', starting with a letter or digit"
            )
        }
    }

    /// A questionnaire version or session number: 1 or more.
    package static func positive(_ number: Int, field: String) throws(StoreError) {
        guard number >= 1 else { throw .invalid(field: field, reason: "must be 1 or more") }
    }

    /// A title: not blank, at most 200 characters.
    package static func title(_ title: String) throws(StoreError) {
        guard !title.trimmingWhitespace().isEmpty else { throw .invalid(field: "title", reason: "must not be empty") }
        guard title.unicodeScalars.count <= maxTextLength else {
            throw .invalid(field: "title", reason: "must be at most \(maxTextLength) characters")
        }
    }

    /// JSON bytes the server wrote, as text for a `TEXT` column: they must be UTF-8.
    /// `bytes` when they are non-empty UTF-8, for binding as text without a String in between. ASCII,
    /// which the server's own JSON writer produces for most documents, is checked without allocating.
    package static func utf8Bytes(_ bytes: [UInt8], field: String) throws(StoreError) -> [UInt8] {
        guard !bytes.isEmpty, isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else {
            throw .invalid(field: field, reason: "must be non-empty UTF-8 JSON")
        }
        return bytes
    }

    /// Whether every byte is below 0x80, eight at a time: the writer checks each stored JSON document
    /// (about 2 KB a submission) on its one thread, where a byte-by-byte loop measured ~8k instructions.
    package static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var offset = 0
            var seen: UInt64 = 0
            while offset + 8 <= count {
                seen |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < count {
                seen |= UInt64(raw[offset])
                offset += 1
            }
            return seen & 0x8080_8080_8080_8080 == 0
        }
    }

    package static func utf8(_ bytes: [UInt8], field: String) throws(StoreError) -> String {
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalid(field: field, reason: "must be non-empty UTF-8 JSON")
        }
        return text
    }

    /// A calendar date, `YYYY-MM-DD`, naming a real day.
    package static func date(_ date: String, field: String) throws(StoreError) {
        guard CalendarDate(date) != nil else { throw .invalid(field: field, reason: "must be a date YYYY-MM-DD") }
    }

    /// A store-made id: `prefix` and 24 lowercase hex digits.
    package static func generatedID(_ id: String, prefix: String, field: String) throws(StoreError) {
        let bytes = Array(id.utf8)
        guard bytes.count == prefix.utf8.count + 24, id.hasPrefix(prefix),
            bytes.dropFirst(prefix.utf8.count).allSatisfy(isLowercaseHex)
        else { throw .invalid(field: field, reason: "must be '\(prefix)' and 24 lowercase hex digits") }
    }

    /// An `Idempotency-Key`: 1 to 255 printable ASCII characters.
    package static func idempotencyKey(_ key: String) throws(StoreError) {
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ (0x20...0x7e).contains($0) }) else {
            throw .invalid(field: "idempotencyKey", reason: "must be 1 to 255 printable ASCII characters")
        }
    }

    /// A SHA-256 in hex: 64 lowercase hex digits.
    package static func sha256Hex(_ hash: String, field: String) throws(StoreError) {
        guard hash.utf8.count == 64, hash.utf8.allSatisfy(isLowercaseHex) else {
            throw .invalid(field: field, reason: "must be 64 lowercase hex digits")
        }
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// An optional key label: at most 200 characters; blank becomes nil.
    package static func label(_ label: String?) throws(StoreError) -> String? {
        guard let label else { return nil }
        // Counted in Unicode code points as sent, as JSON Schema's maxLength counts them.
        guard label.unicodeScalars.count <= maxTextLength else {
            throw .invalid(field: "label", reason: "must be at most \(maxTextLength) characters")
        }
        let trimmed = label.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
