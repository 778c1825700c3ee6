import AttuneSQLite
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// Audit events: written with their change, read back in pages in either order.
@Suite struct AuditTests {
    @Test(arguments: StoreBackend.available)
    func writesAnEventWithEachChange(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let created = try store.createPractice(name: "P")
        let actor = AuditActor(key: created.adminKey.key)
        _ = try store.createTherapist(practiceID: created.practice.id, id: "t-3", actor: actor)

        let events = try store.auditEvents(practiceID: created.practice.id, query: AuditQuery()).events
        // Events of one millisecond are ordered by their random ids, so compare as a set.
        #expect(Set(events.map(\.action)) == ["therapist.create", "key.create", "practice.create"])
        #expect(events.count == 3)
        let therapistEvent = try #require(events.first { $0.action == "therapist.create" })
        #expect(therapistEvent.keyID == created.adminKey.key.id)
        #expect(therapistEvent.role == .admin)
        #expect(therapistEvent.resourceType == "therapist")
        #expect(therapistEvent.resourceID == "t-3")
        #expect(therapistEvent.outcome == "success")
        let practiceEvent = try #require(events.first { $0.action == "practice.create" })
        #expect(practiceEvent.keyID == nil)  // the operator, on the command line
        #expect(practiceEvent.role == nil)
        #expect(practiceEvent.resourceID == created.practice.id)
    }

    @Test(arguments: StoreBackend.available)
    func pagesCoverEveryEventOnceInEitherOrder(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        for index in 0..<9 {
            _ = try store.recordAudit(
                practiceID: practice.id,
                AuditRecord(
                    actor: .commandLine,
                    action: "submission.read",
                    resourceType: "submission",
                    resourceID: "s-\(index)",
                    outcome: "success"
                )
            )
        }
        let all = try store.auditEvents(practiceID: practice.id, query: AuditQuery(limit: 1000)).events
        #expect(all.count == 11)
        #expect(all.map(\.at) == all.map(\.at).sorted(by: >))

        for order in [AuditQuery.Order.newestFirst, .oldestFirst] {
            var seen: [AuditEvent] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try store.auditEvents(
                    practiceID: practice.id,
                    query: AuditQuery(order: order, limit: 4, cursor: cursor)
                )
                seen += page.events
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == (order == .newestFirst ? all : all.reversed()))
        }
    }

    @Test(arguments: StoreBackend.available)
    func filtersByTimeWindow(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        for index in 0..<4 {
            Thread.sleep(forTimeInterval: 0.005)  // distinct milliseconds
            _ = try store.recordAudit(
                practiceID: practice.id,
                AuditRecord(
                    actor: .commandLine,
                    action: "x.read",
                    resourceType: "x",
                    resourceID: "\(index)",
                    outcome: "success"
                )
            )
        }
        let all = try store.auditEvents(practiceID: practice.id, query: AuditQuery(order: .oldestFirst)).events
        let from = all[2].at
        let to = all[4].at
        let window = try store.auditEvents(
            practiceID: practice.id,
            query: AuditQuery(from: from, to: to, order: .oldestFirst)
        )
        #expect(window.events == all.filter { $0.at >= from && $0.at < to })
        #expect(window.events.count >= 2)
        #expect(window.nextCursor == nil)
    }

    @Test(arguments: StoreBackend.available)
    func refusesBadCursorsAndLimits(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let store = try backend.makeStore(in: directory)
        defer { store.close() }
        let practice = try store.createPractice(name: "P").practice
        let page = try store.auditEvents(practiceID: practice.id, query: AuditQuery(limit: 1))
        let cursor = try #require(page.nextCursor)

        #expect(throws: StoreError.invalid(field: "cursor", reason: "is not a cursor from this query")) {
            try store.auditEvents(practiceID: practice.id, query: AuditQuery(order: .oldestFirst, cursor: cursor))
        }
        #expect(throws: StoreError.invalid(field: "cursor", reason: "is not a cursor from this query")) {
            try store.auditEvents(practiceID: practice.id, query: AuditQuery(cursor: "not-a-cursor"))
        }
        #expect(throws: StoreError.invalid(field: "limit", reason: "must be between 1 and 1000")) {
            try store.auditEvents(practiceID: practice.id, query: AuditQuery(limit: 0))
        }
    }
}
