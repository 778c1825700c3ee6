extension Migration {
    /// Version 9: tombstones of the idempotency keys of erased clients (`DELETE /v1/clients/{client}`).
    ///
    /// A retrying intake system must not re-create an erased client's data, so a key that created one
    /// of its submissions answers `410 Gone` from here. The row is content-free: SHA-256 of the practice
    /// and the key (the key itself might embed a client id), and the time of the erasure. Tombstones are
    /// kept (they are 100 bytes each), unlike idempotency records, which are purged after a day.
    static let erasedIdempotencyKeys = Migration(
        version: 9,
        name: "tombstones of erased clients' idempotency keys",
        statements: [
            """
            CREATE TABLE erased_idempotency_keys (
                practice_id TEXT NOT NULL REFERENCES practices (id),
                key_sha256 TEXT NOT NULL,
                erased_at BIGINT NOT NULL,
                PRIMARY KEY (practice_id, key_sha256)
            )
            """
        ]
    )
}
