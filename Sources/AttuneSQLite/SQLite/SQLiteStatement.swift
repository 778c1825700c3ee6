internal import AttuneStore
import CSQLite

/// One prepared statement, owned by the connection that prepared it and reused across calls.
///
/// Not Sendable: it lives and dies with its connection, which is used by one thread at a time.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let db: OpaquePointer

    /// SQLite copies bound text and blobs before the call returns, so Swift's buffers may go away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(sql: String, db: OpaquePointer) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(code: rc, connection: db, operation: "prepare")
        }
        self.handle = statement
        self.db = db
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1...n. Every parameter is bound each time, and `finishUse` has
    /// already reset the statement and cleared what the previous use bound.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            // A programming error in this module, reported rather than trapped.
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement expects \(expected) parameters, got \(values.count)",
                operation: "bind"
            )
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let number):
                rc = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                rc = sqlite3_bind_double(handle, index, number)
            case .text(var string):
                // The UTF-8 storage itself, with its length: no NUL-terminated copy made per value.
                rc = string.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(utf8.count), Self.transient)
                    }
                }
            case .utf8Text(let bytes):
                rc = bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress, !buffer.isEmpty else {
                        return sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    }
                    return sqlite3_bind_text(
                        handle,
                        index,
                        base.assumingMemoryBound(to: CChar.self),
                        Int32(buffer.count),
                        Self.transient
                    )
                }
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
                }
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: db, operation: "bind") }
        }
    }

    /// Advances to the next row: true when a row is available, false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: rc, connection: db, operation: "step")
        }
    }

    /// Ends the current use: releases the read snapshot and drops the bound values.
    ///
    /// A statement left un-reset keeps its read transaction open, which would pin the WAL and
    /// stop checkpoints, so every use ends here.
    func finishUse() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The current row, valid until the next `step` or `finishUse`.
    var row: SQLiteRow { SQLiteRow(handle: handle) }
}

/// Typed access to the columns of the current row.
struct SQLiteRow {
    fileprivate let handle: OpaquePointer

    /// True when column `index` is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` as an integer; NULL is a schema violation.
    func int64(_ index: Int32) throws(SQLiteError) -> Int64 {
        guard !isNull(index) else { throw Self.unexpectedNull(index) }
        return sqlite3_column_int64(handle, index)
    }

    /// Column `index` as an integer, nil for NULL.
    func optionalInt64(_ index: Int32) -> Int64? {
        isNull(index) ? nil : sqlite3_column_int64(handle, index)
    }

    /// Column `index` as a double, nil for NULL.
    func optionalDouble(_ index: Int32) -> Double? {
        isNull(index) ? nil : sqlite3_column_double(handle, index)
    }

    /// Column `index` as text; NULL is a schema violation.
    func text(_ index: Int32) throws(SQLiteError) -> String {
        guard let text = optionalText(index) else { throw Self.unexpectedNull(index) }
        return text
    }

    /// Column `index` as text, nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        guard !isNull(index), let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` (text or blob) as bytes; NULL is a schema violation.
    func bytes(_ index: Int32) throws(SQLiteError) -> [UInt8] {
        guard !isNull(index) else { throw Self.unexpectedNull(index) }
        // sqlite3_column_blob returns the value as stored, with no text conversion; a NULL
        // pointer with a non-NULL value means an empty one.
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Column `index` decoded as a string-backed enum; an unknown value is reported, not trapped.
    func decode<Value: RawRepresentable>(_: Value.Type, _ index: Int32) throws(SQLiteError) -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: try text(index)) else {
            throw SQLiteError(
                code: SQLITE_MISMATCH,
                message: "column \(index) holds a value this version does not know",
                operation: "decode"
            )
        }
        return value
    }

    private static func unexpectedNull(_ index: Int32) -> SQLiteError {
        SQLiteError(code: SQLITE_MISMATCH, message: "column \(index) is unexpectedly NULL", operation: "decode")
    }
}
