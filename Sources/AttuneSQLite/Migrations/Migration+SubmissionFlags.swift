extension Migration {
    /// Version 4: a submission's `flags` (patterns the server found in its answers, e.g. straight-lining),
    /// a JSON array like the other stored documents. Rows stored before it hold NULL and read as no flags.
    static let submissionFlags = Migration(
        version: 4,
        name: "submission flags",
        statements: ["ALTER TABLE submissions ADD COLUMN flags TEXT"]
    )
}
