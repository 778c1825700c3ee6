extension AuditRecord {
    /// A client's trajectory was read (`found` false: no such client, or outside the caller's scope).
    public static func trajectoryRead(client: String, found: Bool, by actor: AuditActor) -> AuditRecord {
        AuditRecord(
            actor: actor,
            action: "trajectory.read",
            resourceType: "client",
            resourceID: client,
            outcome: found ? "success" : "not_found"
        )
    }
}
