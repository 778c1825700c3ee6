public import AttuneJSON

/// A stored submission as the API answers it (`201` of `POST /v1/submissions`, `GET /v1/submissions/{id}`
/// and each element of the list): the posted fields, the answers and what the server computed.
public struct SubmissionResource: WireResource {
    /// One scale's score, in the server's order.
    public struct ScoredScale: Sendable, Equatable {
        /// The scale id.
        public var scale: String
        /// Its score.
        public var score: ScaleScore

        /// A scored scale.
        public init(scale: String, score: ScaleScore) {
            self.scale = scale
            self.score = score
        }
    }

    /// The submission's id.
    public var id: String
    /// The questionnaire id.
    public var questionnaire: String
    /// The version answered.
    public var version: Int
    /// The client's pseudonymous id.
    public var client: String
    /// The therapist's pseudonymous id.
    public var therapist: String
    /// Who answered.
    public var respondent: Respondent
    /// The session number.
    public var session: Int
    /// The session date, `YYYY-MM-DD`.
    public var date: String
    /// When the server received it, RFC 3339.
    public var receivedAt: String
    /// The answers, in the definition's item order.
    public var answers: [PostedSubmission.Answer]
    /// Every scale's score, in the server's order; ``score(of:)`` looks one up.
    public var scores: [ScoredScale]
    /// The alerts that fired, in definition order.
    public var alerts: [FiredAlert]
    /// Patterns the server flagged in the answers.
    public var flags: [SubmissionFlag]
    /// The submission that replaced this one, if any.
    public var supersededBy: String?

    /// A submission.
    public init(
        id: String,
        questionnaire: String,
        version: Int,
        client: String,
        therapist: String,
        respondent: Respondent,
        session: Int,
        date: String,
        receivedAt: String,
        answers: [PostedSubmission.Answer],
        scores: [ScoredScale],
        alerts: [FiredAlert],
        flags: [SubmissionFlag] = [],
        supersededBy: String? = nil
    ) {
        self.id = id
        self.questionnaire = questionnaire
        self.version = version
        self.client = client
        self.therapist = therapist
        self.respondent = respondent
        self.session = session
        self.date = date
        self.receivedAt = receivedAt
        self.answers = answers
        self.scores = scores
        self.alerts = alerts
        self.flags = flags
        self.supersededBy = supersededBy
    }

    /// The score of scale `id`, if the definition has that scale.
    public func score(of id: String) -> ScaleScore? {
        scores.first { $0.scale == id }?.score
    }

