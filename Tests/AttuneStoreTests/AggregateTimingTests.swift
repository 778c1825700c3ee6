import AttuneCore
import AttuneStore
import AttuneTesting
import Dispatch
import Foundation
import Testing

@testable import AttuneSQLite

/// Times a year of `group_by=therapist,month` on a synthetic store filled through the write path:
/// `ATTUNE_AGGREGATE_BENCH=100000 swift test -c release --filter AggregateTimingTests` (40 therapists,
/// clients of 40 weekly sessions, nine scales). Skipped without the variable.
@Suite struct AggregateTimingTests {
    static let size = Int(ProcessInfo.processInfo.environment["ATTUNE_AGGREGATE_BENCH"] ?? "") ?? 0

    @Test(.enabled(if: size > 0)) func timesAYearByTherapistAndMonth() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("a.sqlite"), configuration: .init(durability: .off))
        defer { store.close() }
        let practice = try store.createPractice(name: "bench").practice.id
        for therapist in 1...40 {
            _ = try store.createTherapist(practiceID: practice, id: "t-\(therapist)", actor: .commandLine)
        }
        let clients = Self.size / 40
        let scaleIDs = [
            "acceptance", "attunement", "autonomy", "cultural_humility", "flexibility", "repair",
            "secure_base", "total", "trust",
        ]
        var random = SplitMix64(seed: 7)
        let group = DispatchGroup()
        let started = Date()
        for session in 1...40 {
            for client in 0..<clients {
                // Clients start on different Mondays through 2025, so a year holds parts of many histories.
                let start = CalendarDate(dayNumber: 20_090 + (client % 52) * 7)!
                let date = CalendarDate(dayNumber: start.dayNumber + (session - 1) * 7)!
                let members = scaleIDs.map { id in
                    let value = Double(random.next() % 17) / 4
                    return
                        #""\#(id)":{"value":\#(value),"answered":8,"of":8,"prorated":false,"band":"\#(value < 2 ? "low" : "ok")"}"#
                }
                let submission = NewSubmission(
                    clientID: "c-\(client)",
                    therapistID: "t-\(client % 40 + 1)",
                    questionnaireID: "relationship-checkin",
                    version: 1,
                    respondent: .client,
                    session: session,
                    date: date.description,
                    answers: Array("{}".utf8),
                    scores: Array(("{" + members.joined(separator: ",") + "}").utf8),
                    alerts: Array("[]".utf8)
                )
                let facts =
                    SubmissionFacts(
                        scoresJSON: submission.scores,
                        alertsJSON: submission.alerts,
                        answersJSON: submission.answers
                    )
                    ?? SubmissionFacts(scales: [], alertCount: 0)
                group.enter()
                store.createSubmission(
                    practiceID: practice,
                    idempotency: nil,
                    actor: .commandLine,
                    prepare: { PreparedSubmission(submission: submission, responseBody: [], facts: facts) },
                    completion: { _ in group.leave() }
                )
            }
            group.wait()
        }
        let fill = Date().timeIntervalSince(started)
        let query = AggregateQuery(
            questionnaireID: "relationship-checkin",
            respondent: .client,
            groupBy: [.therapist, .month],
            from: CalendarDate("2025-03-01"),
            to: CalendarDate("2026-02-28"),
            today: CalendarDate("2026-06-01")!
        )
        var times: [Double] = []
        var groups = 0
        for _ in 0..<40 {
            let begin = Date()
            let result = try store.aggregate(practiceID: practice, query)
            times.append(Date().timeIntervalSince(begin) * 1000)
            groups = result.groups.count
        }
        times.sort()
        var byTherapist = query
        byTherapist.groupBy = [.therapist]
        let begin = Date()
        _ = try store.aggregate(practiceID: practice, byTherapist)
        let therapistTime = Date().timeIntervalSince(begin) * 1000
        print(
            "aggregate bench: \(Self.size) submissions filled in \(String(format: "%.1f", fill)) s "
                + "(\(String(format: "%.0f", Double(Self.size) / fill))/s); therapist,month year: \(groups) groups, "
                + "p50 \(String(format: "%.2f", times[times.count / 2])) ms, p99 \(String(format: "%.2f", times[times.count - 1])) ms; "
                + "group_by=therapist year: \(String(format: "%.1f", therapistTime)) ms"
        )
        #expect(groups > 0)
    }
}
