import AttuneClient
import AttuneCore
import AttuneJSON
import AttuneSQLite
import AttuneStore
import Foundation
import Glibc
import Testing

/// `attune-smoke` run as a process against a live server.
@Suite(.timeLimit(.minutes(1)))
struct SmokeProcessTests {
    struct Outcome {
        var status: Int32
        var stdout: String
    }

    /// The binary built beside the running tests, else `.build/debug/attune-smoke`.
    static var binary: String? {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path + "/attune-smoke")
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        candidates.append(root.path + "/.build/debug/attune-smoke")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func smoke(_ arguments: [String]) async throws -> Outcome {
        let binary = try #require(Self.binary, "attune-smoke was not built; run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self))
    }

    /// Every submission of the practice, of any client.
    func allSubmissions(_ server: LiveServer) throws -> Int {
        var query = SubmissionQuery()
        query.limit = 500
        query.includeSuperseded = true
        return try server.store.submissions(practiceID: server.practiceID, query: query, auditAs: nil).submissions.count
    }

    static func report(_ outcome: Outcome) throws -> [String: String] {
        let value = try JSONReader().parse(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        var statuses: [String: String] = [:]
        for step in value["steps"]?.arrayValue ?? [] {
            if let name = step["name"]?.stringValue { statuses[name] = step["status"]?.stringValue }
        }
        return statuses
    }

    @Test func aHealthyServerWithAnAdminKeyPassesAndKeepsNoTestData() async throws {
        try await withLiveServer { server in
            let outcome = try await smoke(["--url", server.baseURL, "--key", server.adminToken, "--timeout", "5"])
            #expect(outcome.status == 0, "\(outcome.stdout)")
            #expect(outcome.stdout.contains("✓ health"))
            #expect(outcome.stdout.contains("✓ revalidate questionnaire"))
            #expect(!outcome.stdout.contains("✗"))
            #expect(!outcome.stdout.contains(server.adminToken))
            #expect(try allSubmissions(server) == 0)
        }
    }

    @Test func theJSONReportNamesEveryStep() async throws {
        try await withLiveServer { server in
            let outcome = try await smoke(["--url", server.baseURL, "--key", server.adminToken, "--json"])
            #expect(outcome.status == 0)
            let statuses = try Self.report(outcome)
            #expect(statuses["key role"] == "passed")
            #expect(statuses["fetch questionnaire"] == "passed")
            #expect(statuses.count == 13)
            #expect(!outcome.stdout.contains(server.adminToken))
        }
    }

    @Test func aWrongKeyFailsAndWritesNothing() async throws {
        try await withLiveServer { server in
            let outcome = try await smoke(["--url", server.baseURL, "--key", "atn_wrong_key"])
            #expect(outcome.status != 0)
            #expect(outcome.stdout.contains("✗ key role"))
            #expect(!outcome.stdout.contains("atn_wrong_key"))
            #expect(try allSubmissions(server) == 0)
        }
    }

    @Test func aStoppedServerFails() async throws {
        // A port bound but not listening refuses connections like a stopped server, and stays taken
        // while the test runs: a freed port could go to a live server another test starts meanwhile.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let outcome = try await smoke(["--url", "http://127.0.0.1:\(port)", "--key", "k", "--timeout", "2"])
        #expect(outcome.status != 0)
        #expect(outcome.stdout.contains("✗ health"))
    }

    @Test func aKeyThatCannotEraseWritesNothing() async throws {
        try await withLiveServer { server in
            let outcome = try await smoke(["--url", server.baseURL, "--key", try server.token(.intake), "--json"])
            #expect(outcome.status == 0)
            let statuses = try Self.report(outcome)
            #expect(statuses["create submission"] == "skipped")
            #expect(statuses["erase test client"] == "skipped")
            #expect(try allSubmissions(server) == 0)
        }
    }

    /// Every write step against the real server, erasure included, and afterwards no trace of the test
    /// client through the admin API: no submission, not in the attention list, not in the aggregates.
    @Test func theWriteStepsPassAndTheErasureLeavesNoTrace() async throws {
        try await withLiveServer { server in
            let outcome = try await smoke(["--url", server.baseURL, "--key", server.adminToken, "--json"])
            #expect(outcome.status == 0, "\(outcome.stdout)")
            let statuses = try Self.report(outcome)
            for step in [
                "create submission", "replay submission", "compare scores", "read submission", "trajectory",
                "aggregate", "erase test client",
            ] {
                #expect(statuses[step] == "passed", "\(step): \(outcome.stdout)")
            }
            let admin = try server.client()
            #expect(try await admin.submissions(SubmissionFilter(includeSuperseded: true)).collect().isEmpty)
            #expect(try await admin.clients().collect().isEmpty)
            let aggregate = try await admin.aggregates(AggregateQuery(questionnaire: "relationship-checkin"))
            #expect(aggregate.total.submissions == 0)
            #expect(aggregate.total.clients == 0)
            #expect(try allSubmissions(server) == 0)
            let actions = try await admin.auditEvents().collect().map(\.action)
            #expect(actions.contains("client.erase"))
        }
    }

    /// A failed step still ends in the erasure: with the trajectory route refusing (a proxy answers it
    /// `500`), the run fails, and the test client is erased all the same.
    @Test func aFailedStepStillErasesTheTestClient() async throws {
        try await withLiveServer { server in
            let upstream = server.port
            let proxy = try ScriptedServer([
                .choose { request in
                    guard request.target.contains("/trajectory") else {
                        return .forward(port: upstream, dropAnswer: false)
                    }
                    let body = #"{"type":"about:blank","title":"Internal Server Error","status":500}"#
                    return .respond(status: 500, headers: [("Content-Type", "application/problem+json")], body: body)
                }
            ])
            defer { proxy.stop() }
            let outcome = try await smoke([
                "--url", "http://127.0.0.1:\(proxy.port)", "--key", server.adminToken, "--json",
            ])
            #expect(outcome.status != 0)
            let statuses = try Self.report(outcome)
            #expect(statuses["create submission"] == "passed")
            #expect(statuses["trajectory"] == "failed")
            #expect(statuses["erase test client"] == "passed", "\(outcome.stdout)")
            #expect(try allSubmissions(server) == 0)
            #expect(try await server.client().clients().collect().isEmpty)
        }
    }
}
