internal import AttuneJSON

/// The numbers one submission contributes to analytics (rollups, rupture episodes, the attention list):
/// each scale's stored value and band, how many alerts fired, and the check-in's direct rupture report.
///
/// Computed on the worker with the scores (``ScoringPlan/facts(_:sheet:)``), and rebuilt from a stored
/// row's JSON (``init(scoresJSON:alertsJSON:answersJSON:)``) when a supersession, an erasure or a
/// recomputation needs the facts of a submission written earlier. Both give equal values, since the
/// stored scores are the rounded values the scorer produced.
public struct SubmissionFacts: Sendable, Hashable {
    /// One scale's contribution.
    public struct ScaleFact: Sendable, Hashable {
        /// The scale's id.
        public var id: String
        /// The stored (rounded) value; nil when the scale was left unscored.
        public var value: Double?
        /// The band the value fell in, if the scale has bands.
        public var band: String?

        /// Creates a fact.
        public init(id: String, value: Double?, band: String? = nil) {
            self.id = id
            self.value = value
            self.band = band
        }
    }

    /// One fact per scale id, ordered by scale id (the order of the stored scores object).
    public var scales: [ScaleFact]
    /// How many alerts fired.
    public var alertCount: Int
    /// The answer to the direct rupture question, when the form has it and it was answered.
    public var directReport: DirectRuptureReport?

    /// Creates facts.
    public init(scales: [ScaleFact], alertCount: Int, directReport: DirectRuptureReport? = nil) {
        self.scales = scales
        self.alertCount = alertCount
        self.directReport = directReport
    }

    /// The fact of the scale with this id, if the submission has that scale.
    public func scale(_ id: String) -> ScaleFact? {
        scales.first { $0.id == id }
    }
}

/// The check-in's direct rupture questions: "something felt off between us" and, if so, "did we talk
/// about it" (`rupture_felt` and `rupture_discussed`, docs/instruments.md).
public struct DirectRuptureReport: Sendable, Hashable {
    /// The answer to "did we talk about it".
    public enum Discussed: String, Sendable, Hashable, CaseIterable {
        /// "Yes".
        case yes
        /// "A little".
        case aLittle = "a_little"
        /// "No".
        case no
    }

    /// Whether something felt off (the `rupture_felt` answer).
    public var felt: Bool
    /// The follow-up's answer; nil when skipped or not applicable.
    public var discussed: Discussed?

    /// Creates a report.
    public init(felt: Bool, discussed: Discussed? = nil) {
        self.felt = felt
        self.discussed = discussed
    }

    /// Reads the two answers; nil unless `rupture_felt` was answered yes or no.
    init?(felt: AnswerValue?, discussed: AnswerValue?) {
        guard case .boolean(let feltValue)? = felt else { return nil }
        self.felt = feltValue
        if case .string(let text)? = discussed { self.discussed = Discussed(rawValue: text) }
    }
}

extension ScoringPlan {
    /// The analytics facts of a scored sheet, equal to what the stored JSON rebuilds.
    public func facts(_ scores: Scores, sheet: AnswerSheet) -> SubmissionFacts {
        var scaleFacts: [SubmissionFacts.ScaleFact] = []
        scaleFacts.reserveCapacity(scalesByID.count)
        for position in scalesByID {
            let score = scores.values[position]
            scaleFacts.append(.init(id: scores.scaleIDs[position], value: score.value, band: score.band))
        }
        return SubmissionFacts(
            scales: scaleFacts,
            alertCount: scores.alerts.count,
            directReport: DirectRuptureReport(
                felt: answer(BuiltInInstruments.ruptureFeltItemID, in: sheet),
                discussed: answer(BuiltInInstruments.ruptureDiscussedItemID, in: sheet)
            )
        )
    }

    private func answer(_ itemID: String, in sheet: AnswerSheet) -> AnswerValue? {
        guard let position = itemPositions[itemID], position < sheet.slots.count else { return nil }
        return sheet.slots[position]?.answer
    }
}

extension SubmissionFacts {
    /// Rebuilds the facts of a stored submission from its canonical scores, alerts and answers JSON;
    /// nil when the bytes are not the objects and array the server writes.
    public init?(scoresJSON: [UInt8], alertsJSON: [UInt8], answersJSON: [UInt8]) {
        let reader = JSONReader()
        guard let scores = try? reader.parse(scoresJSON).objectValue,
            let alerts = try? reader.parse(alertsJSON).arrayValue,
            let answers = try? reader.parse(answersJSON).objectValue
        else { return nil }
        var scaleFacts: [ScaleFact] = []
        scaleFacts.reserveCapacity(scores.count)
        for member in scores.sorted(by: { $0.key < $1.key }) {
            guard let score = member.value.objectValue else { return nil }
            scaleFacts.append(
                ScaleFact(id: member.key, value: score["value"]?.doubleValue, band: score["band"]?.stringValue)
            )
        }
        func answer(_ id: String) -> AnswerValue? {
            switch answers[id] {
            case .bool(let value)?: .boolean(value)
            case .string(let text)?: .string(text)
            case .number(let number)?: .number(number)
            default: nil
            }
        }
        self.init(
            scales: scaleFacts,
            alertCount: alerts.count,
            directReport: DirectRuptureReport(
                felt: answer(BuiltInInstruments.ruptureFeltItemID),
                discussed: answer(BuiltInInstruments.ruptureDiscussedItemID)
            )
        )
    }
}
