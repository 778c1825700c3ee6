internal import AttuneJSON

extension DefinitionValidator {
    mutating func checkAlert(_ alert: Alert, at pointer: JSONPointer) {
        Identifier.check(alert.id, what: "alert id", at: pointer / "id", into: &problems)
        let thresholds: [(key: String, value: Double?)] = [
            ("below", alert.below), ("above", alert.above), ("atLeast", alert.atLeast), ("atMost", alert.atMost),
        ]
        for (key, value) in thresholds { requireRepresentable(value, at: pointer / key) }

        if alert.condition == nil {
            problems.add(
                .alertCondition,
                at: pointer,
                "An alert needs exactly one of 'below', 'above', 'atLeast' and 'atMost'."
            )
        }
        let range: ClosedRange<Double>?
        switch (alert.scale, alert.item) {
        case (let scaleID?, nil):
            range = scaleRange(scaleID, at: pointer / "scale")
        case (nil, let itemID?):
            range = itemRange(itemID, at: pointer / "item")
        default:
            problems.add(.alertTarget, at: pointer, "An alert watches exactly one of 'scale' and 'item'.")
            range = nil
        }
        guard let range, let condition = alert.condition, condition.threshold.isFinite,
            let key = thresholds.first(where: { $0.value != nil })?.key
        else { return }

        let span = "\(format(range.lowerBound))–\(format(range.upperBound))"
        if !range.contains(condition.threshold) {
            problems.add(
                .thresholdOutsideRange,
                at: pointer / key,
                "The threshold lies outside the values that can occur (\(span))."
            )
            return
        }
        switch condition {
        case .below(let value) where value <= range.lowerBound, .above(let value) where value >= range.upperBound:
            problems.add(
                .alertCannotFire,
                at: pointer / key,
                "No value in \(span) is '\(key) \(format(value))', so the alert could never fire."
            )
        default:
            break
        }
    }

    private mutating func scaleRange(_ id: String, at pointer: JSONPointer) -> ClosedRange<Double>? {
        guard definition.scale(withID: id) != nil else {
            problems.add(.unknownScale, at: pointer, "There is no scale '\(id)'.")
            return nil
        }
        // Absent when the scale itself has problems, which are reported where they are.
        return scaleRanges[id]
    }

    private mutating func itemRange(_ id: String, at pointer: JSONPointer) -> ClosedRange<Double>? {
        guard let item = definition.item(withID: id) else {
            problems.add(.unknownItem, at: pointer, "There is no item '\(id)'.")
            return nil
        }
        guard item.isScored else {
            problems.add(.textItem, at: pointer, "The item '\(id)' is a text item, which is never scored.")
            return nil
        }
        return item.scoreRange
    }
}
