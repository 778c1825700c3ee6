import AttuneCore
import AttuneJSON
import AttuneStore
import AttuneTesting
import Foundation
import Testing

/// Rupture episodes kept in the submission transaction: recomputed on insert, backfill and supersession,
/// carried in the `201` body and in the idempotency record.
@Suite struct EpisodeStoreTests {
    static func checkin(
        session: Int,
        total: Double?,
        client: String = "c-1",
        supersedes: Bool = false,
        felt: Bool? = nil
    ) -> NewSubmission {
        let value = total.map { "\($0)" } ?? "null"
        let answers = felt.map { #"{"rupture_felt":\#($0)}"# } ?? "{}"
        return NewSubmission(
            clientID: client,
            therapistID: session < 4 ? "t-1" : "t-2",
            questionnaireID: "relationship-checkin",
            version: 2,
            respondent: .client,
            session: session,
            date: CalendarDate(dayNumber: 20_400 + 7 * session)?.description ?? "2026-01-01",
            answers: Array(answers.utf8),
            scores: Array(#"{"total":{"value":\#(value),"answered":8,"of":8,"prorated":false}}"#.utf8),
            alerts: Array("[]".utf8),
            supersedes: supersedes
        )
    }

    static func write(_ f: SubmissionFixture, _ submission: NewSubmission, claim: IdempotencyClaim? = nil) throws
        -> [UInt8]
    {
        let write = try f.store.createSubmission(
            practiceID: f.practice.id,
            submission,
            idempotency: claim,
            responseBody: Array(#"{"id":"x"}"#.utf8),
            actor: f.admin
        )
        guard case .created(_, _, let body) = write else { throw SubmissionFixture.Unexpected(write: write) }
        return body
    }

    static func ruptures(_ body: [UInt8]) throws -> [JSONValue] {
        try JSONReader().parse(body)["ruptures"]?.arrayValue ?? []
    }

    @Test(arguments: StoreBackend.available)
    func theSubmissionThatStartsAnEpisodeCarriesIt(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 2.5)] {
            #expect(try Self.ruptures(Self.write(f, Self.checkin(session: session, total: total))).isEmpty)
        }
        let body = try Self.write(f, Self.checkin(session: 4, total: 2))
        let rupture = try #require(try Self.ruptures(body).first)
        #expect(rupture["scale"] == "total")
        #expect(rupture["kind"] == "detected")
        #expect(rupture["threshold"]?.doubleValue == 2)
        #expect(rupture["therapist"] == "t-2")
        // The next session is inside the episode: no new rupture in its body.
        #expect(try Self.ruptures(Self.write(f, Self.checkin(session: 5, total: 2.5))).isEmpty)
        let stored = try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-1")
        #expect(stored.map(\.episode.firstSession) == [4])
        #expect(stored.first?.episode.sessionsAfterLastLow == 1)
        #expect(stored.first?.episode.isRepaired == false)
        // Back within the window: repaired, the same row updated.
        _ = try Self.write(f, Self.checkin(session: 6, total: 3))
        let repaired = try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-1")
        #expect(repaired.map(\.episode.repairSession) == [6])
        #expect(try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-2").isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func aSupersessionOrABackfillMovesTheEpisodes(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        for (session, total) in [(1, 3.0), (2, 3.5), (3, 2.5), (4, 2.0)] {
            _ = try Self.write(f, Self.checkin(session: session, total: total))
        }
        #expect(try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-1").count == 1)
        // Session 4 corrected upwards: the episode goes.
        _ = try Self.write(f, Self.checkin(session: 4, total: 3, supersedes: true))
        #expect(try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-1").isEmpty)
        // Another client: a late session 2 turns 3 earlier sessions into a baseline, and session 4 falls.
        for (session, total) in [(1, 3.0), (3, 2.5), (4, 2.0)] {
            _ = try Self.write(f, Self.checkin(session: session, total: total, client: "c-2"))
        }
        #expect(try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-2").isEmpty)
        let body = try Self.write(f, Self.checkin(session: 2, total: 3.5, client: "c-2"))
        #expect(try Self.ruptures(body).isEmpty)  // it starts none itself
        #expect(
            try f.store.ruptureEpisodes(practiceID: f.practice.id, clientID: "c-2").map(\.episode.firstSession) == [4]
        )
    }

    @Test(arguments: StoreBackend.available)
    func theIdempotencyRecordKeepsTheRuptures(backend: StoreBackend) throws {
        let directory = try TemporaryDirectory()
        let f = try SubmissionFixture(store: try backend.makeStore(in: directory))
        defer { f.store.close() }
        let claim = IdempotencyClaim(key: "k-r", requestHash: requestHash("a"))
        let body = try Self.write(f, Self.checkin(session: 1, total: 3, felt: true), claim: claim)
        let rupture = try #require(try Self.ruptures(body).first)
        #expect(rupture["kind"] == "reported")
        let replay = try f.store.createSubmission(
            practiceID: f.practice.id,
            Self.checkin(session: 1, total: 3, felt: true),
            idempotency: claim,
            actor: f.admin
        )
        guard case .replay(let response) = replay else {
            Issue.record("expected a replay, got \(replay)")
            return
        }
        #expect(response.body == body)
    }
}
