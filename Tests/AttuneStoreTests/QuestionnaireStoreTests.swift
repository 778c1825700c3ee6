import AttuneSQLite
import AttuneStore
import AttuneTesting
import Testing

/// A practice's own questionnaire definitions: immutable, sequentially numbered versions.
@Suite struct QuestionnaireStoreTests {
    @Test(arguments: StoreBackend.available)
    func publishesSequentialImmutableVersions(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let created = try store.createPractice(name: "P")
        let practiceID = created.practice.id
        let actor = AuditActor(key: created.adminKey.key)

        let v1 = try store.createQuestionnaireVersion(practiceID: practiceID, .make(version: 1), actor: actor)
        #expect(v1.version == 1)
        #expect(v1.createdBy == created.adminKey.key.id)
        #expect(try store.questionnaireVersion(practiceID: practiceID, id: "phq-lite", version: 1) == v1)

        // Publishing version 1 again, even with the same bytes, is refused: versions never change.
        #expect(throws: StoreError.conflict(.questionnaire)) {
            try store.createQuestionnaireVersion(
                practiceID: practiceID,
                .make(version: 1, title: "Other"),
                actor: actor
            )
        }
        // Gaps are refused; so is a first version other than 1.
        #expect(throws: StoreError.invalid(field: "version", reason: "must be 2, the next version")) {
            try store.createQuestionnaireVersion(practiceID: practiceID, .make(version: 3), actor: actor)
        }
        #expect(throws: StoreError.invalid(field: "version", reason: "must be 1, the next version")) {
            try store.createQuestionnaireVersion(practiceID: practiceID, .make(id: "new-one", version: 2), actor: actor)
        }
        #expect(throws: StoreError.invalid(field: "version", reason: "must be 1 or more")) {
            try store.createQuestionnaireVersion(practiceID: practiceID, .make(version: 0), actor: actor)
        }
        let v2 = try store.createQuestionnaireVersion(
            practiceID: practiceID,
            .make(version: 2, title: "Lite v2"),
            actor: actor
        )
        #expect(try store.questionnaireVersion(practiceID: practiceID, id: "phq-lite", version: 1) == v1)
        #expect(try store.questionnaireVersion(practiceID: practiceID, id: "phq-lite", version: 2) == v2)
        #expect(try store.questionnaireVersion(practiceID: practiceID, id: "phq-lite", version: 3) == nil)
        #expect(v2.document == NewQuestionnaireVersion.make(version: 2, title: "Lite v2").document)
    }

    @Test(arguments: StoreBackend.available)
    func listsTheLatestVersionOfEachDefinition(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practiceID = try store.createPractice(name: "P").practice.id

        #expect(try store.questionnaires(practiceID: practiceID).isEmpty)
        #expect(try store.latestQuestionnaire(practiceID: practiceID, id: "b-form") == nil)
        for version in 1...3 {
            _ = try store.createQuestionnaireVersion(
                practiceID: practiceID,
                .make(id: "b-form", version: version),
                actor: .commandLine
            )
        }
        _ = try store.createQuestionnaireVersion(
            practiceID: practiceID,
            .make(id: "a-form", version: 1),
            actor: .commandLine
        )

        #expect(try store.latestQuestionnaire(practiceID: practiceID, id: "b-form")?.version == 3)
        let listed = try store.questionnaires(practiceID: practiceID)
        #expect(listed.map(\.id) == ["a-form", "b-form"])
        #expect(listed.map(\.version) == [1, 3])
    }

    @Test(arguments: StoreBackend.available)
    func refusesBuiltInIdsAndBadInput(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practiceID = try store.createPractice(name: "P").practice.id

        #expect(throws: StoreError.invalid(field: "id", reason: "is the id of a built-in questionnaire")) {
            try store.createQuestionnaireVersion(
                practiceID: practiceID,
                .make(id: "relationship-checkin", version: 1),
                actor: .commandLine
            )
        }
        #expect(throws: StoreError.invalid(field: "document", reason: "must be non-empty UTF-8 JSON")) {
            var bad = NewQuestionnaireVersion.make(version: 1)
            bad.document = [0xff, 0xfe]
            return try store.createQuestionnaireVersion(practiceID: practiceID, bad, actor: .commandLine)
        }
        #expect(throws: StoreError.notFound(.practice)) {
            try store.createQuestionnaireVersion(practiceID: "prc_missing", .make(version: 1), actor: .commandLine)
        }
        #expect(try store.questionnaires(practiceID: practiceID).isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func auditsEachPublishedVersion(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let created = try store.createPractice(name: "P")
        let actor = AuditActor(key: created.adminKey.key)
        _ = try store.createQuestionnaireVersion(practiceID: created.practice.id, .make(version: 1), actor: actor)
        _ = try store.createQuestionnaireVersion(practiceID: created.practice.id, .make(version: 2), actor: actor)

        let events = try store.auditEvents(practiceID: created.practice.id, query: AuditQuery()).events
            .filter { $0.action == "questionnaire.create" }
        #expect(Set(events.compactMap(\.resourceID)) == ["phq-lite@1", "phq-lite@2"])
        #expect(events.allSatisfy { $0.keyID == created.adminKey.key.id && $0.resourceType == "questionnaire" })
    }
}
