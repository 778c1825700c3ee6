import Dispatch
import Glibc
import Testing

@testable import HTTPServer

/// Graceful shutdown with a request in flight, the drain deadline, and listening on IPv6.
extension LiveServerTests {
    @Test func finishesAnInFlightRequestOnShutdownThenRefusesConnections() throws {
        let server = try TestServer.start(timeouts: .init(drain: .seconds(5)))
        defer { server.shutdownAndWait() }
        let port = server.port
        #expect(server.isReady)
        let idle = try TestClient(port: port)
        #expect(try idle.exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").status == 200)
        let busy = try TestClient(port: port)
        // A request queued behind the in-flight one is not started once draining.
        try busy.send(
            "GET /slow?ms=300&tag=inflight HTTP/1.1\r\nHost: t\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n"
        )
        usleep(100_000)  // the handler is running
        let done = DispatchSemaphore(value: 0)
        server.shutdown { done.signal() }
        #expect(!server.isReady)
        // The idle connection is closed at once, without a response.
        let (idleEnd, idleElapsed) = measure { idle.waitForClose() }
        #expect(idleEnd == .closed)
        #expect(idle.buffer.isEmpty)
        #expect(idleElapsed < .milliseconds(150), "idle connection closed after \(idleElapsed)")
        // The in-flight request completes, whole, with Connection: close.
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "slow inflight")
        #expect(response["Connection"] == "close")
        #expect(busy.waitForClose() == .closed)
        #expect(busy.buffer.isEmpty, "the queued request must not be answered")
        busy.close()
        #expect(done.wait(timeout: .now() + .seconds(3)) == .success, "completion called")
        #expect(server.openConnectionCount == 0)
        // The listener is gone: new connections are refused.
        #expect(throws: ClientError.connectFailed(errno: ECONNREFUSED)) { try TestClient(port: port) }
    }

    @Test func closesWhatIsLeftAtTheDrainDeadline() throws {
        let server = try TestServer.start(timeouts: .init(drain: .milliseconds(300)))
        let client = try TestClient(port: server.port)
        try client.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(100_000)
        let (_, elapsed) = measure { server.shutdownAndWait() }
        #expect(elapsed >= .milliseconds(250) && elapsed < .milliseconds(1200), "drained after \(elapsed)")
        #expect(server.openConnectionCount == 0)
        #expect(client.waitForClose() != .timedOut)
        #expect(client.buffer.isEmpty, "no response once the deadline has passed")
    }

    @Test func shutsDownAtOnceWithoutConnections() throws {
        let server = try TestServer.start()
        #expect(server.isReady)
        let (_, elapsed) = measure { server.shutdownAndWait() }
        #expect(elapsed < .milliseconds(500))
        #expect(!server.isReady)
        // A second shutdown is harmless and still completes.
        let done = DispatchSemaphore(value: 0)
        server.shutdown { done.signal() }
        #expect(done.wait(timeout: .now() + .seconds(2)) == .success)
    }

    @Test(.enabled(if: canBindIPv6Loopback, "::1 cannot be bound on this machine (no IPv6 loopback)"))
    func servesOnTheIPv6Loopback() throws {
        try TestServer.with(host: "::1") { server in
            #expect(server.port > 0)
            #expect(server.listeningAddresses == ["[::1]:\(server.port)"])
            let client = try TestClient(port: server.port, host: "::1")
            let response = try client.exchange("GET /items/6 HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(response.status == 200)
            #expect(response.text == "item 6")
        }
    }
}

/// Whether a socket can be bound to ::1 here; decides whether the IPv6 test runs.
let canBindIPv6Loopback: Bool = {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    } == 0
}()
