public import AttuneCore

/// A submission checked and scored, ready to store, with the `201` body its idempotent retries replay.
public struct PreparedSubmission: Sendable {
    /// The row to store; its `id` is set, since the body names it.
    public var submission: NewSubmission
    /// The response body of the `201`, byte for byte.
    public var responseBody: [UInt8]
    /// What it contributes to analytics: scale values and bands, alerts, the direct rupture report.
    public var facts: SubmissionFacts
    /// How many alerts fired, for the service's counters.
    public var alertCount: Int { facts.alertCount }

    /// Creates a prepared submission.
    public init(submission: NewSubmission, responseBody: [UInt8], facts: SubmissionFacts) {
        self.submission = submission
        self.responseBody = responseBody
        self.facts = facts
    }
}

/// What a new submission does to the current one for the same client, questionnaire, respondent and
/// session.
public enum Supersession: Sendable, Hashable {
    /// There is none: insert.
    case insert
    /// Replace `existingID`: it stays stored, marked superseded by the new one.
    case supersede(existingID: String)
    /// Refuse: `existingID` holds the session and the request did not say `"supersedes": true`.
    case conflict(existingID: String)

    /// The rule: a session has one current submission, replaced only when the request says so.
    public init(existingID: String?, supersedes: Bool) {
        switch (existingID, supersedes) {
        case (nil, _): self = .insert
        case (let existing?, true): self = .supersede(existingID: existing)
        case (let existing?, false): self = .conflict(existingID: existing)
        }
    }
}

/// What a backend's write transaction offers the submission rules; it stores, it does not decide.
public protocol SubmissionTransaction: IdempotencyLedger, RollupLedger, ~Copyable {
    /// Throws `.notFound(.practice)` unless the practice exists.
    func requirePractice(_ practiceID: String) throws(StoreError)
    /// Throws `.notFound(.therapist)` unless the practice has that therapist, and
    /// `.invalid(field: "therapist", …)` when it is deactivated.
    func requireTherapist(practiceID: String, id: String) throws(StoreError)
    /// The current submission for the same client, questionnaire, respondent and session, if any.
    func currentSubmissionID(practiceID: String, of submission: NewSubmission) throws(StoreError) -> String?
    /// Marks `id` as replaced by `replacement`; it stays stored.
    func markSuperseded(practiceID: String, id: String, by replacement: String) throws(StoreError)
    /// Inserts the submission (its fields checked) and returns it as it will read back.
    func insertSubmission(
        practiceID: String,
        _ submission: NewSubmission,
        actor: AuditActor,
        idempotencyKey: String?
    ) throws(StoreError) -> StoredSubmission
    /// Inserts an audit event that commits or rolls back with the write.
    @discardableResult
    func insertAudit(practiceID: String, _ record: AuditRecord) throws(StoreError) -> AuditEvent
}

/// The rules of storing a submission, once for every backend: the idempotency check, supersession,
/// and the audit events, all inside the backend's one transaction.
public enum SubmissionWriteRules {
    /// Writes a submission in `transaction`.
    ///
    /// With a claim, a key used before is answered first (replay or mismatch), before `prepare`
    /// runs, so a retry gets the first answer even when its body would no longer validate (a newer
    /// latest version, say). Otherwise `prepare` checks and scores the submission; nil (it refused)
    /// stores nothing and answers `.refused`. The idempotency record commits with the submission; a
    /// conflicting session stores no record, so a retry meets the same conflict.
    public static func write<Transaction: SubmissionTransaction & ~Copyable>(
        in transaction: borrowing Transaction,
        practiceID: String,
        claim: IdempotencyClaim?,
        actor: AuditActor,
        prepare: () -> PreparedSubmission?
    ) throws(StoreError) -> SubmissionWrite {
        try transaction.requirePractice(practiceID)
        if let claim {
            try Validation.idempotencyKey(claim.key)
            try Validation.sha256Hex(claim.requestHash, field: "requestHash")
            let found = try transaction.idempotencyRecord(practiceID: practiceID, key: claim.key)
            switch IdempotencyDecision(record: found, requestHash: claim.requestHash) {
            case .replay(let response): return .replay(response)
            case .mismatch: return .idempotencyMismatch
            case .proceed: break
            }
        }
        guard let prepared = prepare() else { return .refused }
        var submission = prepared.submission
        let id = submission.id ?? Identifiers.submission()
        submission.id = id
        try transaction.requireTherapist(practiceID: practiceID, id: submission.therapistID)
        let existing = try transaction.currentSubmissionID(practiceID: practiceID, of: submission)
        let supersession = Supersession(existingID: existing, supersedes: submission.supersedes)
        if case .conflict(let existingID) = supersession {
            try transaction.insertAudit(practiceID: practiceID, .submissionConflict(existingID: existingID, by: actor))
            return .conflict(existingID: existingID)
        }
        // The old one steps aside first: a session has at most one current submission at any time.
        if case .supersede(let existingID) = supersession {
            try transaction.markSuperseded(practiceID: practiceID, id: existingID, by: id)
        }
        let stored = try transaction.insertSubmission(
            practiceID: practiceID,
            submission,
            actor: actor,
            idempotencyKey: claim?.key
        )
        try RollupRules.record(
            in: transaction,
            practiceID: practiceID,
            RollupSubmission(submission, facts: prepared.facts),
            replacing: existing
        )
        if case .supersede(let existingID) = supersession {
            try transaction.insertAudit(practiceID: practiceID, .submissionSuperseded(existingID, by: actor))
        }
        if let claim {
            try transaction.keepIdempotentResponse(
                practiceID: practiceID,
                claim: claim,
                response: IdempotentResponse(status: 201, body: prepared.responseBody, resourceID: stored.id)
            )
        }
        try transaction.insertAudit(practiceID: practiceID, .submissionCreated(stored.id, by: actor))
        return .created(stored, superseded: existing)
    }
}
