@testable import Athanor

/// Runs blocking `body` on a thread of its own and times it there. The tests run in parallel
/// on 2 cores, and while the compiler's tests keep the cooperative pool busy an async task can
/// resume seconds after what it awaited has finished: a timing measured from a task would
/// measure the other tests. What runs here is timed from the moment it starts to its end.
func timedOnOwnThread<T: Sendable>(
    _ body: @escaping @Sendable () throws -> T
) async -> (result: Result<T, any Error>, seconds: Double) {
    let thread = WorkerThread(name: "test-timed")
    defer { thread.stop() }
    return await withCheckedContinuation { continuation in
        thread.submit {
            let start = monotonicNanoseconds()
            let result = Result { try body() }
            continuation.resume(returning: (result, Double(monotonicNanoseconds() - start) / 1e9))
        }
    }
}
