internal import AttuneStore
import CSQLite

/// A failed SQLite call: the result code and SQLite's own message.
///
/// The message comes from `sqlite3_errmsg`/`sqlite3_errstr`, which describe the statement and the
/// constraint, never the values bound to it, so it is safe to log.
struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_result_codes` is on for every connection).
    var code: Int32
    /// SQLite's text for the failure.
    var message: String
    /// What the layer was doing ("prepare", "step", "open", ...), to tell failures apart in logs.
    var operation: String

    var description: String { "SQLite error \(code) during \(operation): \(message)" }

    /// True when another connection held a lock for longer than the busy timeout (`SQLITE_BUSY`
    /// and its extended codes): the operation may succeed if retried.
    var isBusy: Bool { code & 0xff == SQLITE_BUSY }

    /// Builds the error for `code` from the connection's current message.
    init(code: Int32, connection db: OpaquePointer?, operation: String) {
        self.code = code
        self.operation = operation
        if let db, let text = sqlite3_errmsg(db) {
            self.message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            self.message = String(cString: text)
        } else {
            self.message = "unknown error"
        }
    }

    /// Builds an error the layer itself detected (for example a column of an unexpected type).
    init(code: Int32, message: String, operation: String) {
        self.code = code
        self.message = message
        self.operation = operation
    }
}
