internal import AttuneJSON

extension DefinitionValidator {
    mutating func checkItem(_ item: Item, at pointer: JSONPointer) {
        Identifier.check(item.id, what: "item id", at: pointer / "id", into: &problems)
        requireText(item.text, at: pointer / "text", what: "item text")
        switch item.type {
        case .likert:
            checkBounds(item, at: pointer, integers: true)
            notApplicable(item.step, "step", at: pointer, why: "likert items always step by 1")
            if let labels = item.labels, let min = item.min, let max = item.max, min < max,
                Tolerance.isWhole(min), Tolerance.isWhole(max), Double(labels.count) != max - min + 1
            {
                problems.add(
                    .labelCount,
                    at: pointer / "labels",
                    "A likert item from \(format(min)) to \(format(max)) needs \(format(max - min + 1)) labels, one per point."
                )
            }
            notApplicable(item.options, "options", at: pointer, why: "only choice items have options")
        case .scale:
            checkBounds(item, at: pointer, integers: false)
            checkStep(item, at: pointer)
            if let labels = item.labels, labels.count != 2 {
                problems.add(.labelCount, at: pointer / "labels", "A scale item takes two labels: its two ends.")
            }
            notApplicable(item.options, "options", at: pointer, why: "only choice items have options")
        case .choice:
            checkOptions(item.options, allowsNotApplicable: item.allowsNotApplicable, at: pointer / "options")
            notApplicableBounds(item, at: pointer, why: "a choice item's range comes from its option scores")
            notApplicable(item.labels, "labels", at: pointer, why: "choice options carry their own labels")
        case .boolean:
            notApplicableBounds(item, at: pointer, why: "a boolean item always scores 0 or 1")
            if let labels = item.labels, labels.count != 2 {
                problems.add(.labelCount, at: pointer / "labels", "A boolean item takes two labels: false, then true.")
            }
            notApplicable(item.options, "options", at: pointer, why: "only choice items have options")
        case .text:
            notApplicableBounds(item, at: pointer, why: "text items are not scored")
            notApplicable(item.labels, "labels", at: pointer, why: "text items are not scored")
            notApplicable(item.options, "options", at: pointer, why: "only choice items have options")
            if item.isReversed {
                problems.add(
                    .notApplicable,
                    at: pointer / "reverse",
                    "Text items are not scored, so cannot be reversed."
                )
            }
            if item.allowsNotApplicable {
                problems.add(
                    .notApplicable,
                    at: pointer / "allowNotApplicable",
                    "Text items are not scored, so have no not-applicable answer."
                )
            }
        }
        for (index, label) in (item.labels ?? []).enumerated() {
            requireText(label, at: pointer / "labels" / index, what: "label")
        }
    }

    private mutating func checkBounds(_ item: Item, at pointer: JSONPointer, integers: Bool) {
        for (value, key) in [(item.min, "min"), (item.max, "max")] {
            guard let value else {
                problems.add(.missingBound, at: pointer / key, "A \(item.type.rawValue) item needs '\(key)'.")
                continue
            }
            guard requireRepresentable(value, at: pointer / key) else { continue }
            if integers && !Tolerance.isWhole(value, tolerance: 0) {
                problems.add(.nonIntegerBound, at: pointer / key, "A likert item's '\(key)' must be an integer.")
            }
        }
        if let min = item.min, let max = item.max, min.isFinite, max.isFinite, min >= max {
            problems.add(.invalidRange, at: pointer / "max", "'max' must be greater than 'min'.")
        }
    }

    private mutating func checkStep(_ item: Item, at pointer: JSONPointer) {
        guard let step = item.step, requireRepresentable(step, at: pointer / "step") else { return }
        guard step > 0 else {
            problems.add(.invalidStep, at: pointer / "step", "'step' must be greater than 0.")
            return
        }
        guard let range = item.scoreRange, range.upperBound > range.lowerBound else { return }
        if !Tolerance.isWhole((range.upperBound - range.lowerBound) / step) {
            problems.add(
                .stepMismatch,
                at: pointer / "step",
                "'step' \(format(step)) does not divide the range \(format(range.lowerBound))–\(format(range.upperBound)) into whole steps."
            )
        }
    }

    private mutating func checkOptions(
        _ options: [ChoiceOption]?,
        allowsNotApplicable: Bool,
        at pointer: JSONPointer
    ) {
        guard let options, !options.isEmpty else {
            problems.add(.missingOptions, at: pointer, "A choice item needs at least one option.")
            return
        }
        checkUniqueIDs(options.map(\.value), at: pointer, what: "option value", key: "value")
        for (index, option) in options.enumerated() {
            if option.value.isEmpty {
                problems.add(.emptyText, at: pointer / index / "value", "An option value must not be empty.")
            }
            requireText(option.label, at: pointer / index / "label", what: "option label")
            if allowsNotApplicable, option.value == AnswerValue.notApplicable {
                problems.add(
                    .reservedOptionValue,
                    at: pointer / index / "value",
                    "The item allows the answer '\(AnswerValue.notApplicable)', so no option may use that value."
                )
            }
            requireRepresentable(option.score, at: pointer / index / "score")
        }
    }

    private mutating func notApplicableBounds(_ item: Item, at pointer: JSONPointer, why: String) {
        notApplicable(item.min, "min", at: pointer, why: why)
        notApplicable(item.max, "max", at: pointer, why: why)
        notApplicable(item.step, "step", at: pointer, why: why)
    }

    private mutating func notApplicable<Value>(_ value: Value?, _ key: String, at pointer: JSONPointer, why: String) {
        if value != nil {
            problems.add(.notApplicable, at: pointer / key, "'\(key)' does not apply here: \(why).")
        }
    }
}

/// Formats a number for messages without a trailing ".0" on whole numbers.
func format(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}
