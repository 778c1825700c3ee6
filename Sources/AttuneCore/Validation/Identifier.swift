internal import AttuneJSON

/// The rule for ids chosen by people: definition, item, scale, alert, client and therapist ids.
///
/// 1–64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit. Ids end up in URLs,
/// CSV headers, JSON pointers and log lines; this keeps all of those free of escaping surprises.
public enum Identifier {
    /// The longest id.
    public static let maxLength = 64

    /// Whether `id` follows the rule; the store checks ids it is given with this same rule.
    public static func isValid(_ id: String) -> Bool { problem(with: id) == nil }

    /// The problem with an id, if any.
    static func problem(with id: String) -> ProblemCode? {
        if id.isEmpty { return .emptyID }
        let bytes = Array(id.utf8)
        guard bytes.count <= maxLength, let first = bytes.first, isAlphanumeric(first) else { return .invalidID }
        let allowed = bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
        return allowed ? nil : .invalidID
    }

    /// Checks an id and records a problem at `pointer`; `what` names it in the message ("item id").
    static func check(_ id: String, what: String, at pointer: JSONPointer, into problems: inout ProblemList) {
        switch problem(with: id) {
        case .emptyID?:
            problems.add(.emptyID, at: pointer, "The \(what) must not be empty.")
        case .some:
            problems.add(
                .invalidID,
                at: pointer,
                "The \(what) must be 1–\(maxLength) letters, digits, '.', '_' or '-', starting with a letter or digit."
            )
        case nil:
            break
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
