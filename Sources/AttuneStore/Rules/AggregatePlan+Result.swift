internal import AttuneCore

extension AggregatePlan {
    mutating func addRuptures<Source: AggregateSource & ~Copyable>(from source: borrowing Source) throws(StoreError) {
        let episodes = try source.ruptureEpisodes(
            questionnaireID: query.questionnaireID,
            respondent: query.respondent,
            therapistID: query.therapistID,
            scaleID: query.scaleID,
            from: fromDay,
            to: toDay
        )
        let today = query.today.dayNumber
        for episode in episodes where query.scaleID == nil || query.scaleID == episode.scaleID {
            var counts = RuptureCounts()
            counts.ruptures = 1
            if episode.isRepaired {
                counts.repaired = 1
                counts.decided = 1
            } else if try isEnded(episode, today: today, source: source) {
                counts.ended = 1
                counts.decided = 1
            } else {
                counts.unresolved = 1
                if episode.sessionsAfterLastLow >= Int64(query.repairWithin) { counts.decided = 1 }
            }
            let groupKey = key(therapistID: episode.therapistID, date: episode.firstDate)
            // In place: a copy of the accumulator would copy its latency lists once per episode.
            Self.count(episode, counts, into: &groups[groupKey, default: Accumulator()])
            Self.count(episode, counts, into: &total)
        }
    }

    private static func count(
        _ episode: RuptureEpisodeRow,
        _ counts: RuptureCounts,
        into accumulator: inout Accumulator
    ) {
        accumulator.ruptures[episode.scaleID, default: RuptureCounts()].add(counts)
        guard episode.isRepaired else { return }
        if let sessions = episode.latencySessions {
            accumulator.latencies[episode.scaleID, default: ([], [])].sessions.append(sessions)
        }
        if let days = episode.latencyDays {
            accumulator.latencies[episode.scaleID, default: ([], [])].days.append(days)
        }
    }

    /// An open episode has ended when `endedAfterDays` have passed since its last low session with no
    /// session of any questionnaire in between.
    private func isEnded<Source: AggregateSource & ~Copyable>(
        _ episode: RuptureEpisodeRow,
        today: Int,
        source: borrowing Source
    ) throws(StoreError) -> Bool {
        let lastLow = episode.lastLowDate.dayNumber
        guard today - lastLow >= query.endedAfterDays else { return false }
        guard
            let next = try source.firstSessionDate(clientID: episode.clientID, after: episode.lastLowDate.description),
            let nextDate = CalendarDate(next)
        else { return true }
        return nextDate.dayNumber - lastLow > query.endedAfterDays
    }

    /// The answer: groups in key order, suppression applied, shrinkage with `group_by=therapist`.
    func result() -> AggregateResult {
        let keys = groups.keys.sorted()
        let exempt = { (key: AggregateGroupKey) -> Bool in
            guard let viewer = query.viewerTherapistID else { return false }
            return key.therapistID == nil || key.therapistID == viewer
        }
        let suppression = SmallCellSuppression(
            cells: keys.map { .init(clients: groups[$0]?.clients ?? 0, isExempt: exempt($0)) },
            totalClients: totalClients,
            minimumClients: query.minimumClients
        )
        var shrinkage: [String: EmpiricalBayesShrinkage] = [:]
        var unavailable: String?
        if query.groupBy == [.therapist] {
            let scaleIDs = Set(keys.flatMap { groups[$0]?.clientMeans.keys.map { $0 } ?? [] })
            for id in scaleIDs.sorted() {
                let means = keys.map { groups[$0]?.clientMeans[id] ?? [] }
                switch EmpiricalBayesShrinkage.estimate(means.filter { !$0.isEmpty }) {
                case .success(let estimate): shrinkage[id] = estimate
                case .failure(let reason): unavailable = reason.rawValue
                }
            }
        }
        var built: [AggregateGroup] = []
        for (index, key) in keys.enumerated() {
            guard let accumulator = groups[key] else { continue }
            var group = makeGroup(
                key: key,
                accumulator,
                clients: accumulator.clients,
                withChanges: true,
                isSuppressed: suppression.suppressed.contains(index)
            )
            if !group.isSuppressed {
                for (position, scale) in group.scales.enumerated() {
                    guard let estimate = shrinkage[scale.id] else { continue }
                    // Estimates follow the non-empty groups in key order.
                    let ordered = keys.filter { !(groups[$0]?.clientMeans[scale.id] ?? []).isEmpty }
                    guard let slot = ordered.firstIndex(of: key) else { continue }
                    let one = estimate.estimates[slot]
                    group.scales[position].shrunk = ShrunkMean(
                        clientMean: one.rawMean,
                        shrunkMean: one.shrunkMean,
                        weight: one.weight,
                        lower: one.lower,
                        upper: one.upper
                    )
                }
            }
            built.append(group)
        }
        let totalGroup = makeGroup(
            key: AggregateGroupKey(),
            total,
            clients: totalClients,
            withChanges: totalHasChanges,
            isSuppressed: suppression.suppressesTotal
        )
        return AggregateResult(
            groups: built,
            total: totalGroup,
            shrinkageUnavailable: query.groupBy == [.therapist] ? unavailable : nil,
            hasSmallGroups: built.contains { $0.clients < 10 }
        )
    }

    private func makeGroup(
        key: AggregateGroupKey,
        _ accumulator: Accumulator,
        clients: Int64,
        withChanges: Bool,
        isSuppressed: Bool
    ) -> AggregateGroup {
        var ids = Set(accumulator.stats.scales.map(\.id)).union(accumulator.ruptures.keys)
        if let only = query.scaleID { ids = ids.filter { $0 == only } }
        var scales: [AggregateScale] = []
        for id in ids.sorted() {
            var scale = AggregateScale(id: id)
            defer { scales.append(scale) }
            guard !isSuppressed else { continue }
            let rolled = accumulator.stats.scales.first { $0.id == id } ?? ScaleRollup(id: id)
            scale.statistics = DescriptiveStatistics(sum: rolled.sum, histogram: rolled.histogram)
            var bands: [String: Int64] = [:]
            for band in rolled.bands { bands[band.label, default: 0] += band.count }
            scale.bands = bands
            if withChanges, let criterion = query.criteria[id] {
                let changes = accumulator.changes[id] ?? SparseCounts()
                let threshold = criterion.minimumChange * Double(FixedPoint.scale)
                if threshold.isFinite, abs(threshold) < 9e18 {
                    let rises = changes.total(above: Int64(threshold.rounded(.down)))
                    let falls = changes.total(below: Int64((-threshold).rounded(.up)))
                    scale.reliableImprovement = criterion.higherIsBetter ? rises : falls
                    scale.reliableDeterioration = criterion.higherIsBetter ? falls : rises
                    scale.clientsWithChange = changes.total
                }
            }
            var ruptures = accumulator.ruptures[id] ?? RuptureCounts()
            if let latency = accumulator.latencies[id] {
                ruptures.medianLatencySessions = Self.median(latency.sessions)
                ruptures.medianLatencyDays = Self.median(latency.days)
            }
            scale.ruptures = ruptures
        }
        return AggregateGroup(
            key: key,
            submissions: accumulator.stats.submissions,
            clients: clients,
            alerts: isSuppressed ? nil : accumulator.stats.alerts,
            isSuppressed: isSuppressed,
            scales: scales
        )
    }

    static func median(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension RuptureCounts {
    mutating func add(_ other: RuptureCounts) {
        ruptures += other.ruptures
        repaired += other.repaired
        unresolved += other.unresolved
        ended += other.ended
        decided += other.decided
    }
}
