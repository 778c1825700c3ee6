public import AttuneCore

/// What a backend offers the rollup rules inside a write transaction: rows by key, as bytes
/// (``RollupCodec``). It stores; the rules decide.
public protocol RollupLedger: ~Copyable {
    /// The row at `key`, or nil.
    func rollupRow(practiceID: String, _ key: RollupKey) throws(StoreError) -> [UInt8]?
    /// Writes the row at `key`; nil deletes it.
    func storeRollupRow(practiceID: String, _ key: RollupKey, _ bytes: [UInt8]?) throws(StoreError)
    /// Every client-month row of one client, questionnaire and respondent (any month, any therapist).
    func clientMonthRows(
        practiceID: String,
        questionnaireID: String,
        respondent: Respondent,
        clientID: String
    ) throws(StoreError) -> [(key: RollupKey, bytes: [UInt8])]
    /// The stored submission `id` as the rollups see it (its facts rebuilt from its JSON), or nil.
    func rollupSubmission(practiceID: String, id: String) throws(StoreError) -> RollupSubmission?
}

/// The rollup rules, once for every backend: how one submission's facts enter (and leave) the day,
/// month, client-month and baseline rows, in the submission's own transaction.
///
/// Per submission: the day and month rows of its therapist get its count, alerts, and per scale the
/// exact sums, the histogram bucket and the band; its client-month row gets the session; the month row
/// counts the client once (when the client-month row appears) and holds, per scale, each client's
/// change from baseline to their latest session of the month. A change that moves a client's baseline
/// (an earlier session backfilled, the baseline session superseded or erased) recomputes that client's
/// changes in every month. Every touched row is written once, however many steps touched it.
public enum RollupRules {
    /// Counts a new submission, retracting the one it supersedes (`replacing`) in the same step.
    public static func record<Ledger: RollupLedger & ~Copyable>(
        in ledger: borrowing Ledger,
        practiceID: String,
        _ submission: RollupSubmission,
        replacing replacedID: String?
    ) throws(StoreError) {
        var retracted: [RollupSubmission] = []
        if let replacedID, let old = try ledger.rollupSubmission(practiceID: practiceID, id: replacedID) {
            retracted.append(old)
        }
        try change(in: ledger, practiceID: practiceID, retracting: retracted, applying: [submission])
    }

    /// Takes submissions out of the rollups (erasure: every current submission of the client).
    public static func retract<Ledger: RollupLedger & ~Copyable>(
        in ledger: borrowing Ledger,
        practiceID: String,
        _ submissions: [RollupSubmission]
    ) throws(StoreError) {
        try change(in: ledger, practiceID: practiceID, retracting: submissions, applying: [])
    }

    /// Retracts then applies, writing each touched row once.
    public static func change<Ledger: RollupLedger & ~Copyable>(
        in ledger: borrowing Ledger,
        practiceID: String,
        retracting: [RollupSubmission],
        applying: [RollupSubmission]
    ) throws(StoreError) {
        var work = RollupWorkspace()
        let steps = retracting.map { ($0, Int64(-1)) } + applying.map { ($0, Int64(1)) }
        var clients: [ClientScope: ClientChanges] = [:]
        for (submission, weight) in steps {
            let day = RollupKey.day(
                questionnaireID: submission.questionnaireID,
                respondent: submission.respondent,
                therapistID: submission.therapistID,
                day: submission.date
            )
            let month = RollupKey.month(
                questionnaireID: submission.questionnaireID,
                respondent: submission.respondent,
                therapistID: submission.therapistID,
                month: submission.month
            )
            try work.updateGroup(day, in: ledger, practiceID: practiceID) { $0.add(submission, weight: weight) }
            try work.updateGroup(month, in: ledger, practiceID: practiceID) { $0.add(submission, weight: weight) }
            let clientMonth = RollupKey.clientMonth(
                questionnaireID: submission.questionnaireID,
                respondent: submission.respondent,
                month: submission.month,
                therapistID: submission.therapistID,
                clientID: submission.clientID
            )
            let (wasEmpty, isEmpty) = try work.updateClientMonth(clientMonth, in: ledger, practiceID: practiceID) {
                row in
                let wasEmpty = row.entries.isEmpty
                row.add(submission, weight: weight)
                return (wasEmpty, row.entries.isEmpty)
            }
            if wasEmpty != isEmpty {
                try work.updateGroup(month, in: ledger, practiceID: practiceID) { $0.clients += isEmpty ? -1 : 1 }
            }
            let scope = ClientScope(submission)
            clients[scope, default: ClientChanges()].rows.insert(clientMonth)
            clients[scope, default: ClientChanges()].steps.append((submission, weight))
        }
        for (scope, changes) in clients {
            try refreshChanges(of: scope, changes, in: &work, ledger: ledger, practiceID: practiceID)
        }
        try work.flush(to: ledger, practiceID: practiceID)
    }

