import Foundation
import Glibc
import Testing

/// What a finished `attune` command did.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `attune` executable.
enum AttuneProcess {
    /// The package root, from this file's path (Tests/AttuneServerTests/Support/…).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `attune` binary built beside the running tests (debug or release), else `.build/debug/attune`.
    static var binary: String? {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path + "/attune")
        }
        candidates.append(packageRoot + "/.build/debug/attune")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The environment without `ATTUNE_*`, so a developer's settings cannot change what is tested.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ATTUNE_") }
    }

    /// Runs `attune arguments…` in `directory` to completion; killed after `timeout` seconds.
    static func run(_ arguments: [String], in directory: String? = nil, timeout: TimeInterval = 30) throws
        -> CommandResult
    {
        let binary = try #require(Self.binary, "attune was not built; run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = cleanEnvironment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Outputs here are a few lines, far below a pipe's buffer: waiting first cannot deadlock.
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let timedOut = process.isRunning
        if timedOut { _ = kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(!timedOut, "attune \(arguments.joined(separator: " ")) ran over \(timeout) s and was killed")
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// A port that was free a moment ago (bind to 0, read it, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw HTTPClientError(description: "no free port: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// `attune serve` as a child process on a free port.
final class ServerProcess {
    let process = Process()
    let port: Int
    let logPath: String

    /// Starts the server on `database` and waits until `/healthz` answers.
    /// - Parameter descriptorLimit: RLIMIT_NOFILE for the server, set by `prlimit`, which then execs it
    ///   (so ``process``'s pid is the server's).
    init(database: String, logPath: String, extraArguments: [String] = [], descriptorLimit: Int? = nil) throws {
        let binary = try #require(AttuneProcess.binary, "attune was not built; run swift build first")
        port = try AttuneProcess.freePort()
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let arguments =
            ["serve", "--port", String(port), "--database", database, "--access-log", "off", "--rate-limit", "0"]
            + extraArguments
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(descriptorLimit)", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.environment = AttuneProcess.cleanEnvironment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try waitUntilHealthy()
    }

    var client: HTTPClient { HTTPClient(port: port) }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    private func waitUntilHealthy() throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            guard process.isRunning else {
                throw HTTPClientError(description: "attune serve exited \(process.terminationStatus): \(log)")
            }
            if let response = try? client.get("/healthz", token: nil), response.status == 200 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw HTTPClientError(description: "attune serve did not become healthy: \(log)")
    }

    /// SIGKILL: no drain, no cleanup, as in a crash or an OOM kill.
    func kill() {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait (at most `timeout` seconds, then SIGKILL); returns the exit status.
    @discardableResult
    func terminate(timeout: TimeInterval = 15) -> Int32 {
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill() }
    }
}
