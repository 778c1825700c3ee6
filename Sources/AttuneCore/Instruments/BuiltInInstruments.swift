/// The questionnaires Attune ships with, visible to every practice. Wording is original (never taken
/// from published scales); docs/instruments.md explains items, scoring and every threshold.
public enum BuiltInInstruments {
    /// Every built-in definition.
    public static let all: [QuestionnaireDefinition] = [
        relationshipCheckin, relationshipProfile, relationshipCheckinTherapist,
    ]

    /// The built-in definition with this id, if any.
    public static func definition(withID id: String) -> QuestionnaireDefinition? {
        all.first { $0.id == id }
    }

    // MARK: Shared scoring rules (kept in one place so the three instruments stay comparable)

    /// Five points, 0–4, for how much a statement fits.
    static let amountLabels = ["Not at all", "A little", "Somewhat", "Mostly", "Completely"]

    /// Bands on the 0–4 mean, rounded to 2 decimals. Anchored on the answer labels: below "Somewhat"
    /// on average is strained; below "Mostly" mixed; from "Mostly" good; halfway to "Completely" strong.
    static let meanBands = [
        Band(min: 0, max: 1.99, label: "strained"),
        Band(min: 2, max: 2.99, label: "mixed"),
        Band(min: 3, max: 3.49, label: "good"),
        Band(min: 3.5, max: 4, label: "strong"),
    ]

    /// Below "Mostly" on average: alliance ratings sit near the top of the range, so this is already
    /// unusual and worth a conversation.
    static let meanCutoff = Cutoff(value: 3, direction: .below)

    /// The threshold of the low-score alerts: the start of the "mixed" band, so an alert means "strained".
    static let strainedBelow = 2.0

    /// A 0–4 likert item with the amount labels.
    static func amountItem(_ id: String, _ text: String, labels: [String] = amountLabels, reverse: Bool = false)
        -> Item
    {
        Item(id: id, text: text, type: .likert, min: 0, max: 4, labels: labels, reverse: reverse ? true : nil)
    }

    /// A mean scale over 0–4 items with the shared bands, rounding and cut-off.
    static func meanScale(_ id: String, _ title: String, items: [String], minAnswered: Double) -> Scale {
        Scale(
            id: id,
            title: title,
            items: items,
            method: .mean,
            minAnswered: minAnswered,
            round: 2,
            bands: meanBands,
            cutoff: meanCutoff
        )
    }
}
