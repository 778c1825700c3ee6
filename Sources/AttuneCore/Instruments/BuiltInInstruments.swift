/// The questionnaires Attune ships with, visible to every practice. Wording is original (never taken
/// from published scales); docs/instruments.md explains items, scoring and every threshold.
///
/// Every published version stays served and scored exactly as published (`Version1/`), so stored
/// submissions keep their meaning; the unsuffixed names are the latest versions.
public enum BuiltInInstruments {
    /// Every published version of every built-in, oldest first within an id.
    public static let all: [QuestionnaireDefinition] = [
        relationshipCheckinVersion1, relationshipCheckin,
        relationshipProfileVersion1, relationshipProfile,
        relationshipCheckinTherapistVersion1, relationshipCheckinTherapist,
    ]

    /// The latest version of each built-in: what `GET /v1/questionnaires/{id}` serves.
    public static let latest: [QuestionnaireDefinition] = [
        relationshipCheckin, relationshipProfile, relationshipCheckinTherapist,
    ]

    /// The latest version of the built-in with this id, if any.
    public static func definition(withID id: String) -> QuestionnaireDefinition? {
        latest.first { $0.id == id }
    }

    /// Version `version` of the built-in with this id, if it was published.
    public static func definition(withID id: String, version: Int) -> QuestionnaireDefinition? {
        all.first { $0.id == id && $0.version == version }
    }

    // MARK: Shared scoring rules (kept in one place so the three instruments stay comparable)

    /// Five points, 0–4, for how much a statement fits.
    static let amountLabels = ["Not at all", "A little", "Somewhat", "Mostly", "Completely"]

    /// Five points, 0–4, for how true a statement is.
    static let truthLabels = ["Not at all true", "A little true", "Somewhat true", "Mostly true", "Completely true"]

    /// Bands on the 0–4 mean, rounded to 2 decimals. Anchored on the answer labels: below "Somewhat"
    /// on average is strained; below "Mostly" mixed; from "Mostly" good; halfway to "Completely" strong.
    static let meanBands = [
        Band(min: 0, max: 1.99, label: "strained"),
        Band(min: 2, max: 2.99, label: "mixed"),
        Band(min: 3, max: 3.49, label: "good"),
        Band(min: 3.5, max: 4, label: "strong"),
    ]

    /// Below "Mostly" on average: the same label-anchored rule as the bands (docs/instruments.md).
    static let meanCutoff = Cutoff(value: 3, direction: .below)

    /// The threshold of the low-score alerts: the start of the "mixed" band, so an alert means "strained".
    static let strainedBelow = 2.0

    /// A 0–4 likert item with the amount labels. Version 1 items leave `required` and
    /// `allowNotApplicable` out (their bytes are frozen); later versions say `required: false`.
    static func amountItem(
        _ id: String,
        _ text: String,
        labels: [String] = amountLabels,
        reverse: Bool = false,
        required: Bool? = nil,
        allowNotApplicable: Bool? = nil
    ) -> Item {
        Item(
            id: id,
            text: text,
            type: .likert,
            min: 0,
            max: 4,
            labels: labels,
            reverse: reverse ? true : nil,
            required: required,
            allowNotApplicable: allowNotApplicable
        )
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
