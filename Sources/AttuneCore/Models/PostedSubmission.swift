/// A submission as posted, with its answers and sent scores in input order instead of hashed into
/// dictionaries: what the server decodes for each `POST /v1/submissions` and hands to a ``ScoringPlan``.
///
/// ``submission`` gives the same content as a ``Submission``.
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

    /// The same content as a ``SubmissionJSON/Posted`` (answers and scores in dictionary order).
    public init(_ posted: SubmissionJSON.Posted) {
        let submission = posted.submission
        self.init(
            questionnaire: submission.questionnaire,
            version: submission.version,
            client: submission.client,
            therapist: submission.therapist,
            respondent: submission.respondent,
            session: submission.session,
            date: submission.date,
            answers: submission.answers.map { Answer(id: $0.key, value: $0.value) },
            scores: submission.scores.map { scores in scores.map { SentScore(scale: $0.key, value: $0.value) } },
            supersedes: posted.supersedes
        )
    }

    /// The same content as a ``Submission``.
    public var submission: Submission {
        var answerMap: [String: AnswerValue] = [:]
        answerMap.reserveCapacity(answers.count)
        for answer in answers where answerMap[answer.id] == nil { answerMap[answer.id] = answer.value }
        return Submission(
            questionnaire: questionnaire,
            version: version,
            client: client,
            therapist: therapist,
            respondent: respondent,
            session: session,
            date: date,
            answers: answerMap,
            scores: scores.map { scores in
                Dictionary(scores.map { ($0.scale, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
        )
    }
}
