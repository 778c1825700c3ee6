import AttuneCore
import AttuneSQLite
import AttuneServer
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// `attune demo` and `attune serve --demo`: realistic data through the real write rules.
@Suite struct DemoPracticeTests {
    @Test func fillsAPracticeWithScoredSubmissionsOfEveryKind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.file("demo.sqlite"), configuration: .init(durability: .off))
        defer { store.close() }
        let practice = try store.createPractice(name: "Demo").practice.id
        let configuration = DemoConfiguration(
            clients: 60,
            sessions: 20,
            therapists: 3,
            seed: 7,
            lastSessionDate: "2026-11-30",
            batchSize: 500
        )
        var reported: [Int] = []
        let filled = try DemoPractice.fill(store: store, practiceID: practice, configuration: configuration) {
            done,
            _ in reported.append(done)
        }
        #expect(filled.therapists == 3)
        #expect(reported.last == filled.submissions)
        #expect(reported.count > 1, "batches of 500 report progress more than once")
        let all = try store.submissions(practiceID: practice, query: SubmissionQuery(limit: SubmissionQuery.maxLimit))
        #expect(all.submissions.count == min(filled.submissions, SubmissionQuery.maxLimit))
        // Client and therapist forms, scored (a total), skipped items and the not-applicable follow-up.
        let sample = all.submissions
        #expect(sample.contains { $0.respondent == .therapist })
        #expect(sample.allSatisfy { String(decoding: $0.scores, as: UTF8.self).contains(#""total""#) })
        #expect(sample.contains { String(decoding: $0.answers, as: UTF8.self).contains("notApplicable") })
        #expect(sample.contains { String(decoding: $0.answers, as: UTF8.self).contains("secure_base") == false })
        #expect(sample.allSatisfy { $0.date <= "2026-11-30" })

        // The attention list was kept by the same transaction: every client is in it, some stopped early,
        // caseloads differ, and some need attention.
        let clients = try store.clients(
            practiceID: practice,
            query: ClientListQuery(today: "2026-11-30", limit: 500),
            definition: { id, version in BuiltInInstruments.definition(withID: id, version: version) }
        ).clients
        #expect(clients.count == 60)
        #expect(clients.contains { $0.lastSession < 20 })
        let caseloads = Dictionary(grouping: clients, by: \.therapistID).mapValues(\.count)
        #expect(caseloads.count == 3)
        #expect(Set(caseloads.values).count > 1)
        #expect(clients.contains { $0.reasons.contains(.alert) })

        // The same seed gives the same practice.
        let other = try store.createPractice(name: "Again").practice.id
        let again = try DemoPractice.fill(store: store, practiceID: other, configuration: configuration)
        #expect(again.submissions == filled.submissions)
    }

    @Test func demoCommandFillsAnExistingPracticeOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("demo.sqlite")
        let created = try AttuneProcess.run(["practice", "create", "--name", "D", "--json", "--database", database])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String]
        )
        let practice = try #require(object["practice"])
        let run = try AttuneProcess.run([
            "demo", "--practice", practice, "--clients", "10", "--sessions", "8", "--database", database,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("submissions, 10 clients, 1 therapists"))
        let missing = try AttuneProcess.run(["demo", "--practice", "prc_nope", "--database", database])
        #expect(missing.status == 1)
        let usage = try AttuneProcess.run(["demo", "--practice", practice, "--clients", "0", "--database", database])
        #expect(usage.status == 2)
    }

    @Test func serveDemoStartsFilledAndPrintsItsAdminKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess(
            database: directory.file("fresh.sqlite"),
            logPath: directory.file("serve.log"),
            extraArguments: ["--demo"]
        )
        let line = try #require(server.log.split(separator: "\n").first { $0.contains("admin key (shown once): ") })
        let token = String(try #require(line.split(separator: " ").last))
        let clients = try server.client.get("/v1/clients?limit=500", token: token)
        #expect(clients.status == 200)
        #expect((clients.json?["clients"] as? [Any])?.count == DemoServe.clientCount)
        #expect(server.terminate() == 0)
        // An existing file is refused: the demo starts fresh.
        let again = try AttuneProcess.run(["serve", "--demo", "--database", directory.file("fresh.sqlite")])
        #expect(again.status == 2, "\(again.stderr)")
    }
}

enum DemoServe {
    /// `attune serve --demo`'s client count (Sources/attune/DemoServe.swift).
    static let clientCount = 120
}
