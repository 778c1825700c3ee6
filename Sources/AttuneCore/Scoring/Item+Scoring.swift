/// Why an answer does not fit its item; the submission validator turns these into problems and the
/// scoring engine treats such answers as unanswered.
enum AnswerIssue: Equatable {
    case wrongType
    case notFinite
    case outOfRange
    case notInteger
    case offStep
    case unknownOption
    case textTooLong
}

extension Item {
    /// The lowest and highest score an answer can have, before reverse keying; nil for `text` items and
    /// for items whose bounds or options are missing or invalid.
    public var scoreRange: ClosedRange<Double>? {
        switch type {
        case .likert, .scale:
            guard let min, let max, min.isFinite, max.isFinite, min < max else { return nil }
            return min...max
        case .choice:
            let scores = (options ?? []).map(\.score)
            guard scores.allSatisfy(\.isFinite), let low = scores.min(), let high = scores.max() else { return nil }
            return low...high
        case .boolean:
            return 0...1
        case .text:
            return nil
        }
    }

    /// The item's own score for an answer, before reverse keying; nil for `text` items and for answers
    /// that do not fit the item (those are reported by submission validation).
    public func score(for answer: AnswerValue) -> Double? {
        guard issue(with: answer) == nil else { return nil }
        return scoreOfFittingAnswer(answer)
    }

    /// ``score(for:)`` for an answer already known to fit the item (its ``issue(with:)`` is nil).
    func scoreOfFittingAnswer(_ answer: AnswerValue) -> Double? {
        switch (type, answer) {
        case (.likert, .number(let value)), (.scale, .number(let value)): return value
        case (.choice, .string(let value)): return options?.first { $0.value == value }?.score
        case (.boolean, .boolean(let value)): return value ? 1 : 0
        default: return nil
        }
    }

    /// The score as it counts inside scales: `min + max − score` when reverse-keyed (DESIGN.md).
    public func keyedScore(for answer: AnswerValue) -> Double? {
        guard let score = score(for: answer) else { return nil }
        guard isReversed, let range = scoreRange else { return score }
        return range.lowerBound + range.upperBound - score
    }

    /// What is wrong with an answer for this item, if anything.
    func issue(with answer: AnswerValue) -> AnswerIssue? {
        switch (type, answer) {
        case (.likert, .number(let value)):
            guard value.isFinite else { return .notFinite }
            guard Tolerance.isWhole(value, tolerance: Tolerance.comparison) else { return .notInteger }
            return isInRange(value) ? nil : .outOfRange
        case (.scale, .number(let value)):
            guard value.isFinite else { return .notFinite }
            guard isInRange(value) else { return .outOfRange }
            if let step, let min, step > 0, !Tolerance.isWhole((value - min) / step) { return .offStep }
            return nil
        case (.choice, .string(let value)):
            return (options ?? []).contains { $0.value == value } ? nil : .unknownOption
        case (.boolean, .boolean):
            return nil
        case (.text, .string(let value)):
            return value.unicodeScalars.count > Item.maxTextLength ? .textTooLong : nil
        default:
            return .wrongType
        }
    }

    /// The JSON type answers to this item must have.
    var expectedAnswerType: String {
        switch type {
        case .likert, .scale: "number"
        case .choice, .text: "string"
        case .boolean: "boolean"
        }
    }

    private func isInRange(_ value: Double) -> Bool {
        guard let range = scoreRange else { return false }
        return value >= range.lowerBound - Tolerance.comparison && value <= range.upperBound + Tolerance.comparison
    }
}
