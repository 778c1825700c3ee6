public import AttuneCore

/// What a backend offers the aggregate rules: rollup rows of one practice, read in one snapshot.
public protocol AggregateSource: ~Copyable {
    /// Day rows (`level` `.day`, periods `YYYY-MM-DD`) or month rows (`.month`, `YYYY-MM`) from `from` to
    /// `to` inclusive; with `scaleID`, only that scale's totals are decoded.
    func periodRows(
        _ level: AggregateLevel,
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        from: String,
        to: String,
        scaleID: String?
    ) throws(StoreError) -> [(therapistID: String, period: String, row: GroupRollup)]
    /// Client-month rows of the months from `fromMonth` to `toMonth`.
    func clientMonthRows(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        fromMonth: String,
        toMonth: String
    ) throws(StoreError) -> [(therapistID: String, month: String, clientID: String, row: ClientMonthRollup)]
    /// The distinct clients with a client-month row in those months.
    func distinctClients(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        fromMonth: String,
        toMonth: String
    ) throws(StoreError) -> Set<String>
    /// Rupture episodes of the questionnaire whose first session is dated from `from` to `to`; with
    /// `scaleID`, of that scale only.
    func ruptureEpisodes(
        questionnaireID: String,
        respondent: Respondent,
        therapistID: String?,
        scaleID: String?,
        from: String,
        to: String
    ) throws(StoreError) -> [RuptureEpisodeRow]
    /// The client's first session of any questionnaire dated after `date`, if any.
    func firstSessionDate(clientID: String, after date: String) throws(StoreError) -> String?
}

/// Which rollup rows.
public enum AggregateLevel: Sendable, Hashable {
    /// Day rows.
    case day
    /// Month rows.
    case month
}

/// The aggregate rules, once for every backend: which rollup rows answer a query, and how they combine.
///
/// Counts, sums, histograms, bands and alerts add up over any grouping, so they come from month rows for
/// the months wholly inside the range and from day rows for the rest (weeks: day rows only). Distinct
/// clients and changes from baseline do not add up: for `therapist,month` groups the month rows hold them
/// exactly (each client once a month); for any other grouping, and for months only partly inside the
/// range, they are counted from the client-month rows, which hold every session's day and values.
public enum AggregateRules {
    /// Answers `query` from `source`.
    public static func compute<Source: AggregateSource & ~Copyable>(
        _ query: AggregateQuery,
        from source: borrowing Source
    ) throws(StoreError) -> AggregateResult {
        var plan = AggregatePlan(query)
        try plan.addStatistics(from: source)
        try plan.addClients(from: source)
        try plan.addRuptures(from: source)
        return plan.result()
    }
}
