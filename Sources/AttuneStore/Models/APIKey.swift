public import Foundation

/// What a key may do inside its practice.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything in the practice.
    case admin
    /// Reads definitions, posts and reads submissions.
    case intake
    /// Bound to one therapist: reads only that therapist's clients and aggregates.
    case clinician
    /// Reads everything in the practice, writes nothing.
    case supervisor
    /// Posts submissions and reads no clinical data (questionnaire definitions only): for keys that live
    /// in a browser form, where anyone can read them.
    case submit
}

/// An API key as listed: everything but the secret, which the store never keeps.
public struct APIKey: Sendable, Hashable, Codable {
    /// The key's public id, `key_` and 24 hex digits; also the middle part of its token.
    public var id: String
    /// The practice the key acts for.
    public var practiceID: String
    /// What the key may do.
    public var role: Role
    /// The therapist a clinician key is bound to; nil for every other role.
    public var therapistID: String?
    /// A free-form note from the admin ("tablet in room 2").
    public var label: String?
    /// When the key was created.
    public var createdAt: Date
    /// When the key last authenticated, updated at most about once a minute.
    public var lastUsedAt: Date?
    /// When the key was revoked; a revoked key never authenticates again.
    public var revokedAt: Date?

    /// True once the key has been revoked.
    public var isRevoked: Bool { revokedAt != nil }

    /// Creates a value.
    public init(
        id: String,
        practiceID: String,
        role: Role,
        therapistID: String?,
        label: String?,
        createdAt: Date,
        lastUsedAt: Date?,
        revokedAt: Date?
    ) {
        self.id = id
        self.practiceID = practiceID
        self.role = role
        self.therapistID = therapistID
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// What to create a key with.
public struct NewAPIKey: Sendable, Hashable {
    /// The key's role.
    public var role: Role
    /// Required for `.clinician` and refused for every other role; must exist in the practice.
    public var therapistID: String?
    /// Optional note, at most 200 characters.
    public var label: String?

    /// Creates a request.
    public init(role: Role, therapistID: String? = nil, label: String? = nil) {
        self.role = role
        self.therapistID = therapistID
        self.label = label
    }
}

/// A freshly created key and its token: the only moment the plaintext exists.
public struct CreatedAPIKey: Sendable, Hashable {
    /// The key as it will be listed.
    public var key: APIKey
    /// `atn_<key id>_<secret>`: hand it to the user now; the store keeps only its SHA-256.
    public var token: String

    /// Creates a value (for test doubles of `Store`).
    public init(key: APIKey, token: String) {
        self.key = key
        self.token = token
    }
}
