internal import AttuneCore
internal import AttuneJSON
internal import AttuneStore
internal import Foundation
internal import HTTPServer

/// Wire encodings of the store's models (camelCase, RFC 3339 dates, absent optionals left out).
enum ModelJSON {
    /// A date as RFC 3339 with milliseconds, rounded as the store keeps it (``Timestamp``).
    static func date(_ date: Date) -> String { RFC3339.format(epochMilliseconds: Timestamp.milliseconds(date)) }

    // The account resources are written through AttuneCore's wire types, the ones the SDK decodes.

    static func write(_ therapist: Therapist, into writer: inout JSONWriter) {
        TherapistResource(
            id: therapist.id,
            createdAt: date(therapist.createdAt),
            deactivatedAt: therapist.deactivatedAt.map(date)
        ).write(into: &writer)
    }

    /// A key's metadata; `token` only in the creation response, the one time it is shown.
    static func write(_ key: APIKey, token: String? = nil, into writer: inout JSONWriter) {
        KeyResource(
            id: key.id,
            secret: token,
            role: KeyRole(rawValue: key.role.rawValue),
            therapist: key.therapistID,
            label: key.label,
            createdAt: date(key.createdAt),
            lastUsedAt: key.lastUsedAt.map(date),
            revokedAt: key.revokedAt.map(date)
        ).write(into: &writer)
    }

    static func write(_ event: AuditEvent, into writer: inout JSONWriter) {
        AuditEventResource(
            id: event.id,
            at: date(event.at),
            keyID: event.keyID,
            role: event.role.map { KeyRole(rawValue: $0.rawValue) },
            action: event.action,
            resourceType: event.resourceType,
            resourceID: event.resourceID,
            outcome: event.outcome
        ).write(into: &writer)
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
