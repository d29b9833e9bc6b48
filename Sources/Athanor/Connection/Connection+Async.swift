extension Connection {
    /// Runs blocking work for this connection from async code.
    ///
    /// On the connection's own thread (inside a lease, which prefers it as task executor) the
    /// work runs right here. Anywhere else it is handed to that thread and awaited (one hop
    /// each way). Task cancellation sends a CancelRequest (see ``Canceller``), and the call then
    /// reports what the server did: the result when the statement finished first (a write that
    /// committed is never reported as cancelled), `CancellationError` when the server cancelled
    /// it (57014: nothing was applied), the error it ended with otherwise. A server that does not
    /// answer within the cancel timeout is given up on: the connection is closed and the call
    /// throws ``AthanorError/timedOut(_:)``, its outcome unknown. After a cancel the connection
    /// is kept only if the statement really ended with 57014. `cancellable: false` shields the
    /// work (COMMIT, RELEASE, ROLLBACK): it is bounded by the query timeout alone.
    @concurrent
    func perform<T: Sendable>(
        cancellable: Bool = true, _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws -> T {
        try await asCall(cancellable: cancellable) { () async throws(AthanorError) -> T in try await onThread(work) }
    }

    /// Runs `body` as one call of this connection: task cancellation sends a CancelRequest, and
    /// the outcome is reported as ``perform(cancellable:_:)`` says. Where `body` waits (on the
    /// connection's thread, or on the ``EventLoop``) is its own affair.
    func asCall<T>(
        cancellable: Bool, _ body: () async throws(AthanorError) -> T
    ) async throws -> T {
        guard cancellable else { return try await body() }
        try Task.checkCancellation()
        let call = beginCall()
        do {
            let value = try await withTaskCancellationHandler { () async throws(AthanorError) -> T in
                try await body()
            } onCancel: {
                self.requestCancel(call: call, reason: .task)
            }
            _ = endCall(call, endedWith: nil)
            return value
        } catch let error as AthanorError {
            if endCall(call, endedWith: error.sqlState) == .task && error.sqlState == .queryCanceled {
                throw CancellationError()
            }
            throw error
        }
    }

    /// Runs `work` on the connection's thread: right here when the task is on it already.
    func onThread<T: Sendable>(
        _ work: @escaping @Sendable (Connection) throws(AthanorError) -> T
    ) async throws(AthanorError) -> T {
        if isOnItsThread { return try work(self) }
        let result: Result<T, AthanorError> = await withCheckedContinuation { continuation in
            thread.submit {
                continuation.resume(returning: Result { () throws(AthanorError) -> T in try work(self) })
            }
        }
        return try result.get()
    }
}
