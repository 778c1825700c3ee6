internal import AttuneJSON

/// A questionnaire definition compiled once for the per-submission hot path: items, scales and alerts
/// resolved to array positions, so that validating, scoring and encoding a submission hash each answer's
/// id once and never again.
///
/// It is the one scorer: every scoring rule (docs/scoring.md) lives here and in its extensions. Build one
/// per published definition version and keep it: building costs about as much as scoring a few submissions.
///
/// ```swift
/// let plan = ScoringPlan(definition)
/// let sheet = plan.answerSheet(posted.answers)
/// let scores = plan.score(sheet)
/// let problems = plan.validate(posted, sheet: sheet, scores: scores)
/// ```
public final class ScoringPlan: Sendable {
    /// The definition this plan was compiled from.
    public let definition: QuestionnaireDefinition

    /// Item id → position of its first occurrence (ids are unique in a valid definition).
    let itemPositions: [String: Int]
    /// For each item position, the position its id resolves to (itself, unless the id is repeated).
    let resolvedPositions: [Int]
    /// For each item position: how it checks and scores an answer, in values that copy for free.
    let rules: [ItemRule]
    /// For each item position, its id (answers are matched against these before hashing).
    let itemIDs: [String]
    /// The scales that get a score: the first scale of each id, in definition order.
    let scales: [CompiledScale]
    /// The ids of `scales`.
    let scaleIDs: [String]
    /// Positions in `scales` ordered by scale id, the order in which scores are stored.
    let scalesByID: [Int]
    /// The alerts whose target and condition are well-formed, in definition order.
    let alerts: [CompiledAlert]
    /// The likert item positions (first occurrences) and whether each is reverse-keyed, when the
    /// definition can show straight-lining at all (see ``SubmissionFlag/straightLining``); else empty.
    let straightLiningItems: [(position: Int, isReversed: Bool)]
    /// Whether the definition has a scored item at all (a valid one need not): without one, a submission
    /// with no scored answer is not refused.
    let hasScoredItem: Bool
    /// Pre-encoded `"id":` for each item position, and `"id":{"value":` for each scale, so that
    /// encoding is copying bytes.
    let answerKeys: [[UInt8]]
    let scoreOpenings: [[UInt8]]

    /// One scale with its items resolved; an item id the definition lacks resolves to `nil` (never answered).
    struct CompiledScale: Sendable {
        let scale: Scale
        let entries: [(position: Int?, weight: Double)]
    }

    /// What an alert watches, resolved to a position in ``ScoringPlan/scales`` or among the items.
    enum CompiledTarget: Sendable {
        case scale(Int?)
        case item(Int?)
    }

    /// One well-formed alert.
    struct CompiledAlert: Sendable {
        let id: String
        let target: AlertTarget
        let resolved: CompiledTarget
        let condition: AlertCondition
    }

    /// Compiles `definition`; any definition compiles, even an invalid one (answers to repeated or
    /// unknown ids are ignored, and a scale whose value would not be finite stays unscored).
    public init(_ definition: QuestionnaireDefinition) {
        self.definition = definition
        let items = definition.items
        var positions: [String: Int] = [:]
        positions.reserveCapacity(items.count)
        var resolved: [Int] = []
        resolved.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let first = positions[item.id] {
                resolved.append(first)
            } else {
                positions[item.id] = index
                resolved.append(index)
            }
        }
        itemPositions = positions
        resolvedPositions = resolved
        rules = items.map(ItemRule.init)
        itemIDs = items.map(\.id)
        answerKeys = items.map { Self.encodedKey($0.id) }

