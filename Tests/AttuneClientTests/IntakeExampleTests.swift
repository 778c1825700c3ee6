import AttuneClient
import AttuneCore
import Testing

/// docs/sdk.md's intake example, as written there, against the live server.
@Suite(.timeLimit(.minutes(1)))
struct IntakeExampleTests {
    @Test func theDocumentedExampleRunsAndReadsTheAlertBack() async throws {
        try await withLiveServer { server in
            let client = try server.client()
            let checkin = try await client.questionnaire("relationship-checkin").definition
            #expect(!checkin.items.isEmpty)
            let posted = PostedSubmission(
                questionnaire: checkin.id,
                version: checkin.version,
                client: "c-1042",
                therapist: "t-1",
                respondent: .client,
                session: 5,
                date: "2026-11-20",
                answers: [
                    .init(id: "secure_base", value: 3), .init(id: "attunement", value: 4),
                    .init(id: "trust", value: 2), .init(id: "acceptance", value: 3),
                    .init(id: "repair", value: 4), .init(id: "autonomy", value: 3),
                    .init(id: "cultural_humility", value: 0), .init(id: "flexibility", value: 1),
                ],
                scores: nil,
                supersedes: false
            )
            let receipt = try await client.submit(posted)
            let total = try #require(receipt.submission.score(of: "total"))
            #expect(total.value == 2.5)
            #expect(total.band != nil)
            #expect(receipt.submission.alerts.map(\.id).contains("floor-cultural_humility"))
            do {
                _ = try await client.submit(posted, idempotencyKey: nil)
                Issue.record("a second submission of the same session was accepted")
            } catch let error as AttuneClientError {
                switch error {
                case .server(let problem) where problem.status == 409:
                    #expect(problem.existingSubmission == receipt.submission.id)
                default:
                    Issue.record("expected 409, got \(error)")
                }
            }
        }
    }
}
