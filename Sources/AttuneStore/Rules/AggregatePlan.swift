internal import AttuneCore

/// One aggregate being computed: the range, the grouping and the per-group accumulators.
struct AggregatePlan {
    struct ClientInGroup {
        /// Per scale: the latest session's number and value in the group.
        var latest: [String: (session: Int64, micro: Int64)] = [:]
        /// Per scale: Σ values and their count, for the client's mean.
        var sums: [String: (sum: Int64, count: Int64)] = [:]
    }

    struct Accumulator {
        var stats = GroupRollup()
        var clients: Int64 = 0
        var changes: [String: SparseCounts] = [:]
        var clientMeans: [String: [Double]] = [:]
        var ruptures: [String: RuptureCounts] = [:]
        var latencies: [String: (sessions: [Int64], days: [Int64])] = [:]
    }

    let query: AggregateQuery
    let hasTherapist: Bool
    let hasMonth: Bool
    let hasWeek: Bool
    let fromDay: String
    let toDay: String
    let fromMonth: String
    let toMonth: String
    var groups: [AggregateGroupKey: Accumulator] = [:]
    var total = Accumulator()
    var totalClients: Int64 = 0
    var totalHasChanges = false

    init(_ query: AggregateQuery) {
        self.query = query
        hasTherapist = query.groupBy.contains(.therapist)
        hasMonth = query.groupBy.contains(.month)
        hasWeek = query.groupBy.contains(.week)
        fromDay = query.from?.description ?? "0000-00-00"
        toDay = query.to?.description ?? "9999-99-99"
        fromMonth = query.from?.monthKey ?? "0000-00"
        toMonth = query.to?.monthKey ?? "9999-99"
    }

    /// Whether `therapist,month` groups can take distinct clients and changes from month rows.
    var isMonthExact: Bool { hasTherapist && hasMonth && !hasWeek }

    func key(therapistID: String, date: CalendarDate) -> AggregateGroupKey {
        AggregateGroupKey(
            therapistID: hasTherapist ? therapistID : nil,
            month: hasMonth ? date.monthKey : nil,
            week: hasWeek ? date.isoWeek : nil
        )
    }

    func key(therapistID: String, month: String) -> AggregateGroupKey {
        AggregateGroupKey(therapistID: hasTherapist ? therapistID : nil, month: hasMonth ? month : nil)
    }

    /// Whether every day of `month` (`YYYY-MM`) is inside the range.
    func isWhole(_ month: String) -> Bool {
        guard let first = CalendarDate(month + "-01") else { return false }
        return (query.from.map { $0 <= first } ?? true) && (query.to.map { first.lastOfMonth <= $0 } ?? true)
    }

    /// The months at the ends of the range that are only partly inside it, with their days in range.
    var partialMonths: [(month: String, from: String, to: String)] {
        var months: [(String, String, String)] = []
        for end in [query.from, query.to].compactMap({ $0 }) where !isWhole(end.monthKey) {
            guard !months.contains(where: { $0.0 == end.monthKey }) else { continue }
            let first = max(end.firstOfMonth, query.from ?? end.firstOfMonth)
            let last = min(end.lastOfMonth, query.to ?? end.lastOfMonth)
            if first <= last { months.append((end.monthKey, first.description, last.description)) }
        }
        return months
    }

    func contains(_ date: String) -> Bool { date >= fromDay && date <= toDay }

    mutating func addStatistics<Source: AggregateSource & ~Copyable>(from source: borrowing Source) throws(StoreError) {
        if hasWeek {
            try addDays(from: source, fromDay, toDay)
            return
        }
        let months = try source.periodRows(
            .month,
            questionnaireID: query.questionnaireID,
            respondent: query.respondent,
            therapistID: query.therapistID,
            from: fromMonth,
            to: toMonth,
            scaleID: query.scaleID
        )
        for (therapistID, month, row) in months where isWhole(month) {
            let groupKey = key(therapistID: therapistID, month: month)
            groups[groupKey, default: Accumulator()].stats.merge(row)
            total.stats.merge(row)
            if isMonthExact {
                groups[groupKey, default: Accumulator()].clients += row.clients
                for scale in row.scales {
                    groups[groupKey, default: Accumulator()].changes[scale.id, default: SparseCounts()].merge(
                        scale.changes
                    )
                }
            }
        }
        for partial in partialMonths { try addDays(from: source, partial.from, partial.to) }
    }

    private mutating func addDays<Source: AggregateSource & ~Copyable>(
        from source: borrowing Source,
        _ first: String,
        _ last: String
    ) throws(StoreError) {
        let days = try source.periodRows(
            .day,
            questionnaireID: query.questionnaireID,
            respondent: query.respondent,
            therapistID: query.therapistID,
            from: first,
            to: last,
            scaleID: query.scaleID
        )
        for (therapistID, day, row) in days {
            guard let date = CalendarDate(day) else { continue }
            groups[key(therapistID: therapistID, date: date), default: Accumulator()].stats.merge(row)
            total.stats.merge(row)
        }
    }