        var seenScales: Set<String> = []
        var scales: [CompiledScale] = []
        for scale in definition.scales where seenScales.insert(scale.id).inserted {
            let entries = scale.items.map { id in (position: positions[id], weight: scale.weight(of: id)) }
            scales.append(CompiledScale(scale: scale, entries: entries))
        }
        self.scales = scales
        scaleIDs = scales.map(\.scale.id)
        scalesByID = scales.indices.sorted { scales[$0].scale.id < scales[$1].scale.id }
        scoreOpenings = scales.map { Self.encodedKey($0.scale.id) + Array(#"{"value":"#.utf8) }

        alerts = definition.alerts.compactMap { alert in
            guard let target = alert.target, let condition = alert.condition else { return nil }
            let resolved: CompiledTarget
            switch target {
            case .scale(let id): resolved = .scale(scales.firstIndex { $0.scale.id == id })
            case .item(let id): resolved = .item(positions[id])
            }
            return CompiledAlert(id: alert.id, target: target, resolved: resolved, condition: condition)
        }
        straightLiningItems = Self.straightLiningItems(of: items, resolved: resolved)
        hasScoredItem = items.contains { $0.isScored }
    }

    /// `"key":` as ``JSONWriter`` writes a member name.
    private static func encodedKey(_ key: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: key.utf8.count + 3)
        writer.key(key)
        return writer.bytes
    }

    /// The position of the item an answer key names, trying `expected` first: answers usually arrive in
    /// item order, and comparing one id is cheaper than hashing it.
    @inline(__always)
    func position(of id: String, expected: Int) -> Int? {
        if expected < resolvedPositions.count, resolvedPositions[expected] == expected,
            itemIDs[expected] == id
        {
            return expected
        }
        return itemPositions[id]
    }
}

extension ScoringPlan {
    /// The scores of every scale, the alerts that fired and the flags raised, held in arrays.
    public struct Scores: Sendable, Equatable {
        /// One score per scored scale, in the plan's scale order (the first scale of each id).
        let values: [ScaleScore]
        /// The alerts that fired, in definition order.
        public let alerts: [FiredAlert]
        /// The flags raised, in ``SubmissionFlag`` order.
        public let flags: [SubmissionFlag]
        /// The scale ids matching `values`.
        let scaleIDs: [String]

        /// The same result keyed by scale id.
        public var result: ScoringResult {
            var scores: [String: ScaleScore] = [:]
            scores.reserveCapacity(values.count)
            for (id, score) in zip(scaleIDs, values) where scores[id] == nil { scores[id] = score }
            return ScoringResult(scores: scores, alerts: alerts, flags: flags)
        }

        /// The score of the scale with this id, if the definition has one.
        public func score(ofScale id: String) -> ScaleScore? {
            scaleIDs.firstIndex(of: id).map { values[$0] }
        }
    }

    /// Scores an answer sheet: every scale, then every alert, then the flags.
    public func score(_ sheet: AnswerSheet) -> Scores {
        var values: [ScaleScore] = []
        values.reserveCapacity(scales.count)
        for scale in scales {
            values.append(score(scale, sheet: sheet))
        }
        var fired: [FiredAlert] = []
        for alert in alerts {
            let value: Double?
            switch alert.resolved {
            case .scale(let position):
                // A scale that was not scored (value null) never alerts.
                value = position.flatMap { values[$0].value }
            case .item(let position):
                // Item alerts compare the item's own score, before reverse keying.
                value = position.flatMap { sheet.slots[$0]?.ownScore }
            }
            guard let value, alert.condition.isMet(by: value) else { continue }
            fired.append(FiredAlert(id: alert.id, target: alert.target, value: value))
        }
        let flags: [SubmissionFlag] = isStraightLined(sheet) ? [.straightLining] : []
        return Scores(values: values, alerts: fired, flags: flags, scaleIDs: scaleIDs)
    }

    private func score(_ compiled: CompiledScale, sheet: AnswerSheet) -> ScaleScore {
        var tally = ScaleTally()
        for (position, weight) in compiled.entries {
            // Two projections rather than binding the slot, which would copy (and retain) its strings.
            guard let position else {
                tally.add(weight: weight, keyedScore: nil, isNotApplicable: false)
                continue
            }
            tally.add(
                weight: weight,
                keyedScore: sheet.slots[position]?.keyedScore,
                isNotApplicable: sheet.slots[position]?.isNotApplicable ?? false
            )
        }
        return Self.scaleScore(compiled.scale, from: tally)
    }
}