    /// The answer to item `id`, if it was answered.
    public func answer(to id: String) -> AnswerValue? {
        answers.first { $0.id == id }?.value
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let questionnaire = reader.required("questionnaire", .string)
            let version = reader.required("version", .int(in: 1...Int.max))
            let client = reader.required("client", .string)
            let therapist = reader.required("therapist", .string)
            let respondent = reader.required("respondent", JSONField<Respondent>.enumeration)
            let session = reader.required("session", .int(in: 1...Int.max))
            let date = reader.required("date", .string)
            let receivedAt = reader.required("receivedAt", .string)
            let answers = reader.required("answers", .object { $0.remaining(answerField) })
            let scores = reader.required("scores", .object { $0.remaining(scoreField(unknown)) })
            let alerts = reader.required("alerts", .array(of: alertField(unknown)))
            let flags = reader.required("flags", flagsField(unknown))
            let supersededBy = reader.requiredNullable("supersededBy")
            guard let id, let questionnaire, let version, let client, let therapist, let respondent, let session,
                let date, let receivedAt, let answers, let scores, let alerts, let flags, let supersededBy
            else { return nil }
            return SubmissionResource(
                id: id,
                questionnaire: questionnaire,
                version: version,
                client: client,
                therapist: therapist,
                respondent: respondent,
                session: session,
                date: date,
                receivedAt: receivedAt,
                answers: answers.map { PostedSubmission.Answer(id: $0.key, value: $0.value) },
                scores: scores.map { ScoredScale(scale: $0.key, score: $0.value) },
                alerts: alerts,
                flags: flags,
                supersededBy: supersededBy
            )
        }
    }

    /// A stored answer: a number, string or boolean (never `null`: unanswered items are left out).
    private static var answerField: JSONField<AnswerValue> {
        JSONField { value, pointer, problems in
            switch value {
            case .bool(let flag): return .boolean(flag)
            case .string(let text): return .string(text)
            case .number(let number): return .number(number)
            default:
                problems.append(JSONField<Bool>.wrongType("a number, string or boolean", value, pointer))
                return nil
            }
        }
    }

    private static func scoreField(_ unknown: UnknownMembers) -> JSONField<ScaleScore> {
        .resource(unknown) { reader in
            let value = reader.required("value", .nullableDouble)
            let answered = reader.required("answered", .int(in: 0...Int.max))
            let of = reader.required("of", .int(in: 0...Int.max))
            let notApplicable = reader.required("notApplicable", .int(in: 0...Int.max))
            let prorated = reader.required("prorated", .bool)
            let unscored = reader.optional("unscored", JSONField<UnscoredReason>.enumeration)
            let band = reader.optional("band", .string)
            let cutoffCrossed = reader.optional("cutoffCrossed", .bool)
            guard let value, let answered, let of, let notApplicable, let prorated else { return nil }
            return ScaleScore(
                value: value,
                answered: answered,
                of: of,
                notApplicable: notApplicable,
                prorated: prorated,
                unscored: unscored,
                band: band,
                cutoffCrossed: cutoffCrossed
            )
        }
    }

    private static func alertField(_ unknown: UnknownMembers) -> JSONField<FiredAlert> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let scale = reader.optional("scale", .string)
            let item = reader.optional("item", .string)
            let value = reader.required("value", .double)
            let target: AlertTarget? = scale.map { .scale($0) } ?? item.map { .item($0) }
            if target == nil { reader.report(.missingField, at: "scale", message: "an alert names a scale or an item") }
            guard let id, let target, let value else { return nil }
            return FiredAlert(id: id, target: target, value: value)
        }
    }

    /// The flags; a flag this build does not know is left out unless unknown members are refused.
    private static func flagsField(_ unknown: UnknownMembers) -> JSONField<[SubmissionFlag]> {
        JSONField { value, pointer, problems in
            let names = JSONField<[String]>.array(of: .string).read(value, pointer, &problems)
            guard let names else { return nil }
            var flags: [SubmissionFlag] = []
            for (index, name) in names.enumerated() {
                if let flag = SubmissionFlag(rawValue: name) {
                    flags.append(flag)
                } else if unknown == .refuse {
                    problems.append(
                        JSONProblem(at: pointer.appending(index: index), code: .invalidValue, message: "unknown flag")
                    )
                }
            }
            return flags
        }
    }

    public func write(into writer: inout JSONWriter) {
        let envelope = SubmissionJSON.Envelope(
            id: id,
            questionnaire: questionnaire,
            version: version,
            client: client,
            therapist: therapist,
            respondent: respondent,
            session: session,
            date: date,
            receivedAt: receivedAt,
            supersededBy: supersededBy
        )
        var answerWriter = JSONWriter(reservingCapacity: 16 * answers.count + 2)
        answerWriter.beginObject()
        for answer in answers {
            answerWriter.key(answer.id)
            answerWriter.answer(answer.value)
        }
        answerWriter.endObject()
        var scoreWriter = JSONWriter(reservingCapacity: 96 * scores.count + 2)
        scoreWriter.beginObject()
        for scored in scores {
            scoreWriter.key(scored.scale)
            SubmissionJSON.write(scored.score, into: &scoreWriter)
        }
        scoreWriter.endObject()
        SubmissionJSON.write(
            envelope,
            answers: answerWriter.bytes,
            scores: scoreWriter.bytes,
            alerts: SubmissionJSON.encodeAlerts(alerts),
            flags: SubmissionJSON.encodeFlags(flags),
            into: &writer
        )
    }
}

extension JSONField where Value == Double? {
    /// A number, or `null` (read as `.some(nil)`).
    public static var nullableDouble: Self {
        Self { value, pointer, problems in
            if case .null = value { return .some(nil) }
            return JSONField<Double>.double.read(value, pointer, &problems).map { .some($0) }
        }
    }
}
