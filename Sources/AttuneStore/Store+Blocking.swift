internal import Dispatch
internal import Synchronization

/// Blocking versions of the writes, for the command line, tests and other non-request callers.
/// They park the calling thread until the write has committed.
extension Store {
    /// Creates a practice and its first admin key; see `createPractice(name:actor:completion:)`.
    public func createPractice(name: String, actor: AuditActor = .commandLine) throws -> CreatedPractice {
        try waitForWrite { createPractice(name: name, actor: actor, completion: $0) }
    }

    /// Adds a therapist; see `createTherapist(practiceID:id:actor:completion:)`.
    public func createTherapist(practiceID: String, id: String, actor: AuditActor) throws -> Therapist {
        try waitForWrite { createTherapist(practiceID: practiceID, id: id, actor: actor, completion: $0) }
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
    private let result = Mutex<Result<Value, StoreError>?>(nil)
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
