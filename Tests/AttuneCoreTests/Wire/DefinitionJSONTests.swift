import AttuneCore
import AttuneJSON
import Testing

/// `DefinitionJSON`: strict decoding of definitions (every problem with its pointer and code) and a canonical
/// encoding that reads back to the same definition.
@Suite struct DefinitionJSONTests {
    static let item = #"{"id":"a","text":"A","type":"likert","min":0,"max":4}"#

    /// A definition with `items` and extra raw members appended.
    static func definition(
        head: String = #""id":"q","version":1,"title":"Q","respondent":"client""#,
        items: String = "[\(item)]",
        _ rest: String = ""
    ) -> String {
        "{\(head),\"items\":\(items)\(rest.isEmpty ? "" : "," + rest)}"
    }

    /// The problems `text` decodes to, as `pointer code` strings; empty when it decodes.
    static func problems(_ text: String) throws -> [String] {
        let value = try JSONReader().parse(text)
        do {
            _ = try DefinitionJSON.decode(value)
            return []
        } catch {
            return error.problems.map { "\($0.pointer) \($0.code.rawValue)" }
        }
    }

    static func decode(_ text: String) throws -> QuestionnaireDefinition {
        try DefinitionJSON.decode(JSONReader().parse(text))
    }

    static let refusals: [(String, [String])] = [
        ("[]", [" wrongType"]),
        (
            "{}",
            [
                "/id missingField", "/version missingField", "/title missingField", "/respondent missingField",
                "/items missingField",
            ]
        ),
        (definition(head: #""id":"q","version":"1","title":"Q","respondent":"client""#), ["/version wrongType"]),
        (definition(head: #""id":"q","version":2.5,"title":"Q","respondent":"client""#), ["/version notInteger"]),
        (definition(head: #""id":"q","version":0,"title":"Q","respondent":"client""#), ["/version outOfRange"]),
        (definition(head: #""id":"q","version":1,"title":null,"respondent":"client""#), ["/title wrongType"]),
        (definition(head: #""id":"q","version":1,"title":"Q","respondent":"both""#), ["/respondent invalidValue"]),
        (definition(items: "{}"), ["/items wrongType"]),
        (definition(items: "[1]"), ["/items/0 wrongType"]),
        (definition(items: #"[{"id":"a","type":"likert"}]"#), ["/items/0/text missingField"]),
        (definition(items: #"[{"id":"a","text":"A","type":"radio"}]"#), ["/items/0/type invalidValue"]),
        (
            definition(items: #"[{"id":"a","text":"A","type":"likert","min":"0","max":[4]}]"#),
            ["/items/0/min wrongType", "/items/0/max wrongType"]
        ),
        (
            definition(items: #"[{"id":"a","text":"A","type":"likert","reverse":"yes","required":1}]"#),
            ["/items/0/reverse wrongType", "/items/0/required wrongType"]
        ),
        (
            definition(items: #"[{"id":"a","text":"A","type":"likert","labels":["x",2]}]"#),
            ["/items/0/labels/1 wrongType"]
        ),
        (
            definition(
                items:
                    #"[{"id":"c","text":"C","type":"choice","options":[{"value":"v","label":"L"},{"value":"w","label":"M","score":"1"}]}]"#
            ),
            ["/items/0/options/0/score missingField", "/items/0/options/1/score wrongType"]
        ),
        (
            definition(items: #"[{"id":"a","text":"A","type":"likert","hint":"h","min":0,"max":4}]"#),
            ["/items/0/hint unknownField"]
        ),
        (
            definition(#""scales":[{"id":"s","title":"S","items":["a"],"method":"median"}]"#),
            ["/scales/0/method invalidValue"]
        ),
        (definition(#""scales":[{"id":"s","title":"S","items":"a","method":"sum"}]"#), ["/scales/0/items wrongType"]),
        (
            definition(#""scales":[{"id":"s","title":"S","items":["a"],"method":"sum","weights":{"a":"2"}}]"#),
            ["/scales/0/weights/a wrongType"]
        ),
        (
            definition(#""scales":[{"id":"s","title":"S","items":["a"],"method":"sum","round":13}]"#),
            ["/scales/0/round outOfRange"]
        ),
        (
            definition(
                #""scales":[{"id":"s","title":"S","items":["a"],"method":"sum","bands":[{"min":0,"label":"x"}],"cutoff":{"value":1,"direction":"under"}}]"#
            ),
            ["/scales/0/bands/0/max missingField", "/scales/0/cutoff/direction invalidValue"]
        ),
        (
            definition(#""alerts":[{"scale":"s","below":"1"}]"#),
            ["/alerts/0/id missingField", "/alerts/0/below wrongType"]
        ),
        (definition(#""alerts":[{"id":"x","item":"a","atLeast":1,"when":"always"}]"#), ["/alerts/0/when unknownField"]),
        (definition(#""scales":{},"alerts":{}"#), ["/scales wrongType", "/alerts wrongType"]),
        (definition(#""Items":[]"#), ["/Items unknownField"]),
        (
            definition(
                head: #""id":1,"version":1,"title":"Q","respondent":"client""#,
                items: #"[{"id":"a","text":"A","type":"likert","x":1}]"#,
                #""y":2"#
            ),
            ["/id wrongType", "/items/0/x unknownField", "/y unknownField"]
        ),
    ]

    @Test(arguments: refusals)
    func strictDecodingReportsEveryProblemInOrder(_ refusal: (text: String, expected: [String])) throws {
        #expect(try Self.problems(refusal.text) == refusal.expected, "\(refusal.text)")
    }

    @Test func decodingLeavesSemanticsToValidation() throws {
        // Well-typed but wrong: max below min, unknown scale item. Decoding accepts; validate() reports.
        let text = Self.definition(
            items: #"[{"id":"a","text":"A","type":"likert","min":4,"max":0}]"#,
            #""scales":[{"id":"s","title":"S","items":["zz"],"method":"sum"}]"#
        )
        let definition = try Self.decode(text)
        #expect(definition.validate().map(\.pointer) == ["/items/0/max", "/scales/0/items/0"])
    }

    @Test func absentListsDecodeAsEmptyAndAreEncodedExplicitly() throws {
        let definition = try Self.decode(Self.definition())
        #expect(definition.scales.isEmpty && definition.alerts.isEmpty && definition.description == nil)
        let encoded = String(decoding: DefinitionJSON.encode(definition), as: UTF8.self)
        #expect(
            encoded
                == #"{"id":"q","version":1,"title":"Q","respondent":"client","items":[{"id":"a","text":"A","type":"likert","min":0,"max":4}],"scales":[],"alerts":[]}"#
        )
    }

    @Test(arguments: BuiltInInstruments.all.map(\.id))
    func everyBuiltInSurvivesEncodeParseDecode(_ id: String) throws {
        let original = try #require(BuiltInInstruments.definition(withID: id))
        let bytes = DefinitionJSON.encode(original)
        let decoded = try DefinitionJSON.decode(JSONReader().parse(bytes))
        #expect(decoded == original)
        // Canonical: encoding the decoded definition gives the same bytes (the server's ETag depends on it).
        #expect(DefinitionJSON.encode(decoded) == bytes)
        #expect(decoded.validate().isEmpty)
    }

    @Test func awkwardValuesSurviveTheRoundTrip() throws {
        let original = QuestionnaireDefinition(
            id: "odd",
            version: 7,
            title: "Tab\there, \"quotes\", back\\slash, é, 😀, \u{0001}",
            respondent: .therapist,
            description: "line\nbreak",
            language: "fr-CA",
            items: [
                Item(id: "v", text: "/slash", type: .scale, min: -0.5, max: 0.25, step: 0.05, labels: ["lo", "hi"]),
                Item(
                    id: "c",
                    text: "C",
                    type: .choice,
                    options: [
                        ChoiceOption(value: "a b", label: "x", score: -1e-7),
                        ChoiceOption(value: "ü", label: "y", score: 1.5e300),
                    ],
                    reverse: false,
                    required: true
                ),
                Item(id: "t", text: "T", type: .text, required: false),
            ],
            scales: [
                Scale(
                    id: "s",
                    title: "S",
                    items: ["v", "c"],
                    method: .mean,
                    weights: ["v": 0.1, "c": 3],
                    minAnswered: 0.5,
                    round: 0,
                    bands: [Band(min: -0.5, max: 0.1, label: "low")],
                    cutoff: Cutoff(value: 0.2, direction: .above),
                    reliability: 0.85,
                    sd: 0.30000000000000004
                )
            ],
            alerts: [
                Alert(id: "x", target: .scale("s"), condition: .atMost(-0.25)),
                Alert(id: "y", target: .item("c"), condition: .above(1)),
            ]
        )
        let bytes = DefinitionJSON.encode(original)
        let decoded = try DefinitionJSON.decode(JSONReader().parse(bytes))
        #expect(decoded == original)
        #expect(DefinitionJSON.encode(decoded) == bytes)
    }
}
