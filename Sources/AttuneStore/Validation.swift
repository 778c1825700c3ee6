/// Checks on caller-supplied text. Errors name the field and the rule, never the value.
enum Validation {
    /// Longest practice name or key label.
    static let maxTextLength = 200
    /// Longest pseudonymous id a practice may choose.
    static let maxIDLength = 64

    /// A practice name: not blank, at most 200 characters.
    static func practiceName(_ name: String) throws(StoreError) -> String {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .invalid(field: "name", reason: "must not be empty") }
        guard trimmed.count <= maxTextLength else {
            throw .invalid(field: "name", reason: "must be at most \(maxTextLength) characters")
        }
        return trimmed
    }

    /// A practice-chosen id ("t-07"): 1 to 64 of `A-Z a-z 0-9 . _ -`, so it is safe in URLs,
    /// CSV and logs without escaping.
    static func pseudonymousID(_ id: String, field: String) throws(StoreError) {
        guard !id.isEmpty, id.utf8.count <= maxIDLength else {
            throw .invalid(field: field, reason: "must be 1 to \(maxIDLength) characters")
        }
        let allowed = id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed else {
            throw .invalid(field: field, reason: "may contain only letters, digits, '.', '_' and '-'")
        }
    }

    /// An optional key label: at most 200 characters; blank becomes nil.
    static func label(_ label: String?) throws(StoreError) -> String? {
        guard let trimmed = label?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maxTextLength else {
            throw .invalid(field: "label", reason: "must be at most \(maxTextLength) characters")
        }
        return trimmed
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
