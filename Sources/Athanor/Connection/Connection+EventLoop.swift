/// A statement sent by the calling task itself, which then waits for the server on the
/// ``EventLoop`` instead of on the connection's thread: the async driver of the exchange steps
/// of `Connection+Exchange.swift` (its bounds, cancel and failure rules are theirs; only the
/// wait differs). Used for a pool's single statements, a lease per call, where the hop to the
/// connection's thread and back cost more than the statement's own work.
extension Connection {
    /// The rows of `sql` with `bindings`, sent from the calling task when the statement is
    /// prepared on this connection, within the call's bounds (`timeout` in place of the query
    /// timeout, when given); run on the connection's thread otherwise (which prepares it, as
    /// ``run(_:_:)`` does). Task cancellation is ``perform(cancellable:_:)``'s: the result when
    /// the statement finished first.
    func rows(
        _ sql: String, _ bindings: Bindings, timeout: Duration?, waitingOn loop: EventLoop
    ) async throws -> Rows {
        try await asCall(cancellable: true) { () async throws(AthanorError) -> Rows in
            let saved = queryTimeout
            if let timeout { queryTimeout = timeout.nanoseconds }
            defer { queryTimeout = saved }
            guard let rows = try await runIfPrepared(sql, bindings, waitingOn: loop) else {
                return try await onThread { connection throws(AthanorError) in try connection.run(sql, bindings) }
            }
            return rows
        }
    }

    /// Sends `sql` with `bindings` and waits for its result on `loop`, when the statement is in
    /// this connection's cache; nil (nothing sent) when it is not.
    private func runIfPrepared(
        _ sql: String, _ bindings: Bindings, waitingOn loop: EventLoop
    ) async throws(AthanorError) -> Rows? {
        guard let name = statements.lookup(StatementKey(sql: sql, types: bindings.types)) else { return nil }
        roundTrips += 1
        try startRequest()
        guard pg.sendQueryPrepared(name: name, bindings: bindings) else { throw failure(nil, inFlight: false) }
        exchange.sent = false
        while try !flushQueued() {
            try await awaitSocket(writable: true, on: loop)
            try readWhileSending()
        }
        var results = ReceivedResults()
        while let result = try await receive(waitingOn: loop), !results.take(result, connectionBroken: pg.isBad) {}
        return try check(results.kept, inFlight: true)
    }

    /// ``receive()``, waiting on `loop`, which reads the answer as it arrives and resumes the
    /// task once a result is whole.
    private func receive(waitingOn loop: EventLoop) async throws(AthanorError) -> PGResult? {
        while pg.isBusy {
            let until = try socketWaitBound()
            if !pg.hasDecryptedInput, await loop.waitForResult(of: pg, until: until), !pg.isBusy { break }
            // The bound passed, TLS holds bytes the socket does not show, or the loop's read failed.
            guard pg.consumeInput() else { break }
        }
        return pg.nextResult()
    }

    /// ``awaitSocket(writable:)``, suspending the task on `loop`.
    private func awaitSocket(writable: Bool, on loop: EventLoop) async throws(AthanorError) {
        while true {
            let until = try socketWaitBound()
            if pg.hasDecryptedInput { return }
            if await loop.wait(socket: pg.socket, writable: writable, until: until) { return }
        }
    }
}
