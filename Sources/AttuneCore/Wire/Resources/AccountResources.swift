public import AttuneJSON

/// `GET /v1/me`: the calling key as the server sees it.
public struct KeyIdentity: WireResource {
    /// The key's id (not its secret).
    public var id: String
    /// The key's role.
    public var role: KeyRole
    /// The practice the key belongs to.
    public var practice: String
    /// The therapist a clinician key is bound to; nil for other roles.
    public var therapist: String?

    /// An identity.
    public init(id: String, role: KeyRole, practice: String, therapist: String?) {
        self.id = id
        self.role = role
        self.practice = practice
        self.therapist = therapist
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let role = reader.required("role", .string)
            let practice = reader.required("practice", .string)
            let therapist = reader.requiredNullable("therapist")
            guard let id, let role, let practice, let therapist else { return nil }
            return KeyIdentity(id: id, role: KeyRole(rawValue: role), practice: practice, therapist: therapist)
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("role")
        writer.string(role.rawValue)
        writer.key("practice")
        writer.string(practice)
        writer.key("therapist")
        writer.stringOrNull(therapist)
        writer.endObject()
    }
}

/// A therapist of the practice: `{"id": "t-07", "createdAt": "…"}`, with `deactivatedAt` once deactivated.
public struct TherapistResource: WireResource {
    /// The practice's pseudonymous id for the therapist.
    public var id: String
    /// When it was registered, RFC 3339.
    public var createdAt: String
    /// When it was deactivated (`DELETE /v1/therapists/{id}`), RFC 3339; nil while active.
    public var deactivatedAt: String?

    /// A therapist.
    public init(id: String, createdAt: String, deactivatedAt: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.deactivatedAt = deactivatedAt
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let createdAt = reader.required("createdAt", .string)
            let deactivatedAt = reader.optional("deactivatedAt", .string)
            guard let id, let createdAt else { return nil }
            return TherapistResource(id: id, createdAt: createdAt, deactivatedAt: deactivatedAt)
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("createdAt")
        writer.string(createdAt)
        if let deactivatedAt {
            writer.key("deactivatedAt")
            writer.string(deactivatedAt)
        }
        writer.endObject()
    }
}

/// An API key's metadata; ``secret`` only in the answer to its creation, the one time it is shown.
public struct KeyResource: WireResource, CustomStringConvertible {
    /// The key's id.
    public var id: String
    /// The key itself (`"key"` on the wire): present only when the key was just created.
    public var secret: String?
    /// The key's role.
    public var role: KeyRole
    /// The therapist a clinician key is bound to.
    public var therapist: String?
    /// A label chosen by the practice.
    public var label: String?
    /// When it was created, RFC 3339.
    public var createdAt: String
    /// When it was last used, RFC 3339; nil if never.
    public var lastUsedAt: String?
    /// When it was revoked, RFC 3339; nil while it is valid.
    public var revokedAt: String?

