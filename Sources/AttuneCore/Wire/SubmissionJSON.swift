/// The wire format of submissions: strict decoding of what an intake system posts, and the encoding of
/// what the server answers (DESIGN.md, "Wire format").
public enum SubmissionJSON {
    /// A posted submission and whether it explicitly replaces an earlier one for the same session.
    public struct Posted: Sendable, Equatable {
        /// The submission as posted.
        public var submission: Submission
        /// `"supersedes": true`: replace the existing submission for this client, questionnaire,
        /// respondent and session (the old one is kept, marked superseded).
        public var supersedes: Bool
    }

    /// Decodes a posted submission; every wrong type, missing or unknown field is reported at once.
    /// An answer of `null` counts as not answered.
    public static func decode(_ value: JSONValue) throws(JSONProblems) -> Posted {
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
        var answerMap: [String: AnswerValue] = [:]
        answerMap.reserveCapacity(answers.count)
        for (key, answer) in answers { if let answer { answerMap[key] = answer } }
        let submission = Submission(
            questionnaire: questionnaire,
            version: version,
            client: client,
            therapist: therapist,
            respondent: respondent,
            session: session,
            date: date,
            answers: answerMap,
            scores: scores.map { Dictionary($0.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }) }
        )
        return Posted(submission: submission, supersedes: supersedes)
    }

    /// A number, string or boolean; `null` is "not answered" (the outer optional).
    static var answerField: JSONField<AnswerValue?> {
        JSONField { value, pointer, problems in
            switch value {
            case .null: return .some(nil)
            case .bool(let flag): return .boolean(flag)
            case .string(let text): return .string(text)
            case .number(let number): return .number(number.value)
            default:
                problems.append(
                    JSONProblem(at: pointer, code: .wrongType, message: "expected a number, string or boolean")
                )
                return nil
            }
        }
    }

    /// What the server stores and answers for one submission.
    public struct Stored: Sendable, Equatable {
        /// The submission's id.
        public var id: String
        /// The submission with its resolved version.
        public var submission: Submission
        /// The resolved questionnaire version.
        public var version: Int
        /// When the server received it, RFC 3339.
        public var receivedAt: String
        /// The server's scores and fired alerts.
        public var result: ScoringResult
        /// The id of the submission that replaced this one, if any.
        public var supersededBy: String?
        /// The order in which answers are written (the definition's item order).
        public var itemOrder: [String]

        /// A stored submission.
        public init(
            id: String,
            submission: Submission,
            version: Int,
            receivedAt: String,
            result: ScoringResult,
            supersededBy: String? = nil,
            itemOrder: [String]
        ) {
            self.id = id
            self.submission = submission
            self.version = version
            self.receivedAt = receivedAt
            self.result = result
            self.supersededBy = supersededBy
            self.itemOrder = itemOrder
        }
    }

    /// The stored submission as the API answers it.
    public static func encode(_ stored: Stored) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        write(stored, into: &writer)
        return writer.bytes
    }

    /// Writes the stored submission as one JSON object.
    public static func write(_ stored: Stored, into writer: inout JSONWriter) {
        let submission = stored.submission
        writer.beginObject()
        writer.key("id")
        writer.string(stored.id)
        writer.key("questionnaire")
        writer.string(submission.questionnaire)
        writer.key("version")
        writer.number(stored.version)
        writer.key("client")
        writer.string(submission.client)
        writer.key("therapist")
        writer.string(submission.therapist)
        writer.key("respondent")
        writer.string(submission.respondent.rawValue)
        writer.key("session")
        writer.number(submission.session)
        writer.key("date")
        writer.string(submission.date)
        writer.key("receivedAt")
        writer.string(stored.receivedAt)
        writer.key("answers")
        writer.beginObject()
        for item in stored.itemOrder {
            guard let answer = submission.answers[item] else { continue }
            writer.key(item)
            switch answer {
            case .number(let number): writer.number(number)
            case .string(let text): writer.string(text)
            case .boolean(let flag): writer.bool(flag)
            }
        }
        writer.endObject()
        writeResult(stored.result, into: &writer)
        if let replacement = stored.supersededBy {
            writer.key("supersededBy")
            writer.string(replacement)
        }
        writer.endObject()
    }

    /// `"scores": {…}, "alerts": […]`, scales in key order.
    public static func writeResult(_ result: ScoringResult, into writer: inout JSONWriter) {
        writer.key("scores")
        writer.beginObject()
        for scale in result.scores.keys.sorted() {
            guard let score = result.scores[scale] else { continue }
            writer.key(scale)
            writer.beginObject()
            writer.key("value")
            if let value = score.value { writer.number(value) } else { writer.null() }
            writer.key("answered")
            writer.number(score.answered)
            writer.key("of")
            writer.number(score.of)
            writer.key("prorated")
            writer.bool(score.prorated)
            writer.optional("band", score.band)
            writer.optional("cutoffCrossed", score.cutoffCrossed)
            writer.endObject()
        }
        writer.endObject()
        writer.key("alerts")
        writer.beginArray()
        for alert in result.alerts {
            writer.beginObject()
            writer.key("id")
            writer.string(alert.id)
            switch alert.target {
            case .scale(let scale):
                writer.key("scale")
                writer.string(scale)
            case .item(let item):
                writer.key("item")
                writer.string(item)
            }
            writer.key("value")
            writer.number(alert.value)
            writer.endObject()
        }
        writer.endArray()
    }
}
