extension BuiltInInstruments {
    /// `relationship-checkin` version 2: after every session the client answers eight questions, one per
    /// quality, then whether something felt off between them and, if so, whether they talked about it.
    public static let relationshipCheckin = QuestionnaireDefinition(
        id: "relationship-checkin",
        version: 2,
        title: "How was today?",
        respondent: .client,
        description: """
            Ten quick questions about how things were between you and your therapist today. \
            There are no right or wrong answers, and honest answers help your therapist the most. \
            You can leave out any question you would rather not answer.
            """,
        language: "en",
        items: [
            amountItem("secure_base", "I felt safe enough to talk about hard things today.", required: false),
            amountItem("attunement", "My therapist noticed how I was feeling today.", required: false),
            amountItem("trust", "I can rely on my therapist.", required: false),
            amountItem("acceptance", "Today I felt accepted by my therapist just as I am.", required: false),
            amountItem(
                "repair",
                "I would feel comfortable telling my therapist that they got something wrong.",
                required: false
            ),
            amountItem("autonomy", "Today my therapist encouraged me to find my own answers.", required: false),
            amountItem("cultural_humility", "My therapist showed respect for where I come from.", required: false),
            amountItem("flexibility", "My therapist adapted the session to what I needed today.", required: false),
            ruptureFeltItem,
            ruptureDiscussedItem,
        ],
        scales: checkinScales,
        alerts: checkinAlerts
    )

    /// The ids of the direct rupture questions, stable across versions: the analytics read them beside
    /// score-based rupture detection (docs/instruments.md).
    public static let ruptureFeltItemID = "rupture_felt"
    /// See ``ruptureFeltItemID``.
    public static let ruptureDiscussedItemID = "rupture_discussed"

    /// Yes or no: asked of everyone, so it always applies. Scored 1 for yes (`boolean`), in no scale. The
    /// same words on both forms: "us" is the client and the therapist either way.
    static let ruptureFeltItem = Item(
        id: ruptureFeltItemID,
        text: "Was there a moment today when something felt off between us?",
        type: .boolean,
        required: false
    )

    /// The follow-up presupposes the moment it asks about, so it allows `"notApplicable"` and stays out
    /// of the total. Scores: more talk, higher, like every other scored answer of the built-ins.
    static let ruptureDiscussedItem = Item(
        id: ruptureDiscussedItemID,
        text: "If so, did we talk about it?",
        type: .choice,
        options: [
            ChoiceOption(value: "yes", label: "Yes", score: 2),
            ChoiceOption(value: "a_little", label: "A little", score: 1),
            ChoiceOption(value: "no", label: "No", score: 0),
        ],
        required: false,
        allowNotApplicable: true
    )

    /// The eight quality items: the check-in total, compared session by session, holds only items that
    /// apply in every session.
    static let checkinQualityItemIDs = RelationshipQuality.allCases.map(\.rawValue)

    /// The total (mean of the eight quality items, scored when at least six are answered) and, beside it,
    /// the event-dependent follow-up as a scale of its own (unscored when not applicable or skipped).
    static let checkinScales = [
        meanScale(
            "total",
            "Relationship today",
            items: checkinQualityItemIDs,
            // 6 of 8: a mean stays meaningful with two gaps, and every score still covers three quarters
            // of the qualities.
            minAnswered: 0.75
        ),
        Scale(
            id: "rupture_talk",
            title: "Talked about what felt off",
            items: [ruptureDiscussedItemID],
            method: .mean,
            round: 2
        ),
    ]

    /// A strained total, plus any single answer at its lowest point: a rupture is usually about one
    /// thing, and one floor answer disappears in a mean of eight. A moment that felt off and was not
    /// talked about is such a floor answer. Shared with the therapist form.
    static let checkinAlerts: [Alert] =
        [Alert(id: "low-total", target: .scale("total"), condition: .below(strainedBelow))]
        + checkinQualityItemIDs.map { id in
            Alert(id: "floor-\(id)", target: .item(id), condition: .atMost(0))
        }
        + [Alert(id: "rupture-not-discussed", target: .item(ruptureDiscussedItemID), condition: .atMost(0))]
}
