import AttuneSQLite
import AttuneStore
import Foundation
import Testing

/// `POST /v1/questionnaires` refuses bad definitions with every problem at once, each at its pointer, and
/// stores nothing.
@Suite(.timeLimit(.minutes(1)))
struct QuestionnairePublishRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var body: String
        var status: Int
        var pointers: [String]

        init(_ label: String, _ body: String, _ status: Int, _ pointers: [String]) {
            self.label = label
            self.body = body
            self.status = status
            self.pointers = pointers
        }

        var testDescription: String { label }
    }

    static let item = #"{"id":"a","text":"A","type":"likert","min":0,"max":4}"#

    /// A definition with `items` and extra raw members appended (`head` replaces id/version/title/respondent).
    static func definition(
        head: String = #""id":"q","version":1,"title":"Q","respondent":"client""#,
        items: String = "[\(item)]",
        _ rest: String = ""
    ) -> String {
        "{\(head),\"items\":\(items)\(rest.isEmpty ? "" : "," + rest)}"
    }

    static let cases: [Case] = [
        Case("not JSON", "id=q", 400, [""]),
        Case("truncated", #"{"id":"q","version":"#, 400, ["/version"]),
        Case("trailing comma", definition() + ",", 400, [""]),
        Case("an array", "[\(definition())]", 422, [""]),
        Case("empty object", "{}", 422, ["/id", "/version", "/title", "/respondent", "/items"]),
        Case(
            "version a string",
            definition(head: #""id":"q","version":"1","title":"Q","respondent":"client""#),
            422,
            ["/version"]
        ),
        Case(
            "version 1.5",
            definition(head: #""id":"q","version":1.5,"title":"Q","respondent":"client""#),
            422,
            ["/version"]
        ),
        Case(
            "version 0",
            definition(head: #""id":"q","version":0,"title":"Q","respondent":"client""#),
            422,
            ["/version"]
        ),
        Case(
            "unknown respondent",
            definition(head: #""id":"q","version":1,"title":"Q","respondent":"parent""#),
            422,
            ["/respondent"]
        ),
        Case("unknown top-level field", definition(#""colour":"blue""#), 422, ["/colour"]),
        Case(
            "unknown item field",
            definition(items: #"[{"id":"a","text":"A","type":"likert","min":0,"max":4,"hint":"x"}]"#),
            422,
            ["/items/0/hint"]
        ),
        Case(
            "unknown item type",
            definition(items: #"[{"id":"a","text":"A","type":"slider","min":0,"max":4}]"#),
            422,
            ["/items/0/type"]
        ),
        Case(
            "item min a string",
            definition(items: #"[{"id":"a","text":"A","type":"likert","min":"0","max":4}]"#),
            422,
            ["/items/0/min"]
        ),
        Case(
            "scale method unknown",
            definition(#""scales":[{"id":"s","title":"S","items":["a"],"method":"median"}]"#),
            422,
            ["/scales/0/method"]
        ),
        Case(
            "three type problems at once",
            definition(
                head: #""id":7,"version":"x","title":"Q","respondent":"client""#,
                items: #"[{"id":"a","text":"A","type":"likert","min":0,"max":true}]"#,
                #""extra":1"#
            ),
            422,
            ["/id", "/version", "/items/0/max", "/extra"]
        ),
        Case("no items", definition(items: "[]"), 422, ["/items"]),
        Case(
            "likert min not below max",
            definition(items: #"[{"id":"a","text":"A","type":"likert","min":4,"max":4}]"#),
            422,
            ["/items/0/max"]
        ),
        Case("duplicate item id", definition(items: "[\(item),\(item)]"), 422, ["/items/1/id"]),
        Case(
            "invalid id",
            definition(head: #""id":"has space","version":1,"title":"Q","respondent":"client""#),
            422,
            ["/id"]
        ),
        Case(
            "scale names an unknown item",
            definition(#""scales":[{"id":"s","title":"S","items":["a","zz"],"method":"sum"}]"#),
            422,
            ["/scales/0/items/1"]
        ),
        Case(
            "overlapping bands",
            definition(
                #""scales":[{"id":"s","title":"S","items":["a"],"method":"sum","bands":[{"min":0,"max":2,"label":"x"},{"min":2,"max":4,"label":"y"}]}]"#
            ),
            422,
            ["/scales/0/bands/1"]
        ),
        Case(
            "alert on an unknown scale",
            definition(#""alerts":[{"id":"x","scale":"nope","below":1}]"#),
            422,
            ["/alerts/0/scale"]
        ),
        Case(
            "semantic problems all at once",
            definition(
                items:
                    #"[{"id":"a","text":"A","type":"likert","min":4,"max":0},{"id":"a","text":" ","type":"likert","min":0,"max":4}]"#,
                #""alerts":[{"id":"x","scale":"nope","below":1}]"#
            ),
            422,
            ["/items/1/id", "/items/0/max", "/items/1/text", "/alerts/0/scale"]
        ),
        Case(
            "built-in id plus a semantic problem",
            definition(
                head: #""id":"relationship-checkin","version":2,"title":"Q","respondent":"client""#,
                items: "[]"
            ),
            422,
            ["/id", "/items"]
        ),
    ]

    @Test(arguments: cases)
    func refusesWithEveryPointerAndStoresNothing(_ testCase: Case) throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let before = try setup.live.counts([setup.live.practiceID])
        let response = try setup.publish(testCase.body)
        #expect(response.status == testCase.status, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(Set(response.errorPointers) == Set(testCase.pointers), "\(response.text)")
        #expect(response.errorPointers.count == testCase.pointers.count, "\(response.text)")
        #expect(response.header("Location") == nil)
        #expect(try setup.live.store.questionnaires(practiceID: setup.live.practiceID).isEmpty)
        #expect(try setup.live.counts([setup.live.practiceID]) == before)
    }

    @Test func refusesAnotherContentType() throws {
        let setup = try SubmissionFixture()
        defer { setup.stop() }
        let response = try setup.client.request(
            "POST",
            "/v1/questionnaires",
            token: setup.admin,
            headers: [("Content-Type", "text/plain")],
            body: Array(wellbeingDefinition().utf8)
        )
        #expect(response.status == 415)
        #expect(try setup.live.store.questionnaires(practiceID: setup.live.practiceID).isEmpty)
    }
}
