internal import AttuneJSON

/// One thing wrong with a definition or a submission: where (an RFC 6901 JSON pointer into the
/// document as posted), what (a stable machine-readable code) and a message for people.
///
/// Messages never repeat an answer or a client id (STYLE.md §3); they may name item, scale and alert
/// ids, limits and computed scores.
public struct ValidationProblem: Sendable, Equatable, Hashable {
    /// RFC 6901 pointer to the offending value, e.g. `/scales/1/items/3`; `""` is the whole document.
    public var pointer: String
    /// What kind of problem it is.
    public var code: ProblemCode
    /// A plain-language explanation.
    public var message: String

    /// Creates a problem.
    public init(pointer: String, code: ProblemCode, message: String) {
        self.pointer = pointer
        self.code = code
        self.message = message
    }
}

/// Thrown by the `validated` helpers when a document has problems; carries all of them.
public struct ValidationError: Error, Sendable, Equatable {
    /// Every problem found, in document order; never empty.
    public var problems: [ValidationProblem]

    /// Creates the error.
    public init(problems: [ValidationProblem]) {
        self.problems = problems
    }
}

/// Collects problems while a validator walks a document.
struct ProblemList {
    private(set) var problems: [ValidationProblem] = []

    mutating func add(_ code: ProblemCode, at pointer: JSONPointer, _ message: String) {
        problems.append(ValidationProblem(pointer: pointer.description, code: code, message: message))
    }

    mutating func append(contentsOf other: ProblemList) {
        problems.append(contentsOf: other.problems)
    }
}
