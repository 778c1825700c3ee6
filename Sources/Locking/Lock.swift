#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Shared mutable state behind a `pthread_mutex_t`: `Synchronization.Mutex` with waiters that sleep
/// at once instead of spinning.
///
/// Why not `Mutex`: on Linux its slow path spins for 1,000 `pause` instructions (roughly 10–50 µs on
/// recent x86) before it sleeps on a priority-inheritance futex. With the server on one core, a waiter
/// can only be spinning because the holder was preempted, so every one of those spins is wasted: under
/// the durable-submission benchmark `Mutex`'s slow path was ~7% of the server's CPU (`perf`). glibc's
/// default mutex tries once and then sleeps on a plain futex.
public final class Lock<State: ~Copyable>: @unchecked Sendable {
    // Heap-allocated, never moved: a pthread mutex must stay at the address it was initialised at.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let state: UnsafeMutablePointer<State>

    /// A lock guarding `initial`.
    public init(_ initial: consuming sending State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    public func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending State) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state.pointee)
    }
}
