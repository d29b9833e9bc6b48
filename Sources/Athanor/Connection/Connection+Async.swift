extension Connection {
    /// Runs blocking work for this connection from async code.
    ///
    /// On the connection's own thread (inside a lease, which prefers it as task executor) the
    /// work runs right here. Anywhere else it is handed to that thread and awaited (one hop
    /// each way). Task cancellation sends a CancelRequest from the canceller thread; after a
    /// cancel the connection is kept only if the statement really ended with 57014.
    /// `cancellable: false` shields the work (COMMIT, RELEASE, ROLLBACK).
    @concurrent
    func perform<T: Sendable>(
        cancellable: Bool = true, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        guard cancellable else { return try await onThread(work) }
        try Task.checkCancellation()
        let call = beginCall()
        do {
            let value = try await withTaskCancellationHandler {
                try await onThread(work)
            } onCancel: {
                self.requestCancel(call: call)
            }
            if endCall(call, endedWith: nil) { throw CancellationError() }
            return value
        } catch let error as AthanorError {
            if endCall(call, endedWith: error.sqlState) { throw CancellationError() }
            throw error
        }
    }

    private func onThread<T: Sendable>(
        _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws(AthanorError) -> T {
        if thread.isCurrent { return try work(self) }
        let result: Result<T, AthanorError> = await withCheckedContinuation { continuation in
            thread.submit {
                continuation.resume(returning: Result { () throws(AthanorError) -> T in try work(self) })
            }
        }
        return try result.get()
    }

    func beginCall() -> UInt64 {
        cancelState.withLock { state in
            state.nextCall += 1
            state.running = state.nextCall
            state.requested = false
            state.withdrawn = false
            return state.nextCall
        }
    }

    func requestCancel(call: UInt64) {
        let post = cancelState.withLock { state -> Bool in
            guard state.running == call, !state.requested else { return false }
            state.requested = true
            return true
        }
        if post { Canceller.cancel(self, call: call) }
    }

    /// Called on the canceller thread. Holds the lock while sending, so the call cannot end
    /// unnoticed in between.
    func sendCancelIfStillRunning(call: UInt64) {
        cancelState.withLock { state in
            guard state.running == call, state.requested, !state.withdrawn else { return }
            cancelHandle?.send()
        }
    }

    /// Ends a call; returns true when it was cancelled. A cancel that raced with a statement
    /// that did not end in 57014 may hit the next statement: the connection is then discarded.
    func endCall(_ call: UInt64, endedWith sqlState: SQLState?) -> Bool {
        let requested = cancelState.withLock { state -> Bool in
            let requested = state.running == call && state.requested
            state.running = nil
            state.requested = false
            state.withdrawn = false
            return requested
        }
        if requested && sqlState != .queryCanceled { mustDiscard = true }
        return requested
    }
}
