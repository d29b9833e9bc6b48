import CLibPQ

extension ConnectionPool {
    /// Leases a connection for the duration of `body`; the task runs on the connection's own
    /// thread meanwhile, so every statement in `body` is a direct libpq call without a hop.
    ///
    /// ```swift
    /// try await pool.withConnection { conn in
    ///     try await conn.execute("UPDATE counters SET n = n + 1 WHERE id = $1", [1])
    /// }
    /// ```
    @concurrent @discardableResult
    public func withConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await lease()
        return try await withTaskExecutorPreference(connection.executor) {
            do {
                let value = try await body(connection)
                releaseOnItsThread(connection)
                return value
            } catch {
                releaseOnItsThread(connection)
                throw error
            }
        }
    }

    /// Blocking form of ``withConnection(_:)``: waits on the calling thread (at most `timeout`)
    /// and runs libpq there. Never call it from async code.
    @discardableResult
    public func withConnectionBlocking<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try leaseBlocking()
        defer { release(connection) }
        return try body(connection)
    }

    func nextRequest(deadline: UInt64) -> LeaseRequest {
        shell.withLock { shell in
            shell.nextRequest += 1
            let request = LeaseRequest(id: shell.nextRequest, deadline: deadline)
            shell.requests[request.id] = request
            return request
        }
    }

    /// An idle connection, leased at once under one lock (no request object, no actions), with
    /// how long it idled and whether it is older than the last disconnect seen; nil when none is
    /// idle (or the first is due for recycling, or the pool is closed): then a request queues.
    func leaseIdle(now: UInt64) -> (connection: Connection, idleFor: UInt64, suspect: Bool)? {
        let leased = shell.withLock { shell -> (Connection, UInt64, Bool, wake: UInt64?)? in
            guard let slot = shell.machine.idle.first, let connection = shell.connections[slot],
                  let (_, idleFor, wake) = shell.machine.leaseIdle(now: now) else { return nil }
            return (connection, idleFor, connection.createdAt < shell.invalidatedAt, wake)
        }
        guard let (connection, idleFor, suspect, wake) = leased else { return nil }
        if let wake { timers.wake(by: wake) }
        return (connection, idleFor, suspect)
    }

    /// A request in the queue of waiters: a new lease at its end, or, in place of a connection
    /// that failed its pre-ping (`replacing`, which is closed and replaced), first in line.
    private func queueRequest(deadline: UInt64, replacing failed: Connection? = nil) -> LeaseRequest {
        let request = nextRequest(deadline: deadline)
        if let failed {
            modify { $0.pingFailed(slot: failed.slot, request: request.id, deadline: deadline, now: monotonicNanoseconds()) }
        } else {
            modify { $0.lease(request: request.id, now: monotonicNanoseconds(), deadline: deadline) }
        }
        return request
    }

    func lease() async throws -> Connection {
        try Task.checkCancellation()
        let now = monotonicNanoseconds()
        let deadline = now &+ configuration.timeout.nanoseconds
        var request: LeaseRequest
        if let (connection, idleFor, suspect) = leaseIdle(now: now) {
            if try await isUsable(connection, idleFor: idleFor, suspect: suspect) { return try checkedDialect(connection) }
            request = queueRequest(deadline: deadline, replacing: connection)
        } else {
            request = queueRequest(deadline: deadline)
        }
        while true {
            let id = request.id
            let outcome = await withTaskCancellationHandler { [request] in
                // Fast path: an idle connection was handed over synchronously. Otherwise the
                // state machine's lease-deadline timer ends the wait at the latest.
                if let outcome = request.completedOutcome { return outcome }
                return await request.wait()
            } onCancel: {
                self.modify { $0.cancel(request: id) }
            }
            guard case .delivered(let connection, let idleFor) = outcome else {
                if case .failed(let error) = outcome { throw error }
                throw CancellationError()
            }
            if Task.isCancelled {
                release(connection, reusable: true)
                throw CancellationError()
            }
            if try await isUsable(connection, idleFor: idleFor) { return try checkedDialect(connection) }
            request = queueRequest(deadline: deadline, replacing: connection)
        }
    }

    func leaseBlocking() throws -> Connection {
        let now = monotonicNanoseconds()
        let deadline = now &+ configuration.timeout.nanoseconds
        var request: LeaseRequest
        if let (connection, idleFor, suspect) = leaseIdle(now: now) {
            if try checkUsable(connection, idleFor: idleFor, suspect: suspect) { return try checkedDialect(connection) }
            request = queueRequest(deadline: deadline, replacing: connection)
        } else {
            request = queueRequest(deadline: deadline)
        }
        while true {
            let outcome = waitBlocking(for: request)
            guard case .delivered(let connection, let idleFor) = outcome else {
                if case .failed(let error) = outcome { throw error }
                throw AthanorError.misuse("lease ended without an outcome")
            }
            if try checkUsable(connection, idleFor: idleFor) { return try checkedDialect(connection) }
            request = queueRequest(deadline: deadline, replacing: connection)
        }
    }

    /// Blocks on the request's condition until it is completed. At its deadline the waiter
    /// delivers the lease-deadline timer's event itself (whichever of it and the timer thread
    /// comes first fails the request); the request has then left the queue, and its outcome is
    /// on its way.
    private func waitBlocking(for request: LeaseRequest) -> LeaseRequest.Outcome {
        if let outcome = request.waitBlocking(until: request.deadline) { return outcome }
        modify { $0.expire(now: monotonicNanoseconds()) }
        return request.waitBlocking()
    }

    /// With `strictDialect`, a server that is not the URL's product is an error.
    private func checkedDialect(_ connection: Connection) throws -> Connection {
        guard configuration.strictDialect, connection.serverDialect != url.dialect else { return connection }
        release(connection, reusable: true)
        throw AthanorError.dialectMismatch(expected: url.dialect, server: connection.serverDialect)
    }

    private func isUsable(_ connection: Connection, idleFor: UInt64, suspect: Bool? = nil) async throws -> Bool {
        if !needsCheck(connection, idleFor: idleFor, suspect: suspect) { return true }
        return try await connection.perform(cancellable: false) { [self] connection throws(AthanorError) in
            try checkUsable(connection, idleFor: idleFor, suspect: suspect)
        }
    }

    /// Pre-ping connections idle for a while, and every connection older than the last
    /// disconnect seen (a restart or failover takes its siblings down too). `suspect` is that
    /// comparison when the caller already made it under the pool's lock.
    private func needsCheck(_ connection: Connection, idleFor: UInt64, suspect: Bool?) -> Bool {
        guard configuration.prePing else { return connection.isBroken }
        let suspect = suspect ?? shell.withLock { connection.createdAt < $0.invalidatedAt }
        return idleFor >= configuration.prePingIdleThreshold.nanoseconds || suspect || connection.isBroken
    }

    /// Pre-ping, cheaply: nothing when recently used; else poll the socket; a round trip only
    /// when the socket shows something. Dead connections are replaced, not reported.
    func checkUsable(_ connection: Connection, idleFor: UInt64, suspect: Bool? = nil) throws(AthanorError) -> Bool {
        guard needsCheck(connection, idleFor: idleFor, suspect: suspect) else { return true }
        if connection.pg.socketLooksHealthy() { return true }
        guard !connection.isBroken else { return false }
        do {
            _ = try connection.runSimple("SELECT 1")
            return true
        } catch {
            return false
        }
    }

    /// Returns a connection from its own thread when possible, else queues the return there.
    func releaseOnItsThread(_ connection: Connection) {
        if connection.isOnItsThread {
            release(connection)
        } else {
            connection.thread.submit { [self] in release(connection) }
        }
    }

    /// Gives back a connection that a task used without its thread: at once when it has no
    /// transaction open (the common case: nothing to send); else on its thread, which rolls back.
    func releaseFromTask(_ connection: Connection) {
        if connection.pg.transactionStatus == PQTRANS_IDLE || connection.isBroken || connection.mustDiscard {
            release(connection)
        } else {
            releaseOnItsThread(connection)
        }
    }

    /// Resets by transaction status and gives the connection back.
    func release(_ connection: Connection, reusable: Bool? = nil) {
        // A transaction that never sent its opening leaves nothing open; the next lease must not inherit it.
        connection.deferredOpening = nil
        if connection.isBroken {
            let now = monotonicNanoseconds()
            shell.withLock { $0.invalidatedAt = now }
        }
        var keep = reusable ?? (!connection.mustDiscard && !connection.isBroken)
        if keep && reusable == nil {
            switch connection.pg.transactionStatus {
            case PQTRANS_IDLE: break
            case PQTRANS_INTRANS, PQTRANS_INERROR: keep = (try? connection.runSimple("ROLLBACK")) != nil
            default: keep = false
            }
        }
        let work = shell.withLock { shell -> ResolvedActions in
            let actions = shell.machine.release(slot: connection.slot, now: monotonicNanoseconds(), reusable: keep)
            return resolve(actions, in: &shell)
        }
        // Handed straight to a waiter: the pool is saturated, so its thread sleeps rather than spins.
        connection.threadIfStarted?.spinsAfterJob.store(work.deliveries.isEmpty, ordering: .relaxed)
        perform(work)
    }
}
