public import AttuneCore

/// One submission as the rollups see it: where it is counted and what it contributes.
public struct RollupSubmission: Sendable, Hashable {
    /// The client.
    public var clientID: String
    /// The therapist it was submitted for.
    public var therapistID: String
    /// The questionnaire.
    public var questionnaireID: String
    /// The definition version it was scored with.
    public var version: Int
    /// Who answered.
    public var respondent: Respondent
    /// The session number.
    public var session: Int
    /// The session date, `YYYY-MM-DD`.
    public var date: String
    /// Scale values and bands, alert count.
    public var facts: SubmissionFacts

    /// Creates a rollup view of a submission.
    public init(
        clientID: String,
        therapistID: String,
        questionnaireID: String,
        version: Int,
        respondent: Respondent,
        session: Int,
        date: String,
        facts: SubmissionFacts
    ) {
        self.clientID = clientID
        self.therapistID = therapistID
        self.questionnaireID = questionnaireID
        self.version = version
        self.respondent = respondent
        self.session = session
        self.date = date
        self.facts = facts
    }

    /// The rollup view of a submission about to be stored.
    public init(_ submission: NewSubmission, facts: SubmissionFacts) {
        self.init(
            clientID: submission.clientID,
            therapistID: submission.therapistID,
            questionnaireID: submission.questionnaireID,
            version: submission.version,
            respondent: submission.respondent,
            session: submission.session,
            date: submission.date,
            facts: facts
        )
    }

    /// The rollup view of a stored submission, its facts rebuilt from its JSON (no scale facts when
    /// the JSON is not what the server writes).
    public init(_ stored: StoredSubmission) {
        let facts =
            SubmissionFacts(scoresJSON: stored.scores, alertsJSON: stored.alerts, answersJSON: stored.answers)
            ?? SubmissionFacts(scales: [], alertCount: 0)
        self.init(
            clientID: stored.clientID,
            therapistID: stored.therapistID,
            questionnaireID: stored.questionnaireID,
            version: stored.version,
            respondent: stored.respondent,
            session: stored.session,
            date: stored.date,
            facts: facts
        )
    }

    /// `YYYY-MM` of the session date.
    public var month: String { String(date.prefix(7)) }
    /// The day of the month, 1...31 (0 for a date that is not `YYYY-MM-DD`, which validation prevents).
    public var dayOfMonth: Int { Int(date.suffix(2)) ?? 0 }
}

/// The key of one rollup row. Every key is inside one practice, which the ledger's methods take apart.
public enum RollupKey: Sendable, Hashable {
    /// One day of one therapist's submissions of a questionnaire by one kind of respondent.
    case day(questionnaireID: String, respondent: Respondent, therapistID: String, day: String)
    /// The same for one calendar month, with its distinct clients and their changes from baseline.
    case month(questionnaireID: String, respondent: Respondent, therapistID: String, month: String)
    /// One client's sessions with one therapist in one month.
    case clientMonth(
        questionnaireID: String,
        respondent: Respondent,
        month: String,
        therapistID: String,
        clientID: String
    )
    /// One client's baseline (first session with a value) per scale.
    case client(questionnaireID: String, respondent: Respondent, clientID: String)
}

/// One scale's totals in a day or month row.
public struct ScaleRollup: Sendable, Hashable {
    /// One band's count for one definition version (labels may change between versions).
    public struct BandCount: Sendable, Hashable {
        /// The definition version.
        public var version: Int
        /// The band label.
        public var label: String
        /// How many values fell in it.
        public var count: Int64

        /// Creates a count.
        public init(version: Int, label: String, count: Int64) {
            self.version = version
            self.label = label
            self.count = count
        }
    }

    /// The scale id.
    public var id: String
    /// Count, Σx and Σx² of the values.
    public var sum = ExactSum()
    /// The values' fine histogram.
    public var histogram = FineHistogram()
    /// Band counts, ordered by version then label.
    public var bands: [BandCount] = []
    /// Month rows only: for each client counted in the month, the change from their baseline to their
    /// latest session in the month (micro-units → clients), from which reliable change is counted exactly
    /// at read time with whatever criterion applies then.
    public var changes = SparseCounts()

    /// Creates empty totals.
    public init(id: String) { self.id = id }

    /// Whether it holds nothing.
    public var isEmpty: Bool { sum.isEmpty && histogram.buckets.isEmpty && bands.isEmpty && changes.isEmpty }

