extension BuiltInInstruments {
    /// `relationship-profile` version 1 (published; frozen, its bytes are pinned by a test): 24 statements, three per quality (the third reverse-keyed), answered by
    /// the client every few weeks; a subscale per quality and a total.
    public static let relationshipProfileVersion1 = QuestionnaireDefinition(
        id: "relationship-profile",
        version: 1,
        title: "Our work together",
        respondent: .client,
        description: """
            24 statements about you and your therapist. For each one, say how true it is for you \
            lately. Some are worded the other way round on purpose, so read each one carefully.
            """,
        language: "en",
        // Shown round by round (all first statements, then all second, then all third), so statements
        // about the same quality are never next to each other.
        items: (0..<3).flatMap { round in
            RelationshipQuality.allCases.map { quality in
                let text = profileTextsVersion1[quality]?[round] ?? ""
                return amountItem(profileItemIDVersion1(quality, round), text, labels: truthLabels, reverse: round == 2)
            }
        },
        scales: RelationshipQuality.allCases.map { quality in
            // 2 of 3: one gap still leaves two statements, one gap more would leave a single one.
            meanScale(
                quality.rawValue,
                quality.title,
                items: (0..<3).map { profileItemIDVersion1(quality, $0) },
                minAnswered: 0.6
            )
        } + [
            // 20 of 24 (⌈0.8 · 24⌉): at most four gaps anywhere.
            meanScale(
                "total",
                "Relationship overall",
                items: (0..<3).flatMap { round in RelationshipQuality.allCases.map { profileItemIDVersion1($0, round) }
                },
                minAnswered: 0.8
            )
        ],
        alerts: [Alert(id: "low-total", target: .scale("total"), condition: .below(strainedBelow))]
            + RelationshipQuality.allCases.map { quality in
                Alert(id: "low-\(quality.rawValue)", target: .scale(quality.rawValue), condition: .below(strainedBelow))
            }
    )

    /// `secure_base_1` … `secure_base_3`; the `_3` items are the reverse-keyed ones.
    static func profileItemIDVersion1(_ quality: RelationshipQuality, _ round: Int) -> String {
        "\(quality.rawValue)_\(round + 1)"
    }

    /// Three statements per quality; the third is worded the other way round and reverse-keyed.
    static let profileTextsVersion1: [RelationshipQuality: [String]] = [
        .secureBase: [
            "I feel safe bringing my hardest feelings to therapy.",
            "Knowing my therapist is there helps me face things I would usually avoid.",
            "I hold back in therapy because opening up doesn't feel safe.",
        ],
        .attunement: [
            "My therapist notices how I feel, even when I don't say it.",
            "When I talk, my therapist gets what I really mean.",
            "My therapist often misses what I am feeling.",
        ],
        .trust: [
            "My therapist keeps their promises.",
            "I know what to expect from my therapist from one session to the next.",
            "I sometimes doubt that my therapist will follow through on what they say.",
        ],
        .acceptance: [
            "I can tell my therapist things I feel ashamed of, and they still accept me.",
            "My therapist respects me, even when I make mistakes.",
            "I worry that my therapist thinks badly of me.",
        ],
        .repair: [
            "When I have been upset with my therapist, we have been able to talk it through.",
            "If my therapist gets something wrong, they are willing to admit it.",
            "When something goes wrong between us, we just act like nothing happened.",
        ],
        .autonomy: [
            "My therapist helps me find my own answers.",
            "Therapy is helping me handle things on my own.",
            "My therapist tells me what to do more than I would like.",
        ],
        .culturalHumility: [
            "My therapist is curious about my culture and where I come from.",
            "My therapist understands that my background shapes how I see things.",
            "I feel I have to hide parts of who I am, like my culture, beliefs or identity, in therapy.",
        ],
        .flexibility: [
            "My therapist changes their approach when something isn't working for me.",
            "My therapist asks me what I want from our sessions.",
            "My therapist sticks to their plan even when it doesn't fit me.",
        ],
    ]
}
