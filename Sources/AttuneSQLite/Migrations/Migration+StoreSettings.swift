internal import AttuneStore

extension Migration {
    /// Version 5: settings of the database itself, such as the secret that signs page cursors.
    ///
    /// Values are written by the store when it opens (a secret must come from a cryptographic
    /// generator, which SQL does not portably offer), once: `INSERT … ON CONFLICT DO NOTHING`.
    static let storeSettings = Migration(
        version: 5,
        name: "store settings (page cursor secret)",
        statements: [
            """
            CREATE TABLE store_settings (
                name TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            )
            """
        ]
    )
}
