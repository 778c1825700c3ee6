import AttuneCore
import AttuneJSON
import Testing

@Suite struct BuiltInInstrumentTests {
    private let qualities = RelationshipQuality.allCases.map(\.rawValue)

    @Test func everyPublishedVersionPassesItsOwnValidation() {
        #expect(BuiltInInstruments.all.count == 6)
        for definition in BuiltInInstruments.all {
            #expect(definition.validate() == [], "\(definition.id) version \(definition.version)")
        }
    }

    @Test func haveDistinctIDsAndItemTexts() {
        #expect(Set(BuiltInInstruments.latest.map(\.id)).count == 3)
        for definition in BuiltInInstruments.latest {
            let texts = definition.items.map(\.text)
            #expect(Set(texts).count == texts.count, "\(definition.id)")
        }
        // Across instruments only the two shared rupture questions repeat.
        let shared: Set = ["rupture_felt", "rupture_discussed"]
        let texts = BuiltInInstruments.latest.flatMap { $0.items.filter { !shared.contains($0.id) }.map(\.text) }
        #expect(Set(texts).count == texts.count)
    }

    /// A crude guard against double-barrelled items (two ideas, one answer), and against the "fit" wording
    /// of a published alliance measure; version 1 had both ("I could say so and we would sort it out",
    /// "to fit what I need").
    @Test func latestItemsAskOneThingInTheirOwnWords() {
        for definition in BuiltInInstruments.latest {
            for item in definition.items {
                let words = Set(item.text.lowercased().split { !$0.isLetter }.map(String.init))
                #expect(words.isDisjoint(with: ["and", "or", "but", "fit", "fits"]), "\(item.id): \(item.text)")
            }
        }
    }

