import AttuneCore
import AttuneSQLite
import AttuneStore
import Foundation

/// Factories with defaults for the questionnaire and submission tests.
extension NewSubmission {
    /// A small, valid submission; JSON bytes are placeholders the store does not parse.
    static func make(
        id: String? = nil,
        client: String = "c-1",
        therapist: String = "t-1",
        questionnaire: String = "relationship-checkin",
        version: Int = 1,
        respondent: Respondent = .client,
        session: Int = 1,
        date: String = "2026-11-20",
        receivedAt: Date? = nil,
        supersedes: Bool = false
    ) -> NewSubmission {
        NewSubmission(
            id: id,
            clientID: client,
            therapistID: therapist,
            questionnaireID: questionnaire,
            version: version,
            respondent: respondent,
            session: session,
            date: date,
            receivedAt: receivedAt,
            answers: Array(#"{"secure_base":3}"#.utf8),
            scores: Array(#"{"total":{"value":3,"answered":1,"of":1,"prorated":false}}"#.utf8),
            alerts: Array("[]".utf8),
            supersedes: supersedes
        )
    }
}

extension NewQuestionnaireVersion {
    /// A definition document for `id` at `version`.
    static func make(id: String = "phq-lite", version: Int, title: String = "Lite") -> NewQuestionnaireVersion {
        NewQuestionnaireVersion(
            id: id,
            version: version,
            title: title,
            respondent: .client,
            document: Array(#"{"id":"\#(id)","version":\#(version),"title":"\#(title)"}"#.utf8)
        )
    }
}

/// A practice with therapists `t-1` and `t-2`, for submission tests.
struct SubmissionFixture {
    let store: any Store
    let practice: Practice
    let admin: AuditActor

    init(store: any Store) throws {
        self.store = store
        let created = try store.createPractice(name: "P")
        practice = created.practice
        admin = AuditActor(key: created.adminKey.key)
        for id in ["t-1", "t-2"] {
            _ = try store.createTherapist(practiceID: practice.id, id: id, actor: .commandLine)
        }
    }

    /// Stores `submission`, expecting it to be created.
    @discardableResult
    func create(_ submission: NewSubmission = .make()) throws -> StoredSubmission {
        let write = try store.createSubmission(practiceID: practice.id, submission, actor: admin)
        guard case .created(let stored, _, _) = write else { throw Unexpected(write: write) }
        return stored
    }

    struct Unexpected: Error, CustomStringConvertible {
        var write: SubmissionWrite
        var description: String { "expected .created, got \(write)" }
    }
}

/// A request hash: 64 hex digits made from `seed`.
func requestHash(_ seed: Character) -> String {
    String(repeating: seed, count: 64)
}

/// A fresh `sub_` id with `n` in its last digits, so tests can pre-generate ids.
func submissionID(_ n: Int) -> String {
    let digits = String(n, radix: 16)
    return "sub_" + String(repeating: "0", count: 24 - digits.count) + digits
}
