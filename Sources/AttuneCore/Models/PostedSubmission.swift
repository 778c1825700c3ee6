/// A submission as posted, with its answers and sent scores in input order instead of hashed into
/// dictionaries: what the server decodes for each `POST /v1/submissions` and hands to a ``ScoringPlan``.
///
/// The one posted-submission type: both decoding paths of ``SubmissionJSON`` produce it.
public struct PostedSubmission: Sendable, Equatable {
    /// One answer; an answer of `null` is not answered and never appears here.
    public struct Answer: Sendable, Equatable {
        /// The answer's key: the item id it names.
        public var id: String
        /// The answer.
        public var value: AnswerValue

        /// Makes an answer.
        public init(id: String, value: AnswerValue) {
            self.id = id
            self.value = value
        }
    }

    /// One scale value the sender computed.
    public struct SentScore: Sendable, Equatable {
        /// The scale id.
        public var scale: String
        /// The value sent.
        public var value: Double

        /// Makes a sent score.
        public init(scale: String, value: Double) {
            self.scale = scale
            self.value = value
        }
    }

    /// The questionnaire definition's id.
    public var questionnaire: String
    /// The definition version answered; nil means the latest.
    public var version: Int?
    /// Pseudonymous client id.
    public var client: String
    /// Pseudonymous therapist id.
    public var therapist: String
    /// Who answered.
    public var respondent: Respondent
    /// Session number.
    public var session: Int
    /// Session date as posted.
    public var date: String
    /// The answers in input order, keys unique.
    public var answers: [Answer]
    /// The scores the sender computed, in input order, keys unique; nil when none were sent.
    public var scores: [SentScore]?
    /// `"supersedes": true`: replace the existing submission for the same session.
    public var supersedes: Bool

    /// Makes a posted submission.
    public init(
        questionnaire: String,
        version: Int?,
        client: String,
        therapist: String,
        respondent: Respondent,
        session: Int,
        date: String,
        answers: [Answer],
        scores: [SentScore]?,
        supersedes: Bool
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
        self.supersedes = supersedes
    }
}
