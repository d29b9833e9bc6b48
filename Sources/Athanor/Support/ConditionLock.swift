#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with a condition variable, for threads that must sleep (the connection
/// threads, the canceller, blocking pool waiters). Never used on the cooperative pool.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        Platform.initializeCondition(condition)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits (the lock held) until signalled; spurious wakeups possible.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits (the lock held) until signalled or the monotonic deadline in nanoseconds passes;
    /// false on timeout.
    func wait(untilNanoseconds deadline: UInt64) -> Bool {
        Platform.timedWait(condition, mutex, untilMonotonicNanoseconds: deadline)
    }

    func signal() { pthread_cond_signal(condition) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
