/// What the practice's own data says about one scale's reliability (`GET /v1/aggregates/reliability`).
public struct PracticeScaleEstimate: Sendable, Hashable {
    /// The scale id.
    public var scaleID: String
    /// Cronbach's α from complete baseline cases, nil when it cannot be computed.
    public var alpha: CronbachAlpha?
    /// The SD (n − 1) of the clients' baseline values; nil below two clients.
    public var baselineSD: Double?
    /// Clients with a baseline (a first session with a value).
    public var baselineClients: Int

    /// Clients with a baseline needed before the practice's own estimates are used for reliable change.
    public static let minimumClients = 50

    /// Creates an estimate.
    public init(scaleID: String, alpha: CronbachAlpha?, baselineSD: Double?, baselineClients: Int) {
        self.scaleID = scaleID
        self.alpha = alpha
        self.baselineSD = baselineSD
        self.baselineClients = baselineClients
    }

    /// SEM = baseline SD · √(1 − α), when both exist and α is in (0, 1).
    public var standardErrorOfMeasurement: Double? { criterion?.standardErrorOfMeasurement }

    /// The Jacobson & Truax criterion from α and the baseline SD, when both are usable.
    public var criterion: ReliableChangeCriterion? {
        guard let alpha, let baselineSD else { return nil }
        return ReliableChangeCriterion(sd: baselineSD, reliability: alpha.alpha)
    }
}

/// Where a scale's reliable-change criterion comes from, said beside every number that used it.
public enum ReliableChangeSource: Sendable, Equatable {
    /// The definition's `sd` and `reliability`.
    case definition(ReliableChangeCriterion)
    /// The practice's own α and baseline SD, from `clients` clients.
    case practice(ReliableChangeCriterion, clients: Int)
    /// Not available, and why.
    case unavailable(ReliableChangeUnavailability)

    /// The definition's parameters when it states both, else the practice's once at least
    /// ``PracticeScaleEstimate/minimumClients`` clients have a baseline, else not available.
    public init(scale: Scale?, practice: PracticeScaleEstimate?) {
        if let scale, let criterion = ReliableChangeCriterion(scale: scale) {
            self = .definition(criterion)
            return
        }
        let clients = practice?.baselineClients ?? 0
        guard clients >= PracticeScaleEstimate.minimumClients else {
            self = .unavailable(.tooFewClients(clients: clients))
            return
        }
        guard let criterion = practice?.criterion else {
            self = .unavailable(.noUsableEstimate(clients: clients))
            return
        }
        self = .practice(criterion, clients: clients)
    }

    /// The criterion, when available.
    public var criterion: ReliableChangeCriterion? {
        switch self {
        case .definition(let criterion), .practice(let criterion, _): criterion
        case .unavailable: nil
        }
    }
}

/// Why reliable change is not available for a scale.
public enum ReliableChangeUnavailability: Sendable, Hashable {
    /// The definition gives no `sd` and `reliability`, and fewer than 50 clients have a baseline.
    case tooFewClients(clients: Int)
    /// Enough clients, but α is not in (0, 1) or cannot be computed (too few complete cases, no variance).
    case noUsableEstimate(clients: Int)

    /// The reason in words, for the JSON.
    public var explanation: String {
        switch self {
        case .tooFewClients(let clients):
            "The definition gives no sd and reliability, and only \(clients) of the "
                + "\(PracticeScaleEstimate.minimumClients) clients with a baseline needed for the practice's "
                + "own estimate have one."
        case .noUsableEstimate(let clients):
            "The definition gives no sd and reliability, and the practice's \(clients) baselines give no "
                + "usable estimate (Cronbach's alpha must be between 0 and 1)."
        }
    }
}

extension PracticeScaleEstimate {
    /// The practice's estimates for every scale of `definition`, from each client's first submission of
    /// the questionnaire (its stored scores and answers JSON): the baseline SD over the clients whose first
    /// session has a value, and Cronbach's α over those whose first session answered every item of the
    /// scale (complete cases; item scores after reverse keying, times the item's weight).
    public static func estimates(
        definition: QuestionnaireDefinition,
        baselines: [(scoresJSON: [UInt8], answersJSON: [UInt8])]
    ) -> [PracticeScaleEstimate] {
        var values = [String: RunningMoments]()
        var cases = [String: [[Double]]]()
        for baseline in baselines {
            let facts = SubmissionFacts(
                scoresJSON: baseline.scoresJSON,
                alertsJSON: Array("[]".utf8),
                answersJSON: Array("{}".utf8)
            )
            let items = RaterSession.itemScores(answersJSON: baseline.answersJSON, definition: definition)
            for scale in definition.scales {
                if let value = facts?.scale(scale.id)?.value, value.isFinite {
                    values[scale.id, default: .init()].add(value)
                }
                let row = scale.items.compactMap { id in items[id].map { $0 * scale.weight(of: id) } }
                if row.count == scale.items.count, row.count >= 2 { cases[scale.id, default: []].append(row) }
            }
        }
        return definition.scales.map { scale in
            let moments = values[scale.id] ?? RunningMoments()
            return PracticeScaleEstimate(
                scaleID: scale.id,
                alpha: cases[scale.id].flatMap { CronbachAlpha(cases: $0) },
                baselineSD: moments.sampleSD,
                baselineClients: moments.count
            )
        }
    }
}
