internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore

/// One synthetic client: who they see, how their relationship moves, and when they come.
struct DemoClientPlan {
    /// How the relationship goes.
    enum Course: CaseIterable {
        /// Noise around a slowly rising level.
        case steady
        /// A V-shaped fall at `ruptureSession`, back within two sessions.
        case repairedRupture
        /// A fall at `ruptureSession` that stays.
        case unrepairedDrop
        /// A fall at `ruptureSession`, then no more sessions.
        case stopsAfterRupture
        /// "Something felt off" at `ruptureSession`, with a small dip.
        case reportedRupture
    }

    static let qualities = RelationshipQuality.allCases.map(\.rawValue)

    var id: String
    var therapist: String
    var seed: UInt64
    var course: Course
    var level: Double
    var drift: Double
    var itemOffsets: [Double]
    var ruptureSession: Int
    var lastSession: Int
    var isPaired: Bool
    var therapistBias: Double
    var talkedAboutIt: Bool
    /// Day number of session 1, and the sessions after which a week was skipped.
    var firstDay: Int
    var skippedAfter: Set<Int>

    var submissionCount: Int { lastSession * (isPaired ? 2 : 1) }

    func date(ofSession session: Int) -> String {
        let skips = skippedAfter.filter { $0 < session }.count
        return ClientActivityRules.date(ofDayNumber: firstDay + 7 * (session - 1 + skips))
    }

    /// The client's true level at a session (before answer noise).
    func level(at session: Int) -> Double {
        let progress = Double(session - 1) * drift
        let dip: Double =
            switch course {
            case .steady: 0
            case .repairedRupture:
                session == ruptureSession ? -1.6 : session == ruptureSession + 1 ? -0.7 : 0
            case .unrepairedDrop, .stopsAfterRupture: session >= ruptureSession ? -1.5 : 0
            case .reportedRupture: session == ruptureSession ? -0.4 : 0
            }
        return level + progress + dip
    }

    /// Whether the client felt something was off in this session.
    func felt(at session: Int, random: inout DemoRandom) -> Bool {
        switch course {
        case .reportedRupture where session == ruptureSession: true
        case .repairedRupture, .unrepairedDrop, .stopsAfterRupture:
            session == ruptureSession ? random.chance(0.5) : random.chance(0.01)
        default: random.chance(0.01)
        }
    }

    func clientAnswers(session: Int, random: inout DemoRandom) -> [PostedSubmission.Answer] {
        answers(level: level(at: session), noise: 0.35, felt: felt(at: session, random: &random), random: &random)
    }

    /// The therapist sees half of a fall, has their own bias, and reports a felt rupture a third of the time.
    func therapistAnswers(session: Int, random: inout DemoRandom) -> [PostedSubmission.Answer] {
        let seen = level + Double(session - 1) * drift + (level(at: session) - level - Double(session - 1) * drift) / 2
        let felt = course == .reportedRupture && session == ruptureSession && random.chance(0.33)
        return answers(level: seen + therapistBias, noise: 0.3, felt: felt, random: &random)
    }

    private func answers(level: Double, noise: Double, felt: Bool, random: inout DemoRandom)
        -> [PostedSubmission.Answer]
    {
        var answers: [PostedSubmission.Answer] = []
        answers.reserveCapacity(Self.qualities.count + 2)
        for (index, item) in Self.qualities.enumerated() {
            // About one answer in fifty is skipped (the built-ins' items are optional).
            if random.chance(0.02) { continue }
            let raw = (level + itemOffsets[index] + noise * random.normal()).rounded()
            answers.append(.init(id: item, value: .number(JSONNumber(Int(min(4, max(0, raw)))))))
        }
        answers.append(.init(id: BuiltInInstruments.ruptureFeltItemID, value: .boolean(felt)))
        let discussed =
            felt ? (talkedAboutIt ? "yes" : random.chance(0.5) ? "a_little" : "no") : AnswerValue.notApplicable
        answers.append(.init(id: BuiltInInstruments.ruptureDiscussedItemID, value: .string(discussed)))
        return answers
    }

    /// Every client of the practice, spread over the therapists by caseload weights from 0.5 to 1.5.
    static func make(configuration: DemoConfiguration, therapists: [String], random: inout DemoRandom)
        -> [DemoClientPlan]
    {
        let weights = therapists.map { _ in random.uniform(0.5...1.5) }
        let total = weights.reduce(0, +)
        let lastDay = ClientActivityRules.dayNumber(configuration.lastSessionDate ?? ClientRoutes.today()) ?? 20_000
        let sessions = max(1, configuration.sessions)
        var plans: [DemoClientPlan] = []
        plans.reserveCapacity(configuration.clients)
        let width = max(5, String(configuration.clients).count)
        for index in 0..<configuration.clients {
            var pick = random.unit() * total
            var therapist = therapists[therapists.count - 1]
            for (candidate, weight) in zip(therapists, weights) {
                pick -= weight
                if pick < 0 {
                    therapist = candidate
                    break
                }
            }
            let roll = random.unit()
            let course: Course =
                roll < 0.55
                ? .steady
                : roll < 0.75
                    ? .repairedRupture
                    : roll < 0.85
                        ? .unrepairedDrop
                        : roll < 0.93
                            ? .stopsAfterRupture
                            : .reportedRupture
            // Ruptures need at least 3 earlier sessions to be detected; short courses stay steady.
            let ruptureSession = sessions >= 6 ? random.integer(4...max(4, sessions - 2)) : sessions + 1
            let lastSession = course == .stopsAfterRupture ? min(sessions, ruptureSession) : sessions
            var skipped: Set<Int> = []
            for session in 1..<max(2, sessions) where random.chance(0.04) { skipped.insert(session) }
            let offset = random.integer(0...6)
            let number = String(index + 1)
            plans.append(
                DemoClientPlan(
                    id: "c-" + String(repeating: "0", count: max(0, width - number.count)) + number,
                    therapist: therapist,
                    seed: random.next(),
                    course: ruptureSession <= sessions ? course : .steady,
                    level: random.uniform(1.9...3.2),
                    drift: random.uniform(0...0.6) / Double(sessions),
                    itemOffsets: qualities.map { _ in 0.3 * random.normal() },
                    ruptureSession: ruptureSession,
                    lastSession: lastSession,
                    isPaired: random.chance(0.3),
                    therapistBias: 0.2 + 0.3 * random.normal(),
                    talkedAboutIt: random.chance(0.5),
                    firstDay: lastDay - 7 * (sessions - 1 + skipped.count) - offset,
                    skippedAfter: skipped
                )
            )
        }
        return plans
    }
}
