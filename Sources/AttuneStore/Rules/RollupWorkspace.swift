internal import AttuneCore

/// The rows one rollup change reads and writes, decoded once and written back once: a row touched by
/// the retraction and by the application of a supersession costs one write, not two.
struct RollupWorkspace {
    private var groups: [RollupKey: GroupRollup] = [:]
    private var clientMonths: [RollupKey: ClientMonthRollup] = [:]
    private var baselines: [RollupKey: ClientBaseline] = [:]
    /// What each row was when loaded (nil: absent), to write only what changed.
    private var loadedGroups: [RollupKey: GroupRollup?] = [:]
    private var loadedClientMonths: [RollupKey: ClientMonthRollup?] = [:]
    private var loadedBaselines: [RollupKey: ClientBaseline?] = [:]

    mutating func updateGroup<Ledger: RollupLedger & ~Copyable, T>(
        _ key: RollupKey,
        in ledger: borrowing Ledger,
        practiceID: String,
        _ body: (inout GroupRollup) -> T
    ) throws(StoreError) -> T {
        if groups[key] == nil {
            let loaded = try ledger.rollupRow(practiceID: practiceID, key).map { bytes throws(StoreError) in
                try RollupCodec.decodeGroup(bytes)
            }
            loadedGroups[key] = .some(loaded)
            groups[key] = loaded ?? GroupRollup()
        }
        return body(&groups[key, default: GroupRollup()])
    }

    mutating func updateClientMonth<Ledger: RollupLedger & ~Copyable, T>(
        _ key: RollupKey,
        in ledger: borrowing Ledger,
        practiceID: String,
        _ body: (inout ClientMonthRollup) -> T
    ) throws(StoreError) -> T {
        if clientMonths[key] == nil {
            let loaded = try ledger.rollupRow(practiceID: practiceID, key).map { bytes throws(StoreError) in
                try RollupCodec.decodeClientMonth(bytes)
            }
            loadedClientMonths[key] = .some(loaded)
            clientMonths[key] = loaded ?? ClientMonthRollup()
        }
        return body(&clientMonths[key, default: ClientMonthRollup()])
    }

    /// Takes a row listed by the ledger, unless this change has it already (its version is newer).
    mutating func adoptClientMonth(_ key: RollupKey, bytes: [UInt8]) throws(StoreError) {
        guard clientMonths[key] == nil else { return }
        let row = try RollupCodec.decodeClientMonth(bytes)
        loadedClientMonths[key] = .some(row)
        clientMonths[key] = row
    }

    func clientMonth(_ key: RollupKey) -> ClientMonthRollup? { clientMonths[key] }

    /// The client-month rows held for one client.
    func clientMonthKeys(matching scope: ClientScope) -> Set<RollupKey> {
        Set(
            clientMonths.keys.filter { key in
                guard case .clientMonth(let questionnaireID, let respondent, _, _, let clientID) = key else {
                    return false
                }
                return questionnaireID == scope.questionnaireID && respondent == scope.respondent
                    && clientID == scope.clientID
            }
        )
    }

    mutating func baseline<Ledger: RollupLedger & ~Copyable>(
        _ key: RollupKey,
        in ledger: borrowing Ledger,
        practiceID: String
    ) throws(StoreError) -> ClientBaseline {
        if let cached = baselines[key] { return cached }
        let loaded = try ledger.rollupRow(practiceID: practiceID, key).map { bytes throws(StoreError) in
            try RollupCodec.decodeBaseline(bytes)
        }
        loadedBaselines[key] = .some(loaded)
        baselines[key] = loaded ?? ClientBaseline()
        return loaded ?? ClientBaseline()
    }

    mutating func setBaseline(_ key: RollupKey, _ baseline: ClientBaseline) { baselines[key] = baseline }

    /// Writes every row that differs from what was loaded; empty rows are deleted.
    func flush<Ledger: RollupLedger & ~Copyable>(to ledger: borrowing Ledger, practiceID: String) throws(StoreError) {
        for (key, row) in groups where loadedGroups[key] != .some(row) {
            let wasPresent = loadedGroups[key].map { $0 != nil } ?? false
            if row.isEmpty {
                if wasPresent { try ledger.storeRollupRow(practiceID: practiceID, key, nil) }
            } else {
                try ledger.storeRollupRow(practiceID: practiceID, key, RollupCodec.encode(row))
            }
        }
        for (key, row) in clientMonths where loadedClientMonths[key] != .some(row) {
            let wasPresent = loadedClientMonths[key].map { $0 != nil } ?? false
            if row.entries.isEmpty && row.contributed.isEmpty {
                if wasPresent { try ledger.storeRollupRow(practiceID: practiceID, key, nil) }
            } else {
                try ledger.storeRollupRow(practiceID: practiceID, key, RollupCodec.encode(row))
            }
        }
        for (key, baseline) in baselines where loadedBaselines[key] != .some(baseline) {
            let wasPresent = loadedBaselines[key].map { $0 != nil } ?? false
            if baseline.scales.isEmpty {
                if wasPresent { try ledger.storeRollupRow(practiceID: practiceID, key, nil) }
            } else {
                try ledger.storeRollupRow(practiceID: practiceID, key, RollupCodec.encode(baseline))
            }
        }
    }
}
