internal import AttuneJSON

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
    case notApplicableNotAllowed
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

    /// The item's own score for an answer, before reverse keying; nil for `text` items, for
    /// `"notApplicable"` and for answers that do not fit the item (those are reported by validation).
    public func score(for answer: AnswerValue) -> Double? {
        guard !isNotApplicable(answer), issue(with: answer) == nil else { return nil }
        return scoreOfFittingAnswer(answer)
    }

    /// Whether `answer` is this item's not-applicable answer: `"notApplicable"` to a scored item that
    /// allows it.
    func isNotApplicable(_ answer: AnswerValue) -> Bool {
        allowsNotApplicable && isScored && answer.isNotApplicable
    }

    /// ``score(for:)`` for an answer already known to fit the item (its ``issue(with:)`` is nil).
    func scoreOfFittingAnswer(_ answer: AnswerValue) -> Double? {
        switch (type, answer) {
        case (.likert, .number(let number)), (.scale, .number(let number)): return number.value
        case (.choice, .string(let value)): return options?.first { $0.value == value }?.score
        case (.boolean, .boolean(let value)): return value ? 1 : 0
        default: return nil
        }
    }

    /// What is wrong with an answer for this item, if anything (a not-applicable answer to an item that
    /// allows it is decided before this, by ``isNotApplicable(_:)``).
    func issue(with answer: AnswerValue) -> AnswerIssue? {
        switch (type, answer) {
        case (.likert, .number(let number)):
            // Exact, on the literal as sent: `3.0` is 3, `3.0000000001` and `1e-400` are not integers.
            guard number.value.isFinite else { return .notFinite }
            guard number.isIntegral else { return .notInteger }
            return isInRange(number.value) ? nil : .outOfRange
        case (.scale, .number(let number)):
            let value = number.value
            guard value.isFinite else { return .notFinite }
            guard isInRange(value) else { return .outOfRange }
            if let step, let min, step > 0, !Tolerance.isWhole((value - min) / step) { return .offStep }
            return nil
        case (.choice, .string(let value)):
            if (options ?? []).contains(where: { $0.value == value }) { return nil }
            return answer.isNotApplicable ? .notApplicableNotAllowed : .unknownOption
        case (.boolean, .boolean):
            return nil
        case (.text, .string(let value)):
            return value.unicodeScalars.count > Item.maxTextLength ? .textTooLong : nil
        case (.likert, .string), (.scale, .string), (.boolean, .string):
            return answer.isNotApplicable ? .notApplicableNotAllowed : .wrongType
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
