internal import AttuneJSON

extension DefinitionValidator {
    mutating func checkScale(_ scale: Scale, at pointer: JSONPointer) {
        Identifier.check(scale.id, what: "scale id", at: pointer / "id", into: &problems)
        requireText(scale.title, at: pointer / "title", what: "scale title")
        var sound = checkScaleItems(scale, at: pointer / "items")
        sound = checkWeights(scale, at: pointer / "weights") && sound
        if let fraction = scale.minAnswered, !(fraction > 0 && fraction <= 1) {
            problems.add(
                .invalidMinAnswered,
                at: pointer / "minAnswered",
                "'minAnswered' is a fraction of the items: more than 0, at most 1."
            )
            sound = false
        }
        if let decimals = scale.round, !(0...10).contains(decimals) {
            problems.add(.invalidRound, at: pointer / "round", "'round' must be between 0 and 10 decimals.")
            sound = false
        }
        if let reliability = scale.reliability, !(reliability > 0 && reliability < 1) {
            problems.add(.invalidReliability, at: pointer / "reliability", "'reliability' must be between 0 and 1.")
        }
        if let sd = scale.sd, requireRepresentable(sd, at: pointer / "sd"), !(sd > 0) {
            problems.add(.invalidSD, at: pointer / "sd", "'sd' must be greater than 0.")
        }
        let bandsInOrder = checkBandOrder(scale.bands ?? [], at: pointer / "bands")
        let cutoffFinite = requireRepresentable(scale.cutoff?.value, at: pointer / "cutoff" / "value")

        // Range checks only on a sound scale, so a broken item is reported once, not once per band.
        guard sound, !scale.items.contains(where: unsoundItems.contains), checkProrating(scale, at: pointer) else {
            return
        }
        guard let range = definition.reachableRange(of: scale) else {
            // Bounded inputs keep this unreachable; if it is reached, it is refused, never trapped on.
            problems.add(
                .numberOutOfBounds,
                at: pointer,
                "The values this scale can take are not finite numbers."
            )
            return
        }
        if scaleRanges[scale.id] == nil { scaleRanges[scale.id] = range }
        let span = "\(format(range.lowerBound))–\(format(range.upperBound))"
        if bandsInOrder, let bands = scale.bands, let first = bands.first, let last = bands.last {
            // DESIGN.md: the first band starts at the lowest value the scale can produce, the last ends at
            // the highest, so every value has a band.
            if first.min > range.lowerBound + Tolerance.comparison {
                problems.add(
                    .bandsDoNotCoverRange,
                    at: pointer / "bands" / 0 / "min",
                    "The first band must start at the lowest value the scale can take (\(span))."
                )
            }
            if last.max < range.upperBound - Tolerance.comparison {
                problems.add(
                    .bandsDoNotCoverRange,
                    at: pointer / "bands" / (bands.count - 1) / "max",
                    "The last band must end at the highest value the scale can take (\(span))."
                )
            }
        }
        if bandsInOrder {
            for (index, band) in (scale.bands ?? []).enumerated()
            where band.min < range.lowerBound - Tolerance.comparison
                || band.max > range.upperBound + Tolerance.comparison
            {
                problems.add(
                    .bandOutsideRange,
                    at: pointer / "bands" / index,
                    "The band reaches outside the values the scale can take (\(span))."
                )
            }
        }
        if let cutoff = scale.cutoff, cutoffFinite, !range.contains(cutoff.value) {
            problems.add(
                .cutoffOutsideRange,
                at: pointer / "cutoff" / "value",
                "The cut-off lies outside the values the scale can take (\(span))."
            )
        }
    }

    /// DESIGN.md: a `sum` scale may go without some answers (`minAnswered` below 1, or items allowing
    /// `"notApplicable"`) only when its items share one range, since prorating assumes exchangeable items
    /// and would otherwise pass the scale's highest value. Returns whether the scale passes.
    private mutating func checkProrating(_ scale: Scale, at pointer: JSONPointer) -> Bool {
        guard scale.method == .sum else { return true }
        let items = scale.items.compactMap { definition.item(withID: $0) }
        let allowsNotApplicable = items.contains(where: \.allowsNotApplicable)
        guard scale.requiredFraction < 1 || allowsNotApplicable else { return true }
        let ranges = items.map(\.scoreRange)
        guard let first = ranges.first, ranges.contains(where: { $0 != first }) else { return true }
        let reason = scale.requiredFraction < 1 ? "'minAnswered' is below 1" : "some items allow 'notApplicable'"
        problems.add(
            .prorateMixedRanges,
            at: scale.requiredFraction < 1 ? pointer / "minAnswered" : pointer / "items",
            "This sum is prorated when items go unanswered (\(reason)), which needs items that share one range."
        )
        return false
    }

    /// Checks the item list; returns whether every item is a known, scored item listed once.
    private mutating func checkScaleItems(_ scale: Scale, at pointer: JSONPointer) -> Bool {
        guard !scale.items.isEmpty else {
            problems.add(.emptyScale, at: pointer, "A scale needs at least one item.")
            return false
        }
        var sound = true
        var seen: Set<String> = []
        for (index, id) in scale.items.enumerated() {
            guard seen.insert(id).inserted else {
                problems.add(.duplicateItem, at: pointer / index, "The item '\(id)' is listed twice in this scale.")
                sound = false
                continue
            }
            guard let item = definition.item(withID: id) else {
                problems.add(.unknownItem, at: pointer / index, "There is no item '\(id)'.")
                sound = false
                continue
            }
            if !item.isScored {
                problems.add(.textItem, at: pointer / index, "The item '\(id)' is a text item, which is never scored.")
                sound = false
            }
        }
        return sound
    }

    /// Checks weights (in key order, so the report is stable); returns whether all are usable.
    private mutating func checkWeights(_ scale: Scale, at pointer: JSONPointer) -> Bool {
        var sound = true
        for (id, weight) in (scale.weights ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !scale.items.contains(id) {
                problems.add(
                    .weightNotInScale,
                    at: pointer / id,
                    "The item '\(id)' has a weight but is not in the scale."
                )
            }
            guard requireRepresentable(weight, at: pointer / id, bound: NumberBounds.maxWeight) else {
                sound = false
                continue
            }
            if weight <= 0 {
                problems.add(.invalidWeight, at: pointer / id, "A weight must be greater than 0.")
                sound = false
            }
        }
        return sound
    }

    /// Checks each band and the order of bands; returns whether they are usable for range checks.
    private mutating func checkBandOrder(_ bands: [Band], at pointer: JSONPointer) -> Bool {
        var sound = true
        for (index, band) in bands.enumerated() {
            requireText(band.label, at: pointer / index / "label", what: "band label")
            let finite =
                requireRepresentable(band.min, at: pointer / index / "min")
                && requireRepresentable(band.max, at: pointer / index / "max")
            guard finite else {
                sound = false
                continue
            }
            if band.min > band.max {
                problems.add(.invalidBand, at: pointer / index, "A band's 'min' must not be above its 'max'.")
                sound = false
            }
            guard index > 0 else { continue }
            let previous = bands[index - 1]
            if band.min < previous.min {
                problems.add(.bandsNotAscending, at: pointer / index, "Bands must be listed in ascending order.")
                sound = false
            } else if band.min <= previous.max {
                // Bands are inclusive at both ends (0–4, 5–9), so sharing an edge is an overlap.
                problems.add(
                    .bandsOverlap,
                    at: pointer / index,
                    "The band starts at \(format(band.min)), within the previous band (up to \(format(previous.max)))."
                )
                sound = false
            }
        }
        return sound
    }
}
