import Synchronization

/// Set once the closed pool's last connection has closed (the state machine's `drained`
/// action): ``ConnectionPool/close()`` waits on it instead of polling.
final class DrainSignal: Sendable {
    private struct State {
        var drained = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Marks the pool drained and resumes every waiter.
    func signal() {
        let waiting = state.withLock { state in
            state.drained = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once the pool is drained.
    func wait() async {
        await withCheckedContinuation { continuation in
            let drained = state.withLock { state in
                if !state.drained { state.waiting.append(continuation) }
                return state.drained
            }
            if drained { continuation.resume() }
        }
    }
}
