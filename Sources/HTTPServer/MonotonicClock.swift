#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC; on Linux through the vDSO, so no system call),
/// for deadlines and durations: unlike the wall clock it never jumps.
public func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
