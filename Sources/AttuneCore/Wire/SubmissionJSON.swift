public import AttuneJSON

/// The wire format of submissions: strict decoding of what an intake system posts, and the encoding of
/// what the server answers (DESIGN.md, "Wire format").
public enum SubmissionJSON {
    /// Decodes a posted submission from a parsed document; every wrong type, missing or unknown field is
    /// reported at once. An answer of `null` counts as not answered. Answers and sent scores keep the
    /// document's order.
    public static func decode(_ value: JSONValue) throws(JSONProblems) -> PostedSubmission {
        var reader = JSONObjectReader(value)
        let questionnaire = reader.required("questionnaire", .string)
        let version = reader.optional("version", .int(in: 1...1_000_000))
        let client = reader.required("client", .string)
        let therapist = reader.required("therapist", .string)
        let respondent = reader.required("respondent", DefinitionJSON.enumeration(Respondent.self))
        let session = reader.required("session", .int(in: 1...100_000))
        let date = reader.required("date", .string)
        let answers = reader.required("answers", .object { $0.remaining(answerField) })
        let scores = reader.optional("scores", .object { $0.remaining(.double) })
        let supersedes = reader.optional("supersedes", .bool) ?? false
        let problems = reader.finish()
        guard problems.isEmpty, let questionnaire, let client, let therapist, let respondent, let session, let date,
            let answers
        else { throw JSONProblems(problems: problems) }
        return PostedSubmission(
            questionnaire: questionnaire,
            version: version,
            client: client,
            therapist: therapist,
            respondent: respondent,
            session: session,
            date: date,
            answers: answers.compactMap { member in
                member.value.map { PostedSubmission.Answer(id: member.key, value: $0) }
            },
            scores: scores.map { $0.map { PostedSubmission.SentScore(scale: $0.key, value: $0.value) } },
            supersedes: supersedes
        )
    }

    /// A number, string or boolean; `null` is "not answered" (the outer optional).
    static var answerField: JSONField<AnswerValue?> {
        JSONField { value, pointer, problems in
            switch value {
            case .null: return .some(nil)
            case .bool(let flag): return .boolean(flag)
            case .string(let text): return .string(text)
            case .number(let number): return .number(number)
            default:
                problems.append(
                    JSONProblem(at: pointer, code: .wrongType, message: "expected a number, string or boolean")
                )
                return nil
            }
        }
    }

    /// The fields of a stored submission around its pre-encoded answers, scores and alerts.
    public struct Envelope: Sendable, Equatable {
        /// The submission's id.
        public var id: String
        /// The questionnaire id.
        public var questionnaire: String
        /// The resolved questionnaire version.
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
        /// The id of the submission that replaced this one, if any.
        public var supersededBy: String?

