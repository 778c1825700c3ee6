/// Which submissions to list. Results are newest first (`receivedAt` descending, then id
/// descending), so a page boundary never splits or repeats a row.
public struct SubmissionQuery: Sendable, Hashable {
    /// Largest page a query may ask for.
    public static let maxLimit = 500
    /// Page size when none is given.
    public static let defaultLimit = 50

    /// Only this client's submissions.
    public var clientID: String?
    /// Only this therapist's submissions.
    public var therapistID: String?
    /// Only submissions of this questionnaire (any version).
    public var questionnaireID: String?
    /// Earliest session date, `YYYY-MM-DD`, inclusive. Filters the session `date`, not `receivedAt`.
    public var from: String?
    /// Latest session date, `YYYY-MM-DD`, inclusive.
    public var to: String?
    /// Include submissions replaced by a later one (default false: current ones only).
    public var includeSuperseded: Bool
    /// The therapist a clinician key is bound to: when set, nothing else is visible, whatever
    /// `therapistID` says.
    public var therapistScope: String?
    /// Page size, 1...500.
    public var limit: Int
    /// `nextCursor` of the previous page; nil for the first page.
    public var cursor: String?

    /// Creates a query; by default the newest 50 current submissions of the practice.
    public init(
        clientID: String? = nil,
        therapistID: String? = nil,
        questionnaireID: String? = nil,
        from: String? = nil,
        to: String? = nil,
        includeSuperseded: Bool = false,
        therapistScope: String? = nil,
        limit: Int = SubmissionQuery.defaultLimit,
        cursor: String? = nil
    ) {
        self.clientID = clientID
        self.therapistID = therapistID
        self.questionnaireID = questionnaireID
        self.from = from
        self.to = to
        self.includeSuperseded = includeSuperseded
        self.therapistScope = therapistScope
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of submissions.
public struct SubmissionPage: Sendable, Hashable {
    /// The submissions, newest first.
    public var submissions: [StoredSubmission]
    /// Pass as `cursor` to read on; nil when this page is the last.
    public var nextCursor: String?

    /// Creates a page.
    public init(submissions: [StoredSubmission], nextCursor: String?) {
        self.submissions = submissions
        self.nextCursor = nextCursor
    }
}
