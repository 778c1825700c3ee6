public import AttuneCore

/// One client's series: one client's current submissions of one questionnaire by one respondent.
public struct SeriesKey: Sendable, Hashable {
    /// The client.
    public var clientID: String
    /// The questionnaire (any version).
    public var questionnaireID: String
    /// Who answered.
    public var respondent: Respondent

    /// Creates a key.
    public init(clientID: String, questionnaireID: String, respondent: Respondent) {
        self.clientID = clientID
        self.questionnaireID = questionnaireID
        self.respondent = respondent
    }
}

/// The compact numbers of one session that rupture detection needs, kept per series so a write never
/// parses earlier submissions' JSON.
public struct SeriesPoint: Sendable, Hashable {
    /// Session number.
    public var session: Int
    /// Session date, `YYYY-MM-DD`.
    public var date: String
    /// The therapist the submission names.
    public var therapistID: String
    /// Values of the judged scales, by scale id (unscored scales are absent).
    public var values: [String: Double]
    /// The direct rupture report, if answered.
    public var report: DirectRuptureReport?

    /// Creates a point.
    public init(session: Int, date: String, therapistID: String, values: [String: Double], report: DirectRuptureReport?)
    {
        self.session = session
        self.date = date
        self.therapistID = therapistID
        self.values = values
        self.report = report
    }

    /// The point of a submission with these facts, keeping the values of `scales` only.
    public init(_ submission: NewSubmission, facts: SubmissionFacts, scales: [RuptureScale]) {
        var values: [String: Double] = [:]
        for scale in scales {
            if let value = facts.scale(scale.id)?.value, value.isFinite { values[scale.id] = value }
        }
        self.init(
            session: submission.session,
            date: submission.date,
            therapistID: submission.therapistID,
            values: values,
            report: facts.directReport
        )
    }

    /// `total=2.75;trust=3`: scale ids never hold `=` or `;` (Identifier), values are shortest round-trip.
    public var encodedValues: String {
        values.keys.sorted().map { "\($0)=\(values[$0] ?? 0)" }.joined(separator: ";")
    }

    /// Reads ``encodedValues``; malformed parts are skipped.
    public static func decodeValues(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let value = Double(pair[1]), value.isFinite else { continue }
            values[String(pair[0])] = value
        }
        return values
    }
}

/// What a backend offers the episode rules: the series points and the `rupture_episodes` rows.
public protocol EpisodeLedger: ~Copyable {
    /// The series' points, in session order.
    func seriesPoints(practiceID: String, _ series: SeriesKey) throws(StoreError) -> [SeriesPoint]
    /// Inserts or replaces the point of `point.session`.
    func storeSeriesPoint(practiceID: String, _ series: SeriesKey, _ point: SeriesPoint) throws(StoreError)
    /// Whether the series has a current submission other than `id` (one stored before points were kept).
    func seriesHasOtherSubmissions(practiceID: String, _ series: SeriesKey, excluding id: String) throws(StoreError)
        -> Bool
    /// The current submissions of the series other than `id`, as points (rebuilt from their stored JSON).
    func rebuildSeriesPoints(
        practiceID: String,
        _ series: SeriesKey,
        excluding id: String,
        scales: [RuptureScale]
    ) throws(StoreError) -> [SeriesPoint]
    /// Deletes one episode row.
    func deleteEpisode(practiceID: String, _ series: SeriesKey, scaleID: String, firstSession: Int) throws(StoreError)
    /// Deletes every episode row of the series.
    func deleteEpisodes(practiceID: String, _ series: SeriesKey) throws(StoreError)
    /// Inserts one episode row.
    func insertEpisode(practiceID: String, _ series: SeriesKey, _ episode: RuptureEpisode) throws(StoreError)
    /// Deletes every point and every episode of every series of the client (its erasure).
    func deleteClientSeries(practiceID: String, clientID: String) throws(StoreError)
}

