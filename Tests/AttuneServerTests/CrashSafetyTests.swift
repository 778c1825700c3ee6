import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Synchronization
import Testing

/// "A 201 means it is on disk": SIGKILL `attune serve` in the middle of concurrent writes, then
/// prove that every acknowledged therapist survived with exactly one audit event, and nothing
/// half-written appeared.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct CrashSafetyTests {
    /// Who sent what, shared by the writer threads.
    final class Ledger: Sendable {
        let attempted = Mutex<Set<String>>([])
        let acknowledged = Mutex<Set<String>>([])
        let failures = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
    }

    static let threads = 16

    /// Writes from `threads` keep-alive connections until told to stop or the server dies.
    func write(round: Int, port: Int, token: String, ledger: Ledger) -> DispatchGroup {
        let group = DispatchGroup()
        for thread in 0..<Self.threads {
            group.enter()
            let worker = Thread {
                defer { group.leave() }
                let deadline = Date().addingTimeInterval(8)
                guard let connection = try? HTTPConnection(port: port, timeoutSeconds: 5) else {
                    ledger.failures.add(1, ordering: .relaxed)
                    return
                }
                var sequence = 0
                while !ledger.stop.load(ordering: .relaxed), Date() < deadline {
                    let id = "t-\(round)-\(thread)-\(sequence)"
                    sequence += 1
                    ledger.attempted.withLock { _ = $0.insert(id) }
                    do {
                        let response = try connection.send(
                            "POST",
                            "/v1/therapists",
                            token: token,
                            body: Array(#"{"id":"\#(id)"}"#.utf8)
                        )
                        if response.status == 201 { ledger.acknowledged.withLock { _ = $0.insert(id) } }
                    } catch {
                        ledger.failures.add(1, ordering: .relaxed)
                        return
                    }
                }
            }
            worker.start()
        }
        return group
    }

    @Test func acknowledgedWritesSurviveSIGKILL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("crash.sqlite")
        let created = try AttuneProcess.run(["practice", "create", "--name", "Crash", "--json", "--database", database])
        #expect(created.status == 0, "\(created.stderr)")
        let ids = try #require(
            try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String]
        )
        let practice = try #require(ids["practice"])
        let token = try #require(ids["key"])
        let ledger = Ledger()
        // Three kill points on the same file: each restart also proves the killed file opens and serves.
        for (round, writeSeconds) in [1.0, 1.5, 0.7].enumerated() {
            let server = try ServerProcess(database: database, logPath: directory.file("serve-\(round).log"))
            ledger.stop.store(false, ordering: .relaxed)
            let before = ledger.acknowledged.withLock { $0.count }
            let failuresBefore = ledger.failures.load(ordering: .relaxed)
            let group = write(round: round, port: server.port, token: token, ledger: ledger)
            Thread.sleep(forTimeInterval: writeSeconds)
            // On a loaded machine the restarted server may take longer to answer its first write: the kill
            // must come mid-stream, after at least one acknowledgement.
            let patience = Date().addingTimeInterval(20)
            while ledger.acknowledged.withLock({ $0.count }) == before, Date() < patience {
                Thread.sleep(forTimeInterval: 0.05)
            }
            server.kill()
            ledger.stop.store(true, ordering: .relaxed)
            #expect(group.wait(timeout: .now() + 15) == .success, "writer threads did not stop")
            let acknowledgedThisRound = ledger.acknowledged.withLock { $0.count } - before
            #expect(acknowledgedThisRound > 0, "round \(round): no write was acknowledged: \(server.log)")
            // Killed mid-stream: some connection must have been cut with a request in flight.
            #expect(ledger.failures.load(ordering: .relaxed) > failuresBefore, "round \(round) was not cut mid-stream")
            try verify(database: database, practice: practice, ledger: ledger)
        }
    }

    /// Opens the killed file directly and checks it against the ledger.
    func verify(database: String, practice: String, ledger: Ledger) throws {
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let present = Set(try store.therapists(practiceID: practice).map(\.id))
        let acknowledged = ledger.acknowledged.withLock { $0 }
        let attempted = ledger.attempted.withLock { $0 }
        let lost = acknowledged.subtracting(present)
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.sorted().prefix(10))")
        #expect(present.isSubset(of: attempted), "never sent: \(present.subtracting(attempted).sorted().prefix(10))")
        #expect(present.count >= acknowledged.count)
        var creations: [String: Int] = [:]
        var query = AuditQuery(order: .oldestFirst, limit: 1000)
        repeat {
            let page = try store.auditEvents(practiceID: practice, query: query)
            for event in page.events where event.action == "therapist.create" {
                creations[event.resourceID ?? "", default: 0] += 1
                #expect(event.resourceType == "therapist" && event.outcome == "success")
            }
            query.cursor = page.nextCursor
        } while query.cursor != nil
        let withoutEvent = present.filter { creations[$0] != 1 }
        #expect(withoutEvent.isEmpty, "therapists without exactly one audit event: \(withoutEvent.sorted().prefix(10))")
        let orphanEvents = Set(creations.keys).subtracting(present)
        #expect(orphanEvents.isEmpty, "audit events without a therapist: \(orphanEvents.sorted().prefix(10))")
    }
}
