/// The pool's one clock: a thread that sleeps until the earliest timer the state machine has
/// set (the `schedule` actions call ``wake(by:)``), then fires the timers due
/// (``ConnectionPool/fireTimers(now:)``) and sleeps until the next. Started by the first
/// timer; ends when the pool is closed or released.
///
/// One thread for every clock of the pool (lease deadlines, long-lease warnings, recycling,
/// connect backoffs) rather than a timer task per waiting request: under contention nearly every
/// lease waits (the benchmarks' W8: 64 tasks on 12 connections), and a task, a sleep and its
/// cancellation each time would run on the cooperative pool, the threads that run the callers.
final class PoolTimerThread: @unchecked Sendable {
    private let lock = ConditionLock()
    /// When the thread must next look at the timers (nanoseconds); `.max` for no timer.
    private var wakeAt: UInt64 = .max
    private var started = false
    private var stopped = false
    private weak var pool: ConnectionPool?

    /// Sets the pool whose timers fire (once, at the end of its initializer).
    func attach(_ pool: ConnectionPool) {
        lock.withLock { self.pool = pool }
    }

    /// Makes sure the thread looks at the timers by `deadline` (monotonic nanoseconds); starts
    /// it the first time. Cheap when the thread already wakes earlier: no signal.
    func wake(by deadline: UInt64) {
        let start = lock.withLock { () -> Bool in
            guard !stopped, deadline < wakeAt else { return false }
            wakeAt = deadline
            if started {
                lock.signal()
                return false
            }
            started = true
            return true
        }
        if start { Thread.detach(name: "athanor-timers") { [self] in run() } }
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
            if let next = pool.fireTimers(now: monotonicNanoseconds()) { wake(by: next) }
        }
    }

    /// Sleeps until `wakeAt` passes; the pool then, or nil to end the thread. A wake-up forgets
    /// `wakeAt`: firing returns the next deadline, and any timer set meanwhile wakes it anew.
    private func nextDue() -> ConnectionPool? {
        lock.withLock {
            while !stopped {
                if wakeAt == .max {
                    lock.wait()
                } else if monotonicNanoseconds() >= wakeAt {
                    wakeAt = .max
                    return pool
                } else {
                    _ = lock.wait(untilNanoseconds: wakeAt)
                }
            }
            return nil
        }
    }
}
