public import AttuneJSON

/// An RFC 9457 problem details body (`application/problem+json`), as every API error is answered.
///
/// Clients match on ``type`` (`/problems/<code>`, described at `GET /problems/<code>`), never on
/// ``detail``. Invalid bodies, queries and headers list every problem in ``errors``, each with a JSON
/// pointer (RFC 6901) into the request.
public struct ProblemResource: WireResource, CustomStringConvertible {
    /// One invalid field: `{"pointer": "/answers/trust", "code": "outOfRange", "detail": "…"}`.
    public struct FieldProblem: Sendable, Equatable {
        /// Where in the request body: a JSON pointer (`""` for the whole request, a query or a header).
        public var pointer: String
        /// A stable machine-readable code such as `missingField` or `outOfRange`.
        public var code: String
        /// A human explanation.
        public var detail: String

        /// A field problem.
        public init(pointer: String, code: String, detail: String) {
            self.pointer = pointer
            self.code = code
            self.detail = detail
        }
    }

    /// The problem type, a URI reference (RFC 9457 §3.1.1).
    public var type: String
    /// The type's short summary.
    public var title: String
    /// The HTTP status.
    public var status: Int
    /// This occurrence explained; never client data.
    public var detail: String?
    /// This occurrence's id (the request id).
    public var instance: String?
    /// Every invalid field, when the problem is about the request's content.
    public var errors: [FieldProblem]
    /// Every other extension member, in order (such as `existing` on a duplicate submission).
    public var extensions: JSONObject

    /// A problem.
    public init(
        type: String,
        title: String,
        status: Int,
        detail: String? = nil,
        instance: String? = nil,
        errors: [FieldProblem] = [],
        extensions: JSONObject = JSONObject()
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.extensions = extensions
    }

    /// The last segment of ``type``: `not-found` for `/problems/not-found`.
    public var code: String {
        type.split(separator: "/").last.map(String.init) ?? type
    }

    /// `existing` of a `duplicate-submission` problem: the submission already stored for that session.
    public var existingSubmission: String? { extensions["existing"]?.stringValue }

    /// `status title: detail` and the first field problem.
    public var description: String {
        var text = "\(status) \(title)"
        if let detail { text += ": \(detail)" }
        if let first = errors.first { text += " [\(first.pointer.isEmpty ? "/" : first.pointer) \(first.code)]" }
        return text
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        // Extension members are open-ended by RFC 9457 §3.2: nothing here is unknown.
        .object { reader in
            let type = reader.optional("type", .string) ?? "about:blank"
            let title = reader.optional("title", .string)
            let status = reader.required("status", .int(in: 100...599))
            let detail = reader.optional("detail", .string)
            let instance = reader.optional("instance", .string)
            let errors = reader.optional("errors", .array(of: fieldProblem)) ?? []
            let rest = reader.remaining(.any)
            guard let status else { return nil }
            return ProblemResource(
                type: type,
                title: title ?? "",
                status: status,
                detail: detail,
                instance: instance,
                errors: errors,
                extensions: JSONObject(rest.map { ($0.key, $0.value) })
            )
        }
    }

    private static var fieldProblem: JSONField<FieldProblem> {
        .resource(.ignore) { reader in
            let pointer = reader.required("pointer", .string)
            let code = reader.required("code", .string)
            let detail = reader.optional("detail", .string)
            guard let pointer, let code else { return nil }
            return FieldProblem(pointer: pointer, code: code, detail: detail ?? "")
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("type")
        writer.string(type)
        writer.key("title")
        writer.string(title)
        writer.key("status")
        writer.number(status)
        if let detail {
            writer.key("detail")
            writer.string(detail)
        }
        if let instance {
            writer.key("instance")
            writer.string(instance)
        }
        if !errors.isEmpty {
            writer.key("errors")
            writer.beginArray()
            for error in errors {
                writer.beginObject()
                writer.key("pointer")
                writer.string(error.pointer)
                writer.key("code")
                writer.string(error.code)
                writer.key("detail")
                writer.string(error.detail)
                writer.endObject()
            }
            writer.endArray()
        }
        for member in extensions {
            writer.key(member.key)
            writer.value(member.value)
        }
        writer.endObject()
    }
}
