public import Foundation

/// Who is acting: the authenticated key, or the operator at the command line.
public struct AuditActor: Sendable, Hashable {
    /// The acting key's id; nil for the operator.
    public var keyID: String?
    /// The acting key's role; nil for the operator.
    public var role: Role?

    /// Creates an actor from its parts.
    public init(keyID: String?, role: Role?) {
        self.keyID = keyID
        self.role = role
    }

    /// The actor behind an authenticated request.
    public init(key: APIKey) {
        self.init(keyID: key.id, role: key.role)
    }

    /// The operator running `attune` on the command line (no key).
    public static let commandLine = AuditActor(keyID: nil, role: nil)
}

/// An event to record. It names what happened to which resource, never answers or scores.
public struct AuditRecord: Sendable, Hashable {
    /// Who acted.
    public var actor: AuditActor
    /// What they did, dotted and stable (`therapist.create`, `submission.read`, `key.revoke`).
    public var action: String
    /// The kind of resource (`practice`, `therapist`, `key`, `submission`, ...).
    public var resourceType: String
    /// The resource's id, when there is one.
    public var resourceID: String?
    /// `success`, or why it did not happen (`denied`, `invalid`, ...).
    public var outcome: String

    /// Creates a record.
    public init(actor: AuditActor, action: String, resourceType: String, resourceID: String?, outcome: String) {
        self.actor = actor
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.outcome = outcome
    }
}

/// A stored audit event.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// Opaque id, `evt_` and 24 hex digits.
    public var id: String
    /// The practice the event belongs to.
    public var practiceID: String
    /// The acting key, nil for the operator.
    public var keyID: String?
    /// The acting key's role, nil for the operator.
    public var role: Role?
    /// What happened (`therapist.create`, ...).
    public var action: String
    /// The kind of resource.
    public var resourceType: String
    /// The resource's id, if any.
    public var resourceID: String?
    /// `success` or the reason it failed.
    public var outcome: String
    /// When it happened (millisecond precision).
    public var at: Date

    /// Creates a value (for test doubles of `Store`).
    public init(
        id: String,
        practiceID: String,
        keyID: String?,
        role: Role?,
        action: String,
        resourceType: String,
        resourceID: String?,
        outcome: String,
        at: Date
    ) {
        self.id = id
        self.practiceID = practiceID
        self.keyID = keyID
        self.role = role
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.outcome = outcome
        self.at = at
    }
}

/// Which audit events to read.
public struct AuditQuery: Sendable, Hashable {
    /// Reading direction. Both break ties between equal timestamps by event id.
    public enum Order: String, Sendable, Hashable {
        /// Most recent first (the default: what an admin looking at `/v1/audit` wants).
        case newestFirst
        /// Oldest first (for exports that follow the trail forwards).
        case oldestFirst
    }

    /// Inclusive lower bound on `at`.
    public var from: Date?
    /// Exclusive upper bound on `at`.
    public var to: Date?
    /// Reading direction.
    public var order: Order
    /// Page size, 1...1000.
    public var limit: Int
    /// `nextCursor` of the previous page, read in the same order; nil for the first page.
    public var cursor: String?

    /// Creates a query; by default the newest 100 events.
    public init(
        from: Date? = nil,
        to: Date? = nil,
        order: Order = .newestFirst,
        limit: Int = 100,
        cursor: String? = nil
    ) {
        self.from = from
        self.to = to
        self.order = order
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of audit events.
public struct AuditPage: Sendable, Hashable {
    /// The events, in the query's order.
    public var events: [AuditEvent]
    /// Pass as `cursor` to read on; nil when this page is the last.
    public var nextCursor: String?

    /// Creates a page.
    public init(events: [AuditEvent], nextCursor: String?) {
        self.events = events
        self.nextCursor = nextCursor
    }
}
