internal import AttuneCore
internal import AttuneJSON
public import AttuneStore
internal import Foundation

/// What `attune demo` fills a practice with.
public struct DemoConfiguration: Sendable, Hashable {
    /// Clients in the practice.
    public var clients: Int
    /// Weekly sessions per client (fewer for the clients who stop coming).
    public var sessions: Int
    /// Therapists; nil gives one per 25 clients.
    public var therapists: Int?
    /// The seed: the same seed gives the same practice.
    public var seed: UInt64
    /// The date of the latest sessions, `YYYY-MM-DD`; nil: the server's UTC date.
    public var lastSessionDate: String?
    /// Submissions per transaction.
    public var batchSize: Int

    /// Creates a configuration.
    public init(
        clients: Int,
        sessions: Int,
        therapists: Int? = nil,
        seed: UInt64 = 1,
        lastSessionDate: String? = nil,
        batchSize: Int = 5000
    ) {
        self.clients = clients
        self.sessions = sessions
        self.therapists = therapists
        self.seed = seed
        self.lastSessionDate = lastSessionDate
        self.batchSize = batchSize
    }

    /// The therapists the practice gets.
    public var therapistCount: Int { max(1, therapists ?? (clients + 24) / 25) }
}

/// What a demo fill stored.
public struct DemoReport: Sendable, Hashable {
    /// Submissions stored (client and therapist forms).
    public var submissions: Int
    /// Therapists created or reused.
    public var therapists: Int
    /// Wall-clock seconds.
    public var seconds: Double
}

/// Fills a practice with realistic synthetic data through the store's batch path: every submission is
/// checked and scored by the same ``ScoringPlan`` and stored by the same write rules as a request, so
/// rollups, episodes and the attention list are filled exactly as for live submissions.
///
/// Each client has a level (0–4 mean) that drifts up slowly, item-to-item and session-to-session noise
/// and skipped items, and one of: a steady course, a V-shaped rupture repaired within two sessions, a drop
/// that is not repaired, a drop after which the client stops coming, or a directly reported rupture
/// (talked about or not). About a third of the clients also have the therapist's form each session, with
/// the therapist's own bias, and ruptures the therapist sees only in part (missed ruptures). Therapists
/// get caseloads of different sizes.
public enum DemoPractice {
    /// Creates the therapists (reusing existing ones) and stores the submissions, calling `progress`
    /// with (stored, planned) after each batch.
    public static func fill(
        store: any Store,
        practiceID: String,
        configuration: DemoConfiguration,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> DemoReport {
        let started = Date()
        let therapists = (1...configuration.therapistCount).map { String(format: "t-%02d", $0) }
        let existing = Set(try store.therapists(practiceID: practiceID).map(\.id))
        for id in therapists where !existing.contains(id) {
            _ = try store.createTherapist(practiceID: practiceID, id: id, actor: .commandLine)
        }
        var random = DemoRandom(seed: configuration.seed)
        let plans = DemoClientPlan.make(configuration: configuration, therapists: therapists, random: &random)
        let planned = plans.reduce(0) { $0 + $1.submissionCount }
        let clientPlan = ScoringPlan(BuiltInInstruments.relationshipCheckin)
        let therapistPlan = ScoringPlan(BuiltInInstruments.relationshipCheckinTherapist)
        var batch: [PreparedSubmission] = []
        batch.reserveCapacity(configuration.batchSize)
        var stored = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            stored += try store.createSubmissions(practiceID: practiceID, batch, actor: .commandLine)
            batch.removeAll(keepingCapacity: true)
            progress(stored, planned)
        }
        for plan in plans {
            var sessionRandom = DemoRandom(seed: plan.seed)
            for session in 1...plan.lastSession {
                let date = plan.date(ofSession: session)
                let clientForm = plan.clientAnswers(session: session, random: &sessionRandom)
                batch.append(try prepare(plan, session: session, date: date, answers: clientForm, plan: clientPlan))
                if plan.isPaired {
                    let therapistForm = plan.therapistAnswers(session: session, random: &sessionRandom)
                    batch.append(
                        try prepare(plan, session: session, date: date, answers: therapistForm, plan: therapistPlan)
                    )
                }
                if batch.count >= configuration.batchSize { try flush() }
            }
        }
        try flush()
        return DemoReport(
            submissions: stored,
            therapists: therapists.count,
            seconds: Date().timeIntervalSince(started)
        )
    }

    /// Scores one form exactly as `POST /v1/submissions` does; received in the evening of its session.
    private static func prepare(
        _ client: DemoClientPlan,
        session: Int,
        date: String,
        answers: [PostedSubmission.Answer],
        plan: ScoringPlan
    ) throws -> PreparedSubmission {
        let posted = PostedSubmission(
            questionnaire: plan.definition.id,
            version: plan.definition.version,
            client: client.id,
            therapist: client.therapist,
            respondent: plan.definition.respondent,
            session: session,
            date: date,
            answers: answers,
            scores: nil,
            supersedes: false
        )
        var prepared = try SubmissionRoutes.prepare(posted, plan: plan)
        if let day = ClientActivityRules.dayNumber(date) {
            prepared.submission.receivedAt = Date(timeIntervalSince1970: Double(day) * 86_400 + 17 * 3_600)
        }
        return prepared
    }
}