    /// A key's metadata.
    public init(
        id: String,
        secret: String? = nil,
        role: KeyRole,
        therapist: String? = nil,
        label: String? = nil,
        createdAt: String,
        lastUsedAt: String? = nil,
        revokedAt: String? = nil
    ) {
        self.id = id
        self.secret = secret
        self.role = role
        self.therapist = therapist
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// The metadata with the secret left out, so that printing a key never shows it.
    public var description: String {
        "KeyResource(id: \(id), role: \(role), secret: \(secret == nil ? "none" : "redacted"))"
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let secret = reader.optional("key", .string)
            let role = reader.required("role", .string)
            let therapist = reader.optional("therapist", .string)
            let label = reader.optional("label", .string)
            let createdAt = reader.required("createdAt", .string)
            let lastUsedAt = reader.requiredNullable("lastUsedAt")
            let revokedAt = reader.requiredNullable("revokedAt")
            guard let id, let role, let createdAt, let lastUsedAt, let revokedAt else { return nil }
            return KeyResource(
                id: id,
                secret: secret,
                role: KeyRole(rawValue: role),
                therapist: therapist,
                label: label,
                createdAt: createdAt,
                lastUsedAt: lastUsedAt,
                revokedAt: revokedAt
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        if let secret {
            writer.key("key")
            writer.string(secret)
        }
        writer.key("role")
        writer.string(role.rawValue)
        if let therapist {
            writer.key("therapist")
            writer.string(therapist)
        }
        if let label {
            writer.key("label")
            writer.string(label)
        }
        writer.key("createdAt")
        writer.string(createdAt)
        writer.key("lastUsedAt")
        writer.stringOrNull(lastUsedAt)
        writer.key("revokedAt")
        writer.stringOrNull(revokedAt)
        writer.endObject()
    }
}

/// One entry of `GET /v1/audit`: who did what to which resource, when (never the content).
public struct AuditEventResource: WireResource {
    /// The event's id.
    public var id: String
    /// When it happened, RFC 3339.
    public var at: String
    /// The key that acted; nil for the command line.
    public var keyID: String?
    /// That key's role.
    public var role: KeyRole?
    /// What was done, such as `submission.create`.
    public var action: String
    /// The kind of resource acted on.
    public var resourceType: String
    /// The resource's id, when there is one.
    public var resourceID: String?
    /// `success` or the refusal.
    public var outcome: String

    /// An audit event.
    public init(
        id: String,
        at: String,
        keyID: String?,
        role: KeyRole?,
        action: String,
        resourceType: String,
        resourceID: String?,
        outcome: String
    ) {
        self.id = id
        self.at = at
        self.keyID = keyID
        self.role = role
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.outcome = outcome
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let at = reader.required("at", .string)
            let keyID = reader.requiredNullable("keyId")
            let role = reader.requiredNullable("role")
            let action = reader.required("action", .string)
            let resourceType = reader.required("resourceType", .string)
            let resourceID = reader.requiredNullable("resourceId")
            let outcome = reader.required("outcome", .string)
            guard let id, let at, let keyID, let role, let action, let resourceType, let resourceID, let outcome
            else { return nil }
            return AuditEventResource(
                id: id,
                at: at,
                keyID: keyID,
                role: role.map { KeyRole(rawValue: $0) },
                action: action,
                resourceType: resourceType,
                resourceID: resourceID,
                outcome: outcome
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("at")
        writer.string(at)
        writer.key("keyId")
        writer.stringOrNull(keyID)
        writer.key("role")
        writer.stringOrNull(role?.rawValue)
        writer.key("action")
        writer.string(action)
        writer.key("resourceType")
        writer.string(resourceType)
        writer.key("resourceId")
        writer.stringOrNull(resourceID)
        writer.key("outcome")
        writer.string(outcome)
        writer.endObject()
    }
}

/// One entry of `GET /v1/questionnaires`.
public struct QuestionnaireSummary: WireResource {
    /// The definition's id.
    public var id: String
    /// Its latest version.
    public var version: Int
    /// Its title.
    public var title: String
    /// Who answers it.
    public var respondent: Respondent
    /// Whether it is one of Attune's built-in instruments.
    public var builtIn: Bool

    /// A summary.
    public init(id: String, version: Int, title: String, respondent: Respondent, builtIn: Bool) {
        self.id = id
        self.version = version
        self.title = title
        self.respondent = respondent
        self.builtIn = builtIn
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let version = reader.required("version", .int(in: 1...Int.max))
            let title = reader.required("title", .string)
            let respondent = reader.required("respondent", JSONField<Respondent>.enumeration)
            let builtIn = reader.required("builtIn", .bool)
            guard let id, let version, let title, let respondent, let builtIn else { return nil }
            return QuestionnaireSummary(
                id: id,
                version: version,
                title: title,
                respondent: respondent,
                builtIn: builtIn
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("version")
        writer.number(version)
        writer.key("title")
        writer.string(title)
        writer.key("respondent")
        writer.string(respondent.rawValue)
        writer.key("builtIn")
        writer.bool(builtIn)
        writer.endObject()
    }
}

/// `{"status": "ok"}` from `/healthz`, `{"status": "ready"}` from `/readyz`.
public struct ServiceStatus: WireResource {
    /// The status word.
    public var status: String

    /// A status.
    public init(status: String) { self.status = status }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in reader.required("status", .string).map(ServiceStatus.init) }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("status")
        writer.string(status)
        writer.endObject()
    }
}

/// `DELETE /v1/therapists/{id}`: the deactivated therapist and the clinician keys it revoked.
public struct TherapistDeactivationResource: WireResource {
    /// The therapist, with ``TherapistResource/deactivatedAt`` set.
    public var therapist: TherapistResource
    /// The ids of the clinician keys the deactivation revoked.
    public var revokedKeys: [String]

    /// A deactivation.
    public init(therapist: TherapistResource, revokedKeys: [String]) {
        self.therapist = therapist
        self.revokedKeys = revokedKeys
    }

    public static func field(_ unknown: UnknownMembers) -> JSONField<Self> {
        .resource(unknown) { reader in
            let id = reader.required("id", .string)
            let createdAt = reader.required("createdAt", .string)
            let deactivatedAt = reader.optional("deactivatedAt", .string)
            let revokedKeys = reader.required("revokedKeys", .array(of: .string))
            guard let id, let createdAt, let revokedKeys else { return nil }
            return TherapistDeactivationResource(
                therapist: TherapistResource(id: id, createdAt: createdAt, deactivatedAt: deactivatedAt),
                revokedKeys: revokedKeys
            )
        }
    }

    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(therapist.id)
        writer.key("createdAt")
        writer.string(therapist.createdAt)
        if let deactivatedAt = therapist.deactivatedAt {
            writer.key("deactivatedAt")
            writer.string(deactivatedAt)
        }
        writer.key("revokedKeys")
        writer.beginArray()
        for key in revokedKeys { writer.string(key) }
        writer.endArray()
        writer.endObject()
    }
}
