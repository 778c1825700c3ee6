/// An API key's role, as the wire spells it: `admin`, `intake`, `clinician`, `supervisor`, `submit`.
///
/// A string-backed struct rather than an enumeration, so that a client built before a new role keeps
/// decoding keys that have it.
public struct KeyRole: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The role's wire name.
    public var rawValue: String

    /// A role from its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Everything in the practice.
    public static let admin = KeyRole(rawValue: "admin")
    /// Reads definitions, posts and reads submissions.
    public static let intake = KeyRole(rawValue: "intake")
    /// Bound to one therapist: reads only that therapist's clients.
    public static let clinician = KeyRole(rawValue: "clinician")
    /// Reads everything in the practice, writes nothing.
    public static let supervisor = KeyRole(rawValue: "supervisor")
    /// Posts submissions and reads questionnaire definitions only.
    public static let submit = KeyRole(rawValue: "submit")

    /// The wire name.
    public var description: String { rawValue }
}
