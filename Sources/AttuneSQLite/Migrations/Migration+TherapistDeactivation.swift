extension Migration {
    /// Version 7: a therapist can be deactivated (`DELETE /v1/therapists/{id}`) and reactivated.
    ///
    /// The row stays, so the therapist's submissions keep their foreign key and their history stays in
    /// trajectories and aggregates; `deactivated_at` (milliseconds, NULL while active) is what refuses
    /// new submissions and keys naming it.
    static let therapistDeactivation = Migration(
        version: 7,
        name: "therapist deactivation",
        statements: ["ALTER TABLE therapists ADD COLUMN deactivated_at BIGINT"]
    )
}
