internal import Synchronization

/// Idle easy handles, most recently used first, so sequential requests run on one warm connection
/// and concurrent ones each get a handle (and a connection) of their own.
final class HandlePool: Sendable {
    private let idle = Mutex<[EasyHandle]>([])
    /// The most handles kept idle; more are cleaned up (their connections closed) when returned.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// A handle from the pool, or a new one; nil only when libcurl cannot make one.
    func take() -> EasyHandle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return EasyHandle()
    }

    /// Returns a handle after its transfer; a handle whose transfer failed midway is dropped, so a
    /// broken connection is never offered to the next request.
    func give(back handle: EasyHandle, reusable: Bool) {
        guard reusable else { return }
        let kept = idle.withLock { handles in
            guard handles.count < capacity else { return false }
            handles.append(handle)
            return true
        }
        // Not kept: released here, outside the lock, which closes its connection.
        _ = kept
    }
}
