public import Foundation

/// Completion handler for a write: called once, after the write's transaction committed (or
/// failed), on a queue of the store's choosing. It must not block for long.
public typealias StoreCompletion<Value: Sendable> = @Sendable (Result<Value, StoreError>) -> Void

/// Everything the server asks of storage. Implementations: `SQLiteStore` in `AttuneSQLite`; each backend stores,
/// and the rules applied on write (`Rules/`) decide.
///
/// Tenant isolation lives here: every method that touches a practice's data takes its id, and
/// every query filters by it. A row of another practice is reported exactly like a missing row
/// (nil from a lookup, `.notFound` from a write).
///
/// Writes take a completion so the HTTP layer can answer without parking a thread per write;
/// `Store+Blocking.swift` has blocking versions for the command line and tests. Reads block the
/// calling thread (call them from a worker queue, never from Swift's cooperative pool). Every
/// method throws or completes with `StoreError` only.
public protocol Store: Sendable {
    /// Applies pending schema migrations (the store also does so when it opens).
    func migrate() throws -> MigrationReport

    /// How many commits and writes the store has done, for `/metrics`.
    var writeStats: WriteStats { get }

    /// Creates a practice and its first admin key in one transaction, with audit events.
    func createPractice(name: String, actor: AuditActor, completion: @escaping StoreCompletion<CreatedPractice>)

    /// The practice with `id`, or nil.
    func practice(id: String) throws -> Practice?

    /// Every practice, oldest first: for the operator's command line only, never for a request.
    func practices() throws -> [Practice]

    /// Adds a therapist; `.conflict(.therapist)` when the id is taken in this practice. With
    /// `idempotency`, a key used before replays or refuses instead, and the record commits with it.
    func createTherapist(
        practiceID: String,
        id: String,
        actor: AuditActor,
        idempotency: IdempotentWrite<Therapist>?,
        completion: @escaping StoreCompletion<IdempotentOutcome<Therapist>>
    )

    /// The practice's therapist with `id`, or nil; a deactivated one is returned with `deactivatedAt` set.
    func therapist(practiceID: String, id: String) throws -> Therapist?

    /// The practice's therapists, ordered by id, deactivated ones included (`deactivatedAt` set).
    func therapists(practiceID: String) throws -> [Therapist]

    /// Deactivates a therapist in one transaction (audited `therapist.deactivate`): its live clinician
    /// keys are revoked, its submissions stay, and from then on submissions and keys naming it are
    /// refused (`.invalid(field: "therapist", …)`) until `createTherapist` with its id reactivates it.
    /// `.notFound(.therapist)` for a missing, already deactivated or other practice's therapist.
    func deactivateTherapist(
        practiceID: String,
        id: String,
        actor: AuditActor,
        completion: @escaping StoreCompletion<TherapistDeactivation>
    )

    /// Creates a key; the result holds the plaintext token, which the store does not keep.
    func createKey(
        practiceID: String,
        _ request: NewAPIKey,
        actor: AuditActor,
        completion: @escaping StoreCompletion<CreatedAPIKey>
    )

    /// The practice's key with `id` (never its secret), or nil.
    func key(practiceID: String, id: String) throws -> APIKey?

    /// The practice's keys, oldest first, without secrets.
    func keys(practiceID: String) throws -> [APIKey]

    /// The key with `id` in whichever practice holds it, or nil: for the operator's command line
    /// only (`attune key revoke ID`), never for a request, which always knows its practice.
    func keyInAnyPractice(id: String) throws -> APIKey?

    /// Revokes a key; revoking a revoked key keeps the first revocation time.
    func revokeKey(practiceID: String, id: String, actor: AuditActor, completion: @escaping StoreCompletion<APIKey>)

    /// The live key a bearer token belongs to, or nil when the token is malformed, unknown,
    /// wrong or revoked (one answer for all, so callers cannot leak which). Records the use.
    func authenticate(token: String) throws -> APIKey?

    /// Records an event that goes with no write of its own (a read, a refusal).
    func recordAudit(practiceID: String, _ record: AuditRecord, completion: @escaping StoreCompletion<AuditEvent>)