    /// Adds `weight` (±1) to the band `label` of `version`.
    public mutating func addBand(version: Int, label: String, weight: Int64) {
        if let index = bands.firstIndex(where: { $0.version == version && $0.label == label }) {
            bands[index].count += weight
            if bands[index].count == 0 { bands.remove(at: index) }
        } else if weight != 0 {
            bands.append(BandCount(version: version, label: label, count: weight))
            bands.sort { ($0.version, $0.label) < ($1.version, $1.label) }
        }
    }

    /// Adds another scale's totals (`weight` −1 subtracts them).
    public mutating func merge(_ other: ScaleRollup, weight: Int64 = 1) {
        sum.merge(other.sum, weight: weight)
        histogram.merge(other.histogram, weight: weight)
        for band in other.bands { addBand(version: band.version, label: band.label, weight: weight * band.count) }
        changes.merge(other.changes, weight: weight)
    }
}

/// A day or month row: counts of one therapist's submissions of a questionnaire in that period.
public struct GroupRollup: Sendable, Hashable {
    /// Submissions counted.
    public var submissions: Int64 = 0
    /// Alerts fired across them.
    public var alerts: Int64 = 0
    /// Month rows only: distinct clients with a session in the month.
    public var clients: Int64 = 0
    /// Per scale, ordered by id.
    public var scales: [ScaleRollup] = []

    /// Creates an empty row.
    public init() {}

    /// Whether the row holds nothing (and can be deleted).
    public var isEmpty: Bool { submissions == 0 && alerts == 0 && clients == 0 && scales.allSatisfy(\.isEmpty) }

    /// The totals of scale `id`, created empty when missing.
    public mutating func withScale<T>(_ id: String, _ body: (inout ScaleRollup) -> T) -> T {
        let index: Int
        if let found = scales.firstIndex(where: { $0.id == id }) {
            index = found
        } else {
            index = scales.firstIndex { $0.id > id } ?? scales.endIndex
            scales.insert(ScaleRollup(id: id), at: index)
        }
        let result = body(&scales[index])
        if scales[index].isEmpty { scales.remove(at: index) }
        return result
    }

    /// Adds another row (`weight` −1 subtracts it).
    public mutating func merge(_ other: GroupRollup, weight: Int64 = 1) {
        submissions += weight * other.submissions
        alerts += weight * other.alerts
        clients += weight * other.clients
        for scale in other.scales { withScale(scale.id) { $0.merge(scale, weight: weight) } }
    }
}

/// One client's sessions with one therapist in one month: what makes distinct clients, client means
/// and change from baseline exact for any date range.
public struct ClientMonthRollup: Sendable, Hashable {
    /// One session.
    public struct Entry: Sendable, Hashable {
        /// The session number.
        public var session: Int64
        /// The day of the month.
        public var day: Int
        /// Scale values in micro-units, by scale id (scales left unscored are absent).
        public var values: [String: Int64]

        /// Creates an entry.
        public init(session: Int64, day: Int, values: [String: Int64]) {
            self.session = session
            self.day = day
            self.values = values
        }
    }

    /// The sessions, ordered by session number then day.
    public var entries: [Entry] = []
    /// The change from baseline (micro-units) this row adds to its month row, by scale id.
    public var contributed: [String: Int64] = [:]

    /// Creates an empty row.
    public init() {}

    /// The latest session's value of scale `id` among the entries `include` keeps.
    public func latestValue(of id: String, where include: (Entry) -> Bool = { _ in true }) -> (
        session: Int64, micro: Int64
    )? {
        var latest: (session: Int64, micro: Int64)?
        for entry in entries where include(entry) {
            guard let micro = entry.values[id] else { continue }
            if latest.map({ entry.session >= $0.session }) ?? true { latest = (entry.session, micro) }
        }
        return latest
    }
}

/// A client's baseline per scale: the first session (lowest number) with a value.
public struct ClientBaseline: Sendable, Hashable {
    /// One scale's baseline.
    public struct Point: Sendable, Hashable {
        /// The session number.
        public var session: Int64
        /// The value in micro-units.
        public var micro: Int64

        /// Creates a point.
        public init(session: Int64, micro: Int64) {
            self.session = session
            self.micro = micro
        }
    }

    /// Baselines by scale id.
    public var scales: [String: Point] = [:]

    /// Creates baselines.
    public init(scales: [String: Point] = [:]) { self.scales = scales }
}
