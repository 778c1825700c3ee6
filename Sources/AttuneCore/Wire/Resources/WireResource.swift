public import AttuneJSON

/// What a decoder does with members it does not know.
///
/// A client ignores them, because a server may add fields freely (DESIGN.md, "Wire format"); the tests
/// that decode every server response refuse them, so a field the server writes and the shared type
/// lacks is noticed at once.
public enum UnknownMembers: Sendable, Equatable {
    /// Leave unknown members out without a problem.
    case ignore
    /// Report each unknown member as an `unknownField` problem.
    case refuse
}

/// A response resource of the API: read from JSON with ``JSONObjectReader`` and written with
/// ``JSONWriter``, the same type on both ends of the wire.
public protocol WireResource: Sendable, Equatable {
    /// How to read one value of this type at a pointer.
    static func field(_ unknown: UnknownMembers) -> JSONField<Self>
    /// Writes this value as the API sends it.
    func write(into writer: inout JSONWriter)
}

/// Why a response body could not be read as the resource expected.
public enum WireDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not one JSON text.
    case malformed(JSONError)
    /// The body is JSON of the wrong shape; every problem with its pointer.
    case invalid([JSONProblem])

    /// A one-line explanation, with the first problem's pointer.
    public var description: String {
        switch self {
        case .malformed(let error): "not JSON: \(error.message) at \(error.pointer)"
        case .invalid(let problems):
            problems.first.map {
                "\($0.pointer): \($0.message)" + (problems.count > 1 ? " (+\(problems.count - 1))" : "")
            }
                ?? "invalid"
        }
    }
}

extension WireResource {
    /// Reads a value from a parsed document.
    public static func decode(_ value: JSONValue, unknown: UnknownMembers = .ignore) throws(WireDecodingError) -> Self {
        var problems: [JSONProblem] = []
        let decoded = field(unknown).read(value, JSONPointer(), &problems)
        guard problems.isEmpty, let decoded else { throw .invalid(problems) }
        return decoded
    }

    /// Parses `bytes` strictly (``JSONReader``) and reads a value from them.
    public static func decode(bytes: some Collection<UInt8>, unknown: UnknownMembers = .ignore)
        throws(WireDecodingError) -> Self
    {
        let value: JSONValue
        do {
            value = try JSONReader().parse(bytes)
        } catch {
            throw .malformed(error)
        }
        return try decode(value, unknown: unknown)
    }

    /// This value's JSON, compact.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        write(into: &writer)
        return writer.bytes
    }
}

extension JSONField {
    /// An object read by `body`; members it leaves unread are skipped or refused as `unknown` says.
    public static func resource(
        _ unknown: UnknownMembers,
        _ body: @escaping (inout JSONObjectReader) -> Value?
    ) -> Self {
        .object { reader in
            let value = body(&reader)
            if unknown == .ignore { _ = reader.remaining(.any) }
            return value
        }
    }

}

extension JSONField where Value == String? {
    /// A string, or `null` (read as `.some(nil)`): for members the wire always writes, `null` when unset.
    public static var nullableString: Self {
        Self { value, pointer, problems in
            if case .null = value { return .some(nil) }
            return JSONField<String>.string.read(value, pointer, &problems).map { .some($0) }
        }
    }
}

extension JSONField where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// A string-backed enumeration (``Respondent``, ``SubmissionFlag``, …).
    public static var enumeration: Self {
        // The list of names is built only for a refusal: every item of every decoded definition reads
        // one of these, and joining the names each time showed up in the SDK's profile.
        Self { value, pointer, problems in
            guard let name = JSONField<String>.string.read(value, pointer, &problems) else { return nil }
            if let member = Value(rawValue: name) { return member }
            let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(JSONProblem(at: pointer, code: .invalidValue, message: "expected one of \(names)"))
            return nil
        }
    }
}

extension JSONObjectReader {
    /// Reads a member that must be present and may be `null`; absent is a `missingField` problem.
    mutating func requiredNullable(_ key: String) -> String?? {
        required(key, .nullableString)
    }
}

extension JSONWriter {
    /// Writes the string or `null`.
    mutating func stringOrNull(_ value: String?) {
        if let value { string(value) } else { null() }
    }
}
