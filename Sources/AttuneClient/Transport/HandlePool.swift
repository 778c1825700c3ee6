internal import Synchronization

/// Idle easy handles, so a request does not pay for `curl_easy_init` and its buffers each time (the
/// connections themselves live in the multi handle's cache, shared by every handle).
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

    /// Returns a handle after its transfer; one whose transfer failed is dropped with its state.
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
