internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// Wire encodings of the store's models (camelCase, RFC 3339 dates, absent optionals left out).
enum ModelJSON {
    /// A date as RFC 3339 with milliseconds, rounded as the store keeps it (``Timestamp``).
    static func date(_ date: Date) -> String { RFC3339.format(epochMilliseconds: Timestamp.milliseconds(date)) }

    static func write(_ therapist: Therapist, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(therapist.id)
        writer.key("createdAt")
        writer.string(date(therapist.createdAt))
        if let deactivatedAt = therapist.deactivatedAt {
            writer.key("deactivatedAt")
            writer.string(date(deactivatedAt))
        }
        writer.endObject()
    }

    /// A key's metadata; `token` only in the creation response, the one time it is shown.
    static func write(_ key: APIKey, token: String? = nil, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(key.id)
        if let token {
            writer.key("key")
            writer.string(token)
        }
        writer.key("role")
        writer.string(key.role.rawValue)
        if let therapist = key.therapistID {
            writer.key("therapist")
            writer.string(therapist)
        }
        if let label = key.label {
            writer.key("label")
            writer.string(label)
        }
        writer.key("createdAt")
        writer.string(date(key.createdAt))
        writer.key("lastUsedAt")
        if let used = key.lastUsedAt { writer.string(date(used)) } else { writer.null() }
        writer.key("revokedAt")
        if let revoked = key.revokedAt { writer.string(date(revoked)) } else { writer.null() }
        writer.endObject()
    }

    static func write(_ event: AuditEvent, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(event.id)
        writer.key("at")
        writer.string(date(event.at))
        writer.key("keyId")
        if let key = event.keyID { writer.string(key) } else { writer.null() }
        writer.key("role")
        if let role = event.role { writer.string(role.rawValue) } else { writer.null() }
        writer.key("action")
        writer.string(event.action)
        writer.key("resourceType")
        writer.string(event.resourceType)
        writer.key("resourceId")
        if let resource = event.resourceID { writer.string(resource) } else { writer.null() }
        writer.key("outcome")
        writer.string(event.outcome)
        writer.endObject()
    }

    /// `{"<name>": [items…]}` plus optional extra members written by `extra`.
    static func list<T>(
        _ name: String,
        _ items: [T],
        write: (T, inout JSONWriter) -> Void,
        extra: (inout JSONWriter) -> Void = { _ in }
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 128 * (items.count + 1))
        writer.beginObject()
        writer.key(name)
        writer.beginArray()
        for item in items { write(item, &writer) }
        writer.endArray()
        extra(&writer)
        writer.endObject()
        return writer.bytes
    }

    static func object(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        body(&writer)
        return writer.bytes
    }
}

extension HTTPResponse {
    /// 201 with `Location` and a JSON body.
    static func created(_ body: [UInt8], location: String) -> HTTPResponse {
        var response = HTTPResponse.uncached(body, status: .created)
        response.headers["Location"] = location
        return response
    }
}

extension HTTPResponse {
    /// A JSON response that no browser or proxy may keep (RFC 9111 §5.2.2.5): everything under `/v1` but
    /// questionnaire definitions may carry clinical data or credentials.
    static func uncached(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
            body: body
        )
    }
}