    mutating func addClients<Source: AggregateSource & ~Copyable>(from source: borrowing Source) throws(StoreError) {
        // Month-exact groups need the client-month rows of the partial months only; others need all.
        let ranges: [(String, String)] =
            isMonthExact ? partialMonths.map { ($0.month, $0.month) } : [(fromMonth, toMonth)]
        var perGroup: [AggregateGroupKey: [String: ClientInGroup]] = [:]
        var everyone: [String: ClientInGroup] = [:]
        var baselines: [String: [String: Int64]] = [:]
        for (first, last) in ranges {
            let rows = try source.clientMonthRows(
                questionnaireID: query.questionnaireID,
                respondent: query.respondent,
                therapistID: query.therapistID,
                fromMonth: first,
                toMonth: last
            )
            for (therapistID, month, clientID, row) in rows {
                for (id, change) in row.contributed where baselines[clientID]?[id] == nil {
                    // The row's change is its latest value minus the baseline: the baseline follows.
                    if let latest = row.latestValue(of: id) {
                        baselines[clientID, default: [:]][id] = latest.micro - change
                    }
                }
                for entry in row.entries {
                    let date = month + "-" + (entry.day < 10 ? "0" : "") + String(entry.day)
                    guard contains(date), let day = CalendarDate(date) else { continue }
                    let groupKey = key(therapistID: therapistID, date: day)
                    perGroup[groupKey, default: [:]][clientID, default: ClientInGroup()].add(
                        entry,
                        scale: query.scaleID
                    )
                    if !isMonthExact { everyone[clientID, default: ClientInGroup()].add(entry, scale: query.scaleID) }
                }
            }
        }
        for (groupKey, clients) in perGroup {
            var accumulator = groups[groupKey, default: Accumulator()]
            accumulator.clients += Int64(clients.count)
            for (clientID, client) in clients {
                for (id, latest) in client.latest {
                    guard let baseline = baselines[clientID]?[id] else { continue }
                    accumulator.changes[id, default: SparseCounts()].add(latest.micro - baseline)
                }
                for (id, sum) in client.sums where sum.count > 0 {
                    accumulator.clientMeans[id, default: []].append(FixedPoint.value(sum.sum) / Double(sum.count))
                }
            }
            groups[groupKey] = accumulator
        }
        if isMonthExact {
            // Partial months' rows were listed whole: their clients count only when seen inside the range.
            let partial = Set(partialMonths.map(\.month))
            let distinct =
                partial.isEmpty
                ? try source.distinctClients(
                    questionnaireID: query.questionnaireID,
                    respondent: query.respondent,
                    therapistID: query.therapistID,
                    fromMonth: fromMonth,
                    toMonth: toMonth
                )
                : try distinctWholeMonthClients(from: source, excluding: partial).union(perGroup.values.flatMap(\.keys))
            totalClients = Int64(distinct.count)
        } else {
            totalClients = Int64(everyone.count)
            totalHasChanges = true
            for (clientID, client) in everyone {
                for (id, latest) in client.latest {
                    guard let baseline = baselines[clientID]?[id] else { continue }
                    total.changes[id, default: SparseCounts()].add(latest.micro - baseline)
                }
            }
        }
    }

    /// Distinct clients of the whole months in the range, without the partial ones.
    private func distinctWholeMonthClients<Source: AggregateSource & ~Copyable>(
        from source: borrowing Source,
        excluding partial: Set<String>
    ) throws(StoreError) -> Set<String> {
        let first = partial.contains(fromMonth) ? Self.month(after: fromMonth) : fromMonth
        let last = partial.contains(toMonth) ? Self.month(before: toMonth) : toMonth
        guard first <= last else { return [] }
        return try source.distinctClients(
            questionnaireID: query.questionnaireID,
            respondent: query.respondent,
            therapistID: query.therapistID,
            fromMonth: first,
            toMonth: last
        )
    }

    static func month(after month: String) -> String {
        guard let date = CalendarDate(month + "-01") else { return month }
        return CalendarDate(dayNumber: date.lastOfMonth.dayNumber + 1)?.monthKey ?? month
    }

    static func month(before month: String) -> String {
        guard let date = CalendarDate(month + "-01") else { return month }
        return CalendarDate(dayNumber: date.dayNumber - 1)?.monthKey ?? month
    }
}

extension AggregatePlan.ClientInGroup {
    mutating func add(_ entry: ClientMonthRollup.Entry, scale: String?) {
        for (id, micro) in entry.values where scale == nil || scale == id {
            if latest[id].map({ entry.session >= $0.session }) ?? true { latest[id] = (entry.session, micro) }
            let sum = sums[id] ?? (0, 0)
            sums[id] = (sum.sum + micro, sum.count + 1)
        }
    }
}
