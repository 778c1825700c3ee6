extension DefinitionJSON {
    /// The definition as canonical JSON: fields in the order of the wire format, absent optionals left out.
    /// Served as pre-encoded bytes and hashed for the `ETag`, so the same definition always gives the same bytes.
    public static func encode(_ definition: QuestionnaireDefinition) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        writer.key("id")
        writer.string(definition.id)
        writer.key("version")
        writer.number(definition.version)
        writer.key("title")
        writer.string(definition.title)
        writer.key("respondent")
        writer.string(definition.respondent.rawValue)
        writer.optional("description", definition.description)
        writer.optional("language", definition.language)
        writer.key("items")
        writer.beginArray()
        for item in definition.items { write(item, into: &writer) }
        writer.endArray()
        writer.key("scales")
        writer.beginArray()
        for scale in definition.scales { write(scale, into: &writer) }
        writer.endArray()
        writer.key("alerts")
        writer.beginArray()
        for alert in definition.alerts { write(alert, into: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    static func write(_ item: Item, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(item.id)
        writer.key("text")
        writer.string(item.text)
        writer.key("type")
        writer.string(item.type.rawValue)
        writer.optional("min", item.min)
        writer.optional("max", item.max)
        writer.optional("step", item.step)
        if let labels = item.labels {
            writer.key("labels")
            writer.beginArray()
            for label in labels { writer.string(label) }
            writer.endArray()
        }
        if let options = item.options {
            writer.key("options")
            writer.beginArray()
            for option in options {
                writer.beginObject()
                writer.key("value")
                writer.string(option.value)
                writer.key("label")
                writer.string(option.label)
                writer.key("score")
                writer.number(option.score)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.optional("reverse", item.reverse)
        writer.optional("required", item.required)
        // Absent when nil, so every definition stored before the field existed keeps its bytes and ETag.
        writer.optional("allowNotApplicable", item.allowNotApplicable)
        writer.endObject()
    }

    static func write(_ scale: Scale, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(scale.id)
        writer.key("title")
        writer.string(scale.title)
        writer.key("items")
        writer.beginArray()
        for item in scale.items { writer.string(item) }
        writer.endArray()
        writer.key("method")
        writer.string(scale.method.rawValue)
        if let weights = scale.weights {
            writer.key("weights")
            writer.beginObject()
            for key in weights.keys.sorted() {
                writer.key(key)
                writer.number(weights[key] ?? 0)
            }
            writer.endObject()
        }
        writer.optional("minAnswered", scale.minAnswered)
        if let round = scale.round {
            writer.key("round")
            writer.number(round)
        }
        if let bands = scale.bands {
            writer.key("bands")
            writer.beginArray()
            for band in bands {
                writer.beginObject()
                writer.key("min")
                writer.number(band.min)
                writer.key("max")
                writer.number(band.max)
                writer.key("label")
                writer.string(band.label)
                writer.endObject()
            }
            writer.endArray()
        }
        if let cutoff = scale.cutoff {
            writer.key("cutoff")
            writer.beginObject()
            writer.key("value")
            writer.number(cutoff.value)
            writer.key("direction")
            writer.string(cutoff.direction.rawValue)
            writer.endObject()
        }
        writer.optional("reliability", scale.reliability)
        writer.optional("sd", scale.sd)
        writer.endObject()
    }

    static func write(_ alert: Alert, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(alert.id)
        writer.optional("scale", alert.scale)
        writer.optional("item", alert.item)
        writer.optional("below", alert.below)
        writer.optional("above", alert.above)
        writer.optional("atLeast", alert.atLeast)
        writer.optional("atMost", alert.atMost)
        writer.endObject()
    }
}

extension JSONWriter {
    /// Writes `"key": value` when `value` is present.
    mutating func optional(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// Writes `"key": value` when `value` is present.
    mutating func optional(_ key: String, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        number(value)
    }

    /// Writes `"key": value` when `value` is present.
    mutating func optional(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        bool(value)
    }
}
