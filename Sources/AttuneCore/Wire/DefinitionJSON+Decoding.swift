public import AttuneJSON

/// Strict decoding of questionnaire definitions from JSON: every wrong type, missing or unknown field is
/// reported with its pointer, all at once. Semantic rules (ids, ranges, bands…) are `validate()`'s job.
public enum DefinitionJSON {
    /// Decodes a definition, or every problem found.
    public static func decode(_ value: JSONValue) throws(JSONProblems) -> QuestionnaireDefinition {
        var problems: [JSONProblem] = []
        let definition = definitionField.read(value, JSONPointer(), &problems)
        guard problems.isEmpty, let definition else { throw JSONProblems(problems: problems) }
        return definition
    }

    static func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> JSONField<T>
    where T.RawValue == String {
        .enumeration
    }

    static var finite: JSONField<Double> { .double }

    static var definitionField: JSONField<QuestionnaireDefinition> {
        .object { reader in
            let id = reader.required("id", .string)
            let version = reader.required("version", .int(in: 1...1_000_000))
            let title = reader.required("title", .string)
            let respondent = reader.required("respondent", enumeration(Respondent.self))
            let description = reader.optional("description", .string)
            let language = reader.optional("language", .string)
            let items = reader.required("items", .array(of: itemField))
            let scales = reader.optional("scales", .array(of: scaleField)) ?? []
            let alerts = reader.optional("alerts", .array(of: alertField)) ?? []
            guard let id, let version, let title, let respondent, let items else { return nil }
            return QuestionnaireDefinition(
                id: id,
                version: version,
                title: title,
                respondent: respondent,
                description: description,
                language: language,
                items: items,
                scales: scales,
                alerts: alerts
            )
        }
    }

    static var optionField: JSONField<ChoiceOption> {
        .object { reader in
            let value = reader.required("value", .string)
            let label = reader.required("label", .string)
            let score = reader.required("score", finite)
            guard let value, let label, let score else { return nil }
            return ChoiceOption(value: value, label: label, score: score)
        }
    }

    static var itemField: JSONField<Item> {
        .object { reader in
            let id = reader.required("id", .string)
            let text = reader.required("text", .string)
            let type = reader.required("type", enumeration(ItemType.self))
            let min = reader.optional("min", finite)
            let max = reader.optional("max", finite)
            let step = reader.optional("step", finite)
            let labels = reader.optional("labels", .array(of: .string))
            let options = reader.optional("options", .array(of: optionField))
            let reverse = reader.optional("reverse", .bool)
            let required = reader.optional("required", .bool)
            let allowNotApplicable = reader.optional("allowNotApplicable", .bool)
            guard let id, let text, let type else { return nil }
            return Item(
                id: id,
                text: text,
                type: type,
                min: min,
                max: max,
                step: step,
                labels: labels,
                options: options,
                reverse: reverse,
                required: required,
                allowNotApplicable: allowNotApplicable
            )
        }
    }

    static var bandField: JSONField<Band> {
        .object { reader in
            let min = reader.required("min", finite)
            let max = reader.required("max", finite)
            let label = reader.required("label", .string)
            guard let min, let max, let label else { return nil }
            return Band(min: min, max: max, label: label)
        }
    }

    static var cutoffField: JSONField<Cutoff> {
        .object { reader in
            let value = reader.required("value", finite)
            let direction = reader.required("direction", enumeration(CutoffDirection.self))
            guard let value, let direction else { return nil }
            return Cutoff(value: value, direction: direction)
        }
    }

    static var scaleField: JSONField<Scale> {
        .object { reader in
            let id = reader.required("id", .string)
            let title = reader.required("title", .string)
            let items = reader.required("items", .array(of: .string))
            let method = reader.required("method", enumeration(ScoringMethod.self))
            let weights = reader.optional("weights", .object { $0.remaining(finite) }).map {
                Dictionary($0.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            let minAnswered = reader.optional("minAnswered", finite)
            let round = reader.optional("round", .int(in: 0...12))
            let bands = reader.optional("bands", .array(of: bandField))
            let cutoff = reader.optional("cutoff", cutoffField)
            let reliability = reader.optional("reliability", finite)
            let sd = reader.optional("sd", finite)
            guard let id, let title, let items, let method else { return nil }
            return Scale(
                id: id,
                title: title,
                items: items,
                method: method,
                weights: weights,
                minAnswered: minAnswered,
                round: round,
                bands: bands,
                cutoff: cutoff,
                reliability: reliability,
                sd: sd
            )
        }
    }

    static var alertField: JSONField<Alert> {
        .object { reader in
            let id = reader.required("id", .string)
            var alert = Alert(id: id ?? "")
            alert.scale = reader.optional("scale", .string)
            alert.item = reader.optional("item", .string)
            alert.below = reader.optional("below", finite)
            alert.above = reader.optional("above", finite)
            alert.atLeast = reader.optional("atLeast", finite)
            alert.atMost = reader.optional("atMost", finite)
            return id == nil ? nil : alert
        }
    }
}

/// Every problem found while decoding a JSON document into a model, each with its pointer.
public struct JSONProblems: Error, Sendable, Equatable {
    /// The problems, in document order.
    public var problems: [JSONProblem]

    /// Wraps problems.
    public init(problems: [JSONProblem]) { self.problems = problems }
}
