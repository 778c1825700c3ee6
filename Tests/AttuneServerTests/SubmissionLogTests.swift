import AttuneSQLite
import AttuneServer
import AttuneStore
import AttuneTesting
import HTTPServer
import Prometheus
import Testing

/// DESIGN.md non-negotiable: no answer text and no client id appears in logs, whatever the request did.
@Suite(.timeLimit(.minutes(1)))
struct SubmissionLogTests {
    static let secret = "SECRET-TEXT-123"
    static let clientID = "CLIENT-XYZ-9"

    @Test func neitherAnswerTextNorClientIdReachesAnyLogLine() throws {
        let capture = LogCapture()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.file("log.sqlite"))
        let created = try store.createPractice(name: "Logged practice")
        let practice = created.practice.id
        let admin = created.adminKey.token
        _ = try store.createTherapist(practiceID: practice, id: "t-1", actor: .commandLine)
        let service = AttuneService(
            configuration: .init(
                server: Server.Configuration(host: "127.0.0.1", port: 0),
                accessLog: true,
                rateLimit: 0
            ),
            store: store,
            logger: capture.logger(),
            registry: PrometheusCollectorRegistry()
        )
        try service.start()
        let client = HTTPClient(port: service.server.port)
        var statuses: [Int] = []
        func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil) throws {
            let response = try client.request(
                method,
                path,
                token: admin,
                headers: headers,
                body: body.map { Array($0.utf8) }
            )
            statuses.append(response.status)
        }

        try send("POST", "/v1/questionnaires", body: wellbeingDefinition())
        var body = SubmissionBody()
        body.questionnaire = "wellbeing"
        body.client = Self.clientID
        body.answers = [
            "l1": "3", "l2": "1", "v1": "7.5", "c1": "\"often\"", "b1": "true", "note": quoted(Self.secret),
        ]
        let key = [("Idempotency-Key", "log-key")]
        try send("POST", "/v1/submissions", headers: key, body: body.json)  // 201
        try send("POST", "/v1/submissions", headers: key, body: body.json)  // replayed 201
        var other = body
        other.session = "2"
        try send("POST", "/v1/submissions", headers: key, body: other.json)  // 422 key reused
        try send("POST", "/v1/submissions", body: body.json)  // 409 duplicate
        var invalid = body
        invalid.session = "3"
        invalid.answers["c1"] = quoted(Self.secret)
        invalid.answers["v1"] = "7.3"
        try send("POST", "/v1/submissions", body: invalid.json)  // 422 answers
        var badTherapist = body
        badTherapist.session = "4"
        badTherapist.therapist = "t-unknown"
        try send("POST", "/v1/submissions", body: badTherapist.json)  // 422 therapist
        var badClient = body
        badClient.client = Self.clientID + " " + Self.secret
        try send("POST", "/v1/submissions", body: badClient.json)  // 422 client id
        try send("POST", "/v1/submissions", body: "{\"client\":\"\(Self.clientID)\",\"note\":\"\(Self.secret)")  // 400
        try send(
            "POST",
            "/v1/submissions",
            headers: [("Idempotency-Key", Self.secret + " " + Self.clientID)],
            body: body.json
        )
        try send("GET", "/v1/submissions?client=\(Self.clientID)")
        try send("GET", "/v1/submissions?client=\(Self.clientID)&limit=0")
        try send("GET", "/v1/submissions?\(Self.secret)=\(Self.clientID)")
        try send("GET", "/v1/submissions/\(Self.clientID)")
        try send("GET", "/v1/clients/\(Self.clientID)/\(Self.secret)")
        try send("GET", "/v1/questionnaires/\(Self.secret)")
        _ = try client.request("GET", "/v1/submissions?client=\(Self.clientID)", token: Self.secret)
        service.server.shutdownAndWait()
        store.close()

        #expect(statuses.contains(201) && statuses.contains(409) && statuses.contains(422) && statuses.contains(400))
        #expect(statuses.contains(404))
        let lines = capture.lines
        // Access log on: at least one line per request, so an empty capture cannot pass.
        #expect(lines.filter { $0.contains("request") }.count >= statuses.count, "\(lines)")
        for line in lines {
            #expect(!line.contains(Self.secret), "\(line)")
            #expect(!line.contains(Self.clientID), "\(line)")
        }
        // The data really went in: the check above is not vacuous.
        let stored = try SQLiteStore(path: directory.file("log.sqlite"))
        defer { stored.close() }
        let page = try stored.submissions(practiceID: practice, query: SubmissionQuery(clientID: Self.clientID))
        #expect(page.submissions.count == 1)
        let storedAnswers = String(decoding: page.submissions.first?.answers ?? [], as: UTF8.self)
        #expect(storedAnswers.contains(Self.secret))
    }
}
