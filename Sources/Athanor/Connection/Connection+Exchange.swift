import CLibPQ

/// One request and its results on the wire, within the call's bounds: the query timeout (the
/// server must answer within it, or the statement is cancelled) and, once a cancel was asked
/// for, the cancel timeout (the server must answer the cancel within it, or the connection is
/// given up on). Every statement of the runtime goes through here; nothing else waits for the
/// server.
extension Connection {
    /// Starts a request: sends a transaction's deferred opening first (``deferredOpening``: no
    /// request may run outside the transaction it belongs to), sets the request's deadline,
    /// and checks that the server has not closed an idle connection (a restart, a terminated
    /// backend) before anything is sent, so that such a statement fails as never sent (and is
    /// retried elsewhere), not as ambiguous.
    func startRequest(cancellable: Bool = true) throws(AthanorError) {
        if let opening = deferredOpening {
            try sendingOpening(opening) { () throws(AthanorError) in
                roundTrips += 1
                try send { $0.sendQuery(opening.joined(separator: "; ")) }
                _ = try check(receiveAll(), inFlight: false)
            }
        }
        exchange = Exchange(
            deadline: queryTimeout == .max ? .max : monotonicNanoseconds() &+ queryTimeout,
            cancellable: cancellable)
        if pg.readUnexpectedInput() && pg.isBad { throw failure(nil, inFlight: false) }
    }

    /// Runs `body`, which sends the deferred `opening` (with what follows it, or alone). When
    /// it fails and the server has no transaction open (nothing was sent, or the server refused
    /// the opening), the opening stays deferred, so that no later statement of the transaction
    /// runs outside it, even when the body goes on after the error.
    func sendingOpening<T>(_ opening: [String], _ body: () throws(AthanorError) -> T) throws(AthanorError) -> T {
        deferredOpening = nil
        do {
            return try body()
        } catch {
            if !pg.isBad && pg.transactionStatus == PQTRANS_IDLE { deferredOpening = opening }
            throw error
        }
    }

    /// Starts a request, queues it with `queue`, and sends it.
    func send(cancellable: Bool = true, _ queue: (PGConnection) -> Bool) throws(AthanorError) {
        try startRequest(cancellable: cancellable)
        guard queue(pg) else { throw failure(nil, inFlight: false) }
        try flushOutput()
    }

    /// Sends what libpq has queued, waiting for the socket as needed. A request that could not
    /// be sent whole was not run (the server acts on whole messages, an implicit transaction
    /// commits only at the final Sync).
    func flushOutput() throws(AthanorError) {
        exchange.sent = false
        while try !flushQueued() {
            try awaitSocket(writable: true)
            try readWhileSending()
        }
    }

    /// One attempt at sending what libpq has queued: true when all of it went, false when the
    /// socket is full (wait until writable, then ``readWhileSending()``, then try again).
    func flushQueued() throws(AthanorError) -> Bool {
        switch pg.flush() {
        case .done:
            exchange.sent = true
            return true
        case .failed:
            throw failure(nil, inFlight: false)
        case .pending:
            return false
        }
    }

    /// Reads what the server sent while the request was being sent (a server may answer, or
    /// fail, before it has read everything), so that neither side waits for the other.
    func readWhileSending() throws(AthanorError) {
        guard pg.consumeInput() else { throw failure(nil, inFlight: false) }
    }

    /// The next result of the request, nil when it has no more (in pipeline mode: no more for
    /// the current statement). Waits within the call's bounds.
    func receive() throws(AthanorError) -> PGResult? {
        while pg.isBusy {
            try awaitSocket(writable: false)
            guard pg.consumeInput() else { break }
        }
        return pg.nextResult()
    }

    /// Every result of the request (several for a multi-statement script): the first error, or
    /// else the last result. Stops at a COPY's start, whose data follows.
    func receiveAll() throws(AthanorError) -> PGResult? {
        var results = ReceivedResults()
        while let result = try receive(), !results.take(result, connectionBroken: pg.isBad) {}
        return results.kept
    }

