import AttuneClient
import AttuneCore
import AttuneJSON
import Foundation

/// `attune-sdk-benchmark URL KEY COUNT [--no-reuse]`: COUNT sequential `GET /v1/questionnaires/relationship-checkin`
/// (downloaded and decoded each time: the cache is cleared first) and COUNT `POST /v1/submissions` (each
/// with its own Idempotency-Key) through one client; prints the per-request time of each in microseconds.
@main
enum SDKBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let count = Int(arguments[3]), count > 0 else {
            FileHandle.standardError.write(Data("usage: attune-sdk-benchmark URL KEY COUNT [--no-reuse]\n".utf8))
            exit(2)
        }
        let reuse = !arguments.contains("--no-reuse")
        let client = try AttuneClient(
            AttuneClientConfiguration(baseURL: arguments[1], key: APIKey(arguments[2]), reuseConnections: reuse)
        )
        let therapist = arguments.count > 4 && !arguments[4].hasPrefix("--") ? arguments[4] : "t-1"
        _ = try await client.questionnaire("relationship-checkin")  // warm-up: connection, caches
        let getStart = ContinuousClock.now
        for _ in 0..<count {
            client.clearQuestionnaireCache()
            let fetched = try await client.questionnaire("relationship-checkin")
            precondition(fetched.source == .downloaded && !fetched.definition.items.isEmpty)
        }
        let getTime = ContinuousClock.now - getStart
        // The same GETs without decoding: what the transport alone costs.
        let rawStart = ContinuousClock.now
        for _ in 0..<count {
            let response = try await client.send(RawRequest(.get, "/v1/questionnaires/relationship-checkin"))
            precondition(response.status == 200)
        }
        let rawTime = ContinuousClock.now - rawStart
        // Decoding alone, on the bytes of one answer.
        let bytes = try await client.send(RawRequest(.get, "/v1/questionnaires/relationship-checkin")).body
        let decodeStart = ContinuousClock.now
        for _ in 0..<count {
            let definition = try DefinitionJSON.decode(JSONReader().parse(bytes))
            precondition(!definition.items.isEmpty)
        }
        let decodeTime = ContinuousClock.now - decodeStart
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let postStart = ContinuousClock.now
        for index in 0..<count {
            let receipt = try await client.submit(checkin(client: "bench-sdk-\(run)-\(index)", therapist: therapist))
            precondition(receipt.submission.score(of: "total") != nil)
        }
        let postTime = ContinuousClock.now - postStart
        let micros = { (duration: Duration) -> Double in
            (Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12)
                / Double(count)
        }
        print(
            "get_us=\(Int(micros(getTime))) raw_get_us=\(Int(micros(rawTime))) decode_us=\(Int(micros(decodeTime))) post_us=\(Int(micros(postTime))) "
                + "connections=\(client.statistics.connectionsOpened) attempts=\(client.statistics.attempts)"
        )
    }

    static func checkin(client: String, therapist: String) -> PostedSubmission {
        let values = [3, 4, 2, 3, 4, 3, 2, 1]
        let items = [
            "secure_base", "attunement", "trust", "acceptance", "repair", "autonomy", "cultural_humility",
            "flexibility",
        ]
        return PostedSubmission(
            questionnaire: "relationship-checkin",
            version: nil,
            client: client,
            therapist: therapist,
            respondent: .client,
            session: 1,
            date: "2026-11-20",
            answers: zip(items, values).map { PostedSubmission.Answer(id: $0.0, value: .number(JSONNumber($0.1))) },
            scores: nil,
            supersedes: false
        )
    }
}
