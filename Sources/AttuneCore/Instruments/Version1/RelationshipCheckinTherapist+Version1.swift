extension BuiltInInstruments {
    /// `relationship-checkin-therapist` version 1 (published; frozen, its bytes are pinned by a test): the therapist's mirror of the check-in. Same item ids, points,
    /// scales and alerts, so the two views can be compared quality by quality.
    public static let relationshipCheckinTherapistVersion1 = QuestionnaireDefinition(
        id: "relationship-checkin-therapist",
        version: 1,
        title: "How was today? (therapist)",
        respondent: .therapist,
        description: """
            The therapist's view of the same eight questions the client answers after each session. \
            Rate what you saw and did today, not what you intended.
            """,
        language: "en",
        items: [
            amountItem("secure_base", "Today my client seemed safe enough to talk about hard things."),
            amountItem("attunement", "I understood how my client felt, even when they couldn't find the words."),
            amountItem("trust", "My client could count on me to do what I said I would do."),
            amountItem("acceptance", "My client could be themselves with me without worrying about being judged."),
            amountItem(
                "repair",
                "If something felt wrong between us, my client could say so and we would sort it out."
            ),
            amountItem("autonomy", "I helped my client make their own choices instead of deciding for them."),
            amountItem("cultural_humility", "I showed respect for my client's background and what matters to them."),
            amountItem("flexibility", "I was willing to change how we work to fit what my client needs."),
        ],
        scales: [checkinTotalVersion1],
        alerts: checkinAlertsVersion1
    )
}
