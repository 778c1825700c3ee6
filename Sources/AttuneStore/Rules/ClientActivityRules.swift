public import AttuneCore

/// What one stored submission moves forward in its client's activity rows.
public struct ClientActivityUpdate: Sendable, Hashable {
    /// The client.
    public var clientID: String
    /// The submission's therapist: the client's therapist when this is the highest session so far.
    public var therapistID: String
    /// The questionnaire answered.
    public var questionnaireID: String
    /// Who answered.
    public var respondent: Respondent
    /// The session number.
    public var session: Int
    /// The session date, `YYYY-MM-DD`.
    public var date: String
    /// The submission.
    public var submissionID: String

    /// Creates an update.
    public init(
        clientID: String,
        therapistID: String,
        questionnaireID: String,
        respondent: Respondent,
        session: Int,
        date: String,
        submissionID: String
    ) {
        self.clientID = clientID
        self.therapistID = therapistID
        self.questionnaireID = questionnaireID
        self.respondent = respondent
        self.session = session
        self.date = date
        self.submissionID = submissionID
    }
}

/// The client activity behind the attention list (`GET /v1/clients`), once for every backend.
///
/// Written in the submission's transaction, by one rule: activity only moves forward. A client's last
/// session is the highest session number of any questionnaire and its last date the latest session
/// date; its therapist is the therapist of the highest session (a tie: the newest submission). Per
/// questionnaire and respondent, the first submission (lowest session: the baseline) and the last
/// (highest session) are kept; a supersession, which has the same session, replaces either. A
/// backfilled earlier session moves neither "last".
public enum ClientActivityRules {
    /// Records a stored, current submission in its client's activity.
    public static func apply<Transaction: SubmissionTransaction & ~Copyable>(
        _ stored: StoredSubmission,
        in transaction: borrowing Transaction
    ) throws(StoreError) {
        try transaction.recordClientActivity(
            practiceID: stored.practiceID,
            ClientActivityUpdate(
                clientID: stored.clientID,
                therapistID: stored.therapistID,
                questionnaireID: stored.questionnaireID,
                respondent: stored.respondent,
                session: stored.session,
                date: stored.date,
                submissionID: stored.id
            )
        )
    }
}