        /// An envelope.
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
            self.supersededBy = supersededBy
        }
    }

    /// The stored submission as the API answers it, from its envelope and its four stored documents.
    public static func write(
        _ envelope: Envelope,
        answers: [UInt8],
        scores: [UInt8],
        alerts: [UInt8],
        flags: [UInt8],
        into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key(ascii: "id")
        writer.string(envelope.id)
        writer.key(ascii: "questionnaire")
        writer.string(envelope.questionnaire)
        writer.key(ascii: "version")
        writer.number(envelope.version)
        writer.key(ascii: "client")
        writer.string(envelope.client)
        writer.key(ascii: "therapist")
        writer.string(envelope.therapist)
        writer.key(ascii: "respondent")
        writer.string(envelope.respondent.rawValue)
        writer.key(ascii: "session")
        writer.number(envelope.session)
        writer.key(ascii: "date")
        writer.string(envelope.date)
        writer.key(ascii: "receivedAt")
        writer.string(envelope.receivedAt)
        writer.key(ascii: "answers")
        writer.raw(answers)
        writer.key(ascii: "scores")
        writer.raw(scores)
        writer.key(ascii: "alerts")
        writer.raw(alerts)
        writer.key(ascii: "flags")
        writer.raw(flags)
        writer.key(ascii: "supersededBy")
        if let replacement = envelope.supersededBy { writer.string(replacement) } else { writer.null() }
        writer.endObject()
    }

    /// The answers as a JSON object, in the definition's item order.
    public static func encodeAnswers(_ answers: [String: AnswerValue], order: [String]) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 16 * answers.count + 2)
        writer.beginObject()
        for item in order {
            guard let answer = answers[item] else { continue }
            writer.key(item)
            writer.answer(answer)
        }
        writer.endObject()
        return writer.bytes
    }

    /// The scores as a JSON object keyed by scale id (sorted).
    public static func encodeScores(_ result: ScoringResult) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 96 * result.scores.count + 2)
        writer.beginObject()
        for scale in result.scores.keys.sorted() {
            guard let score = result.scores[scale] else { continue }
            writer.key(scale)
            write(score, into: &writer)
        }
        writer.endObject()
        return writer.bytes
    }

    /// One scale's stored score object; `isOpen` when the caller has written its `{"value":` already.
    static func write(_ score: ScaleScore, into writer: inout JSONWriter, isOpen: Bool = false) {
        // Fragments with their punctuation, literals included: every score of every submission writes
        // these same bytes, and each append costs more than the bytes it copies.
        if !isOpen { writer.open(#"{"value":"#) }
        if let value = score.value { writer.number(value) } else { writer.null() }
        writer.fragment(#","answered":"#)
        writer.number(score.answered)
        writer.fragment(#","of":"#)
        writer.number(score.of)
        writer.fragment(#","notApplicable":"#)
        writer.number(score.notApplicable)
        writer.valueFragment(score.prorated ? #","prorated":true"# : #","prorated":false"#)
        if let reason = score.unscored {
            writer.fragment(#","unscored":"#)
            writer.string(reason.rawValue)
        }
        if let band = score.band {
            writer.fragment(#","band":"#)
            writer.string(band)
        }
        switch score.cutoffCrossed {
        case true?: writer.valueFragment(#","cutoffCrossed":true}"#)
        case false?: writer.valueFragment(#","cutoffCrossed":false}"#)
        case nil: writer.valueFragment("}")
        }
    }

    /// The fired alerts as a JSON array.
    public static func encodeAlerts(_ result: ScoringResult) -> [UInt8] {
        encodeAlerts(result.alerts)
    }

    /// The flags as a JSON array of their names: `["straightLining"]`, or `[]`.
    public static func encodeFlags(_ flags: [SubmissionFlag]) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 20 * flags.count + 2)
        writer.beginArray()
        for flag in flags { writer.string(flag.rawValue) }
        writer.endArray()
        return writer.bytes
    }

    /// What a submission stored without flags reads as: no flags.
    public static let noFlags: [UInt8] = Array("[]".utf8)

    /// Fired alerts as a JSON array, in the order given.
    public static func encodeAlerts(_ alerts: [FiredAlert]) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 48 * alerts.count + 2)
        writer.beginArray()
        for alert in alerts {
            writer.open(#"{"id":"#)
            writer.string(alert.id)
            switch alert.target {
            case .scale(let scale):
                writer.fragment(#","scale":"#)
                writer.string(scale)
            case .item(let item):
                writer.fragment(#","item":"#)
                writer.string(item)
            }
            writer.fragment(#","value":"#)
            writer.number(alert.value)
            writer.valueFragment("}")
        }
        writer.endArray()
        return writer.bytes
    }
}

extension JSONWriter {
    /// An answer as the JSON value it was posted as.
    mutating func answer(_ value: AnswerValue) {
        switch value {
        case .number(let number): self.number(number.value)
        case .string(let text): self.string(text)
        case .boolean(let flag): self.bool(flag)
        }
    }
}
