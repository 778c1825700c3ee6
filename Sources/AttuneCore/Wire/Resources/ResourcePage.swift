public import AttuneJSON

/// One page of a list endpoint: `{"<member>": [ … ], "next": "<cursor>" | null}`.
///
/// `GET /v1/submissions` and `GET /v1/audit` page with an opaque cursor; lists that fit in one answer
/// (`/v1/therapists`, `/v1/keys`, `/v1/questionnaires`) have no `next` member at all.
public struct ResourcePage<Element: WireResource>: WireResource {
    /// The list's member name: `submissions`, `events`, `therapists`, ….
    public var member: String
    /// The elements of this page, in the server's order.
    public var items: [Element]
    /// The cursor of the next page; nil on the last one (and on lists that do not page).
    public var next: String?
    /// Whether the list pages at all, so that writing it again gives the server's bytes.
    public var isPaged: Bool

    /// A page.
    public init(member: String, items: [Element], next: String? = nil, isPaged: Bool = true) {
        self.member = member
        self.items = items
        self.next = next
        self.isPaged = isPaged
    }

    /// This page type's reader for a list named `member`; a paged list must have `next` (a cursor or
    /// `null`).
    public static func field(member: String, isPaged: Bool, _ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let items = reader.required(member, .array(of: Element.field(unknown)))
            let next: String?? = isPaged ? reader.requiredNullable("next") : .some(nil)
            guard let items, let next else { return nil }
            return ResourcePage(member: member, items: items, next: next, isPaged: isPaged)
        }
    }

    /// Reads a paged list whose member name is the object's first member other than `next`.
    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        JSONField { value, pointer, problems in
            guard let object = value.objectValue, let member = object.keys.first(where: { $0 != "next" }) else {
                problems.append(JSONProblem(at: pointer, code: .wrongType, message: "expected a list object"))
                return nil
            }
            return field(member: member, isPaged: object["next"] != nil, unknown).read(value, pointer, &problems)
        }
    }

    /// Reads a page whose list is named `member` from a parsed document.
    public static func decode(
        _ value: JSONValue,
        member: String,
        isPaged: Bool,
        unknown: UnknownMembers = .ignore
    ) throws(WireDecodingError) -> Self {
        var problems: [JSONProblem] = []
        let decoded = field(member: member, isPaged: isPaged, unknown).read(value, JSONPointer(), &problems)
        guard problems.isEmpty, let decoded else { throw .invalid(problems) }
        return decoded
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(member)
        writer.beginArray()
        for item in items { item.write(into: &writer) }
        writer.endArray()
        if isPaged {
            writer.key("next")
            writer.stringOrNull(next)
        }
        writer.endObject()
    }
}
