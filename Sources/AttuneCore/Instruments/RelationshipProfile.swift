extension BuiltInInstruments {
    /// `relationship-profile` version 2: 24 statements, three per quality (the third reverse-keyed),
    /// answered by the client every few weeks; a subscale per quality and a total.
    public static let relationshipProfile = QuestionnaireDefinition(
        id: "relationship-profile",
        version: 2,
        title: "Our work together",
        respondent: .client,
        description: """
            24 statements about you and your therapist. For each one, say how true it is for you \
            lately. Some are worded the other way round on purpose, so read each one carefully. \
            You can leave out any statement you would rather not answer.
            """,
        language: "en",
        items: profileOrder.map { quality, statement in
            let wording = profileStatements[quality]?[statement] ?? ProfileStatement("")
            return amountItem(
                profileItemID(quality, statement),
                wording.text,
                labels: truthLabels,
                reverse: statement == 2,
                required: false,
                allowNotApplicable: wording.presupposesEvent ? true : nil
            )
        },
        scales: RelationshipQuality.allCases.map { quality in
            // 2 of 3 applicable statements: one gap still leaves two statements, one gap more would
            // leave a single one. With not-applicable answers the count shrinks with the applicable items.
            meanScale(
                quality.rawValue,
                quality.title,
                items: (0..<3).map { profileItemID(quality, $0) },
                minAnswered: 0.6
            )
        } + [
            // 18 of the 22 statements that apply in every period (⌈0.8 · 22⌉): at most four gaps anywhere.
            meanScale("total", "Relationship overall", items: profileTotalItemIDs, minAnswered: 0.8)
        ],
        alerts: [Alert(id: "low-total", target: .scale("total"), condition: .below(strainedBelow))]
            + RelationshipQuality.allCases.map { quality in
                Alert(id: "low-\(quality.rawValue)", target: .scale(quality.rawValue), condition: .below(strainedBelow))
            }
    )

    /// `secure_base_1` … `secure_base_3` for statements 0, 1, 2; the `_3` items are the reverse-keyed ones.
    static func profileItemID(_ quality: RelationshipQuality, _ statement: Int) -> String {
        "\(quality.rawValue)_\(statement + 1)"
    }

    /// Display order as (quality, statement). Each third (positions 1–8, 9–16, 17–24) asks about every
    /// quality once, so two statements about one quality are never next to each other; the eight
    /// reverse-keyed statements (statement 2) stand at positions 2, 5, 8, 11, 14, 17, 20 and 23: never
    /// two in a row, three, two and three in the three thirds.
    static let profileOrder: [(RelationshipQuality, Int)] = [
        (.secureBase, 0), (.trust, 2), (.attunement, 0), (.acceptance, 0),
        (.autonomy, 2), (.repair, 0), (.culturalHumility, 0), (.flexibility, 2),
        (.trust, 0), (.acceptance, 1), (.secureBase, 2), (.autonomy, 0),
        (.attunement, 1), (.culturalHumility, 2), (.flexibility, 0), (.repair, 1),
        (.attunement, 2), (.trust, 1), (.secureBase, 1), (.acceptance, 2),
        (.flexibility, 1), (.autonomy, 1), (.repair, 2), (.culturalHumility, 1),
    ]

    /// The total holds every statement that applies whatever happened: statements that presuppose an
    /// event are reported in their quality's subscale only, so totals compare across periods.
    static var profileTotalItemIDs: [String] {
        profileOrder.compactMap { quality, statement in
            profileStatements[quality]?[statement].presupposesEvent == false
                ? profileItemID(quality, statement) : nil
        }
    }

    /// One statement of the profile.
    struct ProfileStatement: Sendable {
        let text: String
        /// True when the statement only makes sense if something happened (it then allows `"notApplicable"`).
        let presupposesEvent: Bool

        init(_ text: String, presupposesEvent: Bool = false) {
            self.text = text
            self.presupposesEvent = presupposesEvent
        }
    }

    /// Three statements per quality; the third is worded the other way round and reverse-keyed.
    static let profileStatements: [RelationshipQuality: [ProfileStatement]] = [
        .secureBase: [
            ProfileStatement("I feel safe bringing my hardest feelings to therapy."),
            ProfileStatement("Therapy gives me the courage to look at things I usually avoid."),
            ProfileStatement("Opening up in therapy feels risky to me."),
        ],
        .attunement: [
            ProfileStatement("My therapist notices feelings I have not put into words."),
            ProfileStatement("My therapist understands what I really mean."),
            ProfileStatement("My therapist often misses what I am feeling."),
        ],
        .trust: [
            ProfileStatement("My therapist follows through on what they say they will do."),
            ProfileStatement("I know what to expect from my therapist from one session to the next."),
            ProfileStatement("I am not sure I can count on my therapist."),
        ],
        .acceptance: [
            ProfileStatement("I can be my true self with my therapist."),
            ProfileStatement("My therapist sees the good in me."),
            ProfileStatement("I worry that my therapist thinks badly of me."),
        ],
        .repair: [
            ProfileStatement("My therapist makes it easy to bring up problems between us."),
            ProfileStatement(
                "When something has gone wrong between us, my therapist has admitted their part in it.",
                presupposesEvent: true
            ),
            ProfileStatement(
                "After a misunderstanding between us, we have carried on as if nothing happened.",
                presupposesEvent: true
            ),
        ],
        .autonomy: [
            ProfileStatement("My therapist trusts me to make my own decisions."),
            ProfileStatement("Therapy is helping me handle things on my own."),
            ProfileStatement("My therapist tells me what to do more than I would like."),
        ],
        .culturalHumility: [
            ProfileStatement("My therapist takes time to learn about my background."),
            ProfileStatement("My therapist understands how my background shapes my feelings."),
            ProfileStatement("I feel I have to hide parts of my identity in therapy."),
        ],
        .flexibility: [
            ProfileStatement("My therapist adapts their way of working to me."),
            ProfileStatement("My therapist asks me what I want from our sessions."),
            ProfileStatement("My therapist uses the same approach no matter what I need."),
        ],
    ]
}
