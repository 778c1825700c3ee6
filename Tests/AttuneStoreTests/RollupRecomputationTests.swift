import AttuneCore
import AttuneStore
import AttuneTesting
import Foundation
import Testing

@testable import AttuneSQLite

/// The rollups the write path keeps equal a full recomputation from the current submissions, after
/// random inserts, backfilled sessions and supersessions that move a session's day, therapist and values.
@Suite struct RollupRecomputationTests {
    /// Scores JSON with two scales, the way the server stores them.
    static func scores(total: Double?, bond: Double?) -> [UInt8] {
        func scale(_ value: Double?) -> String {
            guard let value else { return #"{"value":null,"answered":0,"of":4,"prorated":false}"# }
            let band = value < 2 ? "low" : "high"
            return #"{"value":\#(value),"answered":4,"of":4,"prorated":false,"band":"\#(band)"}"#
        }
        return Array(#"{"bond":\#(scale(bond)),"total":\#(scale(total))}"#.utf8)
    }

    static func submission(
        client: String,
        therapist: String,
        session: Int,
        date: String,
        total: Double?,
        bond: Double?,
        alerts: Int,
        supersedes: Bool = false
    ) -> NewSubmission {
        var submission = NewSubmission.make(
            client: client,
            therapist: therapist,
            session: session,
            date: date,
            supersedes: supersedes
        )
        submission.scores = scores(total: total, bond: bond)
        submission.alerts = Array(
            ("[" + Array(repeating: #"{"id":"a"}"#, count: alerts).joined(separator: ",") + "]").utf8
        )
        return submission
    }

    /// Every rollup row of the file, decoded, by practice and key.
    static func storedRows(at path: String) throws -> [String: [RollupKey: DecodedRow]] {
        let connection = try SQLiteConnection(path: path, mode: .readOnly, busyTimeoutMilliseconds: 1000)
        var rows: [String: [RollupKey: DecodedRow]] = [:]
        let tables: [(String, String, ([String]) -> RollupKey)] = [
            (
                "SELECT practice_id, questionnaire_id, respondent, day, therapist_id, stats FROM rollup_days",
                "group",
                {
                    .day(
                        questionnaireID: $0[0],
                        respondent: Respondent(rawValue: $0[1]) ?? .client,
                        therapistID: $0[3],
                        day: $0[2]
                    )
                }
            ),
            (
                "SELECT practice_id, questionnaire_id, respondent, month, therapist_id, stats FROM rollup_months",
                "group",
                {
                    .month(
                        questionnaireID: $0[0],
                        respondent: Respondent(rawValue: $0[1]) ?? .client,
                        therapistID: $0[3],
                        month: $0[2]
                    )
                }
            ),
            (
                """
                SELECT practice_id, questionnaire_id, respondent, month, therapist_id, client_id, sessions
                FROM rollup_client_months
                """,
                "clientMonth",
                {
                    .clientMonth(
                        questionnaireID: $0[0],
                        respondent: Respondent(rawValue: $0[1]) ?? .client,
                        month: $0[2],
                        therapistID: $0[3],
                        clientID: $0[4]
                    )
                }
            ),
            (
                "SELECT practice_id, questionnaire_id, respondent, client_id, baseline FROM rollup_clients",
                "baseline",
                { .client(questionnaireID: $0[0], respondent: Respondent(rawValue: $0[1]) ?? .client, clientID: $0[2]) }
            ),
        ]
        for (sql, kind, makeKey) in tables {
            let found = try connection.query(sql) { row throws(SQLiteError) in
                let columnCount = sql.components(separatedBy: ",").count
                let texts = try (1..<(Int32(columnCount) - 1)).map { index throws(SQLiteError) in try row.text(index) }
                return (try row.text(0), makeKey(texts), try row.bytes(Int32(columnCount) - 1))
            }
            for (practice, key, bytes) in found { rows[practice, default: [:]][key] = try describe(bytes, kind: kind) }
        }
        return rows
    }

    /// A decoded row, so that equal rows compare equal whatever their byte order.
    enum DecodedRow: Hashable {
        case group(GroupRollup)
        case clientMonth(ClientMonthRollup)
        case baseline(ClientBaseline)
    }

    static func describe(_ bytes: [UInt8], kind: String) throws -> DecodedRow {
        switch kind {
        case "group": .group(try RollupCodec.decodeGroup(bytes))
        case "clientMonth": .clientMonth(try RollupCodec.decodeClientMonth(bytes))
        default: .baseline(try RollupCodec.decodeBaseline(bytes))
        }
    }

    /// The keys whose rows differ (or exist on one side only).
    static func differences(
        _ left: [RollupKey: DecodedRow],
        _ right: [RollupKey: DecodedRow]
    ) -> [String] {
        Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.map {
            "\($0): \(left[$0].map { String(describing: $0) } ?? "absent") vs \(right[$0].map { String(describing: $0) } ?? "absent")"
        }
    }

    static func recomputed(at path: String) throws -> [String: [RollupKey: DecodedRow]] {
        let connection = try SQLiteConnection(path: path, mode: .readOnly, busyTimeoutMilliseconds: 1000)
        let ledger = try RollupRebuild.recompute(on: connection)
        var rows: [String: [RollupKey: DecodedRow]] = [:]
        for (practice, keyed) in ledger.rows {
            for (key, bytes) in keyed {
                let kind =
                    switch key {
                    case .day, .month: "group"
                    case .clientMonth: "clientMonth"
                    case .client: "baseline"
                    }
                rows[practice, default: [:]][key] = try describe(bytes, kind: kind)
            }
        }
        return rows
    }

    @Test(arguments: [1, 2, 3, 4])
    func equalAFullRecomputationAfterRandomWrites(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        let fixture = try SubmissionFixture(store: store)
        var random = SplitMix64(seed: seed)
        var taken: Set<String> = []
        let dates = ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-14", "2026-03-02"]
        func value() -> Double? {
            random.next() % 7 == 0 ? nil : Double(random.next() % 401) / 100
        }
        for _ in 0..<120 {
            let client = "c-\(random.next() % 6)"
            let session = Int(random.next() % 12) + 1
            let slot = "\(client)/\(session)"
            let supersedes = taken.contains(slot)
            let submission = Self.submission(
                client: client,
                therapist: random.next() % 3 == 0 ? "t-2" : "t-1",
                session: session,
                date: dates[Int(random.next() % UInt64(dates.count))],
                total: value(),
                bond: value(),
                alerts: Int(random.next() % 3),
                supersedes: supersedes
            )
            let write = try store.createSubmission(practiceID: fixture.practice.id, submission, actor: fixture.admin)
            guard case .created = write else {
                Issue.record("expected .created, got \(write)")
                return
            }
            taken.insert(slot)
        }
        let stored = try Self.storedRows(at: path)
        let expected = try Self.recomputed(at: path)
        #expect(!(stored[fixture.practice.id] ?? [:]).isEmpty)
        #expect(Self.differences(stored[fixture.practice.id] ?? [:], expected[fixture.practice.id] ?? [:]) == [])
    }

    @Test func countsEachClientOnceAMonthAndTheirChangeFromBaseline() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("attune.sqlite")
        let store = try SQLiteStore(path: path, configuration: .init(durability: .off))
        defer { store.close() }
        let fixture = try SubmissionFixture(store: store)
        let writes = [
            Self.submission(
                client: "c-1",
                therapist: "t-1",
                session: 2,
                date: "2026-02-03",
                total: 2,
                bond: 1,
                alerts: 1
            ),
            Self.submission(
                client: "c-1",
                therapist: "t-1",
                session: 3,
                date: "2026-02-10",
                total: 3.5,
                bond: nil,
                alerts: 0
            ),
            Self.submission(
                client: "c-2",
                therapist: "t-1",
                session: 1,
                date: "2026-02-04",
                total: 1,
                bond: 1,
                alerts: 0
            ),
            // A backfilled first session moves c-1's baseline from 2 to 1.5.
            Self.submission(
                client: "c-1",
                therapist: "t-1",
                session: 1,
                date: "2026-01-27",
                total: 1.5,
                bond: 2,
                alerts: 0
            ),
        ]
        for submission in writes {
            _ = try store.createSubmission(practiceID: fixture.practice.id, submission, actor: fixture.admin)
        }
        let connection = try SQLiteConnection(path: path, mode: .readOnly, busyTimeoutMilliseconds: 1000)
        let ledger = SQLiteRollupLedger(connection: connection)
        let february = try #require(
            try ledger.row(
                practiceID: fixture.practice.id,
                .month(
                    questionnaireID: "relationship-checkin",
                    respondent: .client,
                    therapistID: "t-1",
                    month: "2026-02"
                )
            )
        )
        let month = try RollupCodec.decodeGroup(february)
        #expect(month.submissions == 3)
        #expect(month.clients == 2)
        #expect(month.alerts == 1)
        let total = try #require(month.scales.first { $0.id == "total" })
        #expect(total.sum.count == 3)
        #expect(total.sum.mean == 6.5 / 3)
        // c-1: latest 3.5 against baseline 1.5 → +2; c-2: 1 against itself → 0.
        #expect(total.changes == SparseCounts([(key: 2_000_000, count: 1), (key: 0, count: 1)]))
        #expect(total.bands == [.init(version: 1, label: "high", count: 2), .init(version: 1, label: "low", count: 1)])
        let bond = try #require(month.scales.first { $0.id == "bond" })
        // c-1's latest bond in February is session 2's 1, against baseline 2 → −1.
        #expect(bond.changes == SparseCounts([(key: -1_000_000, count: 1), (key: 0, count: 1)]))
        let practice = fixture.practice.id
        #expect(
            Self.differences(
                try Self.storedRows(at: path)[practice] ?? [:],
                try Self.recomputed(at: path)[practice] ?? [:]
            ) == []
        )
    }
}
