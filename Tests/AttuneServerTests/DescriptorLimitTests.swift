import AttuneTesting
import Foundation
import Glibc
import Testing

/// `attune serve` under a low RLIMIT_NOFILE with more clients than descriptors: no spin, no hang, recovery.
@Suite(.timeLimit(.minutes(1)))
struct DescriptorLimitTests {
    /// utime + stime of `pid` in clock ticks, from /proc/<pid>/stat.
    static func cpuTicks(_ pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return -1 }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return -1 }
        return user + system
    }

    @Test func staysIdleAtTheDescriptorLimitAndServesAgainOnceConnectionsClose() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess(
            database: directory.file("limit.sqlite"),
            logPath: directory.file("serve.log"),
            descriptorLimit: 64
        )
        #expect(server.log.contains("max connections lowered below the descriptor limit"), "\(server.log)")
        let pid = server.process.processIdentifier
        // 80 connections that send nothing: more than the process has descriptors for.
        var held: [HTTPConnection]? = try (0..<80).map { _ in try HTTPConnection(port: server.port, timeoutSeconds: 5) }
        let before = Self.cpuTicks(pid)
        Thread.sleep(forTimeInterval: 3)
        let ticks = Self.cpuTicks(pid) - before
        let hertz = Int(sysconf(Int32(_SC_CLK_TCK)))
        // A spinning accept loop burns ~3 s of CPU here; an idle server a few ticks.
        #expect(before >= 0 && ticks * 10 < hertz * 5, "\(ticks) ticks of CPU in 3 s")
        // A new client is told at once (503 at the cap, or served if a slot is free), never left hanging
        // in the backlog: the answer comes well within the client's 5 s timeout.
        let asked = Date()
        let status = try HTTPConnection(port: server.port, timeoutSeconds: 5).send("GET", "/healthz", token: nil).status
        #expect(status == 503 || status == 200, "\(status)")
        #expect(Date().timeIntervalSince(asked) < 2)
        #expect(held?.count == 80)
        held = nil  // closes them all
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = (try? server.client.get("/healthz", token: nil).status) == 200
            if !recovered { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(recovered, "\(server.log)")
        #expect(server.terminate() == 0)
    }
}
