import Foundation
import Testing

@testable import HTTPServer

/// curl as a real, independent client of the live server.
@Suite(.timeLimit(.minutes(1)), .enabled(if: FileManager.default.isExecutableFile(atPath: Curl.path)))
struct CurlTests {
    /// A 2 KB body without newlines (`--data` strips them).
    private static let body = String((0..<2048).map { index in Character(UnicodeScalar(UInt8(97 + index % 26))) })

    @Test func sendsAnExpectContinueBodyWithoutStalling() throws {
        try TestServer.with { server in
            let file = try Curl.temporaryFile(containing: Self.body)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try Curl.run(
                "-sS",
                "-v",
                "--data",
                "@\(file.path)",
                "-H",
                "Expect: 100-continue",
                "-H",
                "Content-Type: application/octet-stream",
                "http://127.0.0.1:\(server.port)/echo"
            )
            #expect(result.status == 0, "curl: \(result.stderr)")
            #expect(result.stdout == Self.body)
            // curl waits up to a second for the 100 before sending anyway: the 100 must have come first.
            #expect(result.stderr.contains("HTTP/1.1 100 Continue"))
            #expect(result.elapsed < .milliseconds(500), "took \(result.elapsed)")
        }
    }

    @Test func uploadsAChunkedBody() throws {
        try TestServer.with { server in
            let file = try Curl.temporaryFile(containing: Self.body)
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try Curl.run(
                "-sS",
                "--data-binary",
                "@\(file.path)",
                "-H",
                "Transfer-Encoding: chunked",
                "http://127.0.0.1:\(server.port)/echo"
            )
            #expect(result.status == 0, "curl: \(result.stderr)")
            #expect(result.stdout == Self.body)
        }
    }

    @Test func speaksHTTP10() throws {
        try TestServer.with { server in
            let result = try Curl.run("-sS", "-i", "--http1.0", "http://127.0.0.1:\(server.port)/items/10")
            #expect(result.status == 0, "curl: \(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\r\n")
            #expect(lines.first == "HTTP/1.1 200 OK")
            #expect(lines.contains("Connection: close"))
            #expect(lines.contains("Content-Length: 7"))
            #expect(lines.last == "item 10")
        }
    }

    @Test func showsTheHeadersForHead() throws {
        try TestServer.with { server in
            let result = try Curl.run("-sS", "-I", "http://127.0.0.1:\(server.port)/big?bytes=2048")
            #expect(result.status == 0, "curl: \(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\r\n")
            #expect(lines.first == "HTTP/1.1 200 OK")
            #expect(lines.contains("Content-Length: 2048"))
            #expect(lines.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" GMT") })
            #expect(lines.contains { $0.hasPrefix("X-Request-Id: ") })
            #expect(lines.suffix(2) == ["", ""], "the head ends the output: no body")
        }
    }

    @Test func failsWithTheProblemBodyOnNotFound() throws {
        try TestServer.with { server in
            let result = try Curl.run("-sS", "--fail-with-body", "http://127.0.0.1:\(server.port)/nowhere")
            #expect(result.status == 22)
            #expect(result.stdout.hasPrefix(#"{"type":"about:blank","title":"Not Found","status":404"#))
            #expect(result.stderr.contains("404"))
        }
    }
}

/// Runs /usr/bin/curl and captures what it printed.
enum Curl {
    static let path = "/usr/bin/curl"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var elapsed: Duration
    }

    static func run(_ arguments: String...) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // Never a proxy from the environment, and a bound on the whole exchange.
        process.arguments = ["--noproxy", "*", "--max-time", "10"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let start = ContinuousClock.now
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            elapsed: ContinuousClock.now - start
        )
    }

    static func temporaryFile(containing text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attune-curl-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
