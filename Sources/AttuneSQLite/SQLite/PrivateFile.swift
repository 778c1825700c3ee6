internal import AttuneStore
import CSQLite
internal import Glibc

/// Creates data files readable by their owner only.
///
/// SQLite creates a missing database with mode 0644 less the umask (world-readable under the usual
/// 022), and gives its `-wal`, `-shm` and `-journal` files the database file's mode. So the store
/// creates the database file itself, 0600, before SQLite opens it, and the companions follow.
enum PrivateFile {
    /// Owner read and write only.
    static let mode: mode_t = 0o600

    /// Creates an empty file at `path` with mode 0600; false when a file is there already.
    /// - Throws: `SQLiteError` (`SQLITE_CANTOPEN`) with the system's reason when it cannot be created.
    static func create(_ path: String) throws(SQLiteError) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return false }
            throw SQLiteError(
                code: SQLITE_CANTOPEN,
                message: "cannot create the database file: \(String(cString: strerror(code)))",
                operation: "open"
            )
        }
        // A umask such as 0277 would leave the owner unable to write: set exactly 0600.
        _ = fchmod(fd, mode)
        close(fd)
        return true
    }
}