    /// What ``receiveAll()`` keeps of a request's results.
    struct ReceivedResults {
        /// The first error, or else the last result; a COPY's start.
        private(set) var kept: PGResult?

        /// Takes the next result; true when no more should be read (a COPY's data follows, or
        /// the connection broke).
        mutating func take(_ result: PGResult, connectionBroken: Bool) -> Bool {
            switch result.status {
            case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                kept = result
                return true
            default:
                if kept?.isSuccess ?? true { kept = result }
                return connectionBroken
            }
        }
    }

    /// Waits until the socket is ready, within the call's bounds (``socketWaitBound()``).
    func awaitSocket(writable: Bool) throws(AthanorError) {
        while true {
            let until = try socketWaitBound()
            let now = monotonicNanoseconds()
            let milliseconds = Int32(clamping: (until > now ? until - now + 999_999 : 0) / 1_000_000)
            if pg.waitForSocket(writable: writable, milliseconds: milliseconds) { return }
        }
    }

    /// Until when the call may wait for its socket now (monotonic nanoseconds), within its
    /// bounds. At the query deadline a cancellable statement is cancelled (and waited for,
    /// within the cancel timeout); a shielded one (COMMIT), and one whose cancel went
    /// unanswered, is given up on: this throws. The blocking and the async waits both go
    /// through here.
    func socketWaitBound() throws(AthanorError) -> UInt64 {
        while true {
            let now = monotonicNanoseconds()
            let abandonAt = cancelState.withLock { $0.abandonAt }
            if now >= abandonAt { throw abandon(bound: cancelReason == .timeout ? .query : .cancel) }
            if now >= exchange.deadline {
                exchange.deadline = .max
                guard exchange.cancellable, let call = cancelState.withLock({ $0.running }) else {
                    throw abandon(bound: .query)
                }
                requestCancel(call: call, reason: .timeout)
                continue
            }
            return min(exchange.deadline, abandonAt, now &+ Self.cancelCheckInterval)
        }
    }

    /// How often a waiting call looks whether its task asked for a cancel whose answer is overdue.
    static let cancelCheckInterval: UInt64 = 100_000_000

    /// Gives up on the server: closes the connection (the server rolls back what is open) and
    /// returns the timeout error. Whether the statement ran is unknown once it was sent.
    private func abandon(bound: TimeoutFailure.Bound) -> AthanorError {
        let failure = TimeoutFailure(
            bound: bound,
            seconds: Double(bound == .query ? queryTimeout : cancelState.withLock { $0.cancelTimeout }) / 1e9,
            host: pg.host, port: pg.port, sqlState: nil, writeInFlight: exchange.sent)
        mustDiscard = true
        pg.finish()
        return .timedOut(failure)
    }

    /// The state of the request on the wire.
    struct Exchange {
        /// When the server must have answered (nanoseconds), `.max` for no bound.
        var deadline: UInt64 = .max
        /// Whether the statement may be cancelled at its deadline (not COMMIT or RELEASE).
        var cancellable = true
        /// Whether the request was sent whole.
        var sent = false
    }
}

extension PGResult {
    var isSuccess: Bool {
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: true
        default: false
        }
    }
}

extension Connection {
    /// Runs `body` with `timeout` as the query timeout (nil: the connection's own). On the
    /// connection's thread, around blocking statements.
    func withQueryTimeout<T>(_ timeout: Duration?, _ body: () throws(AthanorError) -> T) throws(AthanorError) -> T {
        guard let timeout else { return try body() }
        let saved = queryTimeout
        queryTimeout = timeout.nanoseconds
        defer { queryTimeout = saved }
        return try body()
    }

    /// Applies a pool's bounds: the query timeout and the cancel timeout.
    func applyTimeouts(query: Duration?, cancel: Duration) {
        queryTimeout = query?.nanoseconds ?? .max
        cancelState.withLock { $0.cancelTimeout = cancel.nanoseconds }
    }
}