    /// Brings the client's baselines and the changes its client-month rows contribute up to date.
    private static func refreshChanges<Ledger: RollupLedger & ~Copyable>(
        of scope: ClientScope,
        _ changes: ClientChanges,
        in work: inout RollupWorkspace,
        ledger: borrowing Ledger,
        practiceID: String
    ) throws(StoreError) {
        let baselineKey = scope.baselineKey
        var baseline = try work.baseline(baselineKey, in: ledger, practiceID: practiceID)
        var moved = false
        var needsRecount = false
        for (submission, weight) in changes.steps {
            for fact in submission.facts.scales {
                guard let value = fact.value, let micro = FixedPoint.micro(value) else { continue }
                let session = Int64(submission.session)
                let current = baseline.scales[fact.id]
                if weight > 0, current.map({ session < $0.session }) ?? true {
                    baseline.scales[fact.id] = .init(session: session, micro: micro)
                    moved = true
                } else if weight < 0, current?.session == session {
                    needsRecount = true
                }
            }
        }
        var rows = changes.rows
        if needsRecount || moved {
            // Every month of the client is measured against the baseline: load them all.
            let listed = try ledger.clientMonthRows(
                practiceID: practiceID,
                questionnaireID: scope.questionnaireID,
                respondent: scope.respondent,
                clientID: scope.clientID
            )
            for (key, bytes) in listed { try work.adoptClientMonth(key, bytes: bytes) }
            rows.formUnion(work.clientMonthKeys(matching: scope))
        }
        if needsRecount {
            baseline = ClientBaseline()
            for key in rows {
                for entry in work.clientMonth(key)?.entries ?? [] {
                    for (id, micro) in entry.values
                    where baseline.scales[id].map({ entry.session < $0.session }) ?? true {
                        baseline.scales[id] = .init(session: entry.session, micro: micro)
                    }
                }
            }
        }
        work.setBaseline(baselineKey, baseline)
        for key in rows {
            guard case .clientMonth(let questionnaireID, let respondent, let month, let therapistID, _) = key else {
                continue
            }
            let monthKey = RollupKey.month(
                questionnaireID: questionnaireID,
                respondent: respondent,
                therapistID: therapistID,
                month: month
            )
            let updates = try work.updateClientMonth(key, in: ledger, practiceID: practiceID) {
                row -> [(id: String, old: Int64?, new: Int64?)] in
                var updates: [(id: String, old: Int64?, new: Int64?)] = []
                let ids = Set(row.contributed.keys).union(row.entries.flatMap(\.values.keys))
                for id in ids.sorted() {
                    let latest = row.latestValue(of: id)
                    let new = latest.flatMap { latest in baseline.scales[id].map { latest.micro - $0.micro } }
                    let old = row.contributed[id]
                    guard new != old else { continue }
                    row.contributed[id] = new
                    updates.append((id, old, new))
                }
                return updates
            }
            guard !updates.isEmpty else { continue }
            try work.updateGroup(monthKey, in: ledger, practiceID: practiceID) { group in
                for update in updates {
                    group.withScale(update.id) { scale in
                        if let old = update.old { scale.changes.add(old, -1) }
                        if let new = update.new { scale.changes.add(new, 1) }
                    }
                }
            }
        }
    }
}

/// One client's rollup scope: the baseline row's key parts.
struct ClientScope: Hashable {
    var questionnaireID: String
    var respondent: Respondent
    var clientID: String

    init(_ submission: RollupSubmission) {
        questionnaireID = submission.questionnaireID
        respondent = submission.respondent
        clientID = submission.clientID
    }

    var baselineKey: RollupKey { .client(questionnaireID: questionnaireID, respondent: respondent, clientID: clientID) }
}

/// What one change did to one client: the client-month rows it touched and its steps.
struct ClientChanges {
    var rows: Set<RollupKey> = []
    var steps: [(RollupSubmission, Int64)] = []
}

extension GroupRollup {
    /// Counts (`weight` 1) or uncounts (−1) a submission's facts; distinct clients and changes are the
    /// rules' business, not a single submission's.
    mutating func add(_ submission: RollupSubmission, weight: Int64) {
        submissions += weight
        alerts += weight * Int64(submission.facts.alertCount)
        for fact in submission.facts.scales {
            guard let value = fact.value, let micro = FixedPoint.micro(value) else { continue }
            withScale(fact.id) { scale in
                scale.sum.add(micro: micro, weight: weight)
                scale.histogram.add(micro: micro, weight: weight)
                if let band = fact.band { scale.addBand(version: submission.version, label: band, weight: weight) }
            }
        }
    }
}

extension ClientMonthRollup {
    /// Adds a submission's session, or removes the one it added.
    mutating func add(_ submission: RollupSubmission, weight: Int64) {
        var values: [String: Int64] = [:]
        for fact in submission.facts.scales {
            if let value = fact.value, let micro = FixedPoint.micro(value) { values[fact.id] = micro }
        }
        let entry = Entry(session: Int64(submission.session), day: submission.dayOfMonth, values: values)
        if weight > 0 {
            let index = entries.firstIndex { ($0.session, $0.day) > (entry.session, entry.day) } ?? entries.endIndex
            entries.insert(entry, at: index)
        } else if let index = entries.firstIndex(of: entry) {
            entries.remove(at: index)
        }
    }
}