    @Test func checkinAsksOneQuestionPerQuality() {
        let checkin = BuiltInInstruments.relationshipCheckin
        #expect(checkin.respondent == .client)
        #expect(checkin.items.map(\.id) == qualities + ["rupture_felt", "rupture_discussed"])
        #expect(checkin.scales.map(\.id) == ["total", "rupture_talk"])
        #expect(checkin.scale(withID: "total")?.items == qualities)
        #expect(checkin.scale(withID: "rupture_talk")?.items == ["rupture_discussed"])
        #expect(
            Set(checkin.alerts.map(\.id)).isSuperset(of: ["low-total", "floor-repair", "rupture-not-discussed"])
        )
    }

    @Test func latestVersionsMakeEveryItemOptional() {
        for definition in BuiltInInstruments.latest {
            #expect(definition.items.allSatisfy { $0.required == false }, "\(definition.id)")
        }
    }

    @Test func onlyItemsThatPresupposeAnEventAllowNotApplicableAndNoneIsInATotal() {
        let allowing = BuiltInInstruments.latest.flatMap { definition in
            definition.items.filter { $0.allowNotApplicable == true }.map { "\(definition.id)/\($0.id)" }
        }
        #expect(
            allowing == [
                "relationship-checkin/rupture_discussed",
                "relationship-profile/repair_2", "relationship-profile/repair_3",
                "relationship-checkin-therapist/rupture_discussed",
            ]
        )
        // Items that don't allow it leave the field out rather than saying false.
        #expect(BuiltInInstruments.all.allSatisfy { $0.items.allSatisfy { $0.allowNotApplicable != false } })
        for definition in BuiltInInstruments.latest {
            let total = definition.scale(withID: "total")?.items ?? []
            #expect(!total.isEmpty)
            #expect(total.allSatisfy { definition.item(withID: $0)?.allowNotApplicable == nil }, "\(definition.id)")
            // ...but each is reported in a scale beside the total.
            for item in definition.items where item.allowNotApplicable == true {
                #expect(definition.scales.contains { $0.id != "total" && $0.items.contains(item.id) }, "\(item.id)")
            }
        }
    }

    @Test func bothCheckinsAskTheSameDirectRuptureQuestions() throws {
        for checkin in [BuiltInInstruments.relationshipCheckin, BuiltInInstruments.relationshipCheckinTherapist] {
            let felt = try #require(checkin.item(withID: "rupture_felt"))
            #expect(felt.type == .boolean)
            #expect(felt.text == "Was there a moment today when something felt off between us?")
            let discussed = try #require(checkin.item(withID: "rupture_discussed"))
            #expect(discussed.type == .choice)
            #expect(discussed.text == "If so, did we talk about it?")
            #expect(discussed.options?.map(\.value) == ["yes", "a_little", "no"])
            #expect(discussed.options?.map(\.score) == [2, 1, 0])
            #expect(discussed.allowNotApplicable == true)
            #expect(
                checkin.alerts.contains(
                    Alert(id: "rupture-not-discussed", target: .item("rupture_discussed"), condition: .atMost(0))
                )
            )
        }
    }

    @Test func therapistFormMirrorsTheCheckinItemByItem() {
        let client = BuiltInInstruments.relationshipCheckin
        let therapist = BuiltInInstruments.relationshipCheckinTherapist
        #expect(therapist.respondent == .therapist)
        #expect(therapist.version == client.version)
        #expect(therapist.items.map(\.id) == client.items.map(\.id))
        // Everything but the wording is the same, item by item: type, points, labels, direction, options.
        for (mine, theirs) in zip(therapist.items, client.items) {
            var reworded = theirs
            reworded.text = mine.text
            #expect(mine == reworded, "\(mine.id)")
        }
        #expect(therapist.scales == client.scales)
        #expect(therapist.alerts == client.alerts)
    }

    @Test func therapistItemsAskAboutTheClientWhereTheClientItemIsAboutTheirOwnExperience() {
        // The client items about the client's own experience ("I felt…", "I would feel…") become the
        // therapist's view of that experience ("My client felt…"), never the therapist's own behaviour.
        let client = BuiltInInstruments.relationshipCheckin
        let therapist = BuiltInInstruments.relationshipCheckinTherapist
        for id in ["secure_base", "acceptance", "repair"] {
            let clientText = client.item(withID: id)?.text ?? ""
            let therapistText = therapist.item(withID: id)?.text ?? ""
            #expect(clientText.contains("I felt") || clientText.contains("I would feel"), "\(id)")
            #expect(therapistText.lowercased().contains("my client"), "\(id)")
            #expect(!therapistText.hasPrefix("I "), "\(id)")
        }
    }

    @Test func bandsCoverEachScalesWholeRangeAtItsRounding() throws {
        for definition in BuiltInInstruments.all {
            for scale in definition.scales {
                guard let bands = scale.bands else { continue }
                let items = scale.items.compactMap { definition.item(withID: $0) }
                #expect(scale.method == .mean)
                let lowest = try #require(items.compactMap(\.min).min())
                let highest = try #require(items.compactMap(\.max).max())
                #expect(bands.first?.min == lowest, "\(definition.id) \(scale.id)")
                #expect(bands.last?.max == highest, "\(definition.id) \(scale.id)")
                // Consecutive bands are exactly one rounding step apart: no value the scale can report
                // falls between two bands or in two.
                let step = (0..<(try #require(scale.round))).reduce(1.0) { step, _ in step / 10 }
                for (lower, upper) in zip(bands, bands.dropFirst()) {
                    #expect(abs(upper.min - lower.max - step) < 1e-9, "\(scale.id) \(lower.label)")
                    #expect(lower.min <= lower.max)
                }
            }
        }
    }

    @Test func everyBandedScaleUsesTheOneCutoffRule() {
        for definition in BuiltInInstruments.all {
            for scale in definition.scales where scale.bands != nil {
                #expect(scale.bands?.map(\.label) == ["strained", "mixed", "good", "strong"])
                #expect(scale.bands?.map(\.min) == [0, 2, 3, 3.5])
                #expect(scale.cutoff == Cutoff(value: 3, direction: .below))
                let alert = definition.alerts.first { $0.target == .scale(scale.id) }
                #expect(alert?.condition == .below(2), "\(definition.id) \(scale.id)")
            }
        }
        let unbanded = BuiltInInstruments.relationshipCheckin.scale(withID: "rupture_talk")
        #expect(unbanded?.bands == nil && unbanded?.cutoff == nil)
    }

    @Test func profileHasThreeItemsPerQualityWithOneReversed() {
        let profile = BuiltInInstruments.relationshipProfile
        #expect(profile.items.count == 24)
        #expect(profile.scales.map(\.id) == qualities + ["total"])
        for quality in qualities {
            let subscale = profile.scale(withID: quality)
            #expect(subscale?.items == ["\(quality)_1", "\(quality)_2", "\(quality)_3"])
            let reversed = (subscale?.items ?? []).filter { profile.item(withID: $0)?.isReversed == true }
            #expect(reversed == ["\(quality)_3"], "\(quality) needs one reverse-keyed item")
        }
        let eventItems: Set = ["repair_2", "repair_3"]
        let total = profile.scale(withID: "total")?.items ?? []
        #expect(Set(total) == Set(profile.items.map(\.id)).subtracting(eventItems))
        #expect(total.count == 22)
    }

    @Test func profileSpreadsItsReversedItems() {
        let items = BuiltInInstruments.relationshipProfile.items
        let reversed = items.indices.filter { items[$0].isReversed }.map { $0 + 1 }
        #expect(reversed.count == 8)
        #expect(zip(reversed, reversed.dropFirst()).allSatisfy { $1 - $0 > 1 }, "never two in a row")
        for third in [1...8, 9...16, 17...24] {
            #expect(reversed.contains { third.contains($0) }, "one in positions \(third)")
        }
        // Nor are two statements about one quality ever next to each other.
        let quality = items.map { $0.id.split(separator: "_").dropLast().joined(separator: "_") }
        #expect(zip(quality, quality.dropFirst()).allSatisfy { $0 != $1 })
    }

    @Test func scoresATypicalCheckin() {
        // 4, 3, 4, 3, 2, 3, 4, 0: mean 23 / 8 = 2.875 → 2.88 ("mixed", below the cut-off of 3);
        // flexibility at "Not at all" fires its floor alert.
        let values: [Double] = [4, 3, 4, 3, 2, 3, 4, 0]
        let answers = Dictionary(
            uniqueKeysWithValues: zip(qualities, values.map { AnswerValue.number(JSONNumber($0)) })
        )
        let result = BuiltInInstruments.relationshipCheckin.score(answers)
        #expect(
            result.scores["total"]
                == ScaleScore(value: 2.88, answered: 8, of: 8, prorated: false, band: "mixed", cutoffCrossed: true)
        )
        #expect(result.alerts == [FiredAlert(id: "floor-flexibility", target: .item("flexibility"), value: 0)])
    }

    @Test func profileReverseKeysTheThirdStatement() {
        // All "Completely true" (4): the two straight items score 4, the reversed one 0 → mean 8/3 = 2.67.
        let profile = BuiltInInstruments.relationshipProfile
        let answers = Dictionary(uniqueKeysWithValues: profile.items.map { ($0.id, AnswerValue.number(4)) })
        let scores = profile.score(answers).scores
        #expect(scores["trust"]?.value == 2.67)
        #expect(scores["repair"]?.value == 2.67)
        // The total leaves the two event statements out: 15 straight at 4 and 7 reversed at 0 → 60/22 = 2.73.
        #expect(scores["total"]?.value == 2.73)
    }

    // MARK: Version 1, as published (its bytes: BuiltInVersionTests)

    @Test func version1StillRequiresEveryItemAndScoresAsBefore() throws {
        let checkin = try #require(BuiltInInstruments.definition(withID: "relationship-checkin", version: 1))
        #expect(checkin.items.allSatisfy { $0.required == nil && $0.allowNotApplicable == nil && $0.isRequired })
        // 4, 3, 4, 3, 2, 3, 4, 0: mean 23 / 8 = 2.875 → 2.88 ("mixed", below the cut-off of 3);
        // flexibility at "Not at all" fires its floor alert.
        let answers: [String: AnswerValue] = [
            "secure_base": .number(4), "attunement": .number(3), "trust": .number(4), "acceptance": .number(3),
            "repair": .number(2), "autonomy": .number(3), "cultural_humility": .number(4), "flexibility": .number(0),
        ]
        let result = checkin.score(answers)
        #expect(result.scores.keys.sorted() == ["total"])
        #expect(result.scores["total"]?.value == 2.88)
        #expect(result.scores["total"]?.band == "mixed")
        #expect(result.scores["total"]?.cutoffCrossed == true)
        #expect(result.alerts == [FiredAlert(id: "floor-flexibility", target: .item("flexibility"), value: 0)])
    }

    @Test func version1ProfileStillReversesItsLastEightPositions() throws {
        let profile = try #require(BuiltInInstruments.definition(withID: "relationship-profile", version: 1))
        let reversed = profile.items.indices.filter { profile.items[$0].isReversed }.map { $0 + 1 }
        #expect(reversed == Array(17...24))
        // All "Completely true" (4): the two straight items score 4, the reversed one 0 → mean 8/3 = 2.67.
        let answers = Dictionary(uniqueKeysWithValues: profile.items.map { ($0.id, AnswerValue.number(4)) })
        #expect(profile.score(answers).scores["total"]?.value == 2.67)
        #expect(profile.scale(withID: "total")?.items.count == 24)
    }
}
