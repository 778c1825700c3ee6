public import AttuneCore

/// Rollup rows in memory: to rebuild a store's rollups from its submissions by the same rules (a
/// migration, a check that the stored rows equal a full recomputation), and for tests.
public final class MemoryRollupLedger {
    /// Rows by key, per practice.
    public private(set) var rows: [String: [RollupKey: [UInt8]]] = [:]
    private var clientMonthsByClient: [String: [ClientKey: Set<RollupKey>]] = [:]

    private struct ClientKey: Hashable {
        var questionnaireID: String
        var respondent: Respondent
        var clientID: String
    }

    /// Creates an empty ledger.
    public init() {}

    /// Counts `submissions` (current ones only: the caller leaves superseded ones out).
    public func apply(practiceID: String, _ submissions: [RollupSubmission]) throws(StoreError) {
        for submission in submissions {
            try RollupRules.change(in: self, practiceID: practiceID, retracting: [], applying: [submission])
        }
    }
}

extension MemoryRollupLedger: RollupLedger {
    public func rollupRow(practiceID: String, _ key: RollupKey) throws(StoreError) -> [UInt8]? {
        rows[practiceID]?[key]
    }

    public func storeRollupRow(practiceID: String, _ key: RollupKey, _ bytes: [UInt8]?) throws(StoreError) {
        rows[practiceID, default: [:]][key] = bytes
        guard case .clientMonth(let questionnaireID, let respondent, _, _, let clientID) = key else { return }
        let client = ClientKey(questionnaireID: questionnaireID, respondent: respondent, clientID: clientID)
        if bytes == nil {
            clientMonthsByClient[practiceID]?[client]?.remove(key)
        } else {
            clientMonthsByClient[practiceID, default: [:]][client, default: []].insert(key)
        }
    }

    public func clientMonthRows(
        practiceID: String,
        questionnaireID: String,
        respondent: Respondent,
        clientID: String
    ) throws(StoreError) -> [(key: RollupKey, bytes: [UInt8])] {
        let client = ClientKey(questionnaireID: questionnaireID, respondent: respondent, clientID: clientID)
        return (clientMonthsByClient[practiceID]?[client] ?? []).compactMap { key in
            rows[practiceID]?[key].map { (key, $0) }
        }
    }

    /// The ledger holds no submissions: a rebuild only applies.
    public func rollupSubmission(practiceID: String, id: String) throws(StoreError) -> RollupSubmission? { nil }
}
