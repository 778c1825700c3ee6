import AttuneClient
import AttuneCore
import AttuneJSON

/// Submissions and definitions the SDK tests post.
enum Fixtures {
    /// A check-in for `client`, session `session`: 3, 4, 2, 3, 4, 3, 2, 1 (mean 2.75).
    static func checkin(client: String = "c-1", session: Int = 1, therapist: String = "t-1") -> PostedSubmission {
        let values: [(String, Int)] = [
            ("secure_base", 3), ("attunement", 4), ("trust", 2), ("acceptance", 3),
            ("repair", 4), ("autonomy", 3), ("cultural_humility", 2), ("flexibility", 1),
        ]
        return PostedSubmission(
            questionnaire: "relationship-checkin",
            version: nil,
            client: client,
            therapist: therapist,
            respondent: .client,
            session: session,
            date: "2026-11-20",
            answers: values.map { PostedSubmission.Answer(id: $0.0, value: .number(JSONNumber($0.1))) },
            scores: nil,
            supersedes: false
        )
    }

    /// A small practice definition: two likert items, a mean scale.
    static func definition(id: String = "practice-pulse", version: Int = 1) -> QuestionnaireDefinition {
        let json = """
            {"id": "\(id)", "version": \(version), "title": "Pulse", "respondent": "client",
             "items": [{"id": "a", "text": "A", "type": "likert", "min": 0, "max": 4},
                       {"id": "b", "text": "B", "type": "likert", "min": 0, "max": 4}],
             "scales": [{"id": "total", "title": "Total", "items": ["a", "b"], "method": "mean",
                         "bands": [{"min": 0, "max": 4, "label": "all"}]}]}
            """
        // The fixture is a literal: a failure here is a bug in the test itself.
        return try! DefinitionJSON.decode(JSONReader().parse(json))
    }
}

/// Runs `body` with a live server that is stopped afterwards, whatever happens.
func withLiveServer<T>(
    rateLimit: Int = 0,
    _ body: (LiveServer) async throws -> T
) async throws -> T {
    let server = try LiveServer(rateLimit: rateLimit)
    defer { server.stop() }
    return try await body(server)
}
