internal import AttuneJSON

extension QuestionnaireDefinition {
    /// Every problem with this definition, in document order; empty when it can be published.
    ///
    /// Checks are independent where they can be, so one mistake does not hide another; checks that need a
    /// sound base (a band against the reachable range of a scale whose items are broken) are skipped
    /// rather than reported twice.
    public func validate() -> [ValidationProblem] {
        var validator = DefinitionValidator(definition: self)
        validator.run()
        return validator.problems.problems
    }

    /// Returns the definition unchanged, or throws every problem with it.
    public func validated() throws(ValidationError) -> QuestionnaireDefinition {
        let problems = validate()
        guard problems.isEmpty else { throw ValidationError(problems: problems) }
        return self
    }
}

/// Walks a definition once, collecting problems; split by concern over `DefinitionValidator+*.swift`.
struct DefinitionValidator {
    let definition: QuestionnaireDefinition
    var problems = ProblemList()
    /// Reachable ranges of the sound scales, by id, for the alert checks.
    var scaleRanges: [String: ClosedRange<Double>] = [:]
    /// Ids of items with a problem of their own: range checks on their scales are skipped, so one
    /// mistake is reported once.
    var unsoundItems: Set<String> = []

    init(definition: QuestionnaireDefinition) {
        self.definition = definition
    }

    mutating func run() {
        let root = JSONPointer.root
        Identifier.check(definition.id, what: "questionnaire id", at: root / "id", into: &problems)
        if definition.version < 1 {
            problems.add(.invalidVersion, at: root / "version", "The version must be 1 or more.")
        }
        requireText(definition.title, at: root / "title", what: "title")
        if definition.items.isEmpty {
            problems.add(.noItems, at: root / "items", "A questionnaire needs at least one item.")
        }
        checkUniqueIDs(definition.items.map(\.id), at: root / "items", what: "item id")
        for (index, item) in definition.items.enumerated() {
            let before = problems.problems.count
            checkItem(item, at: root / "items" / index)
            if problems.problems.count > before { unsoundItems.insert(item.id) }
        }
        checkUniqueIDs(definition.scales.map(\.id), at: root / "scales", what: "scale id")
        for (index, scale) in definition.scales.enumerated() {
            checkScale(scale, at: root / "scales" / index)
        }
        checkUniqueIDs(definition.alerts.map(\.id), at: root / "alerts", what: "alert id")
        for (index, alert) in definition.alerts.enumerated() {
            checkAlert(alert, at: root / "alerts" / index)
        }
    }

    /// Reports every repeat of an id (not the first occurrence) at `…/index/id`.
    mutating func checkUniqueIDs(_ ids: [String], at pointer: JSONPointer, what: String, key: String = "id") {
        var seen: Set<String> = []
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            problems.add(.duplicateID, at: pointer / index / key, "The \(what) '\(id)' is used more than once.")
        }
    }

    mutating func requireText(_ text: String, at pointer: JSONPointer, what: String) {
        if text.allSatisfy(\.isWhitespace) {
            problems.add(.emptyText, at: pointer, "The \(what) must not be empty.")
        }
    }

    /// Reports a NaN or infinite number, or one beyond `bound` in magnitude (``NumberBounds``); returns
    /// whether the number is usable.
    @discardableResult
    mutating func requireRepresentable(
        _ value: Double?,
        at pointer: JSONPointer,
        bound: Double = NumberBounds.magnitude
    ) -> Bool {
        guard let value else { return true }
        guard value.isFinite else {
            problems.add(.notFinite, at: pointer, "The number must be finite.")
            return false
        }
        guard value.magnitude <= bound else {
            problems.add(
                .numberOutOfBounds,
                at: pointer,
                "The number must be between -\(format(bound)) and \(format(bound)) (docs/scoring.md)."
            )
            return false
        }
        return true
    }
}
