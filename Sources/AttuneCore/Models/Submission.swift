/// One completed questionnaire as posted by an intake system.
///
/// Wire shape (DESIGN.md): `{"questionnaire": "relationship-checkin", "version": 1, "client": "c-0193",
/// "therapist": "t-07", "respondent": "client", "session": 5, "date": "2026-11-20", "answers": {…}}`,
/// optionally with the sender's own `scores` (`{"total": 2.75}`) for the server to check.
public struct Submission: Sendable, Equatable, Codable {
    /// The questionnaire definition's id.
    public var questionnaire: String
    /// The definition version answered; nil means the latest.
    public var version: Int?
    /// Pseudonymous client id chosen by the practice.
    public var client: String
    /// Pseudonymous therapist id chosen by the practice.
    public var therapist: String
    /// Who answered; must match the definition's respondent.
    public var respondent: Respondent
    /// Session number, 1 or more.
    public var session: Int
    /// Session date as `YYYY-MM-DD` (RFC 3339 full-date).
    public var date: String
    /// Answers keyed by item id.
    public var answers: [String: AnswerValue]
    /// Scale values the sender computed, keyed by scale id; checked against the server's.
    public var scores: [String: Double]?

    /// Creates a submission; nothing is checked until it is validated against a definition.
    public init(
        questionnaire: String,
        version: Int? = nil,
        client: String,
        therapist: String,
        respondent: Respondent,
        session: Int,
        date: String,
        answers: [String: AnswerValue],
        scores: [String: Double]? = nil
    ) {
        self.questionnaire = questionnaire
        self.version = version
        self.client = client
        self.therapist = therapist
        self.respondent = respondent
        self.session = session
        self.date = date
        self.answers = answers
        self.scores = scores
    }
}
