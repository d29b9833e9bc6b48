import Athanor
import Testing

/// Cancels `task` once its statement runs on `pool` (leased, and 200 ms more for the server to
/// start it), expects `CancellationError`, and returns how long the cancel took to answer.
func cancelWhileRunning<T: Sendable>(
    _ task: Task<T, any Error>, on pool: ConnectionPool
) async throws -> Duration {
    try await waitUntil { pool.counters.inUse == 1 }
    try await Task.sleep(for: .milliseconds(200))
    let cancelled = ContinuousClock.now
    task.cancel()
    await #expect(throws: CancellationError.self) { try await task.value }
    return ContinuousClock.now - cancelled
}
