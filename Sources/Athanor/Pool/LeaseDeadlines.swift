/// Fails the async lease requests whose deadline has passed: one thread per pool, started by the
/// first request that has to wait, asleep until the earliest deadline it knows of.
///
/// It replaced a timer task per waiting request. Under contention nearly every lease waits (the
/// benchmarks' W8: 64 tasks on 12 connections), and each timer cost a task, a sleep and its
/// cancellation on the cooperative pool, the same two threads that run the callers.
final class LeaseDeadlines: @unchecked Sendable {
    private let lock = ConditionLock()
    private var earliest: UInt64?
    private var started = false
    private var stopped = false
    private weak var pool: ConnectionPool?

    /// Sets the pool whose requests expire (once, at the end of its initializer).
    func attach(_ pool: ConnectionPool) {
        lock.withLock { self.pool = pool }
    }

    /// Makes sure the thread wakes by `deadline` (monotonic nanoseconds); starts it the first time.
    func watch(_ deadline: UInt64) {
        let start = lock.withLock { () -> Bool in
            guard !stopped else { return false }
            if earliest.map({ deadline < $0 }) ?? true {
                earliest = deadline
                lock.signal()
            }
            defer { started = true }
            return !started
        }
        if start { Thread.detach(name: "athanor-timeout") { [self] in run() } }
    }

    /// Ends the thread (the pool is closed or gone).
    func stop() {
        lock.withLock {
            stopped = true
            lock.signal()
        }
    }

    private func run() {
        while let pool = nextDue() {
            let now = monotonicNanoseconds()
            pool.modify { $0.expire(now: now) }
            if let next = pool.shell.withLock({ $0.machine.nextDeadline }) { watch(next) }
        }
    }

    /// Sleeps until the earliest deadline passes; the pool then, or nil to end the thread.
    private func nextDue() -> ConnectionPool? {
        lock.withLock {
            while !stopped {
                guard let deadline = earliest else {
                    lock.wait()
                    continue
                }
                if monotonicNanoseconds() >= deadline {
                    earliest = nil
                    return pool
                }
                _ = lock.wait(untilNanoseconds: deadline)
            }
            return nil
        }
    }
}
