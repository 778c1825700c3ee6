public import AttuneCore
internal import Dispatch
public import Foundation
internal import Locking

/// Blocking versions of the writes, for the command line, tests and other non-request callers.
/// They park the calling thread until the write has committed.
extension Store {
    /// Creates a practice and its first admin key; see `createPractice(name:actor:completion:)`.
    public func createPractice(name: String, actor: AuditActor = .commandLine) throws -> CreatedPractice {
        try waitForWrite { createPractice(name: name, actor: actor, completion: $0) }
    }

    /// Adds a therapist; see `createTherapist(practiceID:id:actor:idempotency:completion:)`.
    public func createTherapist(practiceID: String, id: String, actor: AuditActor) throws -> Therapist {
        try waitForWrite {
            createTherapist(practiceID: practiceID, id: id, actor: actor, idempotency: nil, completion: $0)
        }.withoutKey()
    }

    /// Adds a therapist under an idempotency key; see `createTherapist(practiceID:id:actor:idempotency:completion:)`.
    public func createTherapist(
        practiceID: String,
        id: String,
        actor: AuditActor,
        idempotency: IdempotentWrite<Therapist>
    ) throws -> IdempotentOutcome<Therapist> {
        try waitForWrite {
            createTherapist(practiceID: practiceID, id: id, actor: actor, idempotency: idempotency, completion: $0)
        }
    }

    /// Creates a key; see `createKey(practiceID:_:actor:completion:)`.
    public func createKey(practiceID: String, _ request: NewAPIKey, actor: AuditActor) throws -> CreatedAPIKey {
        try waitForWrite { createKey(practiceID: practiceID, request, actor: actor, completion: $0) }
    }

    /// Revokes a key; see `revokeKey(practiceID:id:actor:completion:)`.
    public func revokeKey(practiceID: String, id: String, actor: AuditActor) throws -> APIKey {
        try waitForWrite { revokeKey(practiceID: practiceID, id: id, actor: actor, completion: $0) }
    }

    /// Records an audit event; see `recordAudit(practiceID:_:completion:)`.
    public func recordAudit(practiceID: String, _ record: AuditRecord) throws -> AuditEvent {
        try waitForWrite { recordAudit(practiceID: practiceID, record, completion: $0) }
    }
}

/// Blocking writes and plain reads of questionnaires, submissions and idempotency keys.
extension Store {
    /// Publishes a questionnaire version; see `createQuestionnaireVersion(practiceID:_:actor:completion:)`.
    public func createQuestionnaireVersion(
        practiceID: String,
        _ definition: NewQuestionnaireVersion,
        actor: AuditActor
    ) throws -> StoredQuestionnaire {
        try waitForWrite {
            createQuestionnaireVersion(
                practiceID: practiceID,
                definition,
                actor: actor,
                idempotency: nil,
                completion: $0
            )
        }.withoutKey()
    }

    /// Stores an already prepared submission; see
    /// `createSubmission(practiceID:idempotency:actor:prepare:completion:)`. `responseBody` is what
    /// a retry with the same claim replays; without `facts`, they are read from the submission's JSON.
    public func createSubmission(
        practiceID: String,
        _ submission: NewSubmission,
        idempotency: IdempotencyClaim? = nil,
        responseBody: [UInt8] = Array("{}".utf8),
        facts: SubmissionFacts? = nil,
        actor: AuditActor
    ) throws -> SubmissionWrite {
        let facts =
            facts
            ?? SubmissionFacts(
                scoresJSON: submission.scores,
                alertsJSON: submission.alerts,
                answersJSON: submission.answers
            )
            ?? SubmissionFacts(scales: [], alertCount: 0)
        let prepared = PreparedSubmission(submission: submission, responseBody: responseBody, facts: facts)
        return try waitForWrite {
            createSubmission(
                practiceID: practiceID,
                idempotency: idempotency,
                actor: actor,
                prepare: { prepared },
                completion: $0
            )
        }
    }

    /// Deletes old idempotency records; see `purgeIdempotencyKeys(olderThan:completion:)`.
    @discardableResult
    public func purgeIdempotencyKeys(olderThan cutoff: Date) throws -> Int {
        try waitForWrite { purgeIdempotencyKeys(olderThan: cutoff, completion: $0) }
    }

    /// The practice's submission `id` with no therapist restriction and no audit event.
    public func submission(practiceID: String, id: String) throws -> StoredSubmission? {
        try submission(practiceID: practiceID, id: id, therapistScope: nil, auditAs: nil)
    }

    /// A page of submissions with no audit event.
    public func submissions(practiceID: String, query: SubmissionQuery) throws -> SubmissionPage {
        try submissions(practiceID: practiceID, query: query, auditAs: nil)
    }
}

/// Starts a completion-based write and waits for its result.
func waitForWrite<Value: Sendable>(
    _ start: (@escaping StoreCompletion<Value>) -> Void
) throws(StoreError) -> Value {
    let box = ResultBox<Value>()
    start { box.fulfil($0) }
    return try box.wait().get()
}

/// A result handed from the completion's thread to the waiting one.
private final class ResultBox<Value: Sendable>: Sendable {
    private let result = Lock<Result<Value, StoreError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func fulfil(_ value: Result<Value, StoreError>) {
        result.withLock { $0 = value }
        ready.signal()
    }

    func wait() -> Result<Value, StoreError> {
        ready.wait()
        return result.withLock { $0 } ?? .failure(.closed)
    }
}

extension IdempotentOutcome {
    /// The value of a write made without a key, which is always `.done`.
    func withoutKey() throws -> Value {
        guard case .done(let value) = self else {
            throw StoreError.database("an idempotency record answered a write made without a key")
        }
        return value
    }
}
