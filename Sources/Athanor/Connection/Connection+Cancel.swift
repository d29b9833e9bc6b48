/// The cancellation of a connection's running call: by its task (``Connection/perform(cancellable:_:)``)
/// or by its query timeout (``Connection/awaitSocket(writable:)``). One call runs at a time; a
/// CancelRequest names only the backend, so a cancel that lands after its call ended could hit
/// the next one: a connection whose cancelled call did not end in 57014 is discarded.
extension Connection {
    struct CancelState {
        var nextCall: UInt64 = 0
        var running: UInt64?
        /// Why a cancel of the running call was requested; nil when none was.
        var reason: CancelReason?
        /// Set when the call acted on the request itself (a COPY ended with CopyFail): no
        /// CancelRequest is sent.
        var withdrawn = false
        /// Set when the canceller took the request up: a CancelRequest is on its way.
        var claimed = false
        /// Set when that CancelRequest is done: the server took it, or it was abandoned.
        var completed = false
        /// When the waiting call gives up on a server that does not answer (nanoseconds).
        var abandonAt: UInt64 = .max
        /// How long a cancel may take before the call gives up on the server.
        var cancelTimeout: UInt64 = Connection.defaultCancelTimeout
    }

    enum CancelReason {
        /// The task was cancelled.
        case task
        /// The query timeout passed.
        case timeout
    }

    /// Two seconds: a server that answers at all answers a cancel within milliseconds.
    static let defaultCancelTimeout: UInt64 = 2_000_000_000

    func beginCall() -> UInt64 {
        cancelState.withLock { state in
            state.nextCall += 1
            state.running = state.nextCall
            state.reason = nil
            state.withdrawn = false
            state.claimed = false
            state.completed = false
            state.abandonAt = .max
            return state.nextCall
        }
    }

    /// Asks the canceller to cancel `call`, if it is still running and not cancelled yet, and
    /// sets the time at which the call gives up waiting for the server.
    func requestCancel(call: UInt64, reason: CancelReason) {
        let bound = cancelState.withLock { state -> UInt64? in
            guard state.running == call, state.reason == nil else { return nil }
            state.reason = reason
            state.abandonAt = monotonicNanoseconds() &+ state.cancelTimeout
            return state.cancelTimeout
        }
        guard let bound else { return }
        switch cancelTarget {
        case .key(let key):
            Canceller.shared.cancel(within: bound) { [self] in
                claimCancel(call: call) ? key : nil
            } completed: { [self] in
                completeCancel(call: call)
            }
        case .libpq(let handle):
            Thread.detach(name: "athanor-cancel") { [self] in
                guard claimCancel(call: call) else { return }
                handle.send()
                completeCancel(call: call)
            }
        case nil:
            break
        }
    }

    /// Called by the canceller as it takes the request up: true when it is still wanted.
    private func claimCancel(call: UInt64) -> Bool {
        cancelState.withLock { state in
            guard state.running == call, state.reason != nil, !state.withdrawn else { return false }
            state.claimed = true
            return true
        }
    }

    /// Marks `call`'s CancelRequest done and wakes the call if it waits for it. The flag is set
    /// before the signal, under the condition's lock, so a waiter cannot miss it.
    private func completeCancel(call: UInt64) {
        cancelCompletion.withLock {
            cancelState.withLock { state in
                if state.running == call { state.completed = true }
            }
            cancelCompletion.broadcast()
        }
    }

    /// Waits, at most until the cancel timeout, until a CancelRequest the canceller took up is
    /// done: then it can no longer reach a later statement. Runs on the connection's thread.
    func awaitClaimedCancel() {
        cancelCompletion.withLock {
            while true {
                let (pending, abandonAt) = cancelState.withLock { ($0.claimed && !$0.completed, $0.abandonAt) }
                guard pending, monotonicNanoseconds() < abandonAt else { return }
                _ = cancelCompletion.wait(untilNanoseconds: abandonAt)
            }
        }
    }

    /// Ends a call; returns why it was cancelled, nil when it was not. When a cancel was asked
    /// for and the call did not end in 57014, the CancelRequest may still hit a later statement:
    /// the connection is then discarded.
    func endCall(_ call: UInt64, endedWith sqlState: SQLState?) -> CancelReason? {
        let reason = cancelState.withLock { state -> CancelReason? in
            guard state.running == call else { return nil }
            let reason = state.reason
            state.running = nil
            state.reason = nil
            state.withdrawn = false
            state.claimed = false
            state.completed = false
            state.abandonAt = .max
            return reason
        }
        if reason != nil && sqlState != .queryCanceled { mustDiscard = true }
        return reason
    }

    /// Runs `body` as a call of its own unless one is running (a blocking statement outside
    /// ``perform(cancellable:_:)``), so that its query timeout can cancel it.
    func inCall<T>(_ body: () throws(AthanorError) -> T) throws(AthanorError) -> T {
        guard cancelState.withLock({ $0.running == nil }) else { return try body() }
        let call = beginCall()
        do {
            let value = try body()
            _ = endCall(call, endedWith: nil)
            return value
        } catch {
            _ = endCall(call, endedWith: error.sqlState)
            throw error
        }
    }

    /// The running call's cancel reason, when a cancel was asked for.
    var cancelReason: CancelReason? { cancelState.withLock { $0.reason } }
}
