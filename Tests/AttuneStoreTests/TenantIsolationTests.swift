import AttuneSQLite
import AttuneStore
import AttuneTesting
import Testing

/// Practice B must never see practice A's rows, and must not be able to tell them from
/// missing ones.
@Suite struct TenantIsolationTests {
    /// Two practices, A with a therapist, a clinician key and audit events.
    struct Fixture {
        let store: any Store
        let a: CreatedPractice
        let b: CreatedPractice
        let clinicianOfA: CreatedAPIKey

        init(backend: StoreBackend, directory: TemporaryDirectory) throws {
            store = try backend.makeStore(in: directory)
            a = try store.createPractice(name: "A")
            b = try store.createPractice(name: "B")
            _ = try store.createTherapist(practiceID: a.practice.id, id: "t-1", actor: .commandLine)
            clinicianOfA = try store.createKey(
                practiceID: a.practice.id,
                NewAPIKey(role: .clinician, therapistID: "t-1"),
                actor: .commandLine
            )
        }
    }

    @Test(arguments: StoreBackend.available)
    func listsNeverIncludeAnotherPracticesRows(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }

        #expect(try f.store.therapists(practiceID: f.b.practice.id).isEmpty)
        #expect(try f.store.keys(practiceID: f.b.practice.id).map(\.id) == [f.b.adminKey.key.id])
        let audit = try f.store.auditEvents(practiceID: f.b.practice.id, query: AuditQuery(limit: 1000))
        #expect(!audit.events.isEmpty)
        #expect(audit.events.allSatisfy { $0.practiceID == f.b.practice.id })
        #expect(!audit.events.contains { $0.resourceID == f.clinicianOfA.key.id || $0.resourceID == "t-1" })
        // A sees its own rows, so the emptiness above is not an accident.
        #expect(try f.store.therapists(practiceID: f.a.practice.id).map(\.id) == ["t-1"])
    }

    @Test(arguments: StoreBackend.available)
    func lookupsByIdAnswerLikeMissingRows(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }
        let b = f.b.practice.id

        #expect(try f.store.therapist(practiceID: b, id: "t-1") == nil)
        #expect(try f.store.therapist(practiceID: f.a.practice.id, id: "t-1") != nil)
        #expect(try f.store.key(practiceID: b, id: f.clinicianOfA.key.id) == nil)
        #expect(try f.store.key(practiceID: f.a.practice.id, id: f.clinicianOfA.key.id) != nil)
    }

    @Test(arguments: StoreBackend.available)
    func writesCannotReachAnotherPracticesRows(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }
        let b = f.b.practice.id

        let missingKey = #expect(throws: StoreError.self) {
            try f.store.revokeKey(practiceID: b, id: "key_000000000000000000000000", actor: .commandLine)
        }
        let foreignKey = #expect(throws: StoreError.self) {
            try f.store.revokeKey(practiceID: b, id: f.clinicianOfA.key.id, actor: .commandLine)
        }
        #expect(missingKey == .notFound(.key))
        #expect(foreignKey == missingKey)
        #expect(try f.store.authenticate(token: f.clinicianOfA.token) != nil)  // still live

        // A clinician key of B cannot be bound to A's therapist.
        let foreignTherapist = #expect(throws: StoreError.self) {
            try f.store.createKey(practiceID: b, NewAPIKey(role: .clinician, therapistID: "t-1"), actor: .commandLine)
        }
        #expect(foreignTherapist == .notFound(.therapist))
        // The same pseudonymous id is free in B.
        #expect(try f.store.createTherapist(practiceID: b, id: "t-1", actor: .commandLine).practiceID == b)
    }

    @Test(arguments: StoreBackend.available)
    func authenticationReportsTheKeysOwnPractice(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }

        let key = try f.store.authenticate(token: f.clinicianOfA.token)
        #expect(key?.practiceID == f.a.practice.id)
        #expect(key?.role == .clinician)
        #expect(key?.therapistID == "t-1")
        #expect(try f.store.authenticate(token: f.b.adminKey.token)?.practiceID == f.b.practice.id)
    }

    @Test(arguments: StoreBackend.available)
    func questionnairesAreInvisibleToOtherPractices(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }
        let (a, b) = (f.a.practice.id, f.b.practice.id)
        _ = try f.store.createQuestionnaireVersion(practiceID: a, .make(version: 1), actor: .commandLine)
        _ = try f.store.createQuestionnaireVersion(practiceID: a, .make(version: 2), actor: .commandLine)

        #expect(try f.store.questionnaireVersion(practiceID: b, id: "phq-lite", version: 1) == nil)
        #expect(try f.store.latestQuestionnaire(practiceID: b, id: "phq-lite") == nil)
        #expect(try f.store.questionnaires(practiceID: b).isEmpty)
        // B's numbering of the same id starts at 1, independent of A's.
        #expect(
            try f.store.createQuestionnaireVersion(practiceID: b, .make(version: 1), actor: .commandLine).version == 1
        )
        #expect(try f.store.latestQuestionnaire(practiceID: a, id: "phq-lite")?.version == 2)
    }

    @Test(arguments: StoreBackend.available)
    func submissionsAreInvisibleToOtherPractices(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }
        let (a, b) = (f.a.practice.id, f.b.practice.id)
        let write = try f.store.createSubmission(practiceID: a, .make(therapist: "t-1"), actor: .commandLine)
        guard case .created(let stored, _, _) = write else {
            Issue.record("expected .created, got \(write)")
            return
        }

        #expect(try f.store.submission(practiceID: b, id: stored.id) == nil)
        #expect(
            try f.store.submissions(practiceID: b, query: SubmissionQuery(includeSuperseded: true)).submissions.isEmpty
        )
        #expect(try f.store.submissions(practiceID: b, query: SubmissionQuery(clientID: "c-1")).submissions.isEmpty)
        // B cannot use A's therapist, and its own session slot is independent of A's.
        #expect(throws: StoreError.notFound(.therapist)) {
            try f.store.createSubmission(practiceID: b, .make(therapist: "t-1"), actor: .commandLine)
        }
        _ = try f.store.createTherapist(practiceID: b, id: "t-1", actor: .commandLine)
        guard
            case .created(_, nil, _) = try f.store.createSubmission(
                practiceID: b,
                .make(therapist: "t-1", supersedes: true),
                actor: .commandLine
            )
        else {
            Issue.record("expected a plain create in B")
            return
        }
        #expect(try f.store.submission(practiceID: a, id: stored.id)?.isCurrent == true)
        // A pre-generated id taken in A is still free in B (keys are per practice).
        guard
            case .created = try f.store.createSubmission(
                practiceID: b,
                .make(id: stored.id, therapist: "t-1", session: 2),
                actor: .commandLine
            )
        else {
            Issue.record("expected the id to be free in B")
            return
        }
        #expect(try f.store.submission(practiceID: a, id: stored.id) == stored)
    }

    @Test(arguments: StoreBackend.available)
    func idempotencyKeysArePerPractice(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try Fixture(backend: backend, directory: directory)
        defer { f.store.close() }
        let (a, b) = (f.a.practice.id, f.b.practice.id)

        let claim = IdempotencyClaim(key: "k-1", requestHash: requestHash("a"))
        _ = try f.store.createSubmission(
            practiceID: a,
            .make(therapist: "t-1"),
            idempotency: claim,
            responseBody: [0x7b, 0x7d],
            actor: .commandLine
        )
        // A's completed response is never replayed to B.
        _ = try f.store.createTherapist(practiceID: b, id: "t-1", actor: .commandLine)
        let inB = try f.store.createSubmission(
            practiceID: b,
            .make(therapist: "t-1"),
            idempotency: claim,
            actor: .commandLine
        )
        guard case .created = inB else {
            Issue.record("expected B's submission to be stored, got \(inB)")
            return
        }
    }
}