    /// A page of the practice's audit events.
    func auditEvents(practiceID: String, query: AuditQuery) throws -> AuditPage

    /// Publishes a version of one of the practice's questionnaires (audited `questionnaire.create`).
    ///
    /// `.conflict(.questionnaire)` when that id and version exist (published versions never
    /// change); `.invalid(field: "version", …)` unless the version is the latest plus one (1 for
    /// a new id); `.invalid(field: "id", …)` for a built-in's id.
    ///
    /// With `idempotency`, a key used before replays or refuses instead, and the record commits with it.
    func createQuestionnaireVersion(
        practiceID: String,
        _ definition: NewQuestionnaireVersion,
        actor: AuditActor,
        idempotency: IdempotentWrite<StoredQuestionnaire>?,
        completion: @escaping StoreCompletion<IdempotentOutcome<StoredQuestionnaire>>
    )

    /// One version of the practice's questionnaire `id`, or nil.
    func questionnaireVersion(practiceID: String, id: String, version: Int) throws -> StoredQuestionnaire?

    /// The highest version of the practice's questionnaire `id`, or nil.
    func latestQuestionnaire(practiceID: String, id: String) throws -> StoredQuestionnaire?

    /// The latest version of each of the practice's own questionnaires, ordered by id (built-ins
    /// are not stored: the server merges them in).
    func questionnaires(practiceID: String) throws -> [StoredQuestionnaire]

    /// Stores a submission, its audit events and (with a claim) its idempotency record, in one
    /// transaction, by ``SubmissionWriteRules``: a key used before is answered first (`.replay`,
    /// `.idempotencyMismatch`); otherwise `prepare` runs inside the transaction (it checks and
    /// scores; nil means it refused: `.refused`), then supersession decides (`.conflict` when the
    /// session is taken). `.notFound(.therapist)` and `.invalid` arrive as errors.
    func createSubmission(
        practiceID: String,
        idempotency: IdempotencyClaim?,
        actor: AuditActor,
        prepare: @escaping @Sendable () -> PreparedSubmission?,
        completion: @escaping StoreCompletion<SubmissionWrite>
    )

    /// The practice's submission `id`, or nil (also when `therapistScope` is set and it belongs
    /// to another therapist). With `actor`, a `submission.read` event is queued without waiting.
    func submission(
        practiceID: String,
        id: String,
        therapistScope: String?,
        auditAs actor: AuditActor?
    ) throws -> StoredSubmission?

    /// A page of the practice's submissions, newest first. With `actor`, a `submission.list`
    /// event is queued without waiting.
    func submissions(practiceID: String, query: SubmissionQuery, auditAs actor: AuditActor?) throws -> SubmissionPage

    /// Deletes idempotency records created before `cutoff`; returns how many. The store also
    /// does this by itself about once a minute, keeping records for its retention period.
    func purgeIdempotencyKeys(olderThan cutoff: Date, completion: @escaping StoreCompletion<Int>)

    /// Writes a consistent copy of the whole store to `path` while it stays in use.
    func backup(to path: String) throws

    /// Finishes accepted writes and closes; later calls fail with `.closed`.
    func close()
}

/// Schema versions before and after `migrate()`.
public struct MigrationReport: Sendable, Hashable {
    /// The version found.
    public var fromVersion: Int
    /// The version now in force.
    public var toVersion: Int

    /// Creates a report.
    public init(fromVersion: Int, toVersion: Int) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
    }
}

/// Write counters since the store opened; `writes / commits` is the group-commit batching factor.
public struct WriteStats: Sendable, Hashable {
    /// Transactions committed (each one sync of the log).
    public var commits: Int
    /// Writes that committed.
    public var writes: Int
    /// Writes that failed and were rolled back alone.
    public var failedWrites: Int

    /// Creates counters.
    public init(commits: Int, writes: Int, failedWrites: Int) {
        self.commits = commits
        self.writes = writes
        self.failedWrites = failedWrites
    }
}
