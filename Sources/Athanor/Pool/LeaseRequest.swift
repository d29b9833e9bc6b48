/// One caller waiting for a connection, async (a continuation) or blocking (a condition).
/// Completed exactly once, whichever of delivery, timeout, cancellation or close comes first.
final class LeaseRequest: @unchecked Sendable {
    enum Outcome {
        case delivered(Connection, idleFor: UInt64)
        case failed(any Error)
    }

    let id: Int
    let deadline: UInt64
    private let lock = ConditionLock()
    private var outcome: Outcome?
    private var continuation: CheckedContinuation<Outcome, Never>?

    init(id: Int, deadline: UInt64) {
        self.id = id
        self.deadline = deadline
    }

    /// Completes the request; later calls are ignored.
    func complete(_ result: Outcome) {
        let waiting: CheckedContinuation<Outcome, Never>? = lock.withLock {
            guard outcome == nil else { return nil }
            outcome = result
            lock.broadcast()
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
    }

    /// The outcome, if the request is already completed (a connection was idle at lease time).
    var completedOutcome: Outcome? { lock.withLock { outcome } }

    /// Suspends until completed.
    func wait() async -> Outcome {
        await withCheckedContinuation { continuation in
            let ready: Outcome? = lock.withLock {
                if let outcome { return outcome }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Blocks until completed, or until `deadline` passes (nil then).
    func waitBlocking(until deadline: UInt64) -> Outcome? {
        lock.withLock {
            while outcome == nil {
                if !lock.wait(untilNanoseconds: deadline), outcome == nil { return nil }
            }
            return outcome
        }
    }

    /// Blocks until completed: for a request that has left the queue, whose outcome is on its way.
    func waitBlocking() -> Outcome {
        lock.withLock {
            while true {
                if let outcome { return outcome }
                lock.wait()
            }
        }
    }
}
