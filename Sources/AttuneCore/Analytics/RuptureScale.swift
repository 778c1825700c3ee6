/// A scale rupture detection runs on, with what it needs from the definition.
public struct RuptureScale: Sendable, Hashable {
    /// The scale id (`total` for the report-only entry of a form without a `total` scale).
    public var id: String
    /// σ's floor: one sixteenth of the scale's possible range (0.25 on a 0–4 mean).
    public var sigmaFloor: Double
    /// Whether the direct rupture report counts on this scale.
    public var carriesReports: Bool

    /// The scale id direct reports belong to.
    public static let reportScaleID = "total"

    /// Creates an entry.
    public init(id: String, sigmaFloor: Double, carriesReports: Bool) {
        self.id = id
        self.sigmaFloor = sigmaFloor
        self.carriesReports = carriesReports
    }

    /// The scales of `definition` that detection judges: every scale with a possible range, except one
    /// whose items all presuppose an event (allow `"notApplicable"`, like the check-in's "did we talk about
    /// it"), whose values come and go with the event rather than with the relationship. When the form asks
    /// the direct rupture question, its reports count on `total` (an entry without values when the form has
    /// no such scale).
    public static func scales(of definition: QuestionnaireDefinition) -> [RuptureScale] {
        // A practice cannot publish under a built-in's id, so id and version name the built-in.
        if let builtIn = builtIns[key(definition.id, definition.version)] { return builtIn }
        return compute(definition)
    }

    /// The entries of a built-in's version, nil for any other questionnaire.
    public static func builtInScales(questionnaireID: String, version: Int) -> [RuptureScale]? {
        builtIns[key(questionnaireID, version)]
    }

    private static func compute(_ definition: QuestionnaireDefinition) -> [RuptureScale] {
        let asksDirectly = definition.item(withID: BuiltInInstruments.ruptureFeltItemID) != nil
        var result: [RuptureScale] = []
        for scale in definition.scales {
            let items = scale.items.compactMap { definition.item(withID: $0) }
            guard !items.isEmpty, !items.allSatisfy(\.allowsNotApplicable),
                let range = definition.reachableRange(of: scale)
            else { continue }
            let floor = (range.upperBound - range.lowerBound) * RuptureRules.sigmaFloorFraction
            guard floor.isFinite, floor > 0 else { continue }
            result.append(
                RuptureScale(id: scale.id, sigmaFloor: floor, carriesReports: asksDirectly && scale.id == reportScaleID)
            )
        }
        if asksDirectly, !result.contains(where: { $0.id == reportScaleID }) {
            result.append(RuptureScale(id: reportScaleID, sigmaFloor: 0, carriesReports: true))
        }
        return result
    }

    private static func key(_ id: String, _ version: Int) -> String { "\(id)@\(version)" }

    /// The built-ins' entries, computed once: most submissions use a built-in.
    private static let builtIns: [String: [RuptureScale]] = Dictionary(
        uniqueKeysWithValues: BuiltInInstruments.all.map { (key($0.id, $0.version), compute($0)) }
    )
}
