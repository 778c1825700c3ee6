/// The content of every audit event a store writes, in one place for every backend: which action,
/// which resource, which outcome. Never answers, names or secrets.
extension AuditRecord {
    /// A practice and its first admin key were created.
    public static func practiceCreated(_ practiceID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "practice.create",
            resourceType: "practice",
            resourceID: practiceID,
            outcome: "success"
        )
    }

    /// A therapist was added.
    public static func therapistCreated(_ therapistID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "therapist.create",
            resourceType: "therapist",
            resourceID: therapistID,
            outcome: "success"
        )
    }

    /// A therapist was deactivated (its clinician keys revoked, its history kept).
    public static func therapistDeactivated(_ therapistID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "therapist.deactivate",
            resourceType: "therapist",
            resourceID: therapistID,
            outcome: "success"
        )
    }

    /// A deactivated therapist was reactivated by creating it again.
    public static func therapistReactivated(_ therapistID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "therapist.reactivate",
            resourceType: "therapist",
            resourceID: therapistID,
            outcome: "success"
        )
    }

    /// A key was created.
    public static func keyCreated(_ keyID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(actor: actor, action: "key.create", resourceType: "key", resourceID: keyID, outcome: "success")
    }

    /// A key was revoked.
    public static func keyRevoked(_ keyID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(actor: actor, action: "key.revoke", resourceType: "key", resourceID: keyID, outcome: "success")
    }

    /// A questionnaire version was published; the resource is `id@version`.
    public static func questionnaireCreated(id: String, version: Int, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "questionnaire.create",
            resourceType: "questionnaire",
            resourceID: "\(id)@\(version)",
            outcome: "success"
        )
    }

    /// A submission was stored.
    public static func submissionCreated(_ submissionID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "submission.create",
            resourceType: "submission",
            resourceID: submissionID,
            outcome: "success"
        )
    }

    /// A submission was refused because `existingID` already holds its session.
    public static func submissionConflict(existingID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "submission.create",
            resourceType: "submission",
            resourceID: existingID,
            outcome: "conflict"
        )
    }

    /// `submissionID` was replaced by a newer submission for its session.
    public static func submissionSuperseded(_ submissionID: String, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "submission.supersede",
            resourceType: "submission",
            resourceID: submissionID,
            outcome: "success"
        )
    }

    /// A submission was read (`found` false: it was missing or outside the caller's scope).
    public static func submissionRead(_ submissionID: String, found: Bool, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "submission.read",
            resourceType: "submission",
            resourceID: submissionID,
            outcome: found ? "success" : "not_found"
        )
    }

    /// A page of submissions was listed: one client's (the resource is the client) or any.
    public static func submissionsListed(client: String?, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "submission.list",
            resourceType: client == nil ? "submission" : "client",
            resourceID: client,
            outcome: "success"
        )
    }
}
