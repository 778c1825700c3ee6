internal import AttuneJSON

/// How one item checks and scores a number or boolean answer, in plain values: the per-answer work of
/// an ``AnswerSheet`` reads these instead of copying the ``Item`` (whose strings and arrays would be
/// retained and released for every answer).
///
/// It decides exactly as ``Item/issue(with:)`` and ``Item/scoreOfFittingAnswer(_:)`` do; `choice` and
/// `text` items need their options or the text, and are left to the ``Item`` (``Kind/other``).
struct ItemRule: Sendable {
    enum Kind: UInt8, Sendable {
        case likert, scale, boolean, other
    }

    let kind: Kind
    /// ``Item/scoreRange``, when there is one: the bounds answers are checked against and keyed with.
    let hasRange: Bool
    let low: Double
    let high: Double
    /// A `scale` item's step, when it is checked (a positive step and a minimum).
    let hasStep: Bool
    let step: Double
    let stepOrigin: Double
    /// ``Item/isReversed``.
    let isReversed: Bool
    /// ``Item/allowsNotApplicable`` for a scored item.
    let allowsNotApplicable: Bool

    init(_ item: Item) {
        switch item.type {
        case .likert: kind = .likert
        case .scale: kind = .scale
        case .boolean: kind = .boolean
        case .choice, .text: kind = .other
        }
        let range = item.scoreRange
        hasRange = range != nil
        low = range?.lowerBound ?? 0
        high = range?.upperBound ?? 0
        if let step = item.step, let min = item.min, step > 0 {
            hasStep = true
            self.step = step
            stepOrigin = min
        } else {
            hasStep = false
            step = 0
            stepOrigin = 0
        }
        isReversed = item.isReversed
        allowsNotApplicable = item.allowsNotApplicable && item.isScored
    }

    /// What ``Item/issue(with:)`` says of a number answer to a `likert` (`isScale` false) or `scale` item.
    @inline(__always)
    func issue(withNumber number: JSONNumber, isScale: Bool) -> AnswerIssue? {
        let value = number.value
        guard value.isFinite else { return .notFinite }
        if isScale {
            guard isInRange(value) else { return .outOfRange }
            if hasStep, !Tolerance.isWhole((value - stepOrigin) / step) { return .offStep }
            return nil
        }
        guard number.isIntegral else { return .notInteger }
        return isInRange(value) ? nil : .outOfRange
    }

    /// The score as it counts inside scales, from the item's own score.
    @inline(__always)
    func keyed(_ score: Double) -> Double {
        isReversed && hasRange ? low + high - score : score
    }

    /// As ``Item``'s range check: within the score range give or take ``Tolerance/comparison``.
    @inline(__always)
    private func isInRange(_ value: Double) -> Bool {
        hasRange && value >= low - Tolerance.comparison && value <= high + Tolerance.comparison
    }
}