/// Rupture episodes recomputed for one series whenever one of its submissions is written, once for every
/// backend (docs/analytics.md "Ruptures and repairs"). Episodes are stored at the default rules.
public enum EpisodeRules {
    /// Records the submission's point, recomputes the series' episodes and writes the rows that changed;
    /// returns the episodes that start at this submission's session (for the `201`).
    ///
    /// Detection runs on the points before and after the write and only the difference is written, so a
    /// session that changes no episode costs one point read and one point write.
    public static func recompute<Ledger: EpisodeLedger & ~Copyable>(
        in ledger: borrowing Ledger,
        practiceID: String,
        _ submission: NewSubmission,
        id: String,
        facts: SubmissionFacts,
        scales: [RuptureScale]
    ) throws(StoreError) -> [RuptureEpisode] {
        guard !scales.isEmpty else { return [] }
        let series = SeriesKey(
            clientID: submission.clientID,
            questionnaireID: submission.questionnaireID,
            respondent: submission.respondent
        )
        var before = try ledger.seriesPoints(practiceID: practiceID, series)
        var rebuilt = false
        if before.isEmpty, try ledger.seriesHasOtherSubmissions(practiceID: practiceID, series, excluding: id) {
            // Submissions stored before points were kept: rebuild them once from their JSON.
            before = try ledger.rebuildSeriesPoints(practiceID: practiceID, series, excluding: id, scales: scales)
            for point in before { try ledger.storeSeriesPoint(practiceID: practiceID, series, point) }
            rebuilt = true
        }
        let point = SeriesPoint(submission, facts: facts, scales: scales)
        try ledger.storeSeriesPoint(practiceID: practiceID, series, point)
        var after = before.filter { $0.session != point.session }
        after.append(point)
        after.sort { $0.session < $1.session }
        let old = rebuilt ? [] : episodes(of: before, scales: scales)
        let new = episodes(of: after, scales: scales)
        if rebuilt { try ledger.deleteEpisodes(practiceID: practiceID, series) }
        let oldByKey = Dictionary(old.map { (EpisodeKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(new.map { (EpisodeKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        for (key, episode) in oldByKey where newByKey[key] != episode {
            try ledger.deleteEpisode(
                practiceID: practiceID,
                series,
                scaleID: episode.scaleID,
                firstSession: key.firstSession
            )
        }
        for (key, episode) in newByKey where oldByKey[key] != episode {
            try ledger.insertEpisode(practiceID: practiceID, series, episode)
        }
        return new.filter { $0.firstSession == submission.session }
    }

    /// The episodes of a series' points at the default rules, every judged scale.
    public static func episodes(of points: [SeriesPoint], scales: [RuptureScale]) -> [RuptureEpisode] {
        var sessions: [SeriesSession] = []
        sessions.reserveCapacity(points.count)
        var result: [RuptureEpisode] = []
        // Each point's date parsed once, not once per scale.
        let dated = points.compactMap { point in CalendarDate(point.date).map { (point, $0) } }
        for scale in scales {
            sessions.removeAll(keepingCapacity: true)
            for (point, date) in dated {
                sessions.append(
                    SeriesSession(
                        session: point.session,
                        date: date,
                        therapistID: point.therapistID,
                        value: point.values[scale.id],
                        report: point.report
                    )
                )
            }
            result +=
                RuptureDetector.detect(
                    sessions,
                    scaleID: scale.id,
                    sigmaFloor: scale.sigmaFloor,
                    carriesReports: scale.carriesReports
                ).episodes
        }
        return result
    }

    private struct EpisodeKey: Hashable {
        let scaleID: String
        let firstSession: Int

        init(_ episode: RuptureEpisode) {
            scaleID = episode.scaleID
            firstSession = episode.firstSession
        }
    }
}

/// A stored episode with the series it belongs to.
public struct SeriesEpisode: Sendable, Hashable {
    /// The series.
    public var series: SeriesKey
    /// The episode.
    public var episode: RuptureEpisode

    /// Creates a value.
    public init(series: SeriesKey, episode: RuptureEpisode) {
        self.series = series
        self.episode = episode
    }
}
