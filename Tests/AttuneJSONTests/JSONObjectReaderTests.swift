import AttuneJSON
import Testing

@Suite struct JSONObjectReaderTests {
    /// A model as a decoder would read it: everything wrong is reported in one pass.
    struct Submission: Equatable {
        var client: String
        var session: Int
        var respondent: String
        var note: String?
        var answers: [String: Double]
        var tags: [String]
    }

    static func decode(_ value: JSONValue) -> (Submission?, [JSONProblem]) {
        var reader = JSONObjectReader(value)
        let client = reader.required("client", .string)
        let session = reader.required("session", .int(in: 1...10_000))
        let respondent = reader.required(
            "respondent",
            JSONField.string.map(expected: "client or therapist") { ["client", "therapist"].contains($0) ? $0 : nil }
        )
        let note = reader.optional("note", .string)
        let tags = reader.optional("tags", .array(of: .string)) ?? []
        let answers = reader.required(
            "answers",
            .object { inner in
                Dictionary(uniqueKeysWithValues: inner.remaining(.double(in: 0...10)).map { ($0.key, $0.value) })
            }
        )
        let problems = reader.finish()
        guard problems.isEmpty, let client, let session, let respondent, let answers else { return (nil, problems) }
        return (
            Submission(
                client: client,
                session: session,
                respondent: respondent,
                note: note,
                answers: answers,
                tags: tags
            ), []
        )
    }

    @Test func decodesAValidModel() throws {
        let value = try parseJSON(
            #"{"client":"c-1","session":5,"respondent":"client","note":null,"answers":{"q1":3,"q2":7.5},"tags":["x"]}"#
        )
        let (submission, problems) = Self.decode(value)
        #expect(problems.isEmpty)
        #expect(
            submission
                == Submission(
                    client: "c-1",
                    session: 5,
                    respondent: "client",
                    note: nil,
                    answers: ["q1": 3, "q2": 7.5],
                    tags: ["x"]
                )
        )
    }

    @Test func reportsEveryProblemWithItsPointer() throws {
        let value = try parseJSON(
            #"{"session":"5","respondent":"robot","foo":1,"answers":{"q1":11,"q~2":"x"},"tags":["a",2],"a/b":0}"#
        )
        let (submission, problems) = Self.decode(value)
        #expect(submission == nil)
        #expect(
            problems.map(\.pointer) == [
                "/client", "/session", "/respondent", "/tags/1", "/answers/q1", "/answers/q~02", "/foo", "/a~1b",
            ]
        )
        #expect(
            problems.map(\.code) == [
                .missingField, .wrongType, .invalidValue, .wrongType, .outOfRange, .wrongType, .unknownField,
                .unknownField,
            ]
        )
        #expect(problems[1].message == "expected an integer, found string")
        #expect(problems.allSatisfy { !$0.message.contains("robot") })
    }

    @Test(arguments: [
        ("3", nil as JSONProblem.Code?),
        ("3.0", nil),
        ("3.5", .notInteger),
        ("1.0000000000000000001", .notInteger),
        ("0", .outOfRange),
        ("10001", .outOfRange),
        ("9007199254740993", .outOfRange),
        ("1e300", .outOfRange),
        ("true", .wrongType),
        ("null", .wrongType),
    ])
    func extractsIntegersStrictly(text: String, expected: JSONProblem.Code?) throws {
        let value = try parseJSON("{\"session\":\(text)}")
        var reader = JSONObjectReader(value)
        let session = reader.required("session", .int(in: 1...10_000))
        let problems = reader.finish()
        #expect(problems.first?.code == expected)
        #expect((session == nil) == (expected != nil))
        #expect(problems.allSatisfy { $0.pointer == "/session" })
    }

    @Test func refusesANonObjectAtItsPointer() {
        var reader = JSONObjectReader([1, 2], at: JSONPointer(tokens: ["answers"]))
        #expect(reader.required("x", .string) == nil)
        #expect(
            reader.finish() == [
                JSONProblem(pointer: "/answers", code: .wrongType, message: "expected an object, found array")
            ]
        )
    }

    @Test func recordsCallerProblems() {
        var reader = JSONObjectReader(["date": "2026-13-01"])
        _ = reader.required("date", .string)
        reader.report(.invalidValue, at: "date", message: "expected an RFC 3339 date")
        #expect(reader.finish().map(\.description) == ["/date: expected an RFC 3339 date [invalidValue]"])
    }
}
