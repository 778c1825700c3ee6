extension BuiltInInstruments {
    /// `relationship-checkin-therapist` version 2: the therapist's view of the same ten questions. Same
    /// item ids, points, direction, scales and alerts as the client's check-in, and each item asks about
    /// the same thing as its client item, so the two views can be compared quality by quality.
    public static let relationshipCheckinTherapist = QuestionnaireDefinition(
        id: "relationship-checkin-therapist",
        version: 2,
        title: "How was today? (therapist)",
        respondent: .therapist,
        description: """
            The therapist's view of the same questions the client answers after each session. Where a \
            question is about your client's experience, rate how you think your client experienced it; \
            where it is about what you did, rate what you did today, not what you intended.
            """,
        language: "en",
        items: [
            amountItem("secure_base", "My client felt safe enough to talk about hard things today.", required: false),
            amountItem("attunement", "I noticed how my client was feeling today.", required: false),
            amountItem("trust", "My client can rely on me.", required: false),
            amountItem("acceptance", "Today my client felt accepted by me just as they are.", required: false),
            amountItem(
                "repair",
                "My client would feel comfortable telling me that I got something wrong.",
                required: false
            ),
            amountItem("autonomy", "Today I encouraged my client to find their own answers.", required: false),
            amountItem("cultural_humility", "I showed respect for where my client comes from.", required: false),
            amountItem("flexibility", "I adapted the session to what my client needed today.", required: false),
            ruptureFeltItem,
            ruptureDiscussedItem,
        ],
        scales: checkinScales,
        alerts: checkinAlerts
    )
}
