public import AttuneCore
public import Foundation

/// A stored submission: who answered which questionnaire in which session, with the answers and
/// the server's scores as the canonical JSON bytes the server wrote (the store never parses them).
public struct StoredSubmission: Sendable, Hashable {
    /// Opaque id, `sub_` and 24 hex digits.
    public var id: String
    /// The practice it belongs to.
    public var practiceID: String
    /// The practice's pseudonymous client id.
    public var clientID: String
    /// The practice's pseudonymous therapist id (a therapist of the practice).
    public var therapistID: String
    /// The questionnaire's id (a built-in's or the practice's own).
    public var questionnaireID: String
    /// The questionnaire version answered.
    public var version: Int
    /// Who answered.
    public var respondent: Respondent
    /// Session number, 1 or more.
    public var session: Int
    /// Session date, `YYYY-MM-DD`.
    public var date: String
    /// When the server received it (millisecond precision).
    public var receivedAt: Date
    /// The answers, canonical JSON.
    public var answers: [UInt8]
    /// The computed scale scores, canonical JSON.
    public var scores: [UInt8]
    /// The alerts that fired, canonical JSON.
    public var alerts: [UInt8]
    /// The flags the server raised, canonical JSON (`["straightLining"]`); nil for a submission stored
    /// before flags existed, which reads as none.
    public var flags: [UInt8]?
    /// The submission that replaced this one for its session, if any.
    public var supersededBy: String?
    /// The `Idempotency-Key` it was posted with, if any.
    public var idempotencyKey: String?
    /// The key that posted it; nil for the operator.
    public var createdBy: String?

    /// True until another submission replaced it.
    public var isCurrent: Bool { supersededBy == nil }

    /// Creates a value (for test doubles of `Store`).
    public init(
        id: String,
        practiceID: String,
        clientID: String,
        therapistID: String,
        questionnaireID: String,
        version: Int,
        respondent: Respondent,
        session: Int,
        date: String,
        receivedAt: Date,
        answers: [UInt8],
        scores: [UInt8],
        alerts: [UInt8],
        supersededBy: String? = nil,
        idempotencyKey: String? = nil,
        createdBy: String? = nil,
        flags: [UInt8]? = nil
    ) {
        self.id = id
        self.practiceID = practiceID
        self.clientID = clientID
        self.therapistID = therapistID
        self.questionnaireID = questionnaireID
        self.version = version
        self.respondent = respondent
        self.session = session
        self.date = date
        self.receivedAt = receivedAt
        self.answers = answers
        self.scores = scores
        self.alerts = alerts
        self.supersededBy = supersededBy
        self.idempotencyKey = idempotencyKey
        self.createdBy = createdBy
        self.flags = flags
    }
}

/// A submission to store, already validated and scored by the server.
public struct NewSubmission: Sendable, Hashable {
    /// The id to store it under (`sub_` and 24 lowercase hex digits), so the server can build its
    /// response before the write; nil lets the store make one.
    public var id: String?
    /// Pseudonymous client id.
    public var clientID: String
    /// Pseudonymous therapist id; must be a therapist of the practice.
    public var therapistID: String
    /// Questionnaire id.
    public var questionnaireID: String
    /// Questionnaire version, 1 or more.
    public var version: Int
    /// Who answered.
    public var respondent: Respondent
    /// Session number, 1 or more.
    public var session: Int
    /// Session date, `YYYY-MM-DD`.
    public var date: String
    /// When it was received, as already written into a pre-built response; nil means the write's time.
    public var receivedAt: Date?
    /// The answers, canonical JSON (UTF-8).
    public var answers: [UInt8]
    /// The computed scale scores, canonical JSON (UTF-8).
    public var scores: [UInt8]
    /// The fired alerts, canonical JSON (UTF-8).
    public var alerts: [UInt8]
    /// The flags raised, canonical JSON (UTF-8), `[]` for none.
    public var flags: [UInt8]
    /// Replace the current submission of the same client, questionnaire, respondent and session
    /// (kept, marked superseded) instead of answering `.conflict`.
    public var supersedes: Bool

    /// Creates a request.
    public init(
        id: String? = nil,
        clientID: String,
        therapistID: String,
        questionnaireID: String,
        version: Int,
        respondent: Respondent,
        session: Int,
        date: String,
        receivedAt: Date? = nil,
        answers: [UInt8],
        scores: [UInt8],
        alerts: [UInt8],
        flags: [UInt8] = Array("[]".utf8),
        supersedes: Bool = false
    ) {
        self.id = id
        self.clientID = clientID
        self.therapistID = therapistID
        self.questionnaireID = questionnaireID
        self.version = version
        self.respondent = respondent
        self.session = session
        self.date = date
        self.receivedAt = receivedAt
        self.answers = answers
        self.scores = scores
        self.alerts = alerts
        self.flags = flags
        self.supersedes = supersedes
    }
}

/// What `createSubmission` did. Only `.created` changed anything.
public enum SubmissionWrite: Sendable, Hashable {
    /// Stored; `superseded` names the submission it replaced, if any; `body` is the `201` body (the
    /// prepared one, with `ruptures` when the submission starts an episode). The idempotency record, if
    /// one was given, committed with it and holds the same body.
    case created(StoredSubmission, superseded: String?, body: [UInt8])
    /// A current submission of the same client, questionnaire, respondent and session exists:
    /// `existingID` names it. Nothing was stored, no idempotency record either, so a retry meets
    /// the same conflict.
    case conflict(existingID: String)
    /// The idempotency key was already completed by an earlier request with the same body:
    /// answer with its response. Nothing was stored.
    case replay(IdempotentResponse)
    /// The idempotency key belongs to a request with another body. Nothing was stored.
    case idempotencyMismatch
    /// The preparation refused the submission (it did not validate); nothing was stored.
    case refused
    /// The idempotency key created a submission of a client since erased: answer `410 Gone`, so a
    /// retrying sender does not re-create the data. Nothing was stored.
    case erasedKey
}
