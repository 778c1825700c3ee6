public import AttuneCore
public import Foundation

/// A practice's own questionnaire definition, one published version of it.
///
/// The store keeps the definition as the canonical JSON bytes the server wrote and never parses
/// them; `title` and `respondent` are copied into columns so a list needs no decoding.
public struct StoredQuestionnaire: Sendable, Hashable {
    /// The practice that owns the definition.
    public var practiceID: String
    /// The definition's id, unique within the practice and never a built-in's id.
    public var id: String
    /// The version, 1, 2, 3, ... with no gaps; a stored version never changes.
    public var version: Int
    /// The definition's title.
    public var title: String
    /// Who answers it.
    public var respondent: Respondent
    /// The definition as canonical JSON (UTF-8).
    public var document: [UInt8]
    /// When this version was published.
    public var createdAt: Date
    /// The key that published it; nil for the operator.
    public var createdBy: String?

    /// Creates a value (for test doubles of `Store`).
    public init(
        practiceID: String,
        id: String,
        version: Int,
        title: String,
        respondent: Respondent,
        document: [UInt8],
        createdAt: Date,
        createdBy: String?
    ) {
        self.practiceID = practiceID
        self.id = id
        self.version = version
        self.title = title
        self.respondent = respondent
        self.document = document
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A new version of a practice's questionnaire definition.
public struct NewQuestionnaireVersion: Sendable, Hashable {
    /// The definition's id (1 to 64 of `A-Z a-z 0-9 . _ -`).
    public var id: String
    /// Must be exactly the latest stored version plus one (1 for a new id).
    public var version: Int
    /// The definition's title, for lists.
    public var title: String
    /// Who answers it, for lists.
    public var respondent: Respondent
    /// The validated definition as canonical JSON; must be UTF-8.
    public var document: [UInt8]

    /// Creates a request.
    public init(id: String, version: Int, title: String, respondent: Respondent, document: [UInt8]) {
        self.id = id
        self.version = version
        self.title = title
        self.respondent = respondent
        self.document = document
    }
}
