internal import AttuneStore
internal import Dispatch
internal import Locking

/// Read-only connections handed out one caller at a time, so reads never wait for the writer
/// (WAL gives each a snapshot of the last commit).
///
/// At most `capacity` connections exist; a caller beyond that waits on `permits` for one to come
/// back. Connections are opened lazily and kept.
final class ReadPool: Sendable {
    /// A connection parked in the pool. `@unchecked Sendable`: it moves between threads only
    /// through `state`'s lock and is used by the one caller that took it out.
    private struct Parked: @unchecked Sendable {
        let connection: SQLiteConnection
    }

    private struct State {
        var idle: [Parked] = []
        var isClosed = false
    }

    private let state = Lock(State())
    private let permits: DispatchSemaphore
    private let open: @Sendable () throws(SQLiteError) -> SQLiteConnection

    /// A pool of up to `capacity` connections made by `open`.
    init(capacity: Int, open: @escaping @Sendable () throws(SQLiteError) -> SQLiteConnection) {
        self.permits = DispatchSemaphore(value: max(1, capacity))
        self.open = open
    }

    /// Runs `body` with a connection of its own; fails with `.closed` after `close()`.
    func withConnection<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        permits.wait()
        defer { permits.signal() }
        let taken: Parked?? = state.withLock { state in
            state.isClosed ? nil : .some(state.idle.popLast())
        }
        guard let taken else { throw .closed }
        let parked: Parked
        if let idle = taken {
            parked = idle
        } else {
            parked = Parked(connection: try sqlite { () throws(SQLiteError) in try open() })
        }
        defer {
            state.withLock { state in
                if !state.isClosed { state.idle.append(parked) }
            }
        }
        return try body(parked.connection)
    }

    /// Drops idle connections; those in use are dropped when they come back.
    func close() {
        let idle = state.withLock { state in
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        // Closed here, outside the lock, when the last reference goes.
        _ = idle
    }
}
