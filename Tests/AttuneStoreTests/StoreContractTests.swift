import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// The `Store` contract for practices, therapists and keys, run against every backend.
@Suite struct StoreContractTests {
    @Test(arguments: StoreBackend.available)
    func createsPracticeWithFirstAdminKey(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }

        let created = try store.createPractice(name: "  Riverside Practice ")
        #expect(created.practice.name == "Riverside Practice")
        #expect(created.practice.id.hasPrefix("prc_"))
        #expect(created.adminKey.key.role == .admin)
        #expect(created.adminKey.key.practiceID == created.practice.id)
        #expect(try store.practice(id: created.practice.id) == created.practice)
        #expect(try store.practice(id: "prc_000000000000000000000000") == nil)
        #expect(try store.keys(practiceID: created.practice.id) == [created.adminKey.key])
    }

    @Test(arguments: StoreBackend.available)
    func refusesBlankPracticeName(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }

        #expect(throws: StoreError.invalid(field: "name", reason: "must not be empty")) {
            try store.createPractice(name: "   ")
        }
    }

    @Test(arguments: StoreBackend.available)
    func createsAndListsTherapists(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice

        let t7 = try store.createTherapist(practiceID: practice.id, id: "t-07", actor: .commandLine)
        let t1 = try store.createTherapist(practiceID: practice.id, id: "t-01", actor: .commandLine)
        #expect(try store.therapists(practiceID: practice.id) == [t1, t7])
        #expect(try store.therapist(practiceID: practice.id, id: "t-07") == t7)
        #expect(try store.therapist(practiceID: practice.id, id: "t-99") == nil)
        #expect(throws: StoreError.conflict(.therapist)) {
            try store.createTherapist(practiceID: practice.id, id: "t-07", actor: .commandLine)
        }
        #expect(throws: StoreError.self) {
            try store.createTherapist(practiceID: practice.id, id: "t 07/../x", actor: .commandLine)
        }
        #expect(throws: StoreError.notFound(.practice)) {
            try store.createTherapist(practiceID: "prc_missing", id: "t-01", actor: .commandLine)
        }
    }

    @Test(arguments: StoreBackend.available)
    func createsKeysForEveryRoleWithTherapistOnlyForClinicians(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        _ = try store.createTherapist(practiceID: practice.id, id: "t-07", actor: .commandLine)

        let clinician = try store.createKey(
            practiceID: practice.id,
            NewAPIKey(role: .clinician, therapistID: "t-07", label: "laptop"),
            actor: .commandLine
        )
        #expect(clinician.key.therapistID == "t-07")
        #expect(clinician.key.label == "laptop")
        #expect(clinician.token.hasPrefix("atn_\(clinician.key.id)_"))
        let intake = try store.createKey(practiceID: practice.id, NewAPIKey(role: .intake), actor: .commandLine)
        #expect(intake.key.therapistID == nil)
        #expect(intake.token != clinician.token)

        #expect(throws: StoreError.invalid(field: "therapist", reason: "is required for a clinician key")) {
            try store.createKey(practiceID: practice.id, NewAPIKey(role: .clinician), actor: .commandLine)
        }
        #expect(throws: StoreError.invalid(field: "therapist", reason: "is allowed only for a clinician key")) {
            try store.createKey(
                practiceID: practice.id,
                NewAPIKey(role: .admin, therapistID: "t-07"),
                actor: .commandLine
            )
        }
        #expect(throws: StoreError.notFound(.therapist)) {
            try store.createKey(
                practiceID: practice.id,
                NewAPIKey(role: .clinician, therapistID: "t-99"),
                actor: .commandLine
            )
        }
        let listed = try store.keys(practiceID: practice.id)
        #expect(listed.count == 3)
        #expect(Set(listed.map(\.id)).isSuperset(of: [clinician.key.id, intake.key.id]))
        #expect(try store.key(practiceID: practice.id, id: intake.key.id) == intake.key)
    }

    @Test(arguments: StoreBackend.available)
    func authenticatesOnlyTheExactLiveToken(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let created = try store.createPractice(name: "P").adminKey

        #expect(try store.authenticate(token: created.token)?.id == created.key.id)
        // Same key id, secret altered in its last character: the hashes differ.
        var forged = created.token
        let last = forged.removeLast()
        forged.append(last == "A" ? "B" : "A")
        #expect(try store.authenticate(token: forged) == nil)
        #expect(
            try store.authenticate(token: "atn_key_000000000000000000000000_" + String(repeating: "A", count: 43))
                == nil
        )
        #expect(try store.authenticate(token: "") == nil)
        #expect(try store.authenticate(token: created.key.id) == nil)
    }

    @Test(arguments: StoreBackend.available)
    func refusesRevokedKey(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let key = try store.createKey(practiceID: practice.id, NewAPIKey(role: .intake), actor: .commandLine)
        #expect(try store.authenticate(token: key.token) != nil)

        let revoked = try store.revokeKey(practiceID: practice.id, id: key.key.id, actor: .commandLine)
        #expect(revoked.revokedAt != nil)
        #expect(try store.authenticate(token: key.token) == nil)
        #expect(try store.key(practiceID: practice.id, id: key.key.id)?.revokedAt == revoked.revokedAt)
        // Revoking again keeps the first time.
        let again = try store.revokeKey(practiceID: practice.id, id: key.key.id, actor: .commandLine)
        #expect(again.revokedAt == revoked.revokedAt)
    }

    @Test(arguments: StoreBackend.available)
    func recordsLastUseOffTheRequestPath(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let created = try store.createPractice(name: "P").adminKey
        #expect(created.key.lastUsedAt == nil)

        let authenticated = try store.authenticate(token: created.token)
        #expect(authenticated?.lastUsedAt == nil)  // the stored value, read before this use
        let recorded = try eventually {
            try store.key(practiceID: created.key.practiceID, id: created.key.id)?.lastUsedAt != nil
        }
        #expect(recorded)
    }
}
