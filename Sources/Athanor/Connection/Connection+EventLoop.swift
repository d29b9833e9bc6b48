/// A statement sent by the calling task itself, which then waits for the server on the
/// ``EventLoop`` instead of on the connection's thread: the async driver of the exchange steps
/// of `Connection+Exchange.swift` (its bounds, cancel and failure rules are theirs; only the
/// wait differs). Used for a pool's single statements, a lease per call, where the hop to the
/// connection's thread and back cost more than the statement's own work; such a connection
/// needs no thread of its own.
extension Connection {
    /// The rows of `sql` with `bindings` (prepared first when this connection has not prepared
    /// it yet), sent from the calling task, within the call's bounds (`timeout` in place of the
    /// query timeout, when given): ``run(_:_:)``, waiting on `loop`. Task cancellation is
    /// ``perform(cancellable:_:)``'s: the result when the statement finished first.
    func rows(
        _ sql: String, _ bindings: Bindings, timeout: Duration?, waitingOn loop: EventLoop
    ) async throws -> Rows {
        try await asCall(cancellable: true) { () async throws(AthanorError) -> Rows in
            let saved = queryTimeout
            if let timeout { queryTimeout = timeout.nanoseconds }
            defer { queryTimeout = saved }
            let name = try await prepared(sql, bindings, waitingOn: loop)
            roundTrips += 1
            try await send(waitingOn: loop) { $0.sendQueryPrepared(name: name, bindings: bindings) }
            return try check(await receiveAll(waitingOn: loop), inFlight: true)
        }
    }

    /// ``prepared(_:_:)``, waiting on `loop`: the same cache, the same statements.
    private func prepared(_ sql: String, _ bindings: Bindings, waitingOn loop: EventLoop) async throws(AthanorError) -> PreparedName {
        let key = StatementKey(sql: sql, types: bindings.types)
        if let cached = statements.lookup(key) { return cached }
        let name = statements.nextName()
        roundTrips += 1
        try await send(waitingOn: loop) { $0.sendPrepare(name: name.text, sql: sql, types: bindings.types) }
        _ = try check(await receiveAll(waitingOn: loop), inFlight: false)
        if let evicted = statements.insert(key, name: name) {
            roundTrips += 1
            try await send(waitingOn: loop) { $0.sendQuery("DEALLOCATE \(evicted)") }
            _ = try await receiveAll(waitingOn: loop)
        }
        return name
    }

    /// ``send(cancellable:_:)``, waiting on `loop` while the socket is full.
    private func send(waitingOn loop: EventLoop, _ queue: (PGConnection) -> Bool) async throws(AthanorError) {
        try startRequest()
        guard queue(pg) else { throw failure(nil, inFlight: false) }
        exchange.sent = false
        while try !flushQueued() {
            try await awaitWritable(on: loop)
            try readWhileSending()
        }
    }

    /// ``receiveAll()``, waiting on `loop`.
    private func receiveAll(waitingOn loop: EventLoop) async throws(AthanorError) -> PGResult? {
        var results = ReceivedResults()
        while let result = try await receive(waitingOn: loop), !results.take(result, connectionBroken: pg.isBad) {}
        return results.kept
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

    /// ``awaitSocket(writable:)`` for writing, suspending the task on `loop`.
    private func awaitWritable(on loop: EventLoop) async throws(AthanorError) {
        while true {
            let until = try socketWaitBound()
            if pg.hasDecryptedInput { return }
            if await loop.wait(socket: pg.socket, writable: true, until: until) { return }
        }
    }
}
