extension BuiltInInstruments {
    /// `relationship-checkin` version 1 (published; frozen, its bytes are pinned by a test): eight questions after every session, one per quality, answered by the client.
    public static let relationshipCheckinVersion1 = QuestionnaireDefinition(
        id: "relationship-checkin",
        version: 1,
        title: "How was today?",
        respondent: .client,
        description: """
            Eight quick questions about how things are between you and your therapist today. \
            There are no right or wrong answers, and honest answers help your therapist the most.
            """,
        language: "en",
        items: [
            amountItem("secure_base", "Today I felt safe enough to talk about hard things."),
            amountItem("attunement", "My therapist understood how I felt, even when I couldn't find the words."),
            amountItem("trust", "I can count on my therapist to do what they say they will do."),
            amountItem("acceptance", "I could be myself here without worrying about being judged."),
            amountItem("repair", "If something felt wrong between us, I could say so and we would sort it out."),
            amountItem("autonomy", "My therapist helped me make my own choices instead of deciding for me."),
            amountItem("cultural_humility", "My therapist showed respect for my background and what matters to me."),
            amountItem("flexibility", "My therapist was willing to change how we work to fit what I need."),
        ],
        scales: [checkinTotalVersion1],
        alerts: checkinAlertsVersion1
    )

    /// The check-in total: mean of the eight items, scored when at least six are answered.
    static let checkinTotalVersion1 = meanScale(
        "total",
        "Relationship today",
        items: RelationshipQuality.allCases.map(\.rawValue),
        // 6 of 8: a mean stays meaningful with two gaps, and every score still covers three quarters
        // of the qualities.
        minAnswered: 0.75
    )

    /// A strained total, plus any single quality answered "Not at all": a rupture is usually about one
    /// thing, and one floor answer disappears in a mean of eight. Shared with the therapist form.
    static let checkinAlertsVersion1: [Alert] =
        [Alert(id: "low-total", target: .scale("total"), condition: .below(strainedBelow))]
        + RelationshipQuality.allCases.map { quality in
            Alert(id: "floor-\(quality.rawValue)", target: .item(quality.rawValue), condition: .atMost(0))
        }
}
