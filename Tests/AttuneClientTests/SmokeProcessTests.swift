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
        let stopped = try ScriptedServer([.drop])
        let port = stopped.port
        stopped.stop()
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

    /// The write steps, against the real server behind a proxy that answers the erasure itself (for a
    /// server without `DELETE /v1/clients/{client}`): create, replay, scores and read back pass, and the
    /// clean-up asks to erase exactly the test client.
    @Test func theWriteStepsPassAndTheCleanUpErasesTheTestClient() async throws {
        try await withLiveServer { server in
            let upstream = server.port
            let proxy = try ScriptedServer([
                .choose { request in
                    guard request.method == "DELETE", request.target.hasPrefix("/v1/clients/") else {
                        return .forward(port: upstream, dropAnswer: false)
                    }
                    let probe = request.target.hasPrefix("/v1/clients/attune-smoke-probe-")
                    let notFound =
                        #"{"type":"/problems/not-found","title":"Not Found","status":404,"detail":"No such client."}"#
                    return probe
                        ? .respond(status: 404, headers: [("Content-Type", "application/problem+json")], body: notFound)
                        : .respond(status: 204)
                }
            ])
            defer { proxy.stop() }
            let outcome = try await smoke([
                "--url", "http://127.0.0.1:\(proxy.port)", "--key", server.adminToken, "--json",
            ])
            let statuses = try Self.report(outcome)
            for step in ["create submission", "replay submission", "compare scores", "read submission"] {
                #expect(statuses[step] == "passed", "\(step): \(outcome.stdout)")
            }
            #expect(statuses["erase test client"] == "failed", "the fake erasure leaves the submission readable")
            let erased = proxy.requests.filter { $0.method == "DELETE" && !$0.target.contains("probe") }
            #expect(erased.count == 1)
            #expect(erased.first?.target.hasPrefix("/v1/clients/attune-smoke-") == true)
            #expect(try allSubmissions(server) == 1)
        }
    }
}
